import 'server-only';
// The feed's signed token (issue 27): a feed reader sends no cookie, so the feed URL carries a token
// signed for the purpose 'feed' (lib/security/signed-token.ts) naming the user and their token
// version (alert_settings.token_version, 1 when the user has no settings row). Bumping the version
// revokes every feed (and unsubscribe) link signed before; each request compares it.
import { prisma } from '../client';
import { authorize, issueVerifiedPrincipal } from '../../auth/verified';
import type { Principal, Role } from '../../auth/permissions';
import { signToken, verifyToken } from '../../security/signed-token';

const DEFAULT_TOKEN_VERSION = 1;

/** The caller's feed token, at their current version: what the Changes page puts in the feed URL. */
export async function getFeedToken(viewer: Principal): Promise<string> {
  const { id } = authorize(viewer, 'data:read');
  const settings = await prisma.alertSettings.findUnique({ where: { userId: id }, select: { tokenVersion: true } });
  return signToken('feed', { u: id, v: settings?.tokenVersion ?? DEFAULT_TOKEN_VERSION });
}

/**
 * The principal a feed token stands for, or null: missing, malformed, forged, of another purpose,
 * of an unknown or disabled user, or of an old version (revoked). Checked against the database, so
 * it may issue a verified principal (ADR 0012) — read-only whatever the role: a feed URL is a
 * bearer secret that travels (reader apps, logs), and must open nothing but reading.
 */
export async function getFeedPrincipal(token: string | null | undefined): Promise<Principal | null> {
  if (!token) return null;
  const payload = verifyToken('feed', token);
  if (!payload || typeof payload.u !== 'string' || !Number.isInteger(payload.v)) return null;
  const [row] = await prisma.$queryRaw<Array<{ id: string; email: string; name: string | null; role: Role; disabled: boolean; mustChangePassword: boolean; tokenVersion: number }>>`
    SELECT u.id, u.email, u.name, u.role::text AS role, u.disabled, u.must_change_password AS "mustChangePassword",
      coalesce(s.token_version, ${DEFAULT_TOKEN_VERSION}::int) AS "tokenVersion"
    FROM app_user u LEFT JOIN alert_settings s ON s.user_id = u.id
    WHERE u.id = ${payload.u}`;
  if (!row || row.disabled || row.tokenVersion !== payload.v) return null;
  // NOTE: tokenId marks the principal as a token's (can() then grants data:read only); the "feed:"
  // prefix keeps it apart from API token ids (the rate limit keys on it).
  return issueVerifiedPrincipal({ id: row.id, email: row.email, name: row.name, role: row.role, mustChangePassword: row.mustChangePassword, tokenId: `feed:${row.id}` });
}

