import { describe, expect, it } from 'vitest';
import { prisma } from '../client';
import { getActivePrincipal, upsertUserWithPassword, verifyCredentials } from './users';

describe('users and sign-in', () => {
  it('signs in with the right password only, case-insensitive on the email', async () => {
    const { user } = await upsertUserWithPassword({ email: 'Jane.Analyst@Example.org', role: 'ANALYST', password: 'correct horse battery' }, 'test');
    expect(user.email).toBe('jane.analyst@example.org');
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyCredentials('JANE.analyst@example.org', 'correct horse battery')).toMatchObject({ id: user.id, role: 'ANALYST' });
    expect(await verifyCredentials('jane.analyst@example.org', 'wrong password!!')).toBeNull();
    expect(await verifyCredentials('nobody@example.org', 'correct horse battery')).toBeNull();
  });

  it('refuses a disabled user, and a disabled user loses their session on the next check', async () => {
    const { user } = await upsertUserWithPassword({ email: 'disabled@example.org', role: 'ADMIN', password: 'another long secret' }, 'test');
    expect(await getActivePrincipal(user.id)).not.toBeNull();
    await prisma.user.update({ where: { id: user.id }, data: { disabled: true } });
    expect(await verifyCredentials('disabled@example.org', 'another long secret')).toBeNull();
    expect(await getActivePrincipal(user.id)).toBeNull();
  });

  it('audits user creation in the same transaction, without the password hash', async () => {
    const { user } = await upsertUserWithPassword({ email: 'audited@example.org', role: 'ANALYST', password: 'audited password 1' }, 'test');
    const events = await prisma.auditEvent.findMany({ where: { targetType: 'User', targetId: user.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'user.create', actorLabel: 'test' });
    expect(JSON.stringify(events[0]!.after)).not.toContain('argon2');
  });
});

describe('audit trail', () => {
  it('is append-only: the database refuses updates and deletes', async () => {
    const event = await prisma.auditEvent.create({ data: { actorLabel: 'test', action: 'test.append', targetType: 'Test' } });
    await expect(prisma.auditEvent.update({ where: { id: event.id }, data: { action: 'rewritten' } })).rejects.toThrow(/append-only/);
    await expect(prisma.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/append-only/);
    expect((await prisma.auditEvent.findUniqueOrThrow({ where: { id: event.id } })).action).toBe('test.append');
  });
});
