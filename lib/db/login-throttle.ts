import 'server-only';
// Sign-in throttling in PostgreSQL (ASVS 2.2.1), shared by every app instance: failures per account
// and per client address, each in one atomic upsert so that parallel guesses cannot race past the
// limit. Accounts are keyed by the normalised email whether or not a user has it, so a locked
// unknown email answers exactly like a locked real one (no user enumeration).
import { prisma } from './client';
import { env } from '../env';

export type LoginBlock = { reason: 'account' | 'address'; retryAfterSeconds: number };

export type ThrottleLimits = { accountMax: number; lockoutMinutes: number; addressMax: number; addressWindowMinutes: number };

export function throttleLimits(): ThrottleLimits {
  return { accountMax: env.LOGIN_MAX_FAILURES, lockoutMinutes: env.LOGIN_LOCKOUT_MINUTES, addressMax: env.LOGIN_ADDRESS_MAX_FAILURES, addressWindowMinutes: env.LOGIN_ADDRESS_WINDOW_MINUTES };
}

export const accountKey = (normalizedEmail: string) => `account:${normalizedEmail}`;
export const addressKey = (address: string) => `address:${address}`;

/** Why sign-in is refused right now for this account or address, or null. */
export async function getLoginBlock(normalizedEmail: string, address: string | null): Promise<LoginBlock | null> {
  const keys = [accountKey(normalizedEmail), ...(address ? [addressKey(address)] : [])];
  const rows = await prisma.$queryRaw<{ key: string; retry: number }[]>`
    SELECT key, ceil(extract(epoch FROM locked_until - now()))::int AS retry
    FROM login_throttle WHERE key = ANY(${keys}) AND locked_until > now()`;
  const account = rows.find((r) => r.key.startsWith('account:'));
  if (account) return { reason: 'account', retryAfterSeconds: Math.max(1, account.retry) };
  const addr = rows.find((r) => r.key.startsWith('address:'));
  return addr ? { reason: 'address', retryAfterSeconds: Math.max(1, addr.retry) } : null;
}

/** Counts a failure; the one that reaches the limit locks the key. Failures older than the window are forgotten. */
async function countFailure(key: string, max: number, windowMinutes: number): Promise<void> {
  await prisma.$executeRaw`
    INSERT INTO login_throttle AS t (key, failures, window_start, last_failure_at, locked_until)
    VALUES (${key}, 1, now(), now(), CASE WHEN 1 >= ${max}::int THEN now() + make_interval(mins => ${windowMinutes}::int) END)
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN t.window_start < now() - make_interval(mins => ${windowMinutes}::int) THEN 1 ELSE t.failures + 1 END,
      window_start = CASE WHEN t.window_start < now() - make_interval(mins => ${windowMinutes}::int) THEN now() ELSE t.window_start END,
      last_failure_at = now(),
      locked_until = CASE
        WHEN (CASE WHEN t.window_start < now() - make_interval(mins => ${windowMinutes}::int) THEN 1 ELSE t.failures + 1 END) >= ${max}::int
          THEN now() + make_interval(mins => ${windowMinutes}::int)
        ELSE t.locked_until END`;
}

export async function recordLoginFailure(normalizedEmail: string, address: string | null): Promise<void> {
  const l = throttleLimits();
  await countFailure(accountKey(normalizedEmail), l.accountMax, l.lockoutMinutes);
  if (address) await countFailure(addressKey(address), l.addressMax, l.addressWindowMinutes);
}

/**
 * After a successful sign-in the account's count starts again. The address keeps its count: one
 * valid account must not let an address reset the counter it builds by guessing at others.
 */
export async function clearAccountFailures(normalizedEmail: string): Promise<void> {
  await prisma.loginThrottle.deleteMany({ where: { key: accountKey(normalizedEmail) } });
}

export type AccountLock = { failures: number; lockedUntil: Date };

/** Locked accounts by normalised email (for the users page). */
export async function listAccountLocks(): Promise<Map<string, AccountLock>> {
  const rows = await prisma.loginThrottle.findMany({ where: { key: { startsWith: 'account:' }, lockedUntil: { gt: new Date() } } });
  return new Map(rows.map((r) => [r.key.slice('account:'.length), { failures: r.failures, lockedUntil: r.lockedUntil! }]));
}
