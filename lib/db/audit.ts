import 'server-only';
// The audit trail: every mutation (forms, API, import, merge, seed) writes one event, in the same
// transaction as the change. The table is append-only (a trigger refuses UPDATE and DELETE).
import type { Prisma } from './generated/client';
import { prisma } from './client';

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
