// npm run db:seed — idempotent: run it any number of times; it creates what is missing, corrects
// source facts that changed, and never overwrites an admin's edits. Real data only (data/README.md).
import { resolveDatabase } from '../lib/db/embedded';
import { applyMigrations } from '../lib/db/migrations';

export async function runSeed(log: (line: string) => void = console.log): Promise<void> {
  // Imported late: the client reads DATABASE_URL when first used.
  const { prisma } = await import('../lib/db/client');
  const { seedAuthorities } = await import('./seed/authorities');
  const { seedMilestones } = await import('./seed/milestones');
  const { seedPrograms } = await import('./seed/programs');
  const { seedOfacHistory } = await import('./seed/ofac-history');
  const { seedDroneCase } = await import('./seed/drone-case');
  const { seedOfficialLists } = await import('./seed/official-lists');
  const { seedOfacEnrichment } = await import('./seed/ofac-enrichment');
  const { seedNormalize } = await import('./seed/normalize');
  const { seedResolution } = await import('./seed/resolution');
  const { seedActions } = await import('./seed/actions');
  const { seedSources } = await import('./seed/sources');

  // NOTE: the official lists come after the drone case, which unifies their records of its entities.
  // NOTE: the program registry before every list: it titles their programs and decides renames.
  const steps = [seedAuthorities, seedPrograms, seedMilestones, seedOfacHistory, seedOfacEnrichment, seedDroneCase, seedNormalize, seedOfficialLists, seedResolution, seedActions, seedSources];
  for (const step of steps) {
    const started = Date.now();
    const report = await step(prisma);
    await prisma.auditEvent.create({ data: { actorLabel: 'system:seed', action: 'seed.run', targetType: 'Dataset', targetId: String(report.dataset), meta: report } });
    log(`seed ${report.dataset}: ${Object.entries(report).filter(([k]) => k !== 'dataset').map(([k, v]) => `${k} ${v}`).join(', ')} (${Date.now() - started} ms)`);
  }
  // NOTE: fresh statistics after a bulk load. Without them the planner takes the new tables for empty
  // and picks nested loops that turn the analysis queries (lib/db/analysis/) from 1 s into 30 s.
  await prisma.$executeRaw`ANALYZE`;
}

async function main() {
  const db = await resolveDatabase();
  process.env.DATABASE_URL = db.url;
  try {
    await applyMigrations(db.url);
    await runSeed();
  } finally {
    const { disconnectPrisma } = await import('../lib/db/client');
    await disconnectPrisma();
    await db.stop();
  }
}

// Run only as a script (the start script and the tests import runSeed).
if (process.argv[1] && /seed\.ts$/.test(process.argv[1])) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(`db:seed failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
