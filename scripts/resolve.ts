// npm run resolve [-- --dry-run]
// Cross-list resolution over every list's source records (lib/db/resolution/resolve.ts), in full: the
// same matcher the imports run incrementally. A progress bar on stderr (cli-progress); the last line
// on stdout is `records N, pairs N, merged N, review N`. --dry-run scores and plans, writes nothing.
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { resolveDatabase } from '../lib/db/embedded';
import { applyMigrations } from '../lib/db/migrations';

async function main() {
  const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean' } }, strict: true });
  const dryRun = values['dry-run'] ?? false;
  const db = await resolveDatabase();
  process.env.DATABASE_URL = db.url;
  try {
    await applyMigrations(db.url);
    const { prisma, disconnectPrisma } = await import('../lib/db/client');
    const { resolveEntities } = await import('../lib/db/resolution/resolve');
    const { systemActor } = await import('../lib/db/audit');
    const bar = new cliProgress.SingleBar({ format: ' {phase} [{bar}] {percentage}% | {value}/{total} pairs', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
    let started = false;
    const t0 = Date.now();
    const summary = await prisma.$transaction(
      (tx) => resolveEntities(tx, {
        actor: systemActor('cli:resolve'), dryRun,
        onProgress: (phase, done, total) => {
          if (!started) {
            bar.start(total, 0, { phase });
            started = true;
          }
          bar.update(done, { phase });
        },
      }),
      { timeout: 1_800_000, maxWait: 60_000 },
    );
    if (started) bar.stop();
    if (!dryRun) {
      const { timings, ...counts } = summary;
      await prisma.auditEvent.create({ data: { actorLabel: 'cli:resolve', action: 'resolution.run', targetType: 'Dataset', targetId: 'resolution', meta: { ...counts, timings } } });
    }
    if (process.env.RESOLVE_DEBUG) process.stderr.write(`timings (ms): ${JSON.stringify(summary.timings)}\n`);
    process.stderr.write(`${dryRun ? 'dry run: nothing written; ' : ''}${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    console.log(`records ${summary.records}, pairs ${summary.pairs}, merged ${summary.merged}, review ${summary.reviewPairs}${dryRun ? ' (dry run)' : ''}`);
    await disconnectPrisma();
  } finally {
    await db.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`resolve failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
