// Suite `cost`: the series (a) and search (b) measurements at 10k, 100k and 1M designations — how
// latency grows with the data. Each scale has its own generated database (st_bench_data_<N>).
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { BENCH_DIR, benchScale, createBenchUser, ensureBenchDatabase, log, met, ms, runSuite, startApp, stats, writeSection } from './lib';
import { measureSeries, type SeriesResult } from './series';
import { measureSearch, type SearchResult } from './search';

/** The series and search suites' own results at the run's scale, when they ran in the last 3 hours. */
function recent<T>(name: string): T | null {
  const file = path.join(BENCH_DIR, `${name}.json`);
  if (!existsSync(file) || Date.now() - statSync(file).mtimeMs > 3 * 3600_000) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

const SCALES = (process.env.BENCH_COST_SCALES ?? '10000,100000,1000000').split(',').map(Number);

async function main() {
  const say = log('cost');
  const rows: Array<{ n: number; rollupWarm: number; rollup: number; bare: number; searchP50: number; searchP95: number }> = [];
  for (const n of SCALES) {
    const median = (xs: number[]) => stats(xs).median;
    const summarize = (series: SeriesResult[], search: SearchResult) => ({
      n,
      rollupWarm: median(series.filter((r) => r.source === 'rollup').map((r) => r.api.median)),
      // The growth target is about the aggregation, so it is judged on requests that compute (after a write).
      rollup: median(series.filter((r) => r.source === 'rollup').map((r) => r.uncached.median)),
      bare: median(series.map((r) => r.bare.median)),
      searchP50: search.api.median,
      searchP95: search.api.p95,
    });
    // At the run's own scale the series and search suites have just measured it: reuse, not repeat.
    const [doneSeries, doneSearch] = [recent<SeriesResult[]>('series'), recent<SearchResult>('search')];
    if (n === benchScale() && doneSeries && doneSearch) {
      rows.push(summarize(doneSeries, doneSearch));
      continue;
    }
    const dbUrl = await ensureBenchDatabase(n, say);
    const user = await createBenchUser(dbUrl);
    const app = await startApp(dbUrl, Number(process.env.BENCH_PORT ?? 3304), say);
    try {
      const series = await measureSeries({ baseUrl: app.baseUrl, token: user.token, dbUrl, reps: 5 });
      const search = await measureSearch({ baseUrl: app.baseUrl, token: user.token, dbUrl, reps: 1 });
      rows.push(summarize(series, search));
      say(`${n}: ${JSON.stringify(rows[rows.length - 1])}`);
    } finally {
      await app.stop();
    }
  }
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  const dataGrowth = last.n / first.n;
  const seriesGrowth = last.rollup / first.rollup;
  writeSection(
    'cost',
    [
      '## Cost curve: 10k → 100k → 1M designations',
      '',
      `${new Date().toISOString().slice(0, 10)}. The series and search measurements above, at each scale (5 samples per filter set, one round of the 20 search queries; at the run's own scale, the series and search sections' figures); each value is the median over the filter sets of their median latency.`,
      '',
      '| designations | series API, warm (cached) | series API, after a write | bare SQL aggregate | search p50 | search p95 |',
      '|---:|---:|---:|---:|---:|---:|',
      ...rows.map((r) => `| ${r.n.toLocaleString('en')} | ${ms(r.rollupWarm)} ms | ${ms(r.rollup)} ms | ${ms(r.bare)} ms | ${ms(r.searchP50)} ms | ${ms(r.searchP95)} ms |`),
      '',
      `Target: series latency grows sub-linearly from ${first.n.toLocaleString('en')} to ${last.n.toLocaleString('en')} — data ×${dataGrowth.toFixed(0)}, series API after a write ×${seriesGrowth.toFixed(1)}, bare aggregate ×${(last.bare / first.bare).toFixed(1)} — ${met(seriesGrowth < dataGrowth)}.`,
    ].join('\n'),
    rows,
  );
}

if (process.argv[1]?.endsWith('cost.ts')) runSuite('cost', main);
