import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { prisma } from '../client';
import { createApiToken, getPrincipalForApiToken, listApiTokens, revokeApiToken } from './api-tokens';
import { getActivePrincipal, upsertUserWithPassword } from './users';

async function makeUser(email: string, role: 'ADMIN' | 'ANALYST' = 'ANALYST') {
  const { user } = await upsertUserWithPassword({ email, role, password: 'a long enough password' }, 'test');
  return user;
}

describe('API tokens', () => {
  it('stores only the SHA-256 of the token, shown once, and authenticates as its owner', async () => {
    const user = await makeUser('token-owner@example.org');
    const { token, record } = await createApiToken(user, { name: 'nightly script' });
    const row = await prisma.apiToken.findUniqueOrThrow({ where: { id: record.id } });
    expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token.slice(9));
    expect(record).not.toHaveProperty('tokenHash');
    expect((await listApiTokens((await getActivePrincipal(user.id))!)).map((t) => t.name)).toEqual(['nightly script']);

    const principal = await getPrincipalForApiToken(token);
    expect(principal).toMatchObject({ id: user.id, email: user.email, role: 'ANALYST', tokenId: record.id });
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: record.id } })).lastUsedAt).not.toBeNull();
    expect(await getPrincipalForApiToken(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    expect(await getPrincipalForApiToken('not a token')).toBeNull();
  });

  it('stops working once revoked, and only the owner can revoke', async () => {
    const owner = await makeUser('token-revoker@example.org');
    const other = await makeUser('token-stranger@example.org', 'ADMIN');
    const { token, record } = await createApiToken(owner, { name: 'to revoke' });
    await expect(revokeApiToken(other, record.id)).rejects.toMatchObject({ status: 404 });
    expect(await getPrincipalForApiToken(token)).not.toBeNull();
    const revoked = await revokeApiToken(owner, record.id);
    expect(revoked.revokedAt).not.toBeNull();
    expect(await getPrincipalForApiToken(token)).toBeNull();
    const events = await prisma.auditEvent.findMany({ where: { targetType: 'ApiToken', targetId: record.id }, orderBy: { id: 'asc' } });
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ['api_token.create', owner.id],
      ['api_token.revoke', owner.id],
    ]);
    expect(JSON.stringify(events.map((e) => [e.before, e.after, e.meta]))).not.toContain(token.slice(9));
  });

  it('stops working when its owner is disabled, and follows the owner’s current role', async () => {
    const owner = await makeUser('token-disabled@example.org');
    const { token } = await createApiToken(owner, { name: 'x' });
    await prisma.user.update({ where: { id: owner.id }, data: { role: 'ADMIN' } });
    expect((await getPrincipalForApiToken(token))?.role).toBe('ADMIN');
    await prisma.user.update({ where: { id: owner.id }, data: { disabled: true } });
    expect(await getPrincipalForApiToken(token)).toBeNull();
  });
});
