import { describe, expect, it } from 'vitest';
import { bearerToken, generateApiToken, hashApiToken, isWellFormedApiToken } from './api-token';

describe('API tokens', () => {
  it('are random, well formed, and hashed with SHA-256', () => {
    const a = generateApiToken();
    const b = generateApiToken();
    expect(a.token).not.toBe(b.token);
    expect(isWellFormedApiToken(a.token)).toBe(true);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).toBe(hashApiToken(a.token));
    expect(a.hash).not.toContain(a.token.slice(3));
    expect(a.token.startsWith(a.prefix)).toBe(true);
    expect(a.prefix).toHaveLength(9);
  });

  it('rejects malformed tokens', () => {
    expect(isWellFormedApiToken('st_short')).toBe(false);
    expect(isWellFormedApiToken(`xx_${'a'.repeat(43)}`)).toBe(false);
    expect(isWellFormedApiToken(`st_${'a'.repeat(42)}!`)).toBe(false);
  });

  it('reads the bearer token of an Authorization header', () => {
    expect(bearerToken(null)).toBeNull();
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer  abc ')).toBe('abc');
    expect(bearerToken('Basic dXNlcjpwdw==')).toBe('');
    expect(bearerToken('Bearer')).toBe('');
  });
});
