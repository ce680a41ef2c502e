import { afterEach, describe, expect, it } from 'vitest';
import { isPastAbsoluteLifetime, sessionCookieName, sessionCookieOptions, sessionIdleSeconds, sessionMaxAgeSeconds } from './session-cookie';

const original = process.env.NEXTAUTH_URL;
afterEach(() => {
  if (original === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = original;
});

describe('session cookie', () => {
  it('is Secure and __Secure- prefixed when the app is served over https', () => {
    process.env.NEXTAUTH_URL = 'https://sanctions.example.org';
    expect(sessionCookieName()).toBe('__Secure-next-auth.session-token');
    expect(sessionCookieOptions()).toEqual({ httpOnly: true, sameSite: 'lax', path: '/', secure: true, maxAge: 3600 });
  });

  it('is HttpOnly and SameSite=Lax over http too (local use), without Secure', () => {
    process.env.NEXTAUTH_URL = 'http://localhost:3000';
    expect(sessionCookieName()).toBe('next-auth.session-token');
    expect(sessionCookieOptions()).toMatchObject({ httpOnly: true, sameSite: 'lax', secure: false });
  });

  it('has the documented default lifetimes: 60 min idle, 8 h absolute', () => {
    expect(sessionIdleSeconds()).toBe(3600);
    expect(sessionMaxAgeSeconds()).toBe(8 * 3600);
    const now = Date.UTC(2026, 0, 1) ;
    expect(isPastAbsoluteLifetime({ authTime: now / 1000 - 8 * 3600 + 1 }, now)).toBe(false);
    expect(isPastAbsoluteLifetime({ authTime: now / 1000 - 8 * 3600 - 1 }, now)).toBe(true);
    expect(isPastAbsoluteLifetime({}, now)).toBe(true);
  });
});
