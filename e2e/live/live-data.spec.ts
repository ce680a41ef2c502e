// Live data end to end (issue 27), in Chromium against the production build: an app instance of its
// own on an empty database (no seeded OFAC history: the real editions served here are older than
// it), a local publisher serving two real OFAC editions one after the other, a local SMTP server
// and a webhook receiver. An admin points the OFAC source at the mirror and checks it; an analyst
// watches an entry the next edition lifts; the next check applies that edition, and the analyst
// gets exactly one notification, one e-mail and one signed webhook call, however often the source
// is checked again; the changes page and its feed list the change; a fault applies nothing and is
// shown on the sources page.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { startPublisher, type Publisher } from '../../test/publisher';
import { createFreshDatabase } from '../../test/database';
import { freePort } from '../../test/own-postgres';
import { NEXT_BIN } from '../../scripts/lib/build';
import { pgConfigFromUrl } from '../../lib/db/url';
import { getSourceDefinition } from '../../lib/sources/registry';

test.use({ storageState: { cookies: [], origins: [] } });

const EDITIONS = path.join(process.cwd(), 'data', 'ofac-sdn', 'editions');
const FIRST = readFileSync(path.join(EDITIONS, 'sdn-2021-08-18.csv'));
const SECOND = readFileSync(path.join(EDITIONS, 'sdn-2022-01-05.csv'));
const ADMIN = { email: 'live-admin@example.org', password: `live-${randomBytes(8).toString('hex')}` };
const ANALYST = { email: 'live-analyst@example.org', password: `live-${randomBytes(8).toString('hex')}` };

/** ent_num → name and programs of the entries of an edition file, as the file states them. */
function entries(file: Buffer): Map<string, { name: string; programs: string[] }> {
  const out = new Map<string, { name: string; programs: string[] }>();
  for (const r of parse(file, { relaxQuotes: true, relaxColumnCount: true }) as string[][]) {
    if (/^\d+$/.test(r[0]?.trim() ?? '')) out.set(r[0]!.trim(), { name: r[1]!.trim(), programs: r[3]!.split('] [').map((p) => p.replace(/[[\]]/g, '').trim()) });
  }
  return out;
}

function npm(args: string[], env: Record<string, string>) {
  const r = spawnSync('npm', ['run', '--silent', ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`npm run ${args.join(' ')} failed: ${r.stderr}`);
}

async function signIn(page: Page, base: string, user: { email: string; password: string }) {
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Designations over time' })).toBeVisible({ timeout: 60_000 });
}

type Mail = { to: string[]; raw: string };
type Hook = { headers: http.IncomingHttpHeaders; body: string };

let publisher: Publisher | undefined;
let smtp: SMTPServer | undefined;
let receiver: http.Server | undefined;
let app: ChildProcess | undefined;
let dropDb: (() => Promise<void>) | undefined;

test.afterAll(async () => {
  app?.kill('SIGTERM');
  await publisher?.close();
  await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
  receiver?.closeAllConnections();
  await new Promise<void>((r) => (receiver ? receiver.close(() => r()) : r()));
  await new Promise((r) => setTimeout(r, 500));
  await dropDb?.().catch(() => undefined);
});

async function newPage(browser: Browser, base: string, user: { email: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, base, user);
  return page;
}

test('a mirror of the OFAC list is synced; the change reaches the page, the feed and its watcher once', async ({ browser }) => {
  test.setTimeout(600_000);
  // The two editions' difference, read here from the files: an entry the second one lifts, the only
  // lifted entry of one of its programs (so that the changes page, filtered by it, shows it first).
  const [a, b] = [entries(FIRST), entries(SECOND)];
  const gone = [...a].filter(([k]) => !b.has(k));
  const holders = (p: string) => gone.filter(([, e]) => e.programs.includes(p)).length;
  const [liftedKey, lifted] = gone.find(([, e]) => e.programs.some((p) => holders(p) === 1))!;
  const [liftedName, liftedProgram] = [lifted.name, lifted.programs.find((p) => holders(p) === 1)!];
  const added = [...b.keys()].filter((k) => !a.has(k)).length;

  // The outside world: publisher, mail server, webhook receiver.
  publisher = await startPublisher();
  publisher.publish('/SDN.CSV', FIRST, { lastModified: new Date('2021-08-18T20:00:00Z') });
  const mails: Mail[] = [];
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, session, done) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString()));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        done();
      });
    },
  });
  const smtpPort = await freePort();
  await new Promise<void>((r) => smtp!.listen(smtpPort, '127.0.0.1', () => r()));
  const hooks: Hook[] = [];
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      hooks.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver!.listen(0, '127.0.0.1', () => r()));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  // The app: an empty database with its users and the official OFAC source (as the seed writes it).
  const db = await createFreshDatabase('st_live');
  dropDb = db.drop;
  npm(['db:migrate'], { DATABASE_URL: db.url });
  npm(['user:create', '--', '--email', ADMIN.email, '--role', 'admin', '--password', ADMIN.password, '--name', 'Live Admin'], { DATABASE_URL: db.url });
  npm(['user:create', '--', '--email', ANALYST.email, '--role', 'analyst', '--password', ANALYST.password, '--name', 'Live Analyst'], { DATABASE_URL: db.url });
  const query = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
    const c = new pg.Client(pgConfigFromUrl(db.url));
    await c.connect();
    try {
      return (await c.query<T>(text, values)).rows;
    } finally {
      await c.end();
    }
  };
  const ofac = getSourceDefinition('ofac-sdn')!;
  await query(
    `INSERT INTO list_source (id, name, format, urls, official_urls, docs_url, edition_date_from, enabled, schedule, updated_at)
     VALUES ($1, $2, $3, $4, $4, $5, $6, false, $7, now())`,
    [ofac.id, ofac.name, ofac.format, [...ofac.urls], ofac.docsUrl, ofac.editionDateFrom, ofac.schedule],
  );

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const secret = randomBytes(32).toString('base64url');
  let output = '';
  app = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      AUTH_SECRET: secret,
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: base,
      PUBLIC_URL: base,
      NEXT_TELEMETRY_DISABLED: '1',
      DB_POOL_MAX: '4',
      // The scheduler runs (README "Live data"); the source is off until the admin enables it below.
      SYNC_SCHEDULER: 'on',
      // The fault below is retried once (5 s later) before it is recorded.
      SYNC_ATTEMPTS: '2',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      ALERT_EMAIL_FROM: 'Sanctions Tracker <alerts@example.org>',
      WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  app.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  app.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  await expect.poll(async () => (await fetch(`${base}/login`).catch(() => null))?.status ?? 0, { timeout: 120_000, message: output }).toBe(200);

  // The admin points the source at the mirror (its only file: the editions here are SDN.CSV alone)
  // and checks it: the first edition is applied, as the database's baseline.
  const admin = await newPage(browser, base, ADMIN);
  await admin.goto(`${base}/admin/sources`);
  const row = admin.getByRole('row').filter({ hasText: ofac.name });
  await expect(row).toContainText('off');
  await row.getByRole('link', { name: ofac.name }).click();
  await admin.getByLabel('File addresses, one per line').fill(publisher.url('/SDN.CSV'));
  await admin.getByRole('button', { name: 'Save source' }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await admin.getByRole('button', { name: `Check ${ofac.name} now` }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'Applied the edition of 2021-08-18' })).toBeVisible({ timeout: 120_000 });

  // The analyst watches the entry the next edition lifts, and sets up a webhook.
  const entityId = (await query<{ entity_id: string }>(`SELECT entity_id FROM external_id WHERE external_id = $1`, [liftedKey]))[0]!.entity_id;
  const analyst = await newPage(browser, base, ANALYST);
  await analyst.goto(`${base}/entities/${entityId}`);
  await analyst.getByRole('button', { name: new RegExp(`^Watch `) }).first().click();
  await expect(analyst.getByRole('button', { name: new RegExp(`^Stop watching `) }).first()).toBeVisible();
  await analyst.goto(`${base}/alerts`);
  await expect(analyst.getByRole('link', { name: liftedName, exact: false }).first()).toBeVisible();
  await analyst.getByLabel('Webhook URL').fill(hookUrl);
  await analyst.getByRole('button', { name: 'Save webhook' }).click();
  const hookSecret = await analyst.locator('#webhook-secret').inputValue();
  expect(hookSecret.length).toBeGreaterThan(20);

  // The publisher publishes the next edition; the admin's check applies it.
  publisher.publish('/SDN.CSV', SECOND, { lastModified: new Date('2022-01-05T20:00:00Z') });
  await admin.reload();
  await admin.getByRole('button', { name: `Check ${ofac.name} now` }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'Applied the edition of 2022-01-05' })).toBeVisible({ timeout: 120_000 });
  await expect(admin.getByRole('status').filter({ hasText: `${added} created` })).toBeVisible();

  // One notification, one e-mail, one signed webhook call.
  await expect.poll(() => mails.filter((m) => m.to.includes(ANALYST.email)).length, { timeout: 30_000 }).toBe(1);
  expect(mails.find((m) => m.to.includes(ANALYST.email))!.raw).toContain(liftedName.slice(0, 20));
  await expect.poll(() => hooks.length, { timeout: 30_000 }).toBe(1);
  const signature = String(hooks[0]!.headers['x-signature-sha256']);
  expect(signature).toBe(`sha256=${createHmac('sha256', hookSecret).update(hooks[0]!.body).digest('hex')}`);
  expect(hooks[0]!.body).toContain(liftedKey);
  await analyst.goto(`${base}/alerts`);
  await expect(analyst.getByTestId('alerts-bell')).toContainText('1');
  await expect(analyst.getByRole('heading', { name: 'Notifications (1 unread)' })).toBeVisible();

  // The changes page lists the lifting, linked to the entity; its feed works without a cookie.
  await analyst.goto(`${base}/changes?kind=LIFTED&program=${encodeURIComponent(liftedProgram)}`);
  const change = analyst.getByRole('row').filter({ hasText: liftedName });
  await expect(change).toContainText('5 Jan 2022');
  await expect(change).toContainText('Lifted');
  await expect(change.getByRole('link', { name: liftedName })).toHaveAttribute('href', `/entities/${entityId}`);
  const feedHref = await analyst.getByRole('link', { name: /feed/i }).first().getAttribute('href');
  const feedUrl = new URL(feedHref!, base);
  const feed = await fetch(feedUrl);
  expect(feed.status).toBe(200);
  expect(feed.headers.get('content-type')).toMatch(/atom\+xml/);
  expect(await feed.text()).toContain(liftedName.replace(/&/g, '&amp;'));
  feedUrl.searchParams.set('token', `${feedUrl.searchParams.get('token')!.slice(0, -2)}xx`);
  expect((await fetch(feedUrl)).status).toBe(401);

  // Checked again: one conditional request, no change, nothing notified twice.
  const before = publisher.count('/SDN.CSV');
  await admin.reload();
  await admin.getByRole('button', { name: `Check ${ofac.name} now` }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'No change' })).toBeVisible({ timeout: 60_000 });
  expect(publisher.count('/SDN.CSV')).toBe(before + 1);

  // A fault (a redirect to an HTML sign-in page, status 200) applies nothing and is shown.
  const designations = (await query<{ n: number }>(`SELECT count(*)::int AS n FROM designation`))[0]!.n;
  publisher.fault('/SDN.CSV', 'redirect-html');
  await admin.reload();
  await admin.getByRole('button', { name: `Check ${ofac.name} now` }).click();
  await expect(admin.getByRole('alert').filter({ hasText: /Failed|Refused/ })).toBeVisible({ timeout: 120_000 });
  await admin.goto(`${base}/admin/sources`);
  await expect(admin.getByRole('row').filter({ hasText: ofac.name })).toContainText(/html/i);
  expect((await query<{ n: number }>(`SELECT count(*)::int AS n FROM designation`))[0]!.n).toBe(designations);
  expect(mails.filter((m) => m.to.includes(ANALYST.email))).toHaveLength(1);
  expect(hooks).toHaveLength(1);

  // The admin enables sync on a schedule (every 10 s, to keep the test short): the app's own
  // scheduler picks the edit up (within its minute of refresh) and applies the next edition by itself.
  publisher.clearFaults();
  publisher.publish('/SDN.CSV', readFileSync(path.join(EDITIONS, 'sdn-2022-07-06.csv')), { lastModified: new Date('2022-07-06T20:00:00Z') });
  await admin.goto(`${base}/admin/sources/${ofac.id}`);
  await admin.getByLabel('Sync on schedule').check();
  await admin.getByLabel('Schedule (cron, UTC)').fill('*/10 * * * * *');
  await admin.getByRole('button', { name: 'Save source' }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect
    .poll(async () => (await query<{ d: string | null }>(`SELECT edition_date::text AS d FROM list_source WHERE id = $1`, [ofac.id]))[0]!.d, { timeout: 150_000, intervals: [2_000] })
    .toBe('2022-07-06');
  await admin.reload();
  await expect(admin.getByRole('region', { name: `Checks of ${ofac.name}` }).getByRole('row').nth(1)).toContainText('schedule');
  await admin.goto(`${base}/admin/sources`);
  await expect(admin.getByRole('row').filter({ hasText: ofac.name })).toContainText('enabled');
});
