// Watchlists and alerts end to end, without mocks: list_change rows of a run → notifications
// (createNotificationsForRun, on its own transaction as the import's last step) → deliverAlerts
// with a real SMTP server (smtp-server) and a real webhook receiver (node:http) that verifies the
// signature. Everything is run twice, and concurrently, to show a change reaches each watcher once.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../client';
import { pgConfigFromUrl } from '../url';
import type { Prisma } from '../generated/client';
import { createNotificationsForRun } from './notify';
import { deliverAlerts, type DeliverOptions } from './deliver';
import { addWatch, listWatches, removeWatch } from './watches';
import { setEmailMode, setWebhook, rotateWebhookSecret } from './settings';
import { countUnreadNotifications, listNotifications, listWebhookDeliveries, markAllNotificationsRead } from './notifications';
import { checkUnsubscribeToken, unsubscribeWithToken } from './unsubscribe';
import { verifyWebhookSignature } from '../../alerts/signature';
import { signToken } from '../../security/signed-token';
import { getActivePrincipal } from '../accounts/users';
import type { Principal } from '../../auth/permissions';

const SECRET = 'alerts-integration-test-secret-0123456789abcdef';
const PUBLIC_URL = 'https://tracker.example.org';
const tag = randomUUID().slice(0, 8);

type Mail = { to: string[]; data: string };
const mails: Mail[] = [];
let smtp: SMTPServer;
let smtpUrl: string;

type Hook = { body: string; signature: string | undefined; delivery: string | undefined; valid: boolean };
const hooks: Hook[] = [];
/** Statuses the receiver answers with, in order (then 200). */
const answers: number[] = [];
const secrets = new Map<string, string>();
let receiver: http.Server;
let receiverUrl: string;

async function user(name: string): Promise<Principal> {
  const u = await prisma.user.create({ data: { email: `alerts-${name}-${tag}@example.org`, role: 'ANALYST', passwordHash: 'x' } });
  return (await getActivePrincipal(u.id))!;
}

function opts(extra: Partial<DeliverOptions> = {}): DeliverOptions {
  return { smtpUrl, publicUrl: PUBLIC_URL, allowHosts: ['127.0.0.1'], secret: SECRET, retry: { retries: 3, minTimeout: 10, maxTimeout: 40 }, ...extra };
}

/** As the loader does: the step on the import's own connection, in its transaction. */
async function notify(runId: string): Promise<number> {
  const client = new pg.Client(pgConfigFromUrl(process.env.DATABASE_URL!));
  await client.connect();
  try {
    await client.query('BEGIN');
    const n = await createNotificationsForRun(prisma as unknown as Prisma.TransactionClient, { runId, sql: client });
    await client.query('COMMIT');
    return n;
  } finally {
    await client.end();
  }
}

async function run(): Promise<string> {
  const r = await prisma.importRun.create({ data: { actorLabel: 'test:alerts', format: 'ftm', fileName: `alerts-${tag}`, fileSha256: '0', fileBytes: 1n, status: 'APPLIED' } });
  return r.id;
}

async function change(runId: string, c: { entityId: string; recordId?: string | null; entityName: string; programs?: string[]; countries?: string[]; kind?: 'LISTED' | 'AMENDED'; fields?: Record<string, unknown> }) {
  return prisma.listChange.create({
    data: {
      importRunId: runId, editionDate: new Date('2026-12-01'), kind: c.kind ?? 'LISTED', targetType: 'Designation', targetId: `t-${randomUUID()}`,
      entityId: c.entityId, recordId: c.recordId ?? null, entityName: c.entityName, authorityId: 'US-OFAC', sourceKey: `ALERT-${tag}-${randomUUID().slice(0, 4)}`,
      programs: c.programs ?? [], countries: c.countries ?? [], fields: (c.fields ?? {}) as Prisma.InputJsonValue,
    },
  });
}

const mailsTo = (p: Principal) => mails.filter((m) => m.to.includes(p.email));
const notified = async (p: Principal) => prisma.notification.findMany({ where: { userId: p.id }, orderBy: { id: 'asc' } });

beforeAll(async () => {
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (c: Buffer) => (data += c.toString('utf8')));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;

  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const owner = req.url?.slice(1) ?? '';
      const signature = req.headers['x-signature-sha256'] as string | undefined;
      hooks.push({ body, signature, delivery: req.headers['x-alert-delivery'] as string | undefined, valid: verifyWebhookSignature(secrets.get(owner) ?? '', body, signature) });
      res.statusCode = answers.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

async function shahed(): Promise<{ entityId: string; recordId: string; name: string }> {
  const x = await prisma.externalId.findUniqueOrThrow({ where: { source_externalId: { source: 'ofac-sdn', externalId: '39637' } }, include: { entity: true } });
  return { entityId: x.entityId, recordId: x.id, name: x.entity.name };
}

async function hookFor(p: Principal): Promise<void> {
  const r = await setWebhook(p, `${receiverUrl}/${p.id}`, { allowHosts: ['127.0.0.1'] });
  secrets.set(p.id, r.secret!);
}

describe('alerts', () => {
  it('a watched entity that changes gives exactly one e-mail and one signed webhook, however often and concurrently the steps run', async () => {
    const s = await shahed();
    const watcher = await user('watcher');
    const other = await user('other');
    await addWatch(watcher, { kind: 'entity', value: s.entityId });
    const otherEntity = await prisma.entity.create({ data: { schema: 'Company', name: `Unrelated Alerts Co ${tag}` } });
    await addWatch(other, { kind: 'entity', value: otherEntity.id });
    await hookFor(watcher);
    await hookFor(other);

    const runId = await run();
    const lc = await change(runId, { entityId: s.entityId, recordId: s.recordId, entityName: `${s.name} <b>&co</b>`, programs: ['IRAN'], countries: ['ir'], kind: 'AMENDED', fields: { remarks: { from: 'old <i>', to: 'new' } } });
    const counts = await Promise.all([notify(runId), notify(runId)]);
    expect(counts.sort()).toEqual([0, 1]);
    expect(await notify(runId)).toBe(0);
    expect((await notified(watcher)).map((n) => [n.changeId, n.matched])).toEqual([[lc.id, `entity:${s.entityId}`]]);
    expect(await notified(other)).toEqual([]);

    const [a, b] = await Promise.all([deliverAlerts(opts()), deliverAlerts(opts())]);
    await deliverAlerts(opts());
    expect(a.emails + b.emails).toBe(1);
    expect(mailsTo(watcher)).toHaveLength(1);
    expect(mailsTo(other)).toHaveLength(0);
    const mail = mailsTo(watcher)[0]!.data.replace(/=\r?\n/g, '');
    expect(mail).toContain(`${PUBLIC_URL}/entities/${s.entityId}`);
    expect(mail).toContain('List-Unsubscribe');
    // The listed name is escaped in the HTML part.
    expect(mail).toContain('&lt;b&gt;&amp;co&lt;/b&gt;');
    expect(mail).not.toContain('<b>&co</b></a>');

    const mine = hooks.filter((h) => h.body.includes(lc.sourceKey));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.valid).toBe(true);
    const body = JSON.parse(mine[0]!.body) as { id: string; changes: Array<{ id: string; kind: string; entity: { id: string; url: string } }> };
    expect(body.id).toBe(mine[0]!.delivery);
    expect(body.changes).toEqual([expect.objectContaining({ id: lc.id.toString(), kind: 'AMENDED', entity: expect.objectContaining({ id: s.entityId, url: `${PUBLIC_URL}/entities/${s.entityId}` }) })]);
    expect(await listWebhookDeliveries(watcher)).toEqual([expect.objectContaining({ status: 'delivered', attempts: 1, responseStatus: 200, changes: 1 })]);
    expect(await listWebhookDeliveries(other)).toEqual([]);

    // The page's view: the user's own notifications only; read state.
    expect(await countUnreadNotifications(watcher)).toBe(1);
    expect((await listNotifications(watcher)).map((n) => [n.changeId, n.entityId, n.matched])).toEqual([[lc.id.toString(), s.entityId, [`Entity: ${s.name}`]]]);
    expect(await listNotifications(other)).toEqual([]);
    await markAllNotificationsRead(watcher);
    expect(await countUnreadNotifications(watcher)).toBe(0);
  });

  it('matches programs, countries, weapons programs, name patterns (the search matcher) and entity watches across merges', async () => {
    const u = await user('kinds');
    const base = await prisma.entity.create({ data: { schema: 'Company', name: `Zarqavand Tarabar Logistics ${tag}`, countries: ['ae'] } });
    await prisma.entityAlias.create({ data: { entityId: base.id, name: `Kavir Parto ${tag}` } });
    // An entity since merged into `base`: watching it follows the merge.
    const merged = await prisma.entity.create({ data: { schema: 'Company', name: `Old Name ${tag}`, mergedIntoId: base.id } });
    const wp = await prisma.weaponsProgram.create({ data: { slug: `alerts-wp-${tag}`, name: `Alerts WP ${tag}`, type: 'UAV' } });
    await prisma.programParticipant.create({ data: { entityId: base.id, weaponsProgramId: wp.id, role: 'MANUFACTURER', sourceUrl: 'https://example.org/source' } });
    const watch = (kind: string, value: string) => prisma.watch.create({ data: { userId: u.id, kind, value, label: value } });
    await watch('entity', merged.id);
    await watch('program', 'US-OFAC:NPWMD');
    await watch('country', 'AE');
    await watch('weapon', wp.slug);
    await watch('name', 'Zarghawand'); // transliteration: q ~ gh, v ~ w
    await watch('name', `kavir parto ${tag}`); // an alias
    await watch('name', 'Nothing Like It Whatsoever');

    const runId = await run();
    const hit = await change(runId, { entityId: base.id, entityName: `Zarqavand Tarabar Logistics ${tag}`, programs: ['NPWMD'], countries: ['AE'] });
    const miss = await change(runId, { entityId: (await prisma.entity.create({ data: { schema: 'Company', name: `Plain Other ${tag}` } })).id, entityName: `Plain Other ${tag}`, programs: ['SDGT'], countries: ['fr'] });
    expect(await notify(runId)).toBe(1);
    const [n] = await notified(u);
    expect(n!.changeId).toBe(hit.id);
    expect(n!.matched.split('\n').sort()).toEqual(
      [`country:AE`, `entity:${merged.id}`, `name:Zarghawand`, `name:kavir parto ${tag}`, 'program:US-OFAC:NPWMD', `weapon:${wp.slug}`].sort(),
    );
    expect((await notified(u)).some((x) => x.changeId === miss.id)).toBe(false);
  });

  it('sends a daily digest once a day, on an injected clock', async () => {
    const u = await user('digest');
    const e = await prisma.entity.create({ data: { schema: 'Company', name: `Digest Target ${tag}` } });
    await addWatch(u, { kind: 'entity', value: e.id });
    await setEmailMode(u, 'daily');
    const t0 = new Date();
    const runId = await run();
    await change(runId, { entityId: e.id, entityName: e.name });
    await notify(runId);
    const at = (hours: number) => () => new Date(t0.getTime() + hours * 3600_000);
    expect((await deliverAlerts(opts({ now: at(1) }))).digests).toBe(0);
    expect(mailsTo(u)).toHaveLength(0);
    const [x, y] = await Promise.all([deliverAlerts(opts({ now: at(25) })), deliverAlerts(opts({ now: at(25) }))]);
    expect(x.digests + y.digests).toBe(1);
    expect(mailsTo(u)).toHaveLength(1);
    expect(mailsTo(u)[0]!.data).toContain('daily digest');
    expect((await deliverAlerts(opts({ now: at(26) }))).digests).toBe(0);
    // The next day, nothing new: no mail.
    expect((await deliverAlerts(opts({ now: at(50) }))).digests).toBe(0);
    expect(mailsTo(u)).toHaveLength(1);
  });

  it('retries a failing receiver (500, then 200) and logs each attempt', async () => {
    const u = await user('retry');
    const e = await prisma.entity.create({ data: { schema: 'Company', name: `Retry Target ${tag}` } });
    await addWatch(u, { kind: 'entity', value: e.id });
    await setEmailMode(u, 'off');
    await hookFor(u);
    const runId = await run();
    const lc = await change(runId, { entityId: e.id, entityName: e.name });
    await notify(runId);
    answers.push(500);
    const r = await deliverAlerts(opts());
    expect(r.webhooks.delivered).toBe(1);
    const calls = hooks.filter((h) => h.body.includes(lc.sourceKey));
    expect(calls).toHaveLength(2);
    expect(calls.every((c) => c.valid)).toBe(true);
    expect(await listWebhookDeliveries(u)).toEqual([expect.objectContaining({ status: 'delivered', attempts: 2, responseStatus: 200 })]);
    expect(mailsTo(u)).toHaveLength(0);
  });

  it('refuses a webhook to 127.0.0.1 without the allow-list, at save time and at delivery, and logs it', async () => {
    const u = await user('ssrf');
    await expect(setWebhook(u, `${receiverUrl}/${u.id}`, { allowHosts: [] })).rejects.toMatchObject({ status: 422, fieldErrors: { webhookUrl: [expect.stringContaining('not a public address')] } });
    await expect(setWebhook(u, 'http://169.254.169.254/latest/meta-data', { allowHosts: [] })).rejects.toMatchObject({ status: 422 });
    // Saved while the host was allowed; the allow-list no longer has it when the alert goes out.
    await hookFor(u);
    const e = await prisma.entity.create({ data: { schema: 'Company', name: `SSRF Target ${tag}` } });
    await addWatch(u, { kind: 'entity', value: e.id });
    const runId = await run();
    const lc = await change(runId, { entityId: e.id, entityName: e.name });
    await notify(runId);
    const r = await deliverAlerts(opts({ allowHosts: [], transport: null }));
    expect(r.webhooks.refused).toBe(1);
    expect(hooks.filter((h) => h.body.includes(lc.sourceKey))).toHaveLength(0);
    expect(await listWebhookDeliveries(u)).toEqual([expect.objectContaining({ status: 'refused', attempts: 1, error: expect.stringContaining('not a public address') })]);
  });

  it('keeps watches, settings and secrets to their owner; unsubscribe links turn e-mail off until revoked', async () => {
    const a = await user('owner');
    const b = await user('intruder');
    const w = await addWatch(a, { kind: 'country', value: 'ir' });
    expect(await addWatch(a, { kind: 'country', value: 'ir' })).toEqual(w);
    await expect(removeWatch(b, w.id)).rejects.toMatchObject({ status: 404 });
    expect((await listWatches(b)).map((x) => x.id)).not.toContain(w.id);
    await expect(addWatch(a, { kind: 'entity', value: 'no-such-entity' })).rejects.toMatchObject({ status: 422 });
    await expect(rotateWebhookSecret(b)).rejects.toMatchObject({ status: 404 });

    const token = signToken('unsubscribe', { u: a.id, v: 1 }, SECRET);
    expect(await checkUnsubscribeToken(`${token.slice(0, -2)}xx`, SECRET)).toBeNull();
    expect(await unsubscribeWithToken(token, SECRET)).toEqual({ userId: a.id, email: a.email });
    expect((await prisma.alertSettings.findUniqueOrThrow({ where: { userId: a.id } })).email).toBe('off');
    await prisma.alertSettings.update({ where: { userId: a.id }, data: { tokenVersion: { increment: 1 } } });
    expect(await checkUnsubscribeToken(token, SECRET)).toBeNull();
  });
});
