// authedRoute's request checks, with the caller stubbed (the session and token lookups have their own
// tests): Origin on mutating requests, the body's content type, control characters in the query.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';
import { z } from 'zod';
import type { Principal } from '../auth/permissions';

vi.hoisted(() => {
  // The public URL differs from the Host the app sees, as behind a proxy that rewrites Host.
  process.env.NEXTAUTH_URL = 'https://sanctions.example.org';
});

const caller = vi.hoisted(() => ({ current: null as Principal | null }));
vi.mock('../auth/session', async () => {
  const { AppError } = await import('../errors');
  return {
    getRequestPrincipal: async () => caller.current,
    assertPermission: (p: Principal | null) => {
      if (!p) throw new AppError('UNAUTHORIZED', 'Sign in to continue.');
      return p;
    },
  };
});
vi.mock('../db/rate-limit', () => ({ hitRateLimit: async () => ({ allowed: true, limit: 10, remaining: 9, retryAfterSeconds: 60 }) }));

const { authedRoute } = await import('./route');

const ADMIN: Principal = { id: 'u1', email: 'admin@example.org', name: 'Admin', role: 'ADMIN', mustChangePassword: false };
const TOKEN: Principal = { ...ADMIN, tokenId: 't1' };
const BASE = 'http://127.0.0.1:3000';

const ok = async () => ({ ok: true });
const jsonRoute = authedRoute({ permission: 'import:run', body: z.object({ n: z.number() }) }, async ({ body }) => ({ n: body.n }));
const uploadRoute = authedRoute({ permission: 'import:run', rawBody: ['application/octet-stream'] }, ok);
const plainRoute = authedRoute({ permission: 'data:read' }, ok);
const ctx = { params: Promise.resolve({}) };

function request(method: string, headers: Record<string, string>, body?: string, url = `${BASE}/api/x`) {
  return new NextRequest(url, { method, headers: { host: '127.0.0.1:3000', ...headers }, body });
}
const json = { 'content-type': 'application/json' };
const code = async (res: Response) => ((await res.json()) as { error?: { code: string } }).error?.code;

beforeEach(() => {
  caller.current = ADMIN;
});

describe('Origin on mutating requests', () => {
  it('accepts the app itself: the request host, or NEXTAUTH_URL when a proxy rewrote Host', async () => {
    expect((await jsonRoute(request('POST', { origin: BASE, ...json }, '{"n":1}'), ctx)).status).toBe(200);
    expect((await jsonRoute(request('POST', { origin: 'https://sanctions.example.org', ...json }, '{"n":1}'), ctx)).status).toBe(200);
    expect((await jsonRoute(request('POST', { origin: 'https://sanctions.example.org', 'x-forwarded-host': 'sanctions.example.org', host: 'app:3000', ...json }, '{"n":1}'), ctx)).status).toBe(200);
  });

  it('refuses another site, "null" and garbage with 403 CROSS_ORIGIN', async () => {
    for (const origin of ['https://evil.example', 'http://127.0.0.1:3001', 'https://sanctions.example.org.evil.example', 'null', 'not a url']) {
      const res = await jsonRoute(request('POST', { origin, ...json }, '{"n":1}'), ctx);
      expect(res.status, origin).toBe(403);
      expect(await code(res), origin).toBe('CROSS_ORIGIN');
    }
    for (const method of ['PUT', 'PATCH', 'DELETE']) expect((await plainRoute(request(method, { origin: 'https://evil.example' }), ctx)).status, method).toBe(403);
  });

  it('refuses a session cookie without Origin (browsers always send one on POST), not an API token', async () => {
    const res = await jsonRoute(request('POST', json, '{"n":1}'), ctx);
    expect(res.status).toBe(403);
    expect(await code(res)).toBe('CROSS_ORIGIN');
    caller.current = TOKEN;
    expect((await jsonRoute(request('POST', json, '{"n":1}'), ctx)).status).toBe(200);
  });

  it('leaves GET alone, and answers anonymous callers 401 first', async () => {
    expect((await plainRoute(request('GET', { origin: 'https://evil.example' }), ctx)).status).toBe(200);
    caller.current = null;
    expect((await jsonRoute(request('POST', { origin: 'https://evil.example', ...json }, '{}'), ctx)).status).toBe(401);
  });
});

describe('the body', () => {
  it('must be declared JSON where it is JSON (415 otherwise)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
      const res = await jsonRoute(request('POST', { origin: BASE, ...(type ? { 'content-type': type } : {}) }, '{"n":1}'), ctx);
      expect(res.status, type).toBe(415);
      expect(await code(res)).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    expect((await jsonRoute(request('POST', { origin: BASE, 'content-type': 'Application/JSON; charset=utf-8' }, '{"n":1}'), ctx)).status).toBe(200);
  });

  it('of an upload must be the accepted file type and carry the upload header', async () => {
    const upload = { origin: BASE, 'content-type': 'application/octet-stream', 'x-requested-with': 'sanctions-tracker' };
    expect((await uploadRoute(request('POST', upload, 'data'), ctx)).status).toBe(200);
    expect((await uploadRoute(request('POST', { ...upload, 'content-type': 'text/plain' }, 'data'), ctx)).status).toBe(415);
    const res = await uploadRoute(request('POST', { origin: upload.origin, 'content-type': upload['content-type'] }, 'data'), ctx);
    expect(res.status).toBe(403);
    expect(await code(res)).toBe('CROSS_ORIGIN');
    expect((await uploadRoute(request('POST', { ...upload, 'x-requested-with': 'XMLHttpRequest' }, 'data'), ctx)).status).toBe(403);
  });
});

describe('query and path parameters', () => {
  it('refuse a control character with 422 naming the parameter, whether or not the route parses a query', async () => {
    const routeWithQuery = authedRoute({ permission: 'data:read', query: z.object({ q: z.string().optional() }) }, ok);
    for (const [route, url] of [
      [plainRoute, `${BASE}/api/x?q=%00`],
      [routeWithQuery, `${BASE}/api/x?q=a%E2%80%AEb`],
      [routeWithQuery, `${BASE}/api/x?other=%C2%85`],
    ] as const) {
      const res = await route(request('GET', {}, undefined, url), ctx);
      expect(res.status, url).toBe(422);
      const body = (await res.json()) as { error: { fieldErrors: Record<string, string[]> } };
      expect(Object.keys(body.error.fieldErrors), url).toEqual([new URL(url).searchParams.keys().next().value]);
    }
    const res = await plainRoute(request('GET', {}, undefined, `${BASE}/api/x/a%00`), { params: Promise.resolve({ id: 'a\u0000' }) });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: { fieldErrors: { id: [expect.stringMatching(/control characters/)] } } });
  });
});
