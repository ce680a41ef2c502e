import 'server-only';
import { prisma } from './client';

export async function listRecentAuditEvents(limit: number) {
  const rows = await prisma.auditEvent.findMany({ orderBy: { id: 'desc' }, take: limit, include: { actor: { select: { email: true } } } });
  return rows.map((e) => ({
    id: e.id.toString(),
    at: e.at.toISOString().replace('T', ' ').slice(0, 19),
    actor: e.actor?.email ?? e.actorLabel,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
  }));
}
