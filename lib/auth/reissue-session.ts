import 'server-only';
// After a password change the user's sessionVersion moves on, which ends every session — including
// the one that made the change. This re-issues the caller's own cookie with the new version, so
// only their *other* sessions end (ASVS 3.3.3).
import { cookies } from 'next/headers';
import { decode, encode } from 'next-auth/jwt';
import { authSecret } from '../env';
import { sessionCookieName, sessionCookieOptions, sessionIdleSeconds } from './session-cookie';

export async function reissueSessionCookie(sessionVersion: number): Promise<void> {
  const secret = authSecret();
  const jar = await cookies();
  const current = jar.get(sessionCookieName())?.value;
  if (!secret || !current) return;
  const token = await decode({ token: current, secret });
  if (!token) return;
  const value = await encode({ token: { ...token, sv: sessionVersion, mustChangePassword: false }, secret, maxAge: sessionIdleSeconds() });
  jar.set(sessionCookieName(), value, sessionCookieOptions());
}
