// npm run db:restore -- FILE [--force]
// Restores a backup made by `npm run db:backup` into DATABASE_URL or the embedded database, in one
// transaction. A new database is migrated first; the backup's migrations must match the
// database's; a database holding data is refused unless --force (which replaces all of it).
import { createReadStream, existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { resolveDatabase } from '../lib/db/embedded';
import { restoreDatabase } from '../lib/db/backup';
import { applyMigrations } from '../lib/db/migrations';

async function main() {
  const { values, positionals } = parseArgs({ options: { force: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new Error('usage: npm run db:restore -- FILE [--force]');
  if (!existsSync(file)) throw new Error(`no such file: ${file}`);
  const db = await resolveDatabase();
  try {
    const counts = await restoreDatabase(db.url, createReadStream(file), { force: values.force, migrate: applyMigrations });
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    process.stderr.write(`restored ${total} rows of ${Object.keys(counts).length} tables from ${file}\n`);
  } finally {
    await db.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`restore failed: ${(err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ')}\n`);
    process.exit(1);
  },
);
