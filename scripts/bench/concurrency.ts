// Suite `concurrency`: 50 concurrent clients for 30 s on the series API (autocannon, loopback only —
// the app is started here on 127.0.0.1): requests/s, latency p50/p99, errors.
import autocannon from 'autocannon';
import { benchScale, createBenchUser, ensureBenchDatabase, log, met, runSuite, startApp, writeSection } from './lib';

export async function loadSeries(opts: { baseUrl: string; token: string; connections: number; seconds: number; path: string }) {
  return autocannon({
    url: `${opts.baseUrl}${opts.path}`,
    connections: opts.connections,
    duration: opts.seconds,
    headers: { authorization: `Bearer ${opts.token}` },
  });
}

async function main() {
  const say = log('concurrency');
  const n = benchScale();
  const dbUrl = await ensureBenchDatabase(n, say);
  const user = await createBenchUser(dbUrl);
  const app = await startApp(dbUrl, Number(process.env.BENCH_PORT ?? 3304), say);
  try {
    const path = '/api/v1/series?granularity=month&from=2010';
    // Warm-up: a few seconds at low concurrency (JIT, connection pool).
    await loadSeries({ baseUrl: app.baseUrl, token: user.token, connections: 4, seconds: 3, path });
    const r = await loadSeries({ baseUrl: app.baseUrl, token: user.token, connections: 50, seconds: 30, path });
    const errors = r.errors + r.timeouts + r.non2xx;
    writeSection(
      'concurrency',
      [
        '## Under load: 50 concurrent clients',
        '',
        `${new Date().toISOString().slice(0, 10)}, ${n.toLocaleString('en')} synthetic designations. autocannon, 50 connections for 30 s on \`GET ${path}\` (API token; loopback; the app is one \`next start\` process with a pool of 10 database connections, on the same 2 cores as PostgreSQL and autocannon).`,
        '',
        '| requests | requests/s (mean) | latency p50 | p99 | max | errors (connection, timeout, non-2xx) |',
        '|---:|---:|---:|---:|---:|---:|',
        `| ${r.requests.total.toLocaleString('en')} | ${r.requests.average.toFixed(0)} | ${r.latency.p50} ms | ${r.latency.p99} ms | ${r.latency.max} ms | ${errors} (${r.errors}, ${r.timeouts}, ${r.non2xx}) |`,
        '',
        `Targets: 0 errors — ${met(errors === 0)}; p99 < 300 ms — ${met(r.latency.p99 < 300)}.`,
      ].join('\n'),
      { requests: r.requests, latency: r.latency, errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx },
    );
  } finally {
    await app.stop();
  }
}

if (process.argv[1]?.endsWith('concurrency.ts')) runSuite('concurrency', main);
