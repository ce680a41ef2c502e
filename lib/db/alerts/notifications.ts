import 'server-only';
// A user's notifications and webhook deliveries (issue 27): their own only.
import { Prisma } from '../generated/client';
import { prisma } from '../client';
import { authorize } from '../../auth/verified';
import type { Principal } from '../../auth/permissions';
import { AppError } from '../../errors';
import { loadNotifiedChanges, type NotifiedChange } from './changes';
import { WEBHOOK_LOG_DAYS } from './deliver';

export const NOTIFICATIONS_SHOWN = 200;

/** The caller's newest notifications, newest first. */
export async function listNotifications(viewer: Principal, limit = NOTIFICATIONS_SHOWN): Promise<NotifiedChange[]> {
  const { id } = authorize(viewer, 'self:manage');
  const rows = await loadNotifiedChanges(prisma, Prisma.sql`n.user_id = ${id}`, limit);
  return rows.sort((a, b) => Number(BigInt(b.notificationId) - BigInt(a.notificationId)));
}

export async function countUnreadNotifications(viewer: Principal): Promise<number> {
  const { id } = authorize(viewer, 'self:manage');
  return prisma.notification.count({ where: { userId: id, readAt: null } });
}

export async function markNotificationRead(viewer: Principal, notificationId: string): Promise<{ id: string }> {
  const { id: userId } = authorize(viewer, 'self:manage');
  const { count } = await prisma.notification.updateMany({ where: { id: BigInt(notificationId), userId }, data: { readAt: new Date() } });
  if (!count) throw new AppError('NOT_FOUND', 'This notification does not exist or is not yours.');
  return { id: notificationId };
}

export async function markAllNotificationsRead(viewer: Principal): Promise<{ count: number }> {
  const { id: userId } = authorize(viewer, 'self:manage');
  const { count } = await prisma.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } });
  return { count };
}

export type WebhookDeliveryDto = { id: string; url: string; status: string; attempts: number; responseStatus: number | null; error: string | null; createdAt: string; deliveredAt: string | null; changes: number };

/** The caller's webhook calls of the last 90 days, newest first (the body's change count, not the body). */
export async function listWebhookDeliveries(viewer: Principal, limit = 200): Promise<WebhookDeliveryDto[]> {
  const { id: userId } = authorize(viewer, 'self:manage');
  const since = new Date(Date.now() - WEBHOOK_LOG_DAYS * 24 * 3600 * 1000);
  const rows = await prisma.webhookDelivery.findMany({ where: { userId, createdAt: { gte: since } }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit });
  return rows.map((r) => {
    let changes = 0;
    try {
      const body: unknown = JSON.parse(r.body);
      if (body && typeof body === 'object' && Array.isArray((body as { changes?: unknown }).changes)) changes = (body as { changes: unknown[] }).changes.length;
    } catch {
      // a body we did not write: count nothing
    }
    return { id: r.id, url: r.url, status: r.status, attempts: r.attempts, responseStatus: r.responseStatus, error: r.error, createdAt: r.createdAt.toISOString(), deliveredAt: r.deliveredAt?.toISOString() ?? null, changes };
  });
}
