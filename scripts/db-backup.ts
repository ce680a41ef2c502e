// npm run db:backup -- [--out FILE]
// A consistent logical backup of every table (lib/db/backup.ts) of DATABASE_URL or the embedded
// database, as JSON lines, to FILE (default: backups/sanctions-tracker-<UTC time>.jsonl).
import { createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveDatabase } from '../lib/db/embedded';
import { backupDatabase } from '../lib/db/backup';

async function main() {
  const { values } = parseArgs({ options: { out: { type: 'string' } }, strict: true });
  const out = values.out ?? path.join('backups', `sanctions-tracker-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`);
  mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const db = await resolveDatabase();
  const tmp = `${out}.partial`;
  try {
    const file = createWriteStream(tmp, { flags: 'wx', mode: 0o600 });
    const counts = await backupDatabase(db.url, file);
    file.end();
    await once(file, 'finish');
    // NOTE: written under another name and renamed when complete: a backup file is never half a backup.
    const { renameSync } = await import('node:fs');
    renameSync(tmp, out);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    process.stderr.write(`backed up ${total} rows of ${Object.keys(counts).length} tables to ${out}\n`);
  } catch (err) {
    const { rmSync } = await import('node:fs');
    rmSync(tmp, { force: true });
    throw err;
  } finally {
    await db.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`backup failed: ${(err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ')}\n`);
    process.exit(1);
  },
);
