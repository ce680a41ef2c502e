import 'server-only';
// Alert delivery (issue 27), after the import's commit: immediate e-mails, daily digests and signed
// webhooks, for the notifications createNotificationsForRun (notify.ts) wrote. Safe to run on every
// replica at once and as often as wanted: each notification is claimed by an atomic
// UPDATE … WHERE emailed_at IS NULL (webhook_at IS NULL) … RETURNING before anything is sent, so no
// two runs send it twice. A mail that cannot be sent gives its claim back (sent by a later run); a
// webhook call is retried with backoff and logged on webhook_delivery (kept 90 days).
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import pRetry, { AbortError } from 'p-retry';
import { Prisma, type PrismaClient } from '../generated/client';
import { prisma } from '../client';
import { env } from '../../env';
import { loadNotifiedChanges, type NotifiedChange } from './changes';
import { buildWebhookBody, chunk, groupBy, MAX_CHANGES_IN_WEBHOOK, renderAlertEmail } from '../../alerts/message';
import { parseAllowHosts, resolveWebhookTarget, WebhookRefusedError, type Lookup } from '../../alerts/ssrf';
import { SIGNATURE_HEADER, signWebhookBody } from '../../alerts/signature';
import { postWebhook } from '../../alerts/webhook-post';
import { signToken } from '../../security/signed-token';

export type MailTransport = { sendMail(message: nodemailer.SendMailOptions): Promise<unknown> };

/** Webhook retries: 5 attempts in all, waiting 2, 4, 8 then 16 s (capped at 30 s) between them. */
export const WEBHOOK_RETRY = { retries: 4, minTimeout: 2_000, maxTimeout: 30_000, factor: 2 } as const;
export const WEBHOOK_TIMEOUT_MS = 10_000;
export const WEBHOOK_LOG_DAYS = 90;
const DAY_MS = 24 * 3600 * 1000;
/**
 * Notifications older than this are not mailed (they stay on the Alerts page): a server whose SMTP
 * was configured late, or a mail outage, must not end in a flood of old news.
 */
export const BACKLOG_DAYS = 7;

export type DeliverOptions = {
  db?: PrismaClient;
  now?: () => Date;
  /** The mail transport; null sends no mail. Default: one made from `smtpUrl` (default SMTP_URL). */
  transport?: MailTransport | null;
  smtpUrl?: string | null;
  from?: string;
  /** The app's address for links (default PUBLIC_URL). */
  publicUrl?: string | null;
  /** Hosts exempt from the SSRF guard (default WEBHOOK_ALLOW_HOSTS). */
  allowHosts?: string[];
  lookup?: Lookup;
  retry?: { retries: number; minTimeout: number; maxTimeout: number; factor?: number };
  timeoutMs?: number;
  /** The key unsubscribe links are signed with (default AUTH_SECRET). */
  secret?: string;
};

export type DeliverResult = { emails: number; digests: number; webhooks: { delivered: number; failed: number; refused: number; cancelled: number }; purged: number };

let defaultTransport: { url: string; transport: MailTransport } | null = null;
function transportFor(url: string | null | undefined): MailTransport | null {
  if (!url) return null;
  if (defaultTransport?.url !== url) defaultTransport = { url, transport: nodemailer.createTransport(url) };
  return defaultTransport.transport;
}

// Timestamps are bound as UTC text into `timestamp` columns (which hold UTC, as Prisma writes them).
const ts = (d: Date) => Prisma.sql`${d.toISOString()}::timestamp`;
const ids = (list: string[]) => Prisma.sql`ARRAY[${Prisma.join(list)}]::bigint[]`;

/** Sends what is due. Returns what it did (for logs and tests). */
export async function deliverAlerts(opts: DeliverOptions = {}): Promise<DeliverResult> {
  const db = opts.db ?? prisma;
  const now = opts.now ?? (() => new Date());
  const purged = await db.$executeRaw`DELETE FROM webhook_delivery WHERE created_at < ${ts(new Date(now().getTime() - WEBHOOK_LOG_DAYS * DAY_MS))}`;
  const transport = opts.transport !== undefined ? opts.transport : transportFor(opts.smtpUrl !== undefined ? opts.smtpUrl : env.SMTP_URL);
  const ctx = {
    db,
    now,
    publicUrl: (opts.publicUrl !== undefined ? opts.publicUrl : env.PUBLIC_URL) ?? null,
    from: opts.from ?? env.ALERT_EMAIL_FROM,
    secret: opts.secret,
  };
  const emails = transport ? await sendImmediate(ctx, transport) : 0;
  const digests = transport ? await sendDigests(ctx, transport) : 0;
  const webhooks = await deliverWebhooks(ctx, {
    allowHosts: opts.allowHosts ?? parseAllowHosts(env.WEBHOOK_ALLOW_HOSTS),
    lookup: opts.lookup,
    retry: opts.retry ?? WEBHOOK_RETRY,
    timeoutMs: opts.timeoutMs ?? WEBHOOK_TIMEOUT_MS,
  });
  return { emails, digests, webhooks, purged };
}

type Ctx = { db: PrismaClient; now: () => Date; publicUrl: string | null; from: string; secret?: string };

type Recipient = { userId: string; email: string; tokenVersion: number };

async function recipients(db: PrismaClient, userIds: string[]): Promise<Map<string, Recipient>> {
  const rows = await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true, alertSettings: { select: { tokenVersion: true } } } });
  return new Map(rows.map((r) => [r.id, { userId: r.id, email: r.email, tokenVersion: r.alertSettings?.tokenVersion ?? 1 }]));
}

/** The signed unsubscribe link (no session needed), or null without PUBLIC_URL or a signing key. */
export function unsubscribeUrl(publicUrl: string | null, r: { userId: string; tokenVersion: number }, secret?: string): string | null {
  if (!publicUrl) return null;
  try {
    const token = signToken('unsubscribe', { u: r.userId, v: r.tokenVersion }, secret);
    return `${publicUrl.replace(/\/+$/, '')}/alerts/unsubscribe?token=${encodeURIComponent(token)}`;
  } catch {
    return null;
  }
}

async function sendMail(ctx: Ctx, transport: MailTransport, to: Recipient, changes: NotifiedChange[], digest: boolean): Promise<void> {
  const unsubscribe = unsubscribeUrl(ctx.publicUrl, to, ctx.secret);
  const mail = renderAlertEmail({ changes, publicUrl: ctx.publicUrl, unsubscribeUrl: unsubscribe, digest });
  await transport.sendMail({
    from: ctx.from,
    to: to.email,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    // RFC 8058 one-click unsubscribe: mail clients POST to the link (app/alerts/unsubscribe/route.ts).
    headers: unsubscribe ? { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : undefined,
  });
}

/** Gives claims back after a failed send, so a later run sends them. */
async function release(db: PrismaClient, claimed: string[], at: Date): Promise<void> {
  await db.$executeRaw`UPDATE notification SET emailed_at = NULL WHERE id = ANY (${ids(claimed)}) AND emailed_at = ${ts(at)}`;
}

/** One mail per user per import run, for users with e-mail "immediate" (the default). */
async function sendImmediate(ctx: Ctx, transport: MailTransport): Promise<number> {
  const at = ctx.now();
  const claimed = await ctx.db.$queryRaw<Array<{ id: string }>>`
    UPDATE notification n SET emailed_at = ${ts(at)}
    WHERE n.emailed_at IS NULL AND n.created_at > ${ts(new Date(at.getTime() - BACKLOG_DAYS * DAY_MS))} AND n.user_id IN (
      SELECT u.id FROM app_user u LEFT JOIN alert_settings s ON s.user_id = u.id
      WHERE NOT u.disabled AND coalesce(s.email, 'immediate') = 'immediate')
    RETURNING n.id::text AS id`;
  if (!claimed.length) return 0;
  const changes = await loadNotifiedChanges(ctx.db, Prisma.sql`n.id = ANY (${ids(claimed.map((c) => c.id))})`);
  const to = await recipients(ctx.db, [...new Set(changes.map((c) => c.userId))]);
  let sent = 0;
  for (const [, group] of groupBy(changes, (c) => `${c.userId}\u0000${c.importRunId}`)) {
    const r = to.get(group[0]!.userId);
    if (!r) continue;
    try {
      await sendMail(ctx, transport, r, group, false);
      sent++;
    } catch (err) {
      console.error(`[alerts] e-mail to user ${r.userId} failed; it will be retried:`, err instanceof Error ? err.message : err);
      await release(ctx.db, group.map((c) => c.notificationId), at);
    }
  }
  return sent;
}

/** Users with e-mail "daily" whose last digest is a day old (or who never had one): one mail each. */
async function sendDigests(ctx: Ctx, transport: MailTransport): Promise<number> {
  const at = ctx.now();
  // NOTE: claimed by moving last_digest_at (a second replica's UPDATE waits, then finds it recent).
  const due = await ctx.db.$queryRaw<Array<{ userId: string; previous: Date | null }>>`
    WITH due AS (
      SELECT s.user_id, s.last_digest_at FROM alert_settings s JOIN app_user u ON u.id = s.user_id
      WHERE s.email = 'daily' AND NOT u.disabled AND (s.last_digest_at IS NULL OR s.last_digest_at <= ${ts(new Date(at.getTime() - DAY_MS))})
      FOR UPDATE OF s SKIP LOCKED)
    UPDATE alert_settings s SET last_digest_at = ${ts(at)} FROM due WHERE s.user_id = due.user_id
    RETURNING s.user_id AS "userId", due.last_digest_at AS previous`;
  let sent = 0;
  const to = await recipients(ctx.db, due.map((d) => d.userId));
  for (const d of due) {
    const claimed = await ctx.db.$queryRaw<Array<{ id: string }>>`
      UPDATE notification SET emailed_at = ${ts(at)}
      WHERE user_id = ${d.userId} AND emailed_at IS NULL AND created_at > ${ts(new Date(at.getTime() - BACKLOG_DAYS * DAY_MS))}
      RETURNING id::text AS id`;
    const r = to.get(d.userId);
    if (!claimed.length || !r) continue;
    const changes = await loadNotifiedChanges(ctx.db, Prisma.sql`n.id = ANY (${ids(claimed.map((c) => c.id))})`);
    try {
      await sendMail(ctx, transport, r, changes, true);
      sent++;
    } catch (err) {
      console.error(`[alerts] digest to user ${r.userId} failed; it will be retried:`, err instanceof Error ? err.message : err);
      await release(ctx.db, claimed.map((c) => c.id), at);
      await ctx.db.$executeRaw`UPDATE alert_settings SET last_digest_at = ${d.previous ? ts(d.previous) : Prisma.sql`NULL`} WHERE user_id = ${d.userId} AND last_digest_at = ${ts(at)}`;
    }
  }
  return sent;
}

type WebhookOpts = { allowHosts: string[]; lookup?: Lookup; retry: { retries: number; minTimeout: number; maxTimeout: number; factor?: number }; timeoutMs: number };

/** Queues one delivery per user per import run, then sends every pending delivery. */
async function deliverWebhooks(ctx: Ctx, opts: WebhookOpts): Promise<DeliverResult['webhooks']> {
  const at = ctx.now();
  // Claim and queue in one transaction: a crash between them loses nothing.
  await ctx.db.$transaction(async (tx) => {
    const claimed = await tx.$queryRaw<Array<{ id: string }>>`
      UPDATE notification n SET webhook_at = ${ts(at)}
      WHERE n.webhook_at IS NULL AND n.user_id IN (
        SELECT s.user_id FROM alert_settings s JOIN app_user u ON u.id = s.user_id
        WHERE s.webhook_url IS NOT NULL AND s.webhook_secret IS NOT NULL AND NOT u.disabled)
      RETURNING n.id::text AS id`;
    if (!claimed.length) return;
    const changes = await loadNotifiedChanges(tx, Prisma.sql`n.id = ANY (${ids(claimed.map((c) => c.id))})`);
    const urls = new Map((await tx.alertSettings.findMany({ where: { userId: { in: [...new Set(changes.map((c) => c.userId))] } }, select: { userId: true, webhookUrl: true } })).map((s) => [s.userId, s.webhookUrl]));
    const data = groupBy(changes, (c) => `${c.userId}\u0000${c.importRunId}`).flatMap(([, group]) => {
      const url = urls.get(group[0]!.userId);
      if (!url) return [];
      return chunk(group, MAX_CHANGES_IN_WEBHOOK).map((part) => {
        const id = randomUUID();
        return { id, userId: part[0]!.userId, url, body: buildWebhookBody({ id, sentAt: at, changes: part, publicUrl: ctx.publicUrl }), createdAt: at };
      });
    });
    if (data.length) await tx.webhookDelivery.createMany({ data });
  });

  // A delivery left "sending" by a process that died is sent again after an hour (receivers
  // de-duplicate by the body's id).
  await ctx.db.$executeRaw`UPDATE webhook_delivery SET status = 'pending' WHERE status = 'sending' AND created_at < ${ts(new Date(at.getTime() - 3600_000))}`;
  const pending = await ctx.db.$queryRaw<Array<{ id: string; userId: string; url: string; body: string }>>`
    UPDATE webhook_delivery SET status = 'sending'
    WHERE id IN (SELECT id FROM webhook_delivery WHERE status = 'pending' ORDER BY created_at LIMIT 200 FOR UPDATE SKIP LOCKED)
    RETURNING id, user_id AS "userId", url, body`;
  const out = { delivered: 0, failed: 0, refused: 0, cancelled: 0 };
  // A few receivers at a time: one slow receiver must not hold up everyone else's.
  const queue = [...pending];
  const worker = async () => {
    for (let d = queue.shift(); d; d = queue.shift()) out[await sendDelivery(ctx, opts, d)]++;
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return out;
}

async function sendDelivery(ctx: Ctx, opts: WebhookOpts, d: { id: string; userId: string; url: string; body: string }): Promise<'delivered' | 'failed' | 'refused' | 'cancelled'> {
  const settings = await ctx.db.alertSettings.findUnique({ where: { userId: d.userId }, select: { webhookUrl: true, webhookSecret: true } });
  if (!settings?.webhookSecret || settings.webhookUrl !== d.url) {
    await ctx.db.webhookDelivery.update({ where: { id: d.id }, data: { status: 'cancelled', error: 'The webhook was changed or removed before this was sent.' } });
    return 'cancelled';
  }
  const secret = settings.webhookSecret;
  let attempts = 0;
  let responseStatus: number | null = null;
  const log = (error: string | null) => ctx.db.webhookDelivery.update({ where: { id: d.id }, data: { attempts, responseStatus, error } });
  try {
    await pRetry(
      async () => {
        attempts++;
        let target;
        try {
          // Checked before every attempt (DNS may have changed), and the connection pinned to it.
          target = await resolveWebhookTarget(d.url, { allowHosts: opts.allowHosts, lookup: opts.lookup });
        } catch (err) {
          // A failed lookup may pass; a refused address will not.
          if (err instanceof WebhookRefusedError && err.transient) throw err;
          throw new AbortError(err instanceof Error ? err : String(err));
        }
        const res = await postWebhook(new URL(d.url), target, d.body, { [SIGNATURE_HEADER]: signWebhookBody(secret, d.body), 'X-Alert-Delivery': d.id }, opts.timeoutMs);
        responseStatus = res.status;
        if (res.status >= 200 && res.status < 300) return;
        const message = res.status >= 300 && res.status < 400 ? `HTTP ${res.status}: redirects are not followed` : `HTTP ${res.status}`;
        // The receiver's own refusal (4xx, 3xx) will not change on a retry; overload and errors may.
        if (res.status >= 500 || res.status === 408 || res.status === 429) throw new Error(message);
        throw new AbortError(message);
      },
      { ...opts.retry, onFailedAttempt: async ({ error }) => void (await log(error.message)) },
    );
    await ctx.db.webhookDelivery.update({ where: { id: d.id }, data: { status: 'delivered', attempts, responseStatus, error: null, deliveredAt: ctx.now() } });
    return 'delivered';
  } catch (err) {
    const cause = err instanceof AbortError ? err.originalError : err;
    const refused = cause instanceof WebhookRefusedError && !cause.transient;
    const message = cause instanceof Error ? cause.message : String(cause);
    await ctx.db.webhookDelivery.update({ where: { id: d.id }, data: { status: refused ? 'refused' : 'failed', attempts, responseStatus, error: message.slice(0, 500) } });
    return refused ? 'refused' : 'failed';
  }
}
