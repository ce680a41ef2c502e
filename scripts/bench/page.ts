// Suite `page`: the overview page (/) as a signed-in analyst gets it — server response time (full
// HTML, server-rendered) for the default view and two heavier ones — and its first-load JavaScript:
// every script the HTML loads, gzipped (level 9) as a server would send it, from the build output.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { pgConfigFromUrl } from '../../lib/db/url';
import { benchScale, createBenchUser, ensureBenchDatabase, log, met, ms, runSuite, startApp, stats, timed, writeSection } from './lib';

/** Signs in through next-auth's credentials endpoint; returns the Cookie header of the session. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  keep(csrfRes);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${baseUrl}/`, json: 'true' }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes('session-token'))) throw new Error(`sign-in failed (HTTP ${res.status})`);
  return cookie();
}

/**
 * The overview's chunks loaded on demand after first paint (next/dynamic: the chart and recharts),
 * from the build's manifest, leaving out those the HTML already loads: gzipped bytes and count.
 */
export function lazyJs(html: string): { files: number; gzip: number } {
  const manifest = path.join('.next', 'server', 'app', '(dashboard)', 'page', 'react-loadable-manifest.json');
  if (!existsSync(manifest)) return { files: 0, gzip: 0 };
  const entries = Object.values(JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, { files: string[] }>);
  const files = [...new Set(entries.flatMap((e) => e.files))].filter((f) => f.endsWith('.js') && !html.includes(f));
  return { files: files.length, gzip: files.reduce((n, f) => n + gzipSync(readFileSync(path.join('.next', f)), { level: 9 }).length, 0) };
}

/** The scripts an HTML page loads, gzipped: bytes and count. */
export async function firstLoadJs(baseUrl: string, html: string): Promise<{ files: number; raw: number; gzip: number }> {
  const srcs = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&')))];
  let raw = 0;
  let gzip = 0;
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src, baseUrl))).arrayBuffer());
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { files: srcs.length, raw, gzip };
}

const VIEWS = [
  { name: 'default view (quarters since 2015, by authority)', qs: '' },
  { name: 'months since 2000, net mode', qs: '?granularity=month&from=2000&mode=net' },
  { name: 'by program since 2020', qs: '?split=program&from=2020' },
];

async function main() {
  const say = log('page');
  const n = benchScale();
  const dbUrl = await ensureBenchDatabase(n, say);
  const user = await createBenchUser(dbUrl);
  const app = await startApp(dbUrl, Number(process.env.BENCH_PORT ?? 3304), say);
  const db = new pg.Client(pgConfigFromUrl(dbUrl));
  await db.connect();
  try {
    const cookie = await signIn(app.baseUrl, user.email, user.password);
    const rows: string[] = [];
    let html = '';
    const medians: number[] = [];
    for (const v of VIEWS) {
      const get = async () => {
        const res = await fetch(`${app.baseUrl}/${v.qs}`, { headers: { cookie }, redirect: 'manual' });
        if (res.status !== 200) throw new Error(`/${v.qs}: HTTP ${res.status}`);
        return res.text();
      };
      const first = await get();
      if (!v.qs) html = first;
      await get();
      const samples: number[] = [];
      const afterWrite: number[] = [];
      for (let i = 0; i < 5; i++) {
        samples.push((await timed(get))[0]);
        // As after any committed designation change: a new rollup version, so nothing cached serves.
        await db.query('SELECT st_bump_rollup_version()');
        afterWrite.push((await timed(get))[0]);
      }
      const s = stats(samples);
      const w = stats(afterWrite);
      medians.push(s.median);
      rows.push(`| ${v.name} | \`/${v.qs}\` | ${ms(s.median)} ms | ${ms(s.p95)} ms | ${ms(w.median)} ms | ${ms(w.p95)} ms |`);
    }
    const js = await firstLoadJs(app.baseUrl, html);
    const lazy = lazyJs(html);
    writeSection(
      'page',
      [
        '## Overview page',
        '',
        `${new Date().toISOString().slice(0, 10)}, ${n.toLocaleString('en')} synthetic designations; a signed-in analyst, production build, 5 warm requests per view, time to the full server-rendered HTML (the page streams; the chart's data, KPIs, coverage note and filter options are all queried on the server). **Warm**: the rollup answers and filter options cached at the current rollup version; **after a write**: each request right after a new version (as after any committed designation change), so they are computed again.`,
        '',
        '| view | URL | median (warm) | p95 (warm) | median after a write | p95 after a write |',
        '|---|---|---:|---:|---:|---:|',
        ...rows,
        '',
        `First-load JavaScript of \`/\`: ${js.files} scripts, ${(js.raw / 1024).toFixed(0)} kB raw, **${(js.gzip / 1024).toFixed(0)} kB gzipped** (every \`<script src>\` of the page's HTML, gzip level 9). Target ≤ 250 kB gzipped — ${met(js.gzip <= 250 * 1024)}.`,
        `Loaded after first paint, on demand: the chart (recharts), ${lazy.files} chunks, ${(lazy.gzip / 1024).toFixed(0)} kB gzipped — the KPIs, controls and the series table (the chart's numbers) are usable before it arrives.`,
        '',
        `No response-time target is set for the page; the default view takes ${ms(medians[0]!)} ms warm. The KPIs, the coverage note and the filter options come from the date-state rollups (per authority and type, and per program set and country set), the split by program from the program-set rollup; all are cached at the rollup version. After a write, the split by program sums ~100k program-set rows again (see the series API), and months since 2000 in net mode renders 312 bins of listings and liftings.`,
      ].join('\n'),
      { views: VIEWS.map((v, i) => ({ ...v, median: medians[i] })), js, lazy },
    );
  } finally {
    await db.end();
    await app.stop();
  }
}

if (process.argv[1]?.endsWith('page.ts')) runSuite('page', main);
