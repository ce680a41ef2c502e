import 'server-only';
import { prisma } from '../client';
import { hashPassword, verifyPassword } from '../../auth/password';
import type { Principal, Role } from '../../auth/permissions';
import { issueVerifiedPrincipal } from '../../auth/verified';
import { systemActor, writeAudit } from '../audit';
import { clearAccountFailures, getLoginBlock, recordLoginFailure, type LoginBlock } from '../login-throttle';

// argon2id hash of a random string nobody knows; used only to spend the same time on unknown emails.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$7PEokhOkyvdX4SwzFrGbOw$apS+Fs9MDazn1gAZQtH8SOv1NmF+YwK/E7MsOLjAAig';

const PRINCIPAL_SELECT = { id: true, email: true, name: true, role: true, mustChangePassword: true, disabled: true } as const;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export type SignInResult =
  | { ok: true; principal: Principal; sessionVersion: number }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; block: LoginBlock };

/**
 * Checks a sign-in attempt: throttling first (per account and per client address, in PostgreSQL),
 * then the password. Unknown email, wrong password and disabled account give the same answer.
 */
export async function authenticate(email: string, password: string, address: string | null): Promise<SignInResult> {
  const normalized = normalizeEmail(email);
  const [block, user] = await Promise.all([getLoginBlock(normalized, address), prisma.user.findUnique({ where: { email: normalized } })]);
  // NOTE: the hash is verified on every path — unknown emails against a dummy hash, locked accounts
  // too — so the response time does not tell an attacker which emails exist or are locked.
  const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
  if (block) return { ok: false, reason: 'locked', block };
  if (!user || !ok || user.disabled) {
    await recordLoginFailure(normalized, address);
    return { ok: false, reason: 'invalid' };
  }
  await clearAccountFailures(normalized);
  await prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return {
    ok: true,
    principal: { id: user.id, email: user.email, name: user.name, role: user.role, mustChangePassword: user.mustChangePassword },
    sessionVersion: user.sessionVersion,
  };
}

/** The principal for valid credentials of an enabled user, else null (no throttling: CLI and tests). */
export async function verifyCredentials(email: string, password: string): Promise<Principal | null> {
  const user = await prisma.user.findUnique({ where: { email: normalizeEmail(email) } });
  const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
  if (!user || !ok || user.disabled) return null;
  return issueVerifiedPrincipal({ id: user.id, email: user.email, name: user.name, role: user.role, mustChangePassword: user.mustChangePassword });
}

/**
 * The principal of an enabled user, verified against their row: for the CLI, scripts and tests,
 * which act as a user without a session. Null when the user is deleted or disabled.
 */
export async function getActivePrincipal(userId: string): Promise<Principal | null> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: PRINCIPAL_SELECT });
  if (!user || user.disabled) return null;
  return issueVerifiedPrincipal({ id: user.id, email: user.email, name: user.name, role: user.role, mustChangePassword: user.mustChangePassword });
}

/**
 * Creates the user or, when the email exists, sets its role and password (CLI `user:create`).
 * Writes an audit event in the same transaction.
 */
export async function upsertUserWithPassword(input: { email: string; role: Role; password: string; name?: string; mustChangePassword?: boolean }, actorLabel: string) {
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  return prisma.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { email }, select: { id: true, email: true, role: true, disabled: true } });
    const user = before
      ? await tx.user.update({
          where: { email },
          data: { role: input.role, passwordHash, disabled: false, mustChangePassword: input.mustChangePassword ?? false, version: { increment: 1 }, sessionVersion: { increment: 1 } },
        })
      : await tx.user.create({
          data: { email, name: input.name ?? null, role: input.role, passwordHash, mustChangePassword: input.mustChangePassword ?? false },
        });
    await writeAudit(tx, {
      actor: systemActor(actorLabel),
      action: before ? 'user.update' : 'user.create',
      targetType: 'User',
      targetId: user.id,
      before: before ?? undefined,
      // Never the hash: the audit trail records that the password changed, not what it is.
      after: { id: user.id, email: user.email, role: user.role, disabled: user.disabled, passwordChanged: true },
    });
    return { user, created: !before };
  });
}

export async function countUsers(): Promise<number> {
  return prisma.user.count();
}
