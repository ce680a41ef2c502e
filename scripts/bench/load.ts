// npm run bench:load — 50 analysts reading and 2 admins editing for 60 s on loopback, against the
// production build (`next start`) on a fresh, seeded database on the local PostgreSQL server.
// Analysts cycle through the overview page, the series API, entity search and entity pages; admins
// edit a handful of shared milestones through the real server action, each save carrying the
// version it read (as the form does), so that some saves collide and must be refused as stale.
// Reports requests/s and p50/p99 per endpoint, errors (expected 0), and checks that no update was
// lost: every milestone's final version equals 1 + the saves that succeeded on it.
// Writes .bench/load.md (a `## Load` section for BENCHMARKS.md). LOAD_SECONDS, LOAD_ANALYSTS override.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createFreshDatabase } from '../../test/database';
import { freePort } from '../../test/own-postgres';
import { applyMigrations } from '../../lib/db/migrations';
import { pgConfigFromUrl } from '../../lib/db/url';
import { NEXT_BIN, buildIfNeeded } from '../lib/build';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const ANALYSTS = Number(process.env.LOAD_ANALYSTS ?? 50);
const ADMINS = 2;
const EDITED_MILESTONES = 4;
const log = (line: string) => process.stderr.write(`[load] ${line}\n`);

type Sample = { endpoint: string; ms: number; ok: boolean; status: number };

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = csrfRes.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/`, json: 'true' }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith('next-auth.session-token='));
  if (!session) throw new Error(`sign-in failed for ${email}: ${res.status}`);
  return session.split(';')[0]!;
}

/** The id Next gave a server action in this build (what a form posts in its Next-Action header). */
function actionId(file: string, name: string): string {
  const manifest = JSON.parse(readFileSync(path.join('.next', 'server', 'server-reference-manifest.json'), 'utf8')) as { node: Record<string, { filename?: string; exportedName?: string }> };
  const hit = Object.entries(manifest.node).find(([, v]) => v.filename === file && v.exportedName === name);
  if (!hit) throw new Error(`server action ${name} of ${file} not in the build manifest`);
  return hit[0];
}

async function main() {
  const db = await createFreshDatabase('st_load');
  let server: ReturnType<typeof spawn> | undefined;
  try {
    log(`fresh database ${new URL(db.url).pathname.slice(1)}: migrating and seeding…`);
    process.env.DATABASE_URL = db.url;
    await applyMigrations(db.url);
    const { runSeed } = await import('../../prisma/seed');
    await runSeed(() => undefined);
    const { upsertUserWithPassword } = await import('../../lib/db/accounts/users');
    const password = `load-${randomBytes(8).toString('hex')}`;
    const analysts = Array.from({ length: ANALYSTS }, (_, i) => `analyst-${i}@load.test`);
    const admins = Array.from({ length: ADMINS }, (_, i) => `admin-${i}@load.test`);
    for (const email of analysts) await upsertUserWithPassword({ email, role: 'ANALYST', password }, 'bench:load');
    for (const email of admins) await upsertUserWithPassword({ email, role: 'ADMIN', password }, 'bench:load');
    const { disconnectPrisma } = await import('../../lib/db/client');
    await disconnectPrisma();

    const sql = new pg.Client(pgConfigFromUrl(db.url));
    await sql.connect();
    const entityIds = (await sql.query<{ id: string }>(`SELECT id FROM entity WHERE deleted_at IS NULL AND merged_into_id IS NULL ORDER BY random() LIMIT 200`)).rows.map((r) => r.id);
    const milestones = (await sql.query<{ id: string; version: number }>(`SELECT id, version FROM milestone WHERE deleted_at IS NULL ORDER BY date LIMIT ${EDITED_MILESTONES}`)).rows;
    const searchTerms = ['aviation', 'shahed', 'bank', 'electronics', 'trading', 'iran', 'drone', 'industries'];

    await buildIfNeeded(log);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const secret = randomBytes(32).toString('base64url');
    server = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DATABASE_URL: db.url, AUTH_SECRET: secret, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: base, NEXT_TELEMETRY_DISABLED: '1', API_RATE_LIMIT_MAX: '1000000' },
    });
    for (let i = 0; ; i++) {
      if ((await fetch(`${base}/login`).catch(() => null))?.status === 200) break;
      if (i > 600) throw new Error('the app did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
    log('signing in…');
    const analystCookies: string[] = [];
    for (const email of analysts) analystCookies.push(await signIn(base, email, password));
    const adminCookies: string[] = [];
    for (const email of admins) adminCookies.push(await signIn(base, email, password));
    const updateMilestone = actionId('lib/actions/records.ts', 'updateMilestone');

    // Warm-up: the first request of each page compiles nothing in production, but fills caches.
    for (const p of ['/', '/api/v1/series', `/entities?q=aviation`, `/entities/${entityIds[0]}`]) await fetch(`${base}${p}`, { headers: { cookie: analystCookies[0]! } });

    const samples: Sample[] = [];
    const deadline = Date.now() + SECONDS * 1000;
    const timed = async (endpoint: string, run: () => Promise<Response>, okWhen: (res: Response, text: string) => boolean = (r) => r.status === 200) => {
      const t0 = performance.now();
      try {
        const res = await run();
        const text = await res.text();
        samples.push({ endpoint, ms: performance.now() - t0, ok: okWhen(res, text), status: res.status });
        return text;
      } catch {
        samples.push({ endpoint, ms: performance.now() - t0, ok: false, status: 0 });
        return '';
      }
    };

    const analyst = async (i: number) => {
      const cookie = analystCookies[i]!;
      const headers = { cookie };
      for (let n = i; Date.now() < deadline; n++) {
        switch (n % 4) {
          case 0:
            await timed('overview page /', () => fetch(`${base}/?granularity=month`, { headers }));
            break;
          case 1:
            await timed('series API /api/v1/series', () => fetch(`${base}/api/v1/series?granularity=month&split=program`, { headers }));
            break;
          case 2:
            await timed('entity search /entities?q=', () => fetch(`${base}/entities?q=${searchTerms[n % searchTerms.length]}`, { headers }));
            break;
          default:
            await timed('entity page /entities/[id]', () => fetch(`${base}/entities/${entityIds[n % entityIds.length]}`, { headers }));
        }
      }
    };

    const saves = new Map<string, number>(milestones.map((m) => [m.id, 0]));
    let stale = 0;
    const admin = async (i: number) => {
      const cookie = adminCookies[i]!;
      for (let n = i; Date.now() < deadline; n++) {
        const m = milestones[n % milestones.length]!;
        // As the form does: read the record (its version), then save with that version.
        const { rows } = await sql.query<{ version: number; title: string; date: string; date_precision: string; category: string; source_url: string }>(
          `SELECT version, title, to_char(date, 'YYYY-MM-DD') AS date, date_precision, category, source_url FROM milestone WHERE id = $1`,
          [m.id],
        );
        const r = rows[0]!;
        const date = r.date_precision === 'YEAR' ? r.date.slice(0, 4) : r.date_precision === 'MONTH' ? r.date.slice(0, 7) : r.date;
        await new Promise((res) => setTimeout(res, 50)); // the admin types
        const input = { id: m.id, version: r.version, title: `${r.title.replace(/ \[load \d+\/\d+\]$/, '')} [load ${i}/${n}]`, category: r.category, date, sourceUrl: r.source_url };
        const text = await timed(
          'admin save (server action)',
          () =>
            fetch(`${base}/admin/milestones/${m.id}`, {
              method: 'POST',
              headers: { cookie, 'next-action': updateMilestone, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component', origin: base },
              body: JSON.stringify([input]),
            }),
          (res, body) => res.status === 200 && (/"ok":true/.test(body) || /"code":"CONFLICT"/.test(body)),
        );
        if (/"ok":true/.test(text)) saves.set(m.id, saves.get(m.id)! + 1);
        else if (/"code":"CONFLICT"/.test(text)) stale++;
      }
    };

    log(`${ANALYSTS} analysts and ${ADMINS} admins for ${SECONDS} s…`);
    const started = Date.now();
    await Promise.all([...analystCookies.map((_, i) => analyst(i)), ...adminCookies.map((_, i) => admin(i))]);
    const elapsed = (Date.now() - started) / 1000;

    const lost: string[] = [];
    for (const m of milestones) {
      const { rows } = await sql.query<{ version: number }>(`SELECT version FROM milestone WHERE id = $1`, [m.id]);
      if (rows[0]!.version !== m.version + saves.get(m.id)!) lost.push(`${m.id}: version ${rows[0]!.version}, expected ${m.version + saves.get(m.id)!}`);
    }
    await sql.end();

    const endpoints = [...new Set(samples.map((s) => s.endpoint))];
    const rowsMd = endpoints.map((e) => {
      const all = samples.filter((s) => s.endpoint === e);
      const ms = all.map((s) => s.ms).sort((a, b) => a - b);
      const errors = all.filter((s) => !s.ok).length;
      return `| ${e} | ${all.length} | ${(all.length / elapsed).toFixed(1)} | ${percentile(ms, 50).toFixed(0)} | ${percentile(ms, 99).toFixed(0)} | ${errors} |`;
    });
    const total = samples.length;
    const errors = samples.filter((s) => !s.ok);
    const successfulSaves = [...saves.values()].reduce((a, b) => a + b, 0);
    const cpus = os.cpus();
    const md = [
      '## Load',
      '',
      `${ANALYSTS} analysts (each signed in, reading in a loop: overview page, series API, entity search, entity page) and ${ADMINS} admins (editing ${EDITED_MILESTONES} shared milestones through the real server action, version-guarded) for ${elapsed.toFixed(0)} s, on loopback against \`next start\` (production build) and a fresh seeded database on the local PostgreSQL. The load generator runs on the same machine (${cpus.length} × ${cpus[0]?.model ?? 'CPU'}), so its own work is included in the latencies.`,
      '',
      '| Endpoint | Requests | req/s | p50 ms | p99 ms | Errors |',
      '|---|---:|---:|---:|---:|---:|',
      ...rowsMd,
      `| **all** | ${total} | ${(total / elapsed).toFixed(1)} | ${percentile(samples.map((s) => s.ms).sort((a, b) => a - b), 50).toFixed(0)} | ${percentile(samples.map((s) => s.ms).sort((a, b) => a - b), 99).toFixed(0)} | ${errors.length} |`,
      '',
      `Admin saves: ${successfulSaves} succeeded, ${stale} refused as stale (409, two admins on the same records — expected, and not errors). Lost updates: ${lost.length ? `**${lost.length}** (${lost.join('; ')})` : '0'} (every milestone's final version = its first version + the saves that succeeded on it).`,
      '',
      `Targets: 0 errors — ${errors.length === 0 ? 'met' : `**not met** (${errors.length}; statuses ${[...new Set(errors.map((e) => e.status))].join(', ')})`}; no lost update — ${lost.length === 0 ? 'met' : '**not met**'}.`,
      '',
    ].join('\n');
    mkdirSync('.bench', { recursive: true });
    writeFileSync(path.join('.bench', 'load.md'), md);
    process.stdout.write(`${md}\n`);
    if (errors.length || lost.length) process.exitCode = 1;
  } finally {
    server?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await db.drop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`load benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
