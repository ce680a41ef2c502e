// Faults, against the production build on a PostgreSQL cluster of this test's own (never the shared
// server): two app instances on different ports behind one database share sessions and never lose
// an update (two simultaneous saves of one record: one succeeds, the other is refused as stale);
// with the database stopped, pages say "Database unavailable" (no stack trace), the API answers
// 503 JSON, a save changes nothing; started again, the app recovers by itself, no restart.
// (An import killed half-way: lib/import/malformed.int.test.ts.)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import pg from 'pg';
import { createOwnPostgres, freePort, type OwnPostgres } from '../../test/own-postgres';
import { NEXT_BIN } from '../../scripts/lib/build';
import { pgConfigFromUrl } from '../../lib/db/url';

test.use({ storageState: { cookies: [], origins: [] } });

const PASSWORD = `faults-${randomBytes(8).toString('hex')}`;
const EMAIL = 'faults-admin@example.org';

function npm(args: string[], env: Record<string, string>) {
  const r = spawnSync('npm', ['run', '--silent', ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`npm run ${args.join(' ')} failed: ${r.stderr}`);
}

function startApp(port: number, databaseUrl: string, secret: string): { child: ChildProcess; output: () => string } {
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, AUTH_SECRET: secret, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: base, NEXT_TELEMETRY_DISABLED: '1', DB_POOL_MAX: '4' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  return { child, output: () => out };
}

async function signIn(page: Page, base: string) {
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Designations over time' })).toBeVisible();
}

let cluster: OwnPostgres | undefined;
const apps: ChildProcess[] = [];

test.afterAll(async () => {
  for (const a of apps) a.kill('SIGTERM');
  cluster?.destroy();
});

test('two instances share sessions and refuse a stale save; a database outage is a clear 503 and heals by itself', async ({ browser }) => {
  test.setTimeout(600_000);
  cluster = await createOwnPostgres();
  const admin = new pg.Client(pgConfigFromUrl(cluster.url()));
  await admin.connect();
  await admin.query('CREATE DATABASE st_faults');
  await admin.end();
  const url = cluster.url('st_faults');
  npm(['db:migrate'], { DATABASE_URL: url });
  npm(['user:create', '--', '--email', EMAIL, '--role', 'admin', '--password', PASSWORD, '--name', 'Faults Admin'], { DATABASE_URL: url });

  const query = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
    const c = new pg.Client(pgConfigFromUrl(url));
    await c.connect();
    try {
      return (await c.query<T>(text, values)).rows;
    } finally {
      await c.end();
    }
  };
  const milestoneId = `faults${Date.now()}`;
  await query(
    `INSERT INTO milestone (id, slug, date, date_precision, title, category, source_url, updated_at)
     VALUES ($1, 'faults-milestone', '2022-11-01', 'MONTH', 'Talks resume', 'DIPLOMATIC', 'https://www.reuters.com/', now())`,
    [milestoneId],
  );

  const secret = randomBytes(32).toString('base64url');
  const [portA, portB] = [await freePort(), await freePort()];
  const a = startApp(portA, url, secret);
  const b = startApp(portB, url, secret);
  apps.push(a.child, b.child);
  const [A, B] = [`http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`];
  for (const [base, app] of [[A, a], [B, b]] as const) {
    await expect.poll(async () => (await fetch(`${base}/login`).catch(() => null))?.status ?? 0, { timeout: 120_000, message: app.output() }).toBe(200);
  }

  // A session made on A works on B (same AUTH_SECRET; the session is a signed cookie, not server state).
  const context = await browser.newContext();
  const pageA = await context.newPage();
  await signIn(pageA, A);
  const pageB = await context.newPage();
  await pageB.goto(`${B}/`);
  await expect(pageB.getByRole('heading', { name: 'Designations over time' })).toBeVisible();
  expect((await context.request.get(`${B}/api/v1/milestones`)).status()).toBe(200);

  // Both instances open version 1 of the same record and save at the same moment: one wins, the
  // other is refused as stale, and the database holds exactly the winner's edit.
  await pageA.goto(`${A}/admin/milestones/${milestoneId}`);
  await pageB.goto(`${B}/admin/milestones/${milestoneId}`);
  await pageA.getByLabel('Title').fill('Edited through A');
  await pageB.getByLabel('Title').fill('Edited through B');
  const auditBefore = (await query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE target_id = $1`, [milestoneId]))[0]!.n;
  await Promise.all([pageA.getByRole('button', { name: 'Save changes' }).click(), pageB.getByRole('button', { name: 'Save changes' }).click()]);
  const outcome = async (page: Page) => {
    if (await page.getByRole('status').filter({ hasText: 'Saved.' }).isVisible()) return 'saved';
    if (await page.getByRole('alert').filter({ hasText: 'since you opened it' }).isVisible()) return 'stale';
    return 'pending';
  };
  await expect.poll(async () => [await outcome(pageA), await outcome(pageB)].sort().join(','), { timeout: 30_000 }).toBe('saved,stale');
  const winner = (await outcome(pageA)) === 'saved' ? 'Edited through A' : 'Edited through B';
  const [row] = await query<{ title: string; version: number }>(`SELECT title, version FROM milestone WHERE id = $1`, [milestoneId]);
  expect(row).toEqual({ title: winner, version: 2 });
  expect((await query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE target_id = $1`, [milestoneId]))[0]!.n).toBe(auditBefore + 1);

  // The database goes away while both instances run.
  await pageA.goto(`${A}/admin/milestones/${milestoneId}`);
  await expect(pageA.getByLabel('Title')).toHaveValue(winner);
  cluster.stop();

  const api = await context.request.get(`${B}/api/v1/milestones`);
  expect(api.status()).toBe(503);
  expect(api.headers()['retry-after']).toBeTruthy();
  const body = (await api.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('DATABASE_UNAVAILABLE');
  expect(body.error.message).toMatch(/database is unavailable/i);
  expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|\.ts:\d+/);

  await pageB.goto(`${B}/`);
  await expect(pageB.getByRole('heading', { name: 'Database unavailable' })).toBeVisible();
  await expect(pageB.locator('body')).not.toContainText(/ECONNREFUSED|node_modules|\.ts:\d+|    at /);

  // A save during the outage is refused with the same clear message and writes nothing.
  await pageA.getByLabel('Title').fill('Saved during the outage');
  await pageA.getByRole('button', { name: 'Save changes' }).click();
  await expect(pageA.getByRole('alert').filter({ hasText: /database is unavailable/i })).toBeVisible();

  // The database comes back: no restart of the app, the next requests just work.
  cluster.start();
  await expect.poll(async () => (await context.request.get(`${B}/api/v1/milestones`)).status(), { timeout: 60_000 }).toBe(200);
  await expect.poll(async () => (await context.request.get(`${A}/api/v1/milestones`)).status(), { timeout: 60_000 }).toBe(200);
  await pageB.goto(`${B}/`);
  await expect(pageB.getByRole('heading', { name: 'Designations over time' })).toBeVisible();
  const [after] = await query<{ title: string; version: number }>(`SELECT title, version FROM milestone WHERE id = $1`, [milestoneId]);
  expect(after).toEqual({ title: winner, version: 2 });
  expect((await query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE target_id = $1`, [milestoneId]))[0]!.n).toBe(auditBefore + 1);
  await context.close();
});
