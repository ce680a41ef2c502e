// Sign-in protection and session revocation against the real database: throttling per account and
// per address, lockout and admin unlock, no enumeration, and the session checks of next-auth's jwt
// callback (the one every request goes through) after password, role and disabled changes.
import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { JWT } from 'next-auth/jwt';
import type { User } from 'next-auth';
import { prisma } from '../db/client';
import { authenticate, upsertUserWithPassword } from '../db/accounts/users';
import { createUserSession, listOwnSessions } from '../db/accounts/sessions';
import { listUsers } from '../db/admin/users';
import { callAs, expectOk, realPrincipal, testViewer } from '../../test/actions';
import { changeOwnPassword, endAllOwnSessions, endOwnSession, endUserSessions, resetUserPassword, setUserDisabled, setUserRole, unlockUser } from '../actions/users';
import { issueVerifiedPrincipal } from './verified';
import { authOptions } from './options';
import { env } from '../env';
import type { Principal } from './permissions';

const PASSWORD = 'a long enough passphrase';
const uniq = () => randomBytes(4).toString('hex');
const address = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
let admin: Principal;
let analyst: Principal;

async function newUser(role: 'ADMIN' | 'ANALYST' = 'ANALYST') {
  const { user } = await upsertUserWithPassword({ email: `signin-${uniq()}@example.org`, role, password: PASSWORD }, 'test:setup');
  return user;
}

beforeAll(async () => {
  admin = await realPrincipal('ADMIN');
  analyst = await realPrincipal('ANALYST');
});

describe('sign-in throttling', () => {
  it('uses the documented defaults', () => {
    expect([env.LOGIN_MAX_FAILURES, env.LOGIN_LOCKOUT_MINUTES, env.LOGIN_ADDRESS_MAX_FAILURES, env.LOGIN_ADDRESS_WINDOW_MINUTES]).toEqual([5, 15, 50, 15]);
  });

  it('locks an account after 5 failures — then even the right password is refused — until an admin unlocks it', async () => {
    const user = await newUser();
    for (let i = 0; i < env.LOGIN_MAX_FAILURES; i++) expect(await authenticate(user.email, 'wrong password', address())).toEqual({ ok: false, reason: 'invalid' });
    const locked = await authenticate(user.email, PASSWORD, address());
    expect(locked).toMatchObject({ ok: false, reason: 'locked', block: { reason: 'account' } });
    if (locked.ok || locked.reason !== 'locked') throw new Error('expected a lock');
    expect(locked.block.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(locked.block.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    // A locked attempt does not extend the lock.
    const row = await prisma.loginThrottle.findUniqueOrThrow({ where: { key: `account:${user.email}` } });
    expect(row.failures).toBe(5);
    expect((await listUsers(await testViewer())).find((u) => u.id === user.id)?.lockedUntil).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);

    // Analysts cannot unlock; an admin can, and the audit trail says who did.
    expect(await callAs(analyst, unlockUser, { id: user.id })).toMatchObject({ ok: false, status: 403 });
    expectOk(await callAs(admin, unlockUser, { id: user.id }));
    const event = await prisma.auditEvent.findFirst({ where: { targetType: 'User', targetId: user.id, action: 'user.unlock' } });
    expect(event).toMatchObject({ actorId: admin.id, after: { lockedUntil: null } });
    expect((await listUsers(await testViewer())).find((u) => u.id === user.id)?.lockedUntil).toBeNull();
    expect(await authenticate(user.email, PASSWORD, address())).toMatchObject({ ok: true, principal: { id: user.id } });
    // Unlocking an account that is not locked says so.
    expect(await callAs(admin, unlockUser, { id: user.id })).toMatchObject({ ok: false, status: 409 });
  });

  it("forgets an account's failures after a successful sign-in", async () => {
    const user = await newUser();
    for (let i = 0; i < env.LOGIN_MAX_FAILURES - 1; i++) await authenticate(user.email, 'wrong password', address());
    expect(await authenticate(user.email.toUpperCase(), PASSWORD, address())).toMatchObject({ ok: true });
    for (let i = 0; i < env.LOGIN_MAX_FAILURES - 1; i++) await authenticate(user.email, 'wrong password', address());
    expect(await authenticate(user.email, PASSWORD, address())).toMatchObject({ ok: true });
  });

  it('answers an unknown email exactly like a wrong password, locks included (no enumeration)', async () => {
    const user = await newUser();
    const unknown = `nobody-${uniq()}@example.org`;
    const disabled = await newUser();
    await prisma.user.update({ where: { id: disabled.id }, data: { disabled: true } });
    for (let i = 0; i < env.LOGIN_MAX_FAILURES; i++) {
      const a = await authenticate(user.email, 'wrong password', address());
      const b = await authenticate(unknown, 'wrong password', address());
      const c = await authenticate(disabled.email, PASSWORD, address());
      expect(b).toEqual(a);
      expect(c).toEqual(a);
    }
    const lockedKnown = await authenticate(user.email, 'wrong password', address());
    const lockedUnknown = await authenticate(unknown, 'wrong password', address());
    expect(lockedUnknown).toMatchObject({ ok: false, reason: 'locked', block: { reason: 'account' } });
    expect(lockedKnown).toMatchObject({ ok: false, reason: 'locked', block: { reason: 'account' } });
  });

  it('pauses a client address that fails too often, whichever accounts it tries', async () => {
    const attacker = `192.0.2.${Math.floor(Math.random() * 250) + 1}`;
    await prisma.loginThrottle.deleteMany({ where: { key: `address:${attacker}` } });
    for (let i = 0; i < env.LOGIN_ADDRESS_MAX_FAILURES; i++) await authenticate(`guess-${i}-${uniq()}@example.org`, 'wrong password', attacker);
    const user = await newUser();
    expect(await authenticate(user.email, PASSWORD, attacker)).toMatchObject({ ok: false, reason: 'locked', block: { reason: 'address' } });
    // Other addresses, and the account itself, are unaffected.
    expect(await authenticate(user.email, PASSWORD, address())).toMatchObject({ ok: true });
  });

  it('counts parallel failures exactly (one atomic upsert each)', async () => {
    const user = await newUser();
    await Promise.all(Array.from({ length: 4 }, () => authenticate(user.email, 'wrong password', address())));
    const row = await prisma.loginThrottle.findUniqueOrThrow({ where: { key: `account:${user.email}` } });
    expect(row.failures).toBe(4);
    expect(row.lockedUntil).toBeNull();
  });
});

// The jwt callback is what every server-side session check runs (getServerSession → jwt → session).
const jwt = authOptions.callbacks!.jwt! as (params: { token: JWT; user?: User }) => Promise<JWT>;

async function signInToken(userId: string): Promise<JWT> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  const result = await authenticate(user.email, PASSWORD, null);
  if (!result.ok) throw new Error('sign-in failed');
  const p = result.principal;
  return jwt({ token: { sub: p.id }, user: { id: p.id, email: p.email, name: p.name, role: p.role, mustChangePassword: p.mustChangePassword, sessionVersion: result.sessionVersion, sessionId: await createUserSession({ userId: p.id, userAgent: 'vitest', ipAddress: null }) } });
}

const principalOf = async (id: string): Promise<Principal> => {
  const u = await prisma.user.findUniqueOrThrow({ where: { id } });
  return { id: u.id, email: u.email, name: u.name, role: u.role, mustChangePassword: u.mustChangePassword };
};

describe('session revocation', () => {
  it('keeps a session while nothing changed', async () => {
    const user = await newUser();
    const token = await signInToken(user.id);
    expect(token).toMatchObject({ uid: user.id, sv: user.sessionVersion, role: 'ANALYST' });
    expect((await jwt({ token })).revoked).toBeUndefined();
  });

  it('ends every session of a user whose role changes', async () => {
    const user = await newUser();
    const token = await signInToken(user.id);
    expectOk(await callAs(admin, setUserRole, { id: user.id, version: user.version, role: 'ADMIN' }));
    expect((await jwt({ token })).revoked).toBe(true);
    // A new sign-in gets a working session with the new role.
    expect(await jwt({ token: await signInToken(user.id) })).toMatchObject({ role: 'ADMIN' });
  });

  it('ends every session of a user who is disabled, at once', async () => {
    const user = await newUser();
    const token = await signInToken(user.id);
    expectOk(await callAs(admin, setUserDisabled, { id: user.id, version: user.version, disabled: true }));
    expect((await jwt({ token })).revoked).toBe(true);
  });

  it('ends every session when an admin resets the password', async () => {
    const user = await newUser();
    const token = await signInToken(user.id);
    expectOk(await callAs(admin, resetUserPassword, { id: user.id, version: user.version }));
    expect((await jwt({ token })).revoked).toBe(true);
  });

  it('ends the other sessions when users change their own password', async () => {
    const user = await newUser();
    const other = await signInToken(user.id);
    const mine = await signInToken(user.id);
    const me = issueVerifiedPrincipal({ ...(await principalOf(user.id)), sessionId: mine.sid });
    const result = expectOk(await callAs(me, changeOwnPassword, { currentPassword: PASSWORD, newPassword: 'a brand new passphrase', confirmPassword: 'a brand new passphrase' }));
    expect(result).toMatchObject({ changed: true });
    expect((await jwt({ token: other })).revoked).toBe(true);
    // The action re-issues the caller's own cookie with the new version (lib/auth/reissue-session.ts):
    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect((await jwt({ token: { ...mine, sv: after.sessionVersion, revoked: undefined } })).revoked).toBeUndefined();
    // The other session ended on the server: even with the new version its cookie is refused.
    expect((await jwt({ token: { ...other, sv: after.sessionVersion, revoked: undefined } })).revoked).toBe(true);
  });

  it('ends a session on sign-out, on "sign out everywhere" and when an admin ends them', async () => {
    const user = await newUser();
    const a = await signInToken(user.id);
    const b = await signInToken(user.id);
    const c = await signInToken(user.id);
    expect((await jwt({ token: a })).revoked).toBeUndefined();
    // Sign-out (next-auth's signOut event) ends only that session: a copy of its cookie is refused.
    await authOptions.events!.signOut!({ token: a, session: undefined as never });
    expect((await jwt({ token: a })).revoked).toBe(true);
    expect((await jwt({ token: b })).revoked).toBeUndefined();
    // The user sees their open sessions and ends one from another device.
    const me = issueVerifiedPrincipal({ ...(await principalOf(user.id)), sessionId: b.sid });
    const listed = await listOwnSessions(me);
    expect(listed.map((s) => s.id).sort()).toEqual([b.sid, c.sid].sort());
    expect(listed.find((s) => s.id === b.sid)?.isCurrent).toBe(true);
    expectOk(await callAs(me, endOwnSession, { sessionId: c.sid }));
    expect((await jwt({ token: c })).revoked).toBe(true);
    // Another user's session cannot be ended by id.
    const stranger = await newUser();
    const theirs = await signInToken(stranger.id);
    expect(await callAs(me, endOwnSession, { sessionId: theirs.sid })).toMatchObject({ ok: false, status: 404 });
    expect((await jwt({ token: theirs })).revoked).toBeUndefined();
    // An administrator ends every session of the stranger, who stays enabled.
    expect(await callAs(me, endUserSessions, { id: stranger.id })).toMatchObject({ ok: false, status: 403 });
    expect(expectOk(await callAs(admin, endUserSessions, { id: stranger.id }))).toMatchObject({ ended: 1 });
    expect((await jwt({ token: theirs })).revoked).toBe(true);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: stranger.id } })).disabled).toBe(false);
    // "Sign out everywhere" ends the caller's own session too.
    expect(await callAs(me, endAllOwnSessions, {})).toMatchObject({ ok: false, status: 422 });
    expect((await jwt({ token: b })).revoked).toBeUndefined();
    expectOk(await callAs(me, endAllOwnSessions, { confirm: 'sign-out-everywhere' }));
    expect((await jwt({ token: b })).revoked).toBe(true);
    expect(await prisma.auditEvent.count({ where: { targetId: user.id, action: { in: ['session.end', 'session.end_all'] } } })).toBe(2);
  });

  it('refuses a session past its absolute lifetime, or without a sign-in time', async () => {
    const user = await newUser();
    const token = await signInToken(user.id);
    const now = Math.floor(Date.now() / 1000);
    expect((await jwt({ token: { ...token, authTime: now - env.SESSION_MAX_AGE_MINUTES * 60 + 60 } })).revoked).toBeUndefined();
    expect((await jwt({ token: { ...token, authTime: now - env.SESSION_MAX_AGE_MINUTES * 60 - 60 } })).revoked).toBe(true);
    expect((await jwt({ token: { ...token, authTime: undefined } })).revoked).toBe(true);
    // Tokens from before session versions existed carry none: refused, the user signs in again.
    expect((await jwt({ token: { ...token, sv: undefined } })).revoked).toBe(true);
  });
});
