import 'server-only';
// The audit trail: every mutation (forms, API, import, merge, seed) writes one event, in the same
// transaction as the change. The table is append-only (a trigger refuses UPDATE and DELETE).
import type { Prisma } from './generated/client';
import { prisma } from './client';
import { authorize } from '../auth/verified';
import type { Principal } from '../auth/permissions';

/** Who acted: a signed-in user, or a labelled system process (seed, CLI import…). */
export type Actor = { userId: string | null; label: string };

export const systemActor = (label: string): Actor => ({ userId: null, label });
export const userActor = (user: { id: string; email: string }): Actor => ({ userId: user.id, label: user.email });

type Json = Prisma.InputJsonValue;

/** JSON-safe copy: dates to ISO strings, bigints to strings, undefined dropped. */
export function toAuditJson(value: unknown): Json | undefined {
  if (value === undefined) return undefined;
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))) as Json;
}

/** The fields that differ between two snapshots, as { field: { from, to } }. */
export function diffSnapshots(before: Record<string, unknown> | null, after: Record<string, unknown> | null): Record<string, { from: unknown; to: unknown }> {
  const b = (toAuditJson(before ?? {}) ?? {}) as Record<string, unknown>;
  const a = (toAuditJson(after ?? {}) ?? {}) as Record<string, unknown>;
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (key === 'updatedAt' || key === 'version') continue;
    if (JSON.stringify(b[key]) !== JSON.stringify(a[key])) out[key] = { from: b[key] ?? null, to: a[key] ?? null };
  }
  return out;
}

export async function writeAudit(
  tx: Prisma.TransactionClient,
  event: { actor: Actor; action: string; targetType: string; targetId?: string | null; before?: unknown; after?: unknown; meta?: unknown },
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: event.actor.userId,
      actorLabel: event.actor.label,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId ?? null,
      before: toAuditJson(event.before),
      after: toAuditJson(event.after),
      meta: toAuditJson(event.meta),
    },
  });
}

export async function listRecentAuditEvents(viewer: Principal, limit: number) {
  authorize(viewer, 'audit:read');
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

export type AuditEventView = {
  id: string;
  at: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  changes: Array<{ field: string; from: unknown; to: unknown }>;
  meta: unknown;
};

type AuditRow = { id: bigint; at: Date; actorLabel: string; actor: { email: string } | null; action: string; targetType: string; targetId: string | null; before: unknown; after: unknown; meta: unknown };

function toView(e: AuditRow): AuditEventView {
  const diff = diffSnapshots((e.before ?? null) as Record<string, unknown> | null, (e.after ?? null) as Record<string, unknown> | null);
  return {
    id: e.id.toString(),
    at: e.at.toISOString().replace('T', ' ').slice(0, 19),
    actor: e.actor?.email ?? e.actorLabel,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    changes: Object.entries(diff).map(([field, d]) => ({ field, ...d })),
    meta: toAuditJson(e.meta) ?? null,
  };
}

/**
 * A record's history, newest first. For entities it includes merges into them (the merge event
 * targets the merged entity and names the survivor in meta).
 */
export async function listAuditForTarget(viewer: Principal, targetType: string, targetId: string, limit = 200): Promise<AuditEventView[]> {
  authorize(viewer, 'data:read');
  const where: Prisma.AuditEventWhereInput =
    targetType === 'Entity'
      ? { OR: [{ targetType, targetId }, { targetType, action: 'entity.merge', meta: { path: ['survivorId'], equals: targetId } }] }
      : { targetType, targetId };
  const rows = await prisma.auditEvent.findMany({ where, orderBy: { id: 'desc' }, take: limit, include: { actor: { select: { email: true } } } });
  return rows.map(toView);
}

export const AUDIT_PAGE_SIZE = 50;

/** The audit log, filtered by actor, action, target and date range; newest first. */
export async function listAuditEvents(viewer: Principal, q: { actor?: string; action?: string; targetType?: string; targetId?: string; from?: string; to?: string; page: number }) {
  authorize(viewer, 'audit:read');
  const and: Prisma.AuditEventWhereInput[] = [];
  if (q.actor) and.push({ OR: [{ actorLabel: { contains: q.actor, mode: 'insensitive' } }, { actor: { email: { contains: q.actor, mode: 'insensitive' } } }] });
  if (q.action) and.push({ action: { startsWith: q.action } });
  if (q.targetType) and.push({ targetType: q.targetType });
  if (q.targetId) and.push({ targetId: q.targetId });
  if (q.from) and.push({ at: { gte: new Date(`${q.from.padEnd(10, '-01').slice(0, 10)}T00:00:00Z`) } });
  if (q.to) {
    const end = new Date(`${q.to.padEnd(10, '-01').slice(0, 10)}T00:00:00Z`);
    // The whole of the given day, month or year.
    if (q.to.length === 4) end.setUTCFullYear(end.getUTCFullYear() + 1);
    else if (q.to.length === 7) end.setUTCMonth(end.getUTCMonth() + 1);
    else end.setUTCDate(end.getUTCDate() + 1);
    and.push({ at: { lt: end } });
  }
  const where: Prisma.AuditEventWhereInput = and.length ? { AND: and } : {};
  const [rows, total, types] = await Promise.all([
    prisma.auditEvent.findMany({ where, orderBy: { id: 'desc' }, skip: (q.page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE, include: { actor: { select: { email: true } } } }),
    prisma.auditEvent.count({ where }),
    prisma.auditEvent.findMany({ distinct: ['targetType'], select: { targetType: true }, orderBy: { targetType: 'asc' } }),
  ]);
  return { items: rows.map(toView), total, page: q.page, pageSize: AUDIT_PAGE_SIZE, targetTypes: types.map((t) => t.targetType) };
}
