// The session cookie, in one place for next-auth (lib/auth/options.ts), the proxy (sliding idle
// expiry) and the password-change action (re-issue). No 'server-only' marker: the proxy imports it.
import type { JWT } from 'next-auth/jwt';
import { env } from '../env';

/** Secure cookies whenever the app is served over https (always in production: set NEXTAUTH_URL to the https URL). */
export function isHttpsDeployment(): boolean {
  return (process.env.NEXTAUTH_URL ?? '').startsWith('https://');
}

/** next-auth's own name, so that its endpoints and getToken find the cookie. */
export function sessionCookieName(): string {
  return `${isHttpsDeployment() ? '__Secure-' : ''}next-auth.session-token`;
}

/** HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site POSTs), Secure over https. */
export function sessionCookieOptions() {
  return { httpOnly: true, sameSite: 'lax' as const, path: '/', secure: isHttpsDeployment(), maxAge: sessionIdleSeconds() };
}

/** The JWT's (and cookie's) lifetime; renewed on activity, so it works as the idle timeout. */
export function sessionIdleSeconds(): number {
  return env.SESSION_IDLE_MINUTES * 60;
}

/** The absolute lifetime from sign-in, whatever the activity. */
export function sessionMaxAgeSeconds(): number {
  return env.SESSION_MAX_AGE_MINUTES * 60;
}

/** True when the session is older than its absolute lifetime (or carries no sign-in time at all). */
export function isPastAbsoluteLifetime(token: Pick<JWT, 'authTime'>, nowMs = Date.now()): boolean {
  return typeof token.authTime !== 'number' || nowMs / 1000 - token.authTime > sessionMaxAgeSeconds();
}
