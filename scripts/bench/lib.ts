// Shared by the benchmark suites (scripts/bench/<name>.ts): the synthetic database, a bench user and
// API token, the production app started against that database, timing statistics, and the
// markdown section each suite writes to .bench/<name>.md (assembled into BENCHMARKS.md by
// scripts/bench.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { generateApiToken } from '../../lib/auth/api-token';
import { hashPassword } from '../../lib/auth/password';
import { pgConfigFromUrl, withDatabase } from '../../lib/db/url';
import { NEXT_BIN, buildIfNeeded } from '../lib/build';
import { benchDatabaseName, benchServerUrl, createBenchDatabase } from '../bench-data';
import { DATASET_VERSION } from './dataset';

export const BENCH_DIR = path.join(process.cwd(), '.bench');

/** The scale of this run: BENCH_DESIGNATIONS (the runner's --designations), default one million. */
export function benchScale(): number {
  return Number(process.env.BENCH_DESIGNATIONS ?? 1_000_000);
}

export const log = (suite: string) => (line: string) => console.log(`[bench:${suite}] ${line}`);

/** The database st_bench_data_<N>: reused when it holds the dataset, generated otherwise. */
export async function ensureBenchDatabase(designations: number, say: (l: string) => void): Promise<string> {
  const url = withDatabase(benchServerUrl(), benchDatabaseName(designations));
  const client = new pg.Client(pgConfigFromUrl(url));
  try {
    await client.connect();
    const { rows } = await client.query<{ n: number; version: string | null }>(
      `SELECT (SELECT count(*)::int FROM designation WHERE origin = 'bench') AS n, shobj_description(d.oid, 'pg_database') AS version
       FROM pg_database d WHERE d.datname = current_database()`,
    );
    if (rows[0]?.n === designations && rows[0].version === DATASET_VERSION) return url;
  } catch {
    // missing database or tables: generate below
  } finally {
    await client.end().catch(() => undefined);
  }
  say(`generating ${designations.toLocaleString('en')} designations into ${benchDatabaseName(designations)} (npm run bench:data)…`);
  return createBenchDatabase(designations, { log: say });
}

export type BenchUser = { email: string; password: string; token: string };

/** An analyst and a fresh API token in the bench database (the token is returned, never stored). */
export async function createBenchUser(dbUrl: string): Promise<BenchUser> {
  const email = 'bench@example.org';
  const password = randomBytes(18).toString('base64url');
  const { token, hash, prefix } = generateApiToken();
  const client = new pg.Client(pgConfigFromUrl(dbUrl));
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO app_user (id, email, name, password_hash, role, updated_at) VALUES ($1, $2, 'Benchmark', $3, 'ANALYST', now())
       ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash, disabled = false, must_change_password = false RETURNING id`,
      [`bench-user-${randomBytes(4).toString('hex')}`, email, await hashPassword(password)],
    );
    await client.query(`INSERT INTO api_token (id, user_id, name, token_hash, prefix) VALUES ($1, $2, 'benchmark', $3, $4)`, [`bench-token-${randomBytes(6).toString('hex')}`, rows[0]!.id, hash, prefix]);
  } finally {
    await client.end();
  }
  return { email, password, token };
}

export type App = { baseUrl: string; stop: () => Promise<void> };

/** `next start` (production build, built when the sources changed) against the bench database. */
export async function startApp(dbUrl: string, port: number, say: (l: string) => void): Promise<App> {
  await buildIfNeeded(say);
  const baseUrl = `http://127.0.0.1:${port}`;
  const secret = randomBytes(32).toString('base64url');
  const child: ChildProcess = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: dbUrl,
      AUTH_SECRET: secret,
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: baseUrl,
      NEXT_TELEMETRY_DISABLED: '1',
      // The benchmark measures the app, not the per-token quota (which would answer 429).
      API_RATE_LIMIT_MAX: '1000000000',
    },
  });
  let exited = false;
  child.on('exit', () => (exited = true));
  const started = Date.now();
  for (;;) {
    if (exited) throw new Error('the app exited while starting');
    try {
      const res = await fetch(`${baseUrl}/login`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 120_000) throw new Error('the app did not start within 120 s');
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    baseUrl,
    stop: async () => {
      if (exited) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

export type Stats = { n: number; median: number; p95: number; min: number; max: number };

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
  return { n: s.length, median: at(0.5), p95: at(0.95), min: s[0]!, max: s[s.length - 1]! };
}

export async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = process.hrtime.bigint();
  const value = await fn();
  return [Number(process.hrtime.bigint() - t) / 1e6, value];
}

export const ms = (v: number) => (v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0));
export const met = (ok: boolean) => (ok ? '**met**' : '**not met**');

/** Writes the suite's section (a `## Heading` and body) to .bench/<name>.md, and data beside it. */
export function writeSection(name: string, markdown: string, data?: unknown): void {
  mkdirSync(BENCH_DIR, { recursive: true });
  writeFileSync(path.join(BENCH_DIR, `${name}.md`), `${markdown.trim()}\n`);
  if (data !== undefined) writeFileSync(path.join(BENCH_DIR, `${name}.json`), `${JSON.stringify(data, null, 2)}\n`);
  process.stdout.write(`${markdown.trim()}\n`);
}

/** Runs a suite's main with clean exits (pg sockets and the app child must not keep it alive). */
export function runSuite(name: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(`bench ${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      process.exit(1);
    },
  );
}
