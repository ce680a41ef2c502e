// npm run bench:event-study [-- --label seeded|1M] [--regroup] [--no-write]   (DATABASE_URL: the database to measure)
// The event study over every milestone × authority with 1,000 placebo dates (lib/db/event-study):
// after a write (a new rollup version: daily counts read again, every study computed) and warm (the
// answer cached at that version), for both measures. Writes its line to BENCHMARKS.md between the
// markers of its label, so the seeded and the 1M figures sit side by side. Target (issue 25): within
// 300 ms at the seeded scale, 2 s at 1M designations.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';

// --regroup: rebuild the sanctions actions first, timed (a synthetic dataset has none until then).
const { values } = parseArgs({ options: { label: { type: 'string', default: 'seeded' }, 'no-write': { type: 'boolean' }, regroup: { type: 'boolean' } }, strict: true });
if (!process.env.DATABASE_URL) throw new Error('Set DATABASE_URL to the database to measure (the seeded one, or st_bench_data_1000000).');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(0)} ms`;

async function main() {
  const { prisma, disconnectPrisma } = await import('../../lib/db/client');
  const { getEventStudy } = await import('../../lib/db/event-study/study');
  const { eventStudyQuerySchema } = await import('../../lib/validation/event-study');
  const { issueVerifiedPrincipal } = await import('../../lib/auth/verified');
  try {
    // The CLI's caller: a user row of this database (an analyst), as the resolvers issue one.
    const email = 'bench-event-study@example.org';
    const user = await prisma.user.upsert({ where: { email }, update: {}, create: { email, role: 'ANALYST', passwordHash: 'x' } });
    const viewer = issueVerifiedPrincipal({ id: user.id, email, name: null, role: user.role, mustChangePassword: false });
    const [row] = await prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM designation WHERE deleted_at IS NULL`;
    const n = row?.n ?? 0;
    const lines: string[] = [];
    if (values.regroup) {
      const { groupActions } = await import('../../lib/db/sanctions-actions/grouping');
      const t0 = performance.now();
      const g = await prisma.$transaction((tx) => groupActions(tx), { timeout: 3_600_000, maxWait: 60_000 });
      lines.push(`grouping every designation into sanctions actions (a full rebuild, as the seed does): ${ms(performance.now() - t0)} (${g.actions.toLocaleString('en-GB')} actions written, ${g.assigned.toLocaleString('en-GB')} designations assigned)`);
    }
    for (const measure of ['designations', 'actions'] as const) {
      const q = eventStudyQuerySchema.parse({ measure });
      const cold: number[] = [];
      const warm: number[] = [];
      let studies = 0;
      for (let i = 0; i < 5; i++) {
        // As after any committed designation change: the cached daily counts and answers are stale.
        await prisma.$executeRaw`SELECT st_bump_rollup_version()`;
        const t0 = performance.now();
        const s = await getEventStudy(viewer, q);
        cold.push(performance.now() - t0);
        studies = s.rows.length;
      }
      for (let i = 0; i < 10; i++) {
        const t0 = performance.now();
        await getEventStudy(viewer, q);
        warm.push(performance.now() - t0);
      }
      lines.push(`${measure}: ${studies} studies (milestones × authorities) × 1,000 placebos — after a write median ${ms(median(cold))} (worst ${ms(Math.max(...cold))}), warm median ${ms(median(warm))}`);
    }
    const section = [
      `<!-- bench:event-study:${values.label}:start -->`,
      `- **${values.label}** (${n.toLocaleString('en-GB')} designations; ${new Date().toISOString().slice(0, 10)}, load average ${os.loadavg()[0]!.toFixed(1)}):`,
      ...lines.map((l) => `  - ${l}`),
      `<!-- bench:event-study:${values.label}:end -->`,
    ].join('\n');
    console.log(section);
    if (!values['no-write']) {
      const bench = readFileSync('BENCHMARKS.md', 'utf8');
      const re = new RegExp(`<!-- bench:event-study:${values.label}:start -->[\\s\\S]*?<!-- bench:event-study:${values.label}:end -->`);
      const heading = '## Event study (issue 25): every milestone × authority, 1,000 placebo dates';
      const described = /^Measured by `npm run bench:event-study`.*$/m;
      const next = re.test(bench)
        ? bench.replace(re, section)
        : bench.includes(heading) && described.test(bench)
          ? bench.replace(described, (line) => `${line}\n${section}`)
          : `${bench.trimEnd()}\n\n${heading}\nMeasured by \`npm run bench:event-study\` (scripts/bench/event-study.ts) against the database in DATABASE_URL, calling the data function the page, export and API share (no HTTP). "After a write": a new rollup version first, so the daily counts are read again and every study computed; "warm": the answer cached at that version. Target: 300 ms seeded, 2 s at 1M.\n${section}\n`;
      writeFileSync('BENCHMARKS.md', next);
    }
  } finally {
    await disconnectPrisma();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`bench:event-study failed: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
  },
);
