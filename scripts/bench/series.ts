// Suite `series`: the overview series API (/api/v1/series) over HTTP, warm, for 10 representative
// filter sets, against the bare SQL date_trunc/GROUP BY over the designation table run through the
// same driver (node-postgres, which the app's Prisma adapter uses). Median, p95 and the ratio.
import pg from 'pg';
import { rollupOf } from '../../lib/db/metrics';
import { pgConfigFromUrl } from '../../lib/db/url';
import { dashboardQuerySchema } from '../../lib/validation/dashboard';
import { searchParamsToObject } from '../../lib/validation/search-params';
import { benchScale, createBenchUser, ensureBenchDatabase, log, met, ms, runSuite, startApp, stats, timed, writeSection, type Stats } from './lib';

type FilterSet = { name: string; qs: string; bare: string; params: unknown[] };

const D = `designation d`;
const LIVE = `d.deleted_at IS NULL`;
export const FILTER_SETS: FilterSet[] = [
  { name: 'default: quarters since 2015, by authority', qs: '', bare: `SELECT date_trunc('quarter', d.listing_date) AS bin, d.authority_id, count(*) FROM ${D} WHERE ${LIVE} AND d.listing_date >= $1 GROUP BY 1, 2`, params: ['2015-01-01'] },
  { name: 'months since 2000, by authority', qs: 'granularity=month&from=2000', bare: `SELECT date_trunc('month', d.listing_date) AS bin, d.authority_id, count(*) FROM ${D} WHERE ${LIVE} AND d.listing_date >= $1 GROUP BY 1, 2`, params: ['2000-01-01'] },
  { name: 'years since 2000, by entity type', qs: 'granularity=year&from=2000&split=schema', bare: `SELECT date_trunc('year', d.listing_date) AS bin, e.schema, count(*) FROM ${D} JOIN entity e ON e.id = d.entity_id WHERE ${LIVE} AND d.listing_date >= $1 GROUP BY 1, 2`, params: ['2000-01-01'] },
  { name: 'EU and UK, months since 2010', qs: 'granularity=month&from=2010&authority=EU&authority=UK', bare: `SELECT date_trunc('month', d.listing_date) AS bin, d.authority_id, count(*) FROM ${D} WHERE ${LIVE} AND d.listing_date >= $1 AND d.authority_id = ANY($2) GROUP BY 1, 2`, params: ['2010-01-01', ['EU', 'UK']] },
  { name: 'people only, quarters since 2000', qs: 'from=2000&schema=Person', bare: `SELECT date_trunc('quarter', d.listing_date) AS bin, d.authority_id, count(*) FROM ${D} JOIN entity e ON e.id = d.entity_id WHERE ${LIVE} AND d.listing_date >= $1 AND e.schema = 'Person' GROUP BY 1, 2`, params: ['2000-01-01'] },
  { name: 'date in force (start date), quarters since 2018', qs: 'basis=start&from=2018', bare: `SELECT date_trunc('quarter', d.start_date) AS bin, d.authority_id, count(*) FROM ${D} WHERE ${LIVE} AND d.start_date >= $1 GROUP BY 1, 2`, params: ['2018-01-01'] },
  { name: 'a milestone window: months Feb 2022 – Jan 2023', qs: 'granularity=month&from=2022-02&to=2023-01', bare: `SELECT date_trunc('month', d.listing_date) AS bin, d.authority_id, count(*) FROM ${D} WHERE ${LIVE} AND d.listing_date BETWEEN $1 AND $2 GROUP BY 1, 2`, params: ['2022-02-01', '2023-01-31'] },
  { name: 'by program since 2020', qs: 'split=program&from=2020', bare: `SELECT date_trunc('quarter', d.listing_date) AS bin, dp.program_id, count(*) FROM ${D} JOIN designation_program dp ON dp.designation_id = d.id WHERE ${LIVE} AND d.listing_date >= $1 GROUP BY 1, 2`, params: ['2020-01-01'] },
  { name: 'entities of Russia since 2014', qs: 'country=ru&from=2014', bare: `SELECT date_trunc('quarter', d.listing_date) AS bin, d.authority_id, count(*) FROM ${D} JOIN entity e ON e.id = d.entity_id WHERE ${LIVE} AND d.listing_date >= $1 AND 'ru' = ANY(e.countries) GROUP BY 1, 2`, params: ['2014-01-01'] },
  { name: 'OFAC program IRAN since 2010', qs: 'authority=US-OFAC&program=US-OFAC:IRAN&from=2010', bare: `SELECT date_trunc('quarter', d.listing_date) AS bin, d.authority_id, count(*) FROM ${D} JOIN designation_program dp ON dp.designation_id = d.id WHERE ${LIVE} AND d.listing_date >= $1 AND d.authority_id = 'US-OFAC' AND dp.program_id = 'bench-p-US-OFAC-IRAN' GROUP BY 1, 2`, params: ['2010-01-01'] },
];

// `api`: warm requests, answered from the cache at the rollup version (lib/db/rollup-cache.ts) — on
// the base path too, for these sets (program and country read nothing that sets no version);
// `uncached`: each request right after a rollup change (the version set anew), so it recomputes.
export type SeriesResult = { name: string; qs: string; source: 'rollup' | 'base'; rows: number; api: Stats; uncached: Stats; bare: Stats; ratio: number; uncachedRatio: number };

const parse = (qs: string) => dashboardQuerySchema.parse(searchParamsToObject(new URLSearchParams(qs)));

export function sourceOf(qs: string): 'rollup' | 'base' {
  return rollupOf(parse(qs)) ? 'rollup' : 'base';
}

const ROLLUP_NAMES = { month: 'designation_month_count', program: 'program-set rollup', country: 'country-set rollup' } as const;

/** Which table answers the set's series (lib/db/metrics.ts rollupOf). */
function answeredFrom(qs: string): string {
  const rollup = rollupOf(parse(qs));
  return rollup ? ROLLUP_NAMES[rollup] : 'base aggregate (rows)';
}

/** Warm-up, then `reps` alternating samples of the API and of the bare query per filter set. */
export async function measureSeries(opts: { baseUrl: string; token: string; dbUrl: string; reps: number; sets?: FilterSet[] }): Promise<SeriesResult[]> {
  const client = new pg.Client(pgConfigFromUrl(opts.dbUrl));
  await client.connect();
  const headers = { authorization: `Bearer ${opts.token}` };
  const out: SeriesResult[] = [];
  try {
    for (const set of opts.sets ?? FILTER_SETS) {
      const url = `${opts.baseUrl}/api/v1/series${set.qs ? `?${set.qs}` : ''}`;
      const get = async () => {
        const res = await fetch(url, { headers });
        if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
        return (await res.json()) as { rows: unknown[] };
      };
      // The base aggregate takes seconds at 1M on a shared machine: fewer samples of what computes it
      // (after a write, and the bare query, which costs as much); warm requests are cached on both paths.
      const isBase = sourceOf(set.qs) === 'base';
      const computeReps = isBase ? Math.min(opts.reps, 3) : opts.reps;
      let rows = 0;
      for (let i = 0; i < (isBase ? 1 : 3); i++) {
        rows = (await get()).rows.length;
        await client.query(set.bare, set.params);
      }
      const api: number[] = [];
      const uncached: number[] = [];
      const bare: number[] = [];
      for (let i = 0; i < opts.reps; i++) {
        api.push((await timed(get))[0]);
        if (i >= computeReps) continue;
        bare.push((await timed(() => client.query(set.bare, set.params)))[0]);
        // What any committed designation change does to the cache: a new rollup version.
        await client.query('SELECT st_bump_rollup_version()');
        uncached.push((await timed(get))[0]);
      }
      const a = stats(api);
      const u = stats(uncached);
      const b = stats(bare);
      out.push({ name: set.name, qs: set.qs, source: sourceOf(set.qs), rows, api: a, uncached: u, bare: b, ratio: a.median / b.median, uncachedRatio: u.median / b.median });
    }
  } finally {
    await client.end();
  }
  return out;
}

export function seriesTable(results: SeriesResult[]): string {
  return [
    '| filter set | answered from | API median (warm) | API p95 (warm) | API median after a write | API p95 after a write | bare SQL median | ratio warm / bare | ratio after a write / bare |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${r.name} (\`${r.qs || '(defaults)'}\`) | ${answeredFrom(r.qs)} | ${ms(r.api.median)} ms | ${ms(r.api.p95)} ms | ${ms(r.uncached.median)} ms | ${ms(r.uncached.p95)} ms | ${ms(r.bare.median)} ms | ${r.ratio.toFixed(2)}× | ${r.uncachedRatio.toFixed(2)}× |`,
    ),
  ].join('\n');
}

async function main() {
  const say = log('series');
  const n = benchScale();
  const dbUrl = await ensureBenchDatabase(n, say);
  const user = await createBenchUser(dbUrl);
  const app = await startApp(dbUrl, Number(process.env.BENCH_PORT ?? 3304), say);
  try {
    const results = await measureSeries({ baseUrl: app.baseUrl, token: user.token, dbUrl, reps: 40 });
    const rollup = results.filter((r) => r.source === 'rollup');
    const base = results.filter((r) => r.source === 'base');
    const worst = (xs: SeriesResult[], f: (r: SeriesResult) => number) => (xs.length ? Math.max(...xs.map(f)) : 0);
    const verdict = (xs: SeriesResult[], ratio: (r: SeriesResult) => number, p95: (r: SeriesResult) => number) =>
      `median ≤ 1.0× ${met(xs.every((r) => ratio(r) <= 1))} (worst ${worst(xs, ratio).toFixed(2)}×), p95 < 50 ms ${met(xs.every((r) => p95(r) < 50))} (worst ${ms(worst(xs, p95))} ms)`;
    writeSection(
      'series',
      [
        '## Overview series API',
        '',
        `${new Date().toISOString().slice(0, 10)}, ${n.toLocaleString('en')} synthetic designations. \`GET /api/v1/series\` over HTTP (loopback, production build, API token; 3 requests first), 40 warm samples per filter set, so that the p95 is the 38th of 40 and not the slowest sample, and as many after a write (3 for the sets the base aggregate answers, which takes hundreds of milliseconds to seconds), each after a sample of the bare \`date_trunc\`/\`GROUP BY\` over the designation table through the same driver (node-postgres). The API time includes authentication (token lookup), the rate-limit counter (one upsert), validation, the rollup version read, and — unless the answer (the serialised JSON body) is cached at that version — the aggregate queries (one per event kind from a rollup: designation_month_count, or for programs and countries the program-set and country-set rollups, see docs/adr/0009) and the JSON.`,
        '',
        'Each set is measured twice: **warm** (the answer cached at the current rollup version, lib/db/rollup-cache.ts — what every request sees between two data changes; answers from the base aggregate over the rows would be cached too, where they read only what sets a version) and **after a write** (the version set anew just before each request, as any committed designation change does, so the aggregate runs again).',
        '',
        seriesTable(results),
        '',
        `Targets at 1M. Warm, all ${results.length} filter sets: ${verdict(results, (r) => r.ratio, (r) => r.api.p95)}. After a write, the ${rollup.length} sets a rollup answers: ${verdict(rollup, (r) => r.uncachedRatio, (r) => r.uncached.p95)}.`,
        base.length
          ? `After a write, the ${base.length} sets no rollup answers, which aggregate the designation rows: ${verdict(base, (r) => r.uncachedRatio, (r) => r.uncached.p95)}.`
          : '',
      ].join('\n'),
      results,
    );
  } finally {
    await app.stop();
  }
}

if (process.argv[1]?.endsWith('series.ts')) runSuite('series', main);
