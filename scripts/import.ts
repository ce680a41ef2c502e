// npm run import -- --format <ftm|ofac-sdn-csv|ofac-sdn-xml|un-xml|eu-csv|eu-xml|uk-csv|uk-xml> [--dry-run] [--date YYYY-MM-DD] [--allow-mass-lift] [--allow-older] FILE...
// Imports official sanctions lists into DATABASE_URL (or the embedded database): streamed, applied in
// one transaction, idempotent. Progress on stderr; the last line on stdout is
// `created N, changed N, lifted N, unchanged N`. On failure: exit 1 with a one-line reason.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { resolveDatabase } from '../lib/db/embedded';
import { applyMigrations } from '../lib/db/migrations';
import { IMPORT_FORMATS, type ParseProgress } from '../lib/import/types';
import { formatProgress } from '../lib/import/progress';

const argsSchema = z.object({
  format: z.enum(IMPORT_FORMATS, { message: `--format must be one of ${IMPORT_FORMATS.join(', ')}` }),
  'dry-run': z.boolean().default(false),
  'allow-mass-lift': z.boolean().default(false),
  'allow-older': z.boolean().default(false),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '--date must be YYYY-MM-DD').optional(),
  files: z.array(z.string()).min(1, 'give at least one FILE to import'),
});

async function main() {
  const { values, positionals } = parseArgs({
    options: { format: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'allow-mass-lift': { type: 'boolean' }, 'allow-older': { type: 'boolean' }, date: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const parsed = argsSchema.safeParse({ ...values, files: positionals });
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
  const args = parsed.data;

  const db = await resolveDatabase();
  process.env.DATABASE_URL = db.url;
  try {
    await applyMigrations(db.url);
    const { runImport } = await import('../lib/import/run');
    const { systemActor } = await import('../lib/db/audit');
    const started = Date.now();
    let last = 0;
    const tty = process.stderr.isTTY;
    const onProgress = (p: ParseProgress) => {
      const now = Date.now();
      if (now - last < (tty ? 150 : 2000)) return;
      last = now;
      const line = formatProgress(p, now - started);
      process.stderr.write(tty ? `\r${line}\x1b[K` : `${line}\n`);
    };
    const result = await runImport({
      format: args.format,
      files: args.files,
      dryRun: args['dry-run'],
      allowMassLift: args['allow-mass-lift'],
      allowOlder: args['allow-older'],
      editionDate: args.date ?? null,
      actor: systemActor('cli:import'),
      onProgress,
      onPhase: (phase, records) => {
        if (tty) process.stderr.write('\r\x1b[K');
        process.stderr.write(phase === 'staged' ? `read ${records} records; comparing with the database…\n` : phase === 'writing' ? 'writing (one transaction)…\n' : 'committing…\n');
      },
    });
    for (const [what, n] of Object.entries(result.report.notModelled)) process.stderr.write(`not modelled: ${what}: ${n}\n`);
    for (const [what, n] of Object.entries(result.report.warnings)) process.stderr.write(`note: ${what}: ${n}\n`);
    if (result.dryRun) {
      for (const s of result.samples) console.log(`${s.status} ${s.key}${Object.keys(s.changes).length ? `: ${JSON.stringify(s.changes).slice(0, 300)}` : ''}`);
      console.log('dry run: nothing was written');
    } else {
      console.log(`import run ${result.runId} applied in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    console.log(`created ${result.created}, changed ${result.changed}, lifted ${result.lifted}, unchanged ${result.unchanged}`);
  } finally {
    const { disconnectPrisma } = await import('../lib/db/client');
    await disconnectPrisma();
    await db.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    const message = (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').trim();
    process.stderr.write(`\nimport failed: ${message}\n`);
    process.exit(1);
  },
);
