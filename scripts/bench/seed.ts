// npm run bench:seed — how long the demo seed takes (it runs at every e2e start and in `npm start` on
// an empty database): a first seed and a second one, per step, on a fresh database of the local
// PostgreSQL (TEST_DATABASE_URL or 127.0.0.1:5432), dropped afterwards. Writes .bench/seed.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { createFreshDatabase } from '../../test/database';
import { applyMigrations } from '../../lib/db/migrations';

async function timedSeed(): Promise<{ totalMs: number; steps: string[] }> {
  const { runSeed } = await import('../../prisma/seed');
  const steps: string[] = [];
  const t = Date.now();
  await runSeed((line) => steps.push(line));
  return { totalMs: Date.now() - t, steps };
}

async function main() {
  const db = await createFreshDatabase('st_bench_seed');
  process.env.DATABASE_URL = db.url;
  try {
    await applyMigrations(db.url);
    const first = await timedSeed();
    const second = await timedSeed();
    const { disconnectPrisma } = await import('../../lib/db/client');
    await disconnectPrisma();
    const load = os.loadavg()[0]?.toFixed(1);
    const md = [
      '## Demo seed',
      '',
      `A fresh PostgreSQL database; \`runSeed\` twice (load average at the end: ${load} on ${os.cpus().length} cores).`,
      'The seed loads the OFAC history, the drone case and the real EU, UK and UN lists (through the importers).',
      '',
      '| run | total | steps |',
      '|---|---|---|',
      `| first (empty database) | ${(first.totalMs / 1000).toFixed(1)} s | ${first.steps.map((s) => s.replace(/\|/g, '/')).join('<br>')} |`,
      `| second (nothing to do) | ${(second.totalMs / 1000).toFixed(1)} s | ${second.steps.map((s) => s.replace(/\|/g, '/')).join('<br>')} |`,
      '',
    ].join('\n');
    mkdirSync('.bench', { recursive: true });
    writeFileSync('.bench/seed.md', md);
    console.log(md);
  } finally {
    await db.drop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`bench:seed failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
