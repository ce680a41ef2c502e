// npm run bench:cases [-- --label seeded|1M] [--no-write]   (DATABASE_URL: the database to measure)
// The case filter (issue 26, ADR 0017) on every page that takes it, through the data functions the
// pages, exports and API share (no HTTP): a case takes the base query (no rollup knows actions) and
// its answers are not cached, so every call below is a full computation. Writes its lines to
// BENCHMARKS.md between the markers of its label.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { label: { type: 'string', default: 'seeded' }, case: { type: 'string', default: 'iran-drones' }, 'no-write': { type: 'boolean' } }, strict: true });
if (!process.env.DATABASE_URL) throw new Error('Set DATABASE_URL to the database to measure.');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x < 10 ? x.toFixed(1) : x.toFixed(0)} ms`;

async function time(run: () => Promise<unknown>): Promise<{ median: number; worst: number }> {
  await run(); // first call: plans and connections
  const xs: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    await run();
    xs.push(performance.now() - t0);
  }
  return { median: median(xs), worst: Math.max(...xs) };
}

async function main() {
  const { prisma, disconnectPrisma } = await import('../../lib/db/client');
  const { getTimelineData, getCoverage, getKpis } = await import('../../lib/db/metrics');
  const { parseDashboardQuery } = await import('../../lib/validation/dashboard');
  const { getCase } = await import('../../lib/db/cases/cases');
  const { getLagAnalysis } = await import('../../lib/db/analysis/lag');
  const { resolveLagCohort } = await import('../../lib/db/analysis/cohort');
  const { listDesignatingAuthorities } = await import('../../lib/db/analysis/authorities');
  const { parseLagQuery } = await import('../../lib/validation/lag');
  const { getSupplierOverview } = await import('../../lib/db/suppliers/overview');
  const { parseSuppliersQuery } = await import('../../lib/validation/suppliers');
  const { searchEntities } = await import('../../lib/db/search');
  const { entityListQuerySchema } = await import('../../lib/validation/entities');
  const { issueVerifiedPrincipal } = await import('../../lib/auth/verified');
  try {
    const email = 'bench-cases@example.org';
    const user = await prisma.user.upsert({ where: { email }, update: {}, create: { email, role: 'ANALYST', passwordHash: 'x' } });
    const viewer = issueVerifiedPrincipal({ id: user.id, email, name: null, role: user.role, mustChangePassword: false });
    const [row] = await prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM designation WHERE deleted_at IS NULL`;
    const slug = values.case!;
    const overview = (params: Record<string, string>) => {
      const q = parseDashboardQuery({ case: slug, ...params }).query;
      return () => Promise.all([getTimelineData(viewer, q), getCoverage(viewer, q)]);
    };
    const lag = async () => {
      const q = parseLagQuery({ case: slug }).query;
      const available = (await listDesignatingAuthorities(viewer)).map((a) => a.id);
      const { cohort } = await resolveLagCohort(viewer, q);
      return getLagAnalysis(viewer, q, available, cohort);
    };
    const cases: Array<[string, () => Promise<unknown>]> = [
      ['overview, quarters 2022–23 by authority (series + coverage)', overview({ from: '2022', to: '2023' })],
      ['overview, months since 2015, split by case', overview({ granularity: 'month', split: 'case' })],
      ['overview, sanctions actions per quarter', overview({ measure: 'actions', from: '2022', to: '2023' })],
      ['key figures following the filters (designations, entities, actions), case 2022–23', () => getKpis(viewer, parseDashboardQuery({ case: slug, from: '2022', to: '2023' }).query)],
      ['case page (actions, authorities, entities, quarters)', () => getCase(viewer, slug)],
      ['lag page, cohort = case (entity and action level)', lag],
      ['suppliers, case filter', () => getSupplierOverview(viewer, parseSuppliersQuery({ case: slug }).query)],
      ['entity search, case facet (no name query)', () => searchEntities(viewer, entityListQuerySchema.parse({ case: slug }))],
      ['entity search, case facet with a name query ("shahed")', () => searchEntities(viewer, entityListQuerySchema.parse({ case: slug, q: 'shahed' }))],
    ];
    const lines: string[] = [];
    for (const [label, run] of cases) {
      const t = await time(run);
      lines.push(`${label}: median ${ms(t.median)} (worst of 10 ${ms(t.worst)})`);
      console.log(lines.at(-1));
    }
    const section = [
      `<!-- bench:cases:${values.label}:start -->`,
      `- **${values.label}** (${(row?.n ?? 0).toLocaleString('en-GB')} designations, case \`${slug}\`; ${new Date().toISOString().slice(0, 10)}, load average ${os.loadavg()[0]!.toFixed(1)}):`,
      ...lines.map((l) => `  - ${l}`),
      `<!-- bench:cases:${values.label}:end -->`,
    ].join('\n');
    if (!values['no-write']) {
      const bench = readFileSync('BENCHMARKS.md', 'utf8');
      const re = new RegExp(`<!-- bench:cases:${values.label}:start -->[\\s\\S]*?<!-- bench:cases:${values.label}:end -->`);
      const heading = '## Cases (issue 26): the case filter on every page that takes it';
      const intro =
        'Measured by `npm run bench:cases` (scripts/bench/cases.ts) against the database in DATABASE_URL, through the data functions the pages, exports and API share (no HTTP). A case filter is answered by the base query (the rollups know no actions) and is not cached, so each figure is a full computation; median of 10 after one call. The predicate is `designation.action_id IN (the case’s actions)`, read through the action index.';
      writeFileSync('BENCHMARKS.md', re.test(bench) ? bench.replace(re, section) : `${bench.trimEnd()}\n\n${heading}\n${intro}\n${section}\n`);
    }
  } finally {
    await disconnectPrisma();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`bench:cases failed: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
  },
);
