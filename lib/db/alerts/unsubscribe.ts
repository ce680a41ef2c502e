import 'server-only';
// The unsubscribe link (issue 27): works without a session, on the strength of its signature. The
// token names the user and the token version it was signed under; bumping alert_settings.token_version
// (Alerts → "Revoke links") makes every earlier link invalid.
import { prisma } from '../client';
import { verifyToken } from '../../security/signed-token';

export type UnsubscribeTarget = { userId: string; email: string };

/** The user a valid, unrevoked unsubscribe token is for, or null (forged, malformed, revoked, unknown user). */
export async function checkUnsubscribeToken(token: string, secret?: string): Promise<UnsubscribeTarget | null> {
  let payload: Record<string, unknown> | null;
  try {
    payload = verifyToken('unsubscribe', token, secret);
  } catch {
    return null;
  }
  if (!payload || typeof payload.u !== 'string' || typeof payload.v !== 'number') return null;
  const user = await prisma.user.findUnique({ where: { id: payload.u }, select: { id: true, email: true, disabled: true, alertSettings: { select: { tokenVersion: true } } } });
  if (!user || user.disabled || (user.alertSettings?.tokenVersion ?? 1) !== payload.v) return null;
  return { userId: user.id, email: user.email };
}

/** Turns the token's user's alert e-mail off. Null when the token is not valid. Idempotent. */
export async function unsubscribeWithToken(token: string, secret?: string): Promise<UnsubscribeTarget | null> {
  const target = await checkUnsubscribeToken(token, secret);
  if (!target) return null;
  await prisma.alertSettings.upsert({ where: { userId: target.userId }, create: { userId: target.userId, email: 'off' }, update: { email: 'off' } });
  return target;
}
