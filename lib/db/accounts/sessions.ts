import 'server-only';
// Server-side sessions. The session cookie (a next-auth JWT) carries the id of a user_session row;
// every request checks that row, the user and their session version in one query (getSessionState),
// so a copied cookie is refused on its next request once its session is revoked.
import { randomBytes } from 'node:crypto';
import { prisma } from '../client';
import { writeAudit, type Actor } from '../audit';
import { AppError } from '../../errors';
import { authorize, issueVerifiedPrincipal } from '../../auth/verified';
import type { Principal, Role } from '../../auth/permissions';
import { env } from '../../env';
import type { Tx } from '../admin/crud';

export const SESSION_REVOKE_REASONS = ['sign-out', 'sign-out-everywhere', 'signed-out-elsewhere', 'password-change', 'password-reset', 'disabled', 'role-change', 'admin'] as const;
export type SessionRevokeReason = (typeof SESSION_REVOKE_REASONS)[number];

// NOTE: last_seen_at is written at most once a minute per session, so the check costs a read on
// almost every request and a write on a few.
const TOUCH_AFTER_SECONDS = 60;

export async function createUserSession(input: { userId: string; userAgent: string | null; ipAddress: string | null }): Promise<string> {
  const id = randomBytes(24).toString('base64url');
  await prisma.userSession.create({ data: { id, userId: input.userId, userAgent: input.userAgent?.slice(0, 512) ?? null, ipAddress: input.ipAddress } });
  return id;
}

export type SessionState = { principal: Principal; sessionVersion: number };

/**
 * The one check of a session, on every request: the session exists and is not revoked, its user is
 * enabled, and the user's session version is the one the cookie carries. Null when any fails.
 */
export async function getSessionState(userId: string, sessionId: string): Promise<SessionState | null> {
  const rows = await prisma.$queryRaw<{ id: string; email: string; name: string | null; role: Role; must_change_password: boolean; disabled: boolean; session_version: number; revoked: boolean; stale: boolean }[]>`
    SELECT u.id, u.email, u.name, u.role::text AS role, u.must_change_password, u.disabled, u.session_version,
           s.revoked_at IS NOT NULL AS revoked,
           s.last_seen_at < now() - make_interval(secs => ${TOUCH_AFTER_SECONDS}) AS stale
      FROM user_session s JOIN app_user u ON u.id = s.user_id
     WHERE s.id = ${sessionId} AND s.user_id = ${userId}`;
  const row = rows[0];
  if (!row || row.revoked || row.disabled) return null;
  if (row.stale) {
    await prisma.$executeRaw`UPDATE user_session SET last_seen_at = now() WHERE id = ${sessionId} AND last_seen_at < now() - make_interval(secs => ${TOUCH_AFTER_SECONDS})`;
  }
  const principal = issueVerifiedPrincipal({ id: row.id, email: row.email, name: row.name, role: row.role, mustChangePassword: row.must_change_password, sessionId });
  return { principal, sessionVersion: row.session_version };
}

/** Ends one session (sign-out). Idempotent: an ended session stays ended with its first reason. */
export async function revokeSession(sessionId: string, reason: SessionRevokeReason): Promise<void> {
  await prisma.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date(), revokedReason: reason } });
}

/** Ends every open session of a user (optionally but one), inside the caller's transaction. */
export async function revokeUserSessions(tx: Tx, userId: string, reason: SessionRevokeReason, exceptSessionId?: string): Promise<number> {
  const r = await tx.userSession.updateMany({ where: { userId, revokedAt: null, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) }, data: { revokedAt: new Date(), revokedReason: reason } });
  return r.count;
}

export type ActiveSession = { id: string; userAgent: string | null; ipAddress: string | null; createdAt: string; lastSeenAt: string; isCurrent: boolean };

/** The caller's sessions that can still be used: not revoked, within the idle and absolute lifetimes. */
export async function listOwnSessions(viewer: Principal): Promise<ActiveSession[]> {
  const me = authorize(viewer, 'self:manage');
  const now = Date.now();
  const rows = await prisma.userSession.findMany({
    where: {
      userId: me.id,
      revokedAt: null,
      createdAt: { gt: new Date(now - env.SESSION_MAX_AGE_MINUTES * 60_000) },
      // last_seen_at lags by up to a minute: one minute of grace keeps a just-used session listed.
      lastSeenAt: { gt: new Date(now - (env.SESSION_IDLE_MINUTES + 1) * 60_000) },
    },
    orderBy: { lastSeenAt: 'desc' },
  });
  return rows.map((s) => ({ id: s.id, userAgent: s.userAgent, ipAddress: s.ipAddress, createdAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString(), isCurrent: s.id === me.sessionId }));
}

/** Ends one of the caller's own sessions (another device), audited. */
export async function endOwnSession(viewer: Principal, sessionId: string): Promise<{ ended: boolean }> {
  const me = authorize(viewer, 'self:manage');
  return prisma.$transaction(async (tx) => {
    const r = await tx.userSession.updateMany({ where: { id: sessionId, userId: me.id, revokedAt: null }, data: { revokedAt: new Date(), revokedReason: 'signed-out-elsewhere' } });
    if (r.count === 0) throw new AppError('NOT_FOUND', 'This session has ended already, or is not yours. Reload the page.');
    await writeAudit(tx, { actor: { userId: me.id, label: me.email }, action: 'session.end', targetType: 'User', targetId: me.id, meta: { sessions: 1, current: sessionId === me.sessionId } });
    return { ended: true };
  });
}

/** "Sign out everywhere": ends every session of the caller, this one included, audited. */
export async function endAllOwnSessions(viewer: Principal): Promise<{ ended: number }> {
  const me = authorize(viewer, 'self:manage');
  return prisma.$transaction(async (tx) => {
    const ended = await revokeUserSessions(tx, me.id, 'sign-out-everywhere');
    await writeAudit(tx, { actor: { userId: me.id, label: me.email }, action: 'session.end_all', targetType: 'User', targetId: me.id, meta: { sessions: ended } });
    return { ended };
  });
}

/** An administrator ends every session of a user (who stays enabled and may sign in again), audited. */
export async function endUserSessions(actor: Actor, input: { id: string }): Promise<{ id: string; ended: number }> {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.id }, select: { id: true } });
    if (!user) throw new AppError('NOT_FOUND', 'This user does not exist.');
    const ended = await revokeUserSessions(tx, user.id, 'admin');
    await writeAudit(tx, { actor, action: 'user.end_sessions', targetType: 'User', targetId: user.id, meta: { sessions: ended } });
    return { id: user.id, ended };
  });
}

/** Open sessions per user, for the users page. */
export async function countOpenSessions(userIds: string[]): Promise<Map<string, number>> {
  const since = new Date(Date.now() - env.SESSION_MAX_AGE_MINUTES * 60_000);
  const rows = await prisma.userSession.groupBy({ by: ['userId'], where: { userId: { in: userIds }, revokedAt: null, createdAt: { gt: since } }, _count: { _all: true } });
  return new Map(rows.map((r) => [r.userId, r._count._all]));
}
