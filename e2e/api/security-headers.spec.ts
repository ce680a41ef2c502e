// Response headers, session cookie flags and Next's origin check for server actions, against the
// production build (so HSTS, which only production sends, is there too).
import { expect, test, type APIResponse } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { actionForm, createTestUser, serverActionIds, signIn, signedIn, withDb, SESSION_COOKIE } from '../factories/sessions';
import { runState } from '../run-state';

function cspDirectives(res: APIResponse): Map<string, string> {
  const csp = res.headers()['content-security-policy'] ?? '';
  return new Map(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(' ')[0]!, d] as const));
}

function expectSecurityHeaders(res: APIResponse, what: string) {
  const h = res.headers();
  const csp = cspDirectives(res);
  expect(csp.get('script-src'), what).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'$/);
  expect(csp.get('frame-ancestors'), what).toBe("frame-ancestors 'none'");
  expect(csp.get('object-src'), what).toBe("object-src 'none'");
  expect(csp.get('base-uri'), what).toBe("base-uri 'self'");
  expect(h['x-content-type-options'], what).toBe('nosniff');
  expect(h['x-frame-options'], what).toBe('DENY');
  expect(['same-origin', 'strict-origin', 'strict-origin-when-cross-origin', 'no-referrer'], what).toContain(h['referrer-policy']);
  expect(h['permissions-policy'], what).toContain('camera=()');
  expect(h['strict-transport-security'], what).toMatch(/^max-age=(\d+); includeSubDomains$/);
  expect(Number(/max-age=(\d+)/.exec(h['strict-transport-security']!)![1])).toBeGreaterThanOrEqual(31_536_000);
}

test('pages, APIs, redirects and 401s all carry the security headers', async ({ request }) => {
  const user = await createTestUser('ANALYST', 'headers');
  const session = await signedIn(user);
  const cases: Array<[string, APIResponse]> = [
    ['sign-in page (anonymous)', await request.get('/login')],
    ['redirect to sign-in', await request.get('/entities', { maxRedirects: 0 })],
    ['anonymous API 401', await request.get('/api/v1/milestones')],
    ['overview page', await session.get('/')],
    ['API JSON', await session.get('/api/v1/milestones')],
    ['CSV export', await session.get('/api/export/overview.csv')],
    ['unknown page', await session.get('/no-such-page')],
  ];
  for (const [what, res] of cases) expectSecurityHeaders(res, what);
  expect(cases[1]![1].status()).toBe(307);
  expect(cases[2]![1].status()).toBe(401);
  expect(cases[3]![1].status()).toBe(200);
  await session.dispose();
});

test("every script of a page carries this response's nonce, and the nonce changes per request", async ({ request }) => {
  const a = await request.get('/login');
  const b = await request.get('/login');
  const nonceOf = (res: APIResponse) => /'nonce-([^']+)'/.exec(res.headers()['content-security-policy'] ?? '')?.[1];
  const nonce = nonceOf(a);
  expect(nonce).toBeTruthy();
  expect(nonceOf(b)).not.toBe(nonce);
  const html = await a.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(3);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
});

test('the session cookie is HttpOnly, SameSite=Lax, host-wide, and expires with the idle timeout', async () => {
  const user = await createTestUser('ANALYST', 'cookie');
  const { context } = await signIn(user.email, user.password);
  const cookie = (await context.storageState()).cookies.find((c) => c.name === SESSION_COOKIE);
  expect(cookie).toBeTruthy();
  expect(cookie!.httpOnly).toBe(true);
  expect(cookie!.sameSite).toBe('Lax');
  expect(cookie!.path).toBe('/');
  // Over plain http (this test server) Secure would stop the browser from sending it; with an
  // https NEXTAUTH_URL it is Secure and __Secure- prefixed (lib/auth/session-cookie.test.ts).
  expect(cookie!.secure).toBe(false);
  const ttl = cookie!.expires - Date.now() / 1000;
  expect(ttl).toBeGreaterThan(55 * 60);
  expect(ttl).toBeLessThanOrEqual(60 * 60 + 5);
  await context.dispose();
});

test('a server action posted from another origin is refused; the same call from our origin works', async () => {
  const user = await createTestUser('ANALYST', 'origin');
  const session = await signedIn(user);
  const action = serverActionIds().get('lib/actions/saved-views.ts#saveViewAction')!;
  const name = `Cross-origin ${randomBytes(3).toString('hex')}`;
  const post = (origin: string) =>
    session.post('/views', {
      headers: { 'Next-Action': action.id, Accept: 'text/x-component', Origin: origin },
      multipart: actionForm({ name, path: '/', query: 'unit=year' }),
      maxRedirects: 0,
    });
  const count = () => withDb(async (c) => Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM saved_view WHERE owner_id = $1 AND name = $2', [user.id, name])).rows[0]!.n));

  const evil = await post('https://evil.example');
  expect(evil.status()).toBeGreaterThanOrEqual(400);
  expect(await evil.text()).not.toContain('"ok":true');
  expect(await count()).toBe(0);

  const ours = await post(runState().baseURL);
  expect(ours.status()).toBe(200);
  expect(await ours.text()).toContain('"ok":true');
  expect(await count()).toBe(1);
  await session.dispose();
});
