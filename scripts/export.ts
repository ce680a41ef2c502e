// npm run export -- --format <ftm|csv> [--authority ID] [--out FILE]
// Writes the database (or the entities designated by one authority) as FollowTheMoney JSON lines or
// CSV to FILE (default: stdout). Works on DATABASE_URL or the embedded database.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { resolveDatabase } from '../lib/db/embedded';
import { applyMigrations } from '../lib/db/migrations';

const argsSchema = z.object({
  format: z.enum(['ftm', 'csv'], { message: '--format must be ftm or csv' }),
  authority: z.string().trim().min(1).max(80).optional(),
  out: z.string().min(1).optional(),
});

async function main() {
  const { values } = parseArgs({ options: { format: { type: 'string' }, authority: { type: 'string' }, out: { type: 'string' } }, strict: true });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
  const args = parsed.data;
  const db = await resolveDatabase();
  process.env.DATABASE_URL = db.url;
  try {
    await applyMigrations(db.url);
    const { exportFtm } = await import('../lib/export/ftm');
    const { exportCsv } = await import('../lib/export/csv');
    const out = args.out ? createWriteStream(args.out) : process.stdout;
    const filter = { authorityId: args.authority ?? null };
    let lines = 0;
    for await (const line of args.format === 'ftm' ? exportFtm(filter) : exportCsv(filter)) {
      if (!out.write(line)) await once(out, 'drain');
      lines++;
    }
    if (args.out) {
      out.end();
      await once(out, 'finish');
    }
    process.stderr.write(`exported ${lines} ${args.format === 'ftm' ? 'FtM entities' : 'CSV lines'}${args.out ? ` to ${args.out}` : ''}\n`);
  } finally {
    const { disconnectPrisma } = await import('../lib/db/client');
    await disconnectPrisma();
    await db.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`export failed: ${(err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ')}\n`);
    process.exit(1);
  },
);
