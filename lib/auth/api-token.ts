// Personal API tokens: 32 random bytes, shown once, stored as their SHA-256 (a secret this random
// needs no slow hash, and a lookup by hash leaks nothing by its timing).
import { createHash, randomBytes } from 'node:crypto';

export const API_TOKEN_PREFIX = 'st_';
const TOKEN_RE = /^st_[A-Za-z0-9_-]{43}$/;

export type NewApiToken = { token: string; hash: string; prefix: string };

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function generateApiToken(): NewApiToken {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  // The first characters identify a token in lists ("st_Ab12Cd…") without revealing it.
  return { token, hash: hashApiToken(token), prefix: token.slice(0, 9) };
}

export function isWellFormedApiToken(token: string): boolean {
  return TOKEN_RE.test(token);
}

/**
 * The token of an `Authorization: Bearer …` header; null when there is no Authorization header,
 * '' when there is one but it carries no bearer token (which callers must treat as a failed login).
 */
export function bearerToken(header: string | null): string | null {
  if (header === null) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1] ?? '';
}
