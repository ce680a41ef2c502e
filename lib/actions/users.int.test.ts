// User administration through the real actions, as real users from the database.
import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { prisma } from '../db/client';
import { getActivePrincipal, verifyCredentials } from '../db/accounts/users';
import { callAs, expectOk, realPrincipal } from '../../test/actions';
import type { Principal } from '../auth/permissions';
import { changeOwnPassword, createUser, resetUserPassword, setUserDisabled, setUserRole } from './users';

const email = () => `u-${randomBytes(4).toString('hex')}@example.org`;
let admin: Principal;
let analyst: Principal;

beforeAll(async () => {
  admin = await realPrincipal('ADMIN');
  analyst = await realPrincipal('ANALYST');
});

const status = (r: { ok: boolean; status?: number }) => (r.ok ? 200 : r.status);

describe('users', () => {
  it('creates a user with a one-time password that must be changed at first sign-in', async () => {
    const e = email();
    const audit = await prisma.auditEvent.count();
    const created = expectOk(await callAs(admin, createUser, { email: e.toUpperCase(), name: 'New Analyst', role: 'ANALYST' }));
    expect(created.email).toBe(e);
    expect(created.password).toMatch(/^[A-Za-z0-9]{20}$/);
    const principal = await verifyCredentials(e, created.password);
    expect(principal).toMatchObject({ role: 'ANALYST', mustChangePassword: true });
    const events = await prisma.auditEvent.findMany({ where: { targetType: 'User', targetId: created.id } });
    expect(events).toHaveLength(1);
    const recorded = JSON.stringify([events[0]!.before, events[0]!.after, events[0]!.meta]);
    expect(recorded).toContain(e);
    expect(recorded).not.toContain(created.password);
    expect(recorded).not.toContain('argon2');
    expect(await prisma.auditEvent.count()).toBe(audit + 1);

    // The user changes it: the flag clears, the old password stops working.
    const self = (await getActivePrincipal(created.id))!;
    const wrong = await callAs(self, changeOwnPassword, { currentPassword: 'not it', newPassword: 'a brand new passphrase', confirmPassword: 'a brand new passphrase' });
    expect(status(wrong)).toBe(422);
    const mismatch = await callAs(self, changeOwnPassword, { currentPassword: created.password, newPassword: 'a brand new passphrase', confirmPassword: 'a brand new passphrasf' });
    expect(!mismatch.ok && mismatch.fieldErrors?.confirmPassword).toBeTruthy();
    const short = await callAs(self, changeOwnPassword, { currentPassword: created.password, newPassword: 'short', confirmPassword: 'short' });
    expect(!short.ok && short.fieldErrors?.newPassword).toBeTruthy();
    expectOk(await callAs(self, changeOwnPassword, { currentPassword: created.password, newPassword: 'a brand new passphrase', confirmPassword: 'a brand new passphrase' }));
    expect(await verifyCredentials(e, created.password)).toBeNull();
    expect(await verifyCredentials(e, 'a brand new passphrase')).toMatchObject({ mustChangePassword: false });
  });

  it('refuses a duplicate email and a bad email with field messages', async () => {
    const bad = await callAs(admin, createUser, { email: 'not-an-email', role: 'ANALYST' });
    expect(!bad.ok && bad.fieldErrors?.email).toBeTruthy();
    const dup = await callAs(admin, createUser, { email: admin.email, role: 'ANALYST' });
    expect(status(dup)).toBe(422);
    expect(!dup.ok && dup.fieldErrors?.email?.[0]).toMatch(/exists/);
  });

  it('changes roles, disables and re-enables, resets passwords — version-guarded and audited', async () => {
    const created = expectOk(await callAs(admin, createUser, { email: email(), role: 'ANALYST' }));
    const promoted = expectOk(await callAs(admin, setUserRole, { id: created.id, version: 1, role: 'ADMIN' }));
    expect((await getActivePrincipal(created.id))?.role).toBe('ADMIN');
    expect(status(await callAs(admin, setUserRole, { id: created.id, version: 1, role: 'ANALYST' }))).toBe(409);
    const disabled = expectOk(await callAs(admin, setUserDisabled, { id: created.id, version: promoted.version, disabled: true }));
    expect(await getActivePrincipal(created.id)).toBeNull();
    const enabled = expectOk(await callAs(admin, setUserDisabled, { id: created.id, version: disabled.version, disabled: false }));
    const reset = expectOk(await callAs(admin, resetUserPassword, { id: created.id, version: enabled.version }));
    expect(await verifyCredentials(reset.email, reset.password)).toMatchObject({ mustChangePassword: true });
    const actions = (await prisma.auditEvent.findMany({ where: { targetType: 'User', targetId: created.id }, orderBy: { id: 'asc' } })).map((e) => e.action);
    expect(actions).toEqual(['user.create', 'user.role', 'user.disable', 'user.enable', 'user.password_reset']);
  });

  it('never demotes or disables the last active administrator', async () => {
    // Make this run's admin the only active one: disable every other admin.
    const others = await prisma.user.findMany({ where: { role: 'ADMIN', disabled: false, id: { not: admin.id } } });
    await prisma.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { disabled: true } });
    try {
      const me = await prisma.user.findUniqueOrThrow({ where: { id: admin.id } });
      const audit = await prisma.auditEvent.count();
      const demote = await callAs(admin, setUserRole, { id: admin.id, version: me.version, role: 'ANALYST' });
      expect(status(demote)).toBe(409);
      expect(!demote.ok && demote.error).toMatch(/last active administrator/);
      expect(status(await callAs(admin, setUserDisabled, { id: admin.id, version: me.version, disabled: true }))).toBe(409);
      expect(await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({ role: 'ADMIN', disabled: false, version: me.version });
      expect(await prisma.auditEvent.count()).toBe(audit);
    } finally {
      await prisma.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { disabled: false } });
    }
  });

  it('is refused to analysts (403), who can still change their own password', async () => {
    const target = expectOk(await callAs(admin, createUser, { email: email(), role: 'ANALYST' }));
    const [users, audit] = await Promise.all([prisma.user.count(), prisma.auditEvent.count()]);
    expect(status(await callAs(analyst, createUser, { email: email(), role: 'ADMIN' }))).toBe(403);
    expect(status(await callAs(analyst, setUserRole, { id: analyst.id, version: 1, role: 'ADMIN' }))).toBe(403);
    expect(status(await callAs(analyst, setUserDisabled, { id: target.id, version: 1, disabled: true }))).toBe(403);
    expect(status(await callAs(analyst, resetUserPassword, { id: target.id, version: 1 }))).toBe(403);
    expect(await Promise.all([prisma.user.count(), prisma.auditEvent.count()])).toEqual([users, audit]);
    expect((await getActivePrincipal(analyst.id))?.role).toBe('ANALYST');
    expectOk(await callAs(analyst, changeOwnPassword, { currentPassword: 'integration-test-password', newPassword: 'analyst own passphrase', confirmPassword: 'analyst own passphrase' }));
  });
});
