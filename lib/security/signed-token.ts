// Signed, self-contained tokens for links that must work without a session cookie: a feed URL, an
// unsubscribe link in an e-mail (issue 27). HMAC-SHA256 under a key derived from the app's secret
// for each purpose, so a token of one purpose is never accepted for another. Revocation is the
// caller's: put a version in the payload and compare it with the stored one.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { authSecret } from '../env';

export type TokenPurpose = 'feed' | 'unsubscribe';

function key(purpose: TokenPurpose, secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'sanctions-tracker', `signed-token:${purpose}`, 32));
}

function requireSecret(secret?: string): string {
  const s = secret ?? authSecret();
  if (!s) throw new Error('AUTH_SECRET is not set: signed links cannot be made or checked');
  return s;
}

/** `<payload base64url>.<mac base64url>`; the payload is JSON. */
export function signToken(purpose: TokenPurpose, payload: Record<string, string | number>, secret?: string): string {
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  const mac = createHmac('sha256', key(purpose, requireSecret(secret))).update(body).digest('base64url');
  return `${body}.${mac}`;
}

/** The payload of a token signed for `purpose`, or null (malformed, forged, or another purpose's). */
export function verifyToken(purpose: TokenPurpose, token: string, secret?: string): Record<string, unknown> | null {
  if (token.length > 2_000) return null;
  const m = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const expected = createHmac('sha256', key(purpose, requireSecret(secret))).update(m[1]!).digest();
  const given = Buffer.from(m[2]!, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8'));
    return payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
