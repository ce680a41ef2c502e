import 'server-only';
// User administration: every change is version-guarded, audited in the same transaction, and the
// last active administrator can never be demoted or disabled (an advisory lock serialises the check).
import { prisma } from '../client';
import { writeAudit, type Actor } from '../audit';
import { generatePassword, hashPassword, verifyPassword } from '../../auth/password';
import type { Role } from '../../auth/permissions';
import { AppError } from '../../errors';
import { normalizeEmail } from '../accounts/users';
import { accountKey, listAccountLocks } from '../login-throttle';
import type { Tx } from './crud';
import { countOpenSessions, revokeUserSessions } from '../accounts/sessions';
import { authorize } from '../../auth/verified';
import type { Principal } from '../../auth/permissions';

const ADMIN_LOCK = 7_402_118; // any constant: the key of the "who is admin" advisory lock

export type UserListItem = {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  disabled: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  version: number;
  /** Set while sign-in is locked after too many failures (UTC, minutes). */
  lockedUntil: string | null;
  /** Sessions not ended and within the absolute lifetime (an idle one may have lapsed already). */
  openSessions: number;
};

const utcMinutes = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 16);

export async function listUsers(viewer: Principal): Promise<UserListItem[]> {
  authorize(viewer, 'users:manage');
  const [rows, locks] = await Promise.all([
    prisma.user.findMany({ orderBy: { email: 'asc' }, select: { id: true, email: true, name: true, role: true, disabled: true, mustChangePassword: true, lastLoginAt: true, version: true } }),
    listAccountLocks(),
  ]);
  const sessions = await countOpenSessions(rows.map((u) => u.id));
  return rows.map((u) => {
    const lock = locks.get(u.email);
    return { ...u, lastLoginAt: u.lastLoginAt ? utcMinutes(u.lastLoginAt) : null, lockedUntil: lock ? utcMinutes(lock.lockedUntil) : null, openSessions: sessions.get(u.id) ?? 0 };
  });
}

const snapshot = (u: { email: string; name: string | null; role: Role; disabled: boolean; mustChangePassword: boolean }) => ({ email: u.email, name: u.name, role: u.role, disabled: u.disabled, mustChangePassword: u.mustChangePassword });

/** Bumps the version if it still matches; else explains (404 / 409). Returns the row as it was. */
async function guard(tx: Tx, id: string, version: number) {
  const n = await tx.$executeRaw`UPDATE app_user SET version = version + 1, updated_at = now() WHERE id = ${id} AND version = ${version}`;
  const user = await tx.user.findUnique({ where: { id } });
  if (!user) throw new AppError('NOT_FOUND', 'This user does not exist.');
  if (n !== 1) throw new AppError('CONFLICT', `Someone else changed this user since you opened the page (version ${version}, now ${user.version}). Nothing was saved: reload and try again.`);
  return user;
}

/** Refuses when the change would leave no active administrator. */
async function keepOneAdmin(tx: Tx, user: { id: string; email: string; role: Role; disabled: boolean }, next: { role: Role; disabled: boolean }) {
  const losesAdmin = user.role === 'ADMIN' && !user.disabled && (next.role !== 'ADMIN' || next.disabled);
  if (!losesAdmin) return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADMIN_LOCK})`;
  const others = await tx.user.count({ where: { role: 'ADMIN', disabled: false, id: { not: user.id } } });
  if (others === 0) throw new AppError('CONFLICT', `${user.email} is the last active administrator: make another user an administrator first.`);
}

export async function createUser(actor: Actor, input: { email: string; name: string | null; role: Role }): Promise<{ id: string; email: string; password: string }> {
  const email = normalizeEmail(input.email);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
      throw new AppError('UNPROCESSABLE', 'Some fields are not valid: see the messages next to them.', { email: ['A user with this email exists already.'] });
    }
    const user = await tx.user.create({ data: { email, name: input.name, role: input.role, passwordHash, mustChangePassword: true } });
    await writeAudit(tx, { actor, action: 'user.create', targetType: 'User', targetId: user.id, after: snapshot(user), meta: { version: user.version } });
    return { id: user.id, email: user.email, password };
  });
}

export async function setUserRole(actor: Actor, input: { id: string; version: number; role: Role }) {
  return prisma.$transaction(async (tx) => {
    const before = await guard(tx, input.id, input.version);
    await keepOneAdmin(tx, before, { role: input.role, disabled: before.disabled });
    // A role change ends the user's sessions: they sign in again and get the new role's pages.
    const after = await tx.user.update({ where: { id: input.id }, data: { role: input.role, ...(input.role !== before.role ? { sessionVersion: { increment: 1 } } : {}) } });
    if (input.role !== before.role) await revokeUserSessions(tx, input.id, 'role-change');
    await writeAudit(tx, { actor, action: 'user.role', targetType: 'User', targetId: input.id, before: { role: before.role }, after: { role: after.role }, meta: { version: after.version } });
    return { id: after.id, version: after.version };
  });
}

export async function setUserDisabled(actor: Actor, input: { id: string; version: number; disabled: boolean }) {
  return prisma.$transaction(async (tx) => {
    const before = await guard(tx, input.id, input.version);
    await keepOneAdmin(tx, before, { role: before.role, disabled: input.disabled });
    const after = await tx.user.update({ where: { id: input.id }, data: { disabled: input.disabled, ...(input.disabled ? { sessionVersion: { increment: 1 } } : {}) } });
    if (input.disabled) await revokeUserSessions(tx, input.id, 'disabled');
    await writeAudit(tx, { actor, action: input.disabled ? 'user.disable' : 'user.enable', targetType: 'User', targetId: input.id, before: { disabled: before.disabled }, after: { disabled: after.disabled }, meta: { version: after.version } });
    return { id: after.id, version: after.version };
  });
}

/** A new one-time password; the user must choose their own at the next sign-in. */
export async function resetUserPassword(actor: Actor, input: { id: string; version: number }): Promise<{ id: string; version: number; email: string; password: string }> {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    const before = await guard(tx, input.id, input.version);
    const after = await tx.user.update({ where: { id: input.id }, data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 } } });
    await revokeUserSessions(tx, input.id, 'password-reset');
    // The audit trail records that the password was reset, never the password or its hash.
    await writeAudit(tx, { actor, action: 'user.password_reset', targetType: 'User', targetId: input.id, before: { mustChangePassword: before.mustChangePassword }, after: { mustChangePassword: true, passwordChanged: true }, meta: { version: after.version } });
    return { id: after.id, version: after.version, email: after.email, password };
  });
}

export async function changeOwnPassword(actor: Actor & { userId: string; sessionId?: string }, input: { currentPassword: string; newPassword: string }) {
  const user = await prisma.user.findUnique({ where: { id: actor.userId } });
  if (!user || user.disabled) throw new AppError('UNAUTHORIZED', 'Sign in to continue.');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('UNPROCESSABLE', 'Some fields are not valid: see the messages next to them.', { currentPassword: ['This is not your current password.'] });
  }
  const passwordHash = await hashPassword(input.newPassword);
  // NOTE: the new session version ends every other session of this user; the action that called
  // this re-issues the caller's own cookie with it (lib/actions/users.ts).
  const sessionVersion = await prisma.$transaction(async (tx) => {
    const after = await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false, version: { increment: 1 }, sessionVersion: { increment: 1 } } });
    // Every other session ends on the server; the caller's own continues with a re-issued cookie.
    await revokeUserSessions(tx, user.id, 'password-change', actor.sessionId);
    await writeAudit(tx, { actor, action: 'user.password_change', targetType: 'User', targetId: user.id, before: { mustChangePassword: user.mustChangePassword }, after: { mustChangePassword: false, passwordChanged: true }, meta: { version: after.version } });
    return after.sessionVersion;
  });
  return { changed: true, sessionVersion };
}

/** Lifts a sign-in lockout (and forgets the failures) before it runs out; audited. */
export async function unlockUser(actor: Actor, input: { id: string }): Promise<{ id: string; unlocked: boolean }> {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.id }, select: { id: true, email: true } });
    if (!user) throw new AppError('NOT_FOUND', 'This user does not exist.');
    const row = await tx.loginThrottle.findUnique({ where: { key: accountKey(user.email) } });
    if (!row?.lockedUntil || row.lockedUntil <= new Date()) throw new AppError('CONFLICT', `${user.email} is not locked: nothing to unlock. Reload the page to see the current state.`);
    await tx.loginThrottle.delete({ where: { key: row.key } });
    await writeAudit(tx, {
      actor,
      action: 'user.unlock',
      targetType: 'User',
      targetId: user.id,
      before: { lockedUntil: row.lockedUntil.toISOString(), failedSignIns: row.failures },
      after: { lockedUntil: null },
    });
    return { id: user.id, unlocked: true };
  });
}
