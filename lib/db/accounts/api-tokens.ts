import 'server-only';
// Personal API tokens (read-only access to /api/v1 for scripts). Only the SHA-256 of a token is
// stored; the token itself is returned once, by createApiToken.
import { prisma } from '../client';
import { userActor, writeAudit } from '../audit';
import { AppError } from '../../errors';
import { generateApiToken, hashApiToken, isWellFormedApiToken } from '../../auth/api-token';
import type { Principal, Role } from '../../auth/permissions';
import type { CreateApiTokenInput } from '../../validation/api-tokens';
import { authorize, issueVerifiedPrincipal } from '../../auth/verified';

export type ApiTokenDto = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

// NOTE: lastUsedAt is written at most once per minute per token, so that a busy script does not
// turn every read into a write.
const LAST_USED_RESOLUTION_MS = 60_000;

type Owner = Pick<Principal, 'id' | 'email'>;

const SELECT = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

function toDto(t: { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }): ApiTokenDto {
  return { id: t.id, name: t.name, prefix: t.prefix, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, revokedAt: t.revokedAt?.toISOString() ?? null };
}

/** Creates a token for the user; the plain token is in the result and nowhere else, ever. */
export async function createApiToken(owner: Owner, input: CreateApiTokenInput): Promise<{ token: string; record: ApiTokenDto }> {
  const { token, hash, prefix } = generateApiToken();
  const record = await prisma.$transaction(async (tx) => {
    const created = await tx.apiToken.create({ data: { userId: owner.id, name: input.name, tokenHash: hash, prefix }, select: SELECT });
    await writeAudit(tx, { actor: userActor(owner), action: 'api_token.create', targetType: 'ApiToken', targetId: created.id, after: { name: created.name, prefix: created.prefix } });
    return created;
  });
  return { token, record: toDto(record) };
}

/** The user's tokens, newest first (active and revoked; never the hash). */
export async function listApiTokens(viewer: Principal): Promise<ApiTokenDto[]> {
  const userId = authorize(viewer, 'self:manage').id;
  const rows = await prisma.apiToken.findMany({ where: { userId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: SELECT });
  return rows.map(toDto);
}

/** Revokes one of the user's own tokens. Someone else's token is "not found": ids are not probed. */
export async function revokeApiToken(owner: Owner, id: string): Promise<ApiTokenDto> {
  return prisma.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id, userId: owner.id }, select: SELECT });
    if (!token) throw new AppError('NOT_FOUND', 'This token does not exist or is not yours.');
    if (token.revokedAt) return toDto(token);
    const revoked = await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() }, select: SELECT });
    await writeAudit(tx, { actor: userActor(owner), action: 'api_token.revoke', targetType: 'ApiToken', targetId: id, before: { revokedAt: null }, after: { revokedAt: revoked.revokedAt } });
    return toDto(revoked);
  });
}

/**
 * The principal a bearer token acts for: null when the token is malformed, unknown, revoked, or
 * its owner is disabled. The owner's current role applies (re-read on every request).
 */
export async function getPrincipalForApiToken(token: string): Promise<Principal | null> {
  if (!isWellFormedApiToken(token)) return null;
  // NOTE: one statement with the join, on every API request: the ORM's nested select is two
  // queries (token, then user), a round trip and a result stitching that showed under load.
  const [row] = await prisma.$queryRaw<Array<{ id: string; revokedAt: Date | null; lastUsedAt: Date | null; userId: string; email: string; name: string | null; role: Role; disabled: boolean; mustChangePassword: boolean }>>`
    SELECT t.id, t.revoked_at AS "revokedAt", t.last_used_at AS "lastUsedAt", u.id AS "userId", u.email, u.name, u.role::text AS role,
      u.disabled, u.must_change_password AS "mustChangePassword"
    FROM api_token t JOIN app_user u ON u.id = t.user_id
    WHERE t.token_hash = ${hashApiToken(token)}`;
  if (!row || row.revokedAt || row.disabled) return null;
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await prisma.apiToken.updateMany({ where: { id: row.id, revokedAt: null }, data: { lastUsedAt: new Date(now) } });
  }
  return issueVerifiedPrincipal({ id: row.userId, email: row.email, name: row.name, role: row.role, mustChangePassword: row.mustChangePassword, tokenId: row.id });
}
