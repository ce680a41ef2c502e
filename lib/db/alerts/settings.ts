import 'server-only';
// A user's alert settings (issue 27): e-mail mode, webhook URL and secret, link revocation. The
// webhook secret is returned only by the call that creates it (set, rotate): pages never read it.
import { prisma } from '../client';
import { userActor, writeAudit } from '../audit';
import { authorize } from '../../auth/verified';
import type { Principal } from '../../auth/permissions';
import { AppError } from '../../errors';
import { env } from '../../env';
import { generateWebhookSecret } from '../../alerts/signature';
import { parseAllowHosts, resolveWebhookTarget, WebhookRefusedError, type Lookup } from '../../alerts/ssrf';
import type { EmailMode } from '../../validation/alerts';

export type AlertSettingsDto = { email: EmailMode; webhookUrl: string | null; hasWebhookSecret: boolean; isSmtpConfigured: boolean; lastDigestAt: string | null };

export async function getAlertSettings(viewer: Principal): Promise<AlertSettingsDto> {
  const { id } = authorize(viewer, 'self:manage');
  const s = await prisma.alertSettings.findUnique({ where: { userId: id } });
  return {
    email: (s?.email ?? 'immediate') as EmailMode,
    webhookUrl: s?.webhookUrl ?? null,
    hasWebhookSecret: !!s?.webhookSecret,
    isSmtpConfigured: !!env.SMTP_URL,
    lastDigestAt: s?.lastDigestAt?.toISOString() ?? null,
  };
}

/**
 * Sets the e-mail mode. Turning e-mail back on does not mail what came while it was off (months of
 * backlog): that stays on the Alerts page. A daily digest starts a day after it is chosen.
 */
export async function setEmailMode(viewer: Principal, email: EmailMode): Promise<{ email: EmailMode }> {
  const { id } = authorize(viewer, 'self:manage');
  const now = new Date();
  await prisma.$transaction(async (tx) => {
    const before = await tx.alertSettings.findUnique({ where: { userId: id }, select: { email: true } });
    const previous = before?.email ?? 'immediate';
    if (previous === email) return;
    const digest = email === 'daily' ? { lastDigestAt: now } : {};
    await tx.alertSettings.upsert({ where: { userId: id }, create: { userId: id, email, ...digest }, update: { email, ...digest } });
    if (previous === 'off') await tx.notification.updateMany({ where: { userId: id, emailedAt: null }, data: { emailedAt: now } });
  });
  return { email };
}

/** Save-time SSRF check: the same guard as every delivery, with a message for the form. */
export async function checkWebhookTarget(url: string, opts: { allowHosts?: string[]; lookup?: Lookup } = {}): Promise<void> {
  try {
    await resolveWebhookTarget(url, { allowHosts: opts.allowHosts ?? parseAllowHosts(env.WEBHOOK_ALLOW_HOSTS), lookup: opts.lookup });
  } catch (err) {
    if (err instanceof WebhookRefusedError) throw new AppError('UNPROCESSABLE', err.message, { webhookUrl: [err.message] });
    throw err;
  }
}

/** Sets the webhook URL; the first time, a secret is made and returned (this once). */
export async function setWebhook(viewer: Principal, url: string, opts: { allowHosts?: string[]; lookup?: Lookup } = {}): Promise<{ webhookUrl: string; secret: string | null }> {
  const principal = authorize(viewer, 'self:manage');
  await checkWebhookTarget(url, opts);
  const now = new Date();
  return prisma.$transaction(async (tx) => {
    const before = await tx.alertSettings.findUnique({ where: { userId: principal.id }, select: { webhookUrl: true, webhookSecret: true } });
    const secret = before?.webhookSecret ? null : generateWebhookSecret();
    await tx.alertSettings.upsert({
      where: { userId: principal.id },
      create: { userId: principal.id, webhookUrl: url, webhookSecret: secret },
      update: { webhookUrl: url, ...(secret ? { webhookSecret: secret } : {}) },
    });
    // As for e-mail: a new webhook starts with what comes next, not the backlog.
    if (!before?.webhookUrl) await tx.notification.updateMany({ where: { userId: principal.id, webhookAt: null }, data: { webhookAt: now } });
    await writeAudit(tx, { actor: userActor(principal), action: 'alerts.webhook_set', targetType: 'AlertSettings', targetId: principal.id, before: { webhookUrl: before?.webhookUrl ?? null }, after: { webhookUrl: url, secretCreated: !!secret } });
    return { webhookUrl: url, secret };
  });
}

export async function rotateWebhookSecret(viewer: Principal): Promise<{ secret: string }> {
  const principal = authorize(viewer, 'self:manage');
  const secret = generateWebhookSecret();
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.alertSettings.updateMany({ where: { userId: principal.id, webhookUrl: { not: null } }, data: { webhookSecret: secret } });
    if (!count) throw new AppError('NOT_FOUND', 'Set a webhook URL first.');
    await writeAudit(tx, { actor: userActor(principal), action: 'alerts.webhook_secret_rotate', targetType: 'AlertSettings', targetId: principal.id });
    return { secret };
  });
}

export async function removeWebhook(viewer: Principal): Promise<{ removed: boolean }> {
  const principal = authorize(viewer, 'self:manage');
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.alertSettings.updateMany({ where: { userId: principal.id, webhookUrl: { not: null } }, data: { webhookUrl: null, webhookSecret: null } });
    if (count) await writeAudit(tx, { actor: userActor(principal), action: 'alerts.webhook_remove', targetType: 'AlertSettings', targetId: principal.id });
    return { removed: count > 0 };
  });
}

/** Revokes every unsubscribe (and feed) link signed for the caller so far. */
export async function revokeAlertLinks(viewer: Principal): Promise<{ tokenVersion: number }> {
  const user = authorize(viewer, 'self:manage');
  // One version for every signed link of the user (feeds and unsubscribe links): bumping it revokes all.
  return prisma.$transaction(async (tx) => {
    const s = await tx.alertSettings.upsert({ where: { userId: user.id }, create: { userId: user.id, tokenVersion: 2 }, update: { tokenVersion: { increment: 1 } }, select: { tokenVersion: true } });
    await writeAudit(tx, { actor: userActor(user), action: 'alert_links.revoke', targetType: 'User', targetId: user.id, after: { tokenVersion: s.tokenVersion } });
    return { tokenVersion: s.tokenVersion };
  });
}
