// The read API over HTTP, against the production build: session or bearer token, read-only, rate
// limited (the e2e server runs with a small quota, see scripts/e2e-server.ts), documented.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { validate } from '@readme/openapi-parser';
import type { OpenAPIV3_1 } from 'openapi-types';
import { STORAGE } from '../run-state';
import { createTokenViaUi, revokeTokenViaUi } from '../factories/api-tokens';

const ROUTES = ['/api/v1/entities', '/api/v1/designations', '/api/v1/milestones', '/api/v1/series', '/api/v1/event-study', '/api/v1/openapi.json'];
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function getJson(request: APIRequestContext, url: string, token?: string) {
  const res = await request.get(url, { headers: token ? bearer(token) : {}, maxRedirects: 0 });
  return { res, body: (await res.json()) as Record<string, unknown> };
}

test('anonymous requests and unknown tokens get 401 JSON', async ({ request }) => {
  for (const url of [...ROUTES, '/api/v1/entities/some-id']) {
    expect((await getJson(request, url)).res.status(), url).toBe(401);
    const { res, body } = await getJson(request, url, `st_${'A'.repeat(43)}`);
    expect(res.status(), url).toBe(401);
    expect(res.headers()['www-authenticate']).toMatch(/^Bearer/);
    expect(body).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
  }
});

test('a token reads every endpoint; a revoked token is refused', async ({ request, browser }) => {
  const { name, token } = await createTokenViaUi(browser);
  for (const url of ROUTES) expect((await getJson(request, url, token)).res.status(), url).toBe(200);

  const entities = await getJson(request, '/api/v1/entities?q=qods%20aviation&limit=5', token);
  const items = entities.body.items as Array<{ id: string; name: string }>;
  const qods = items.find((e) => e.name === 'QODS AVIATION INDUSTRIES');
  expect(qods).toBeTruthy();
  const one = await getJson(request, `/api/v1/entities/${qods!.id}`, token);
  expect(one.res.status()).toBe(200);
  // One entity across the lists (issue 24): OFAC's three designations, the EU's two (both acts), the UK's and the UN's.
  expect((one.body.designations as unknown[]).length).toBe(7);

  const first = await getJson(request, '/api/v1/designations?authority=US-OFAC&limit=3', token);
  expect((first.body.items as unknown[]).length).toBe(3);
  const second = await getJson(request, `/api/v1/designations?authority=US-OFAC&limit=3&cursor=${encodeURIComponent(String(first.body.nextCursor))}`, token);
  const ids = [...(first.body.items as Array<{ id: string }>), ...(second.body.items as Array<{ id: string }>)].map((d) => d.id);
  expect(new Set(ids).size).toBe(6);

  const bad = await getJson(request, '/api/v1/designations?limit=1000', token);
  expect(bad.res.status()).toBe(422);
  expect((bad.body.error as { fieldErrors: Record<string, string[]> }).fieldErrors.limit).toBeTruthy();

  await revokeTokenViaUi(browser, name);
  expect((await getJson(request, '/api/v1/series', token)).res.status()).toBe(401);
});

test('the signed-in session reads the API too', async ({ browser }) => {
  const context = await browser.newContext({ storageState: STORAGE.analyst });
  const res = await context.request.get('/api/v1/milestones?limit=2');
  expect(res.status()).toBe(200);
  expect(((await res.json()) as { items: unknown[] }).items).toHaveLength(2);
  await context.close();
});

test('writes are refused: 405 for any non-GET method, with a token or a session', async ({ request, browser }) => {
  const { token } = await createTokenViaUi(browser, 'admin');
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
    const res = await request.fetch('/api/v1/entities', { method, headers: bearer(token), data: { name: 'should not exist' } });
    expect(res.status(), method).toBe(405);
    expect(res.headers().allow).toBe('GET, HEAD');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('METHOD_NOT_ALLOWED');
  }
  const context = await browser.newContext({ storageState: STORAGE.analyst });
  expect((await context.request.post('/api/v1/designations', { data: {} })).status()).toBe(405);
  await context.close();
});

test('past the quota: 429 with Retry-After, per token', async ({ request, browser }) => {
  const { token } = await createTokenViaUi(browser);
  const probe = await request.get('/api/v1/milestones?limit=1', { headers: bearer(token) });
  expect(probe.status()).toBe(200);
  const limit = Number(probe.headers()['x-ratelimit-limit']);
  expect(limit).toBeGreaterThan(0);
  expect(limit).toBeLessThanOrEqual(100);
  // Fixed windows: within two windows' worth of requests the quota is exceeded at least once.
  let limited: Awaited<ReturnType<APIRequestContext['get']>> | null = null;
  for (let i = 0; i < 2 * limit + 1 && !limited; i++) {
    const res = await request.get('/api/v1/milestones?limit=1', { headers: bearer(token) });
    if (res.status() === 429) limited = res;
    else expect(res.status()).toBe(200);
  }
  expect(limited).not.toBeNull();
  const retryAfter = Number(limited!.headers()['retry-after']);
  expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 86_400).toBe(true);
  expect(((await limited!.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
  // Another token has its own quota.
  const other = await createTokenViaUi(browser);
  expect((await request.get('/api/v1/milestones?limit=1', { headers: bearer(other.token) })).status()).toBe(200);
});

test('the OpenAPI document validates and lists every endpoint', async ({ request, browser }) => {
  const { token } = await createTokenViaUi(browser);
  const { res, body } = await getJson(request, '/api/v1/openapi.json', token);
  expect(res.status()).toBe(200);
  const result = await validate(structuredClone(body) as unknown as OpenAPIV3_1.Document);
  expect(result.valid ? [] : result.errors).toEqual([]);
  expect(Object.keys(body.paths as object).sort()).toEqual([...ROUTES, '/api/v1/changes', '/api/v1/entities/{id}', '/api/v1/search', '/api/v1/views/{id}'].sort());
});
