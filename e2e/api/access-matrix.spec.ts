// The access matrix, generated from the app itself: every page and route handler of app/ and every
// server action in the build's manifest, against five callers — anonymous, analyst, admin, a user
// disabled after signing in, and expired sessions — checked against lib/auth/access-rules.ts.
// Sessions are real: signed in through next-auth, or minted with the run's secret for the expiry
// cases. Server actions are invoked over HTTP with their Next-Action id, as the browser does.
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { ACTION_RULES, PAGE_RULES, ROUTE_RULES, type AccessRule } from '../../lib/auth/access-rules';
import { can, type Role } from '../../lib/auth/permissions';
import { exportedMethods, pageFiles, routeFiles, serverActionExports, toPattern } from '../routes';
import { runState } from '../run-state';
import { actionForm, contextWithCookie, createTestUser, mintSession, serverActionIds, signedIn, withDb, type TestUser } from '../factories/sessions';
import { fillRoute, loadRouteFixtures, type RouteFixtures } from '../factories/route-fixtures';

type Caller = 'anonymous' | 'analyst' | 'admin' | 'disabled' | 'idle-expired' | 'lifetime-expired';
const REFUSED_CALLERS: Caller[] = ['anonymous', 'disabled', 'idle-expired', 'lifetime-expired'];
const ROLE_OF: Partial<Record<Caller, Role>> = { analyst: 'ANALYST', admin: 'ADMIN' };

let fx: RouteFixtures;
const callers = new Map<Caller, APIRequestContext>();
let admin: TestUser;
let matrixUserIds: string[] = [];
const fill = (pattern: string) => fillRoute(pattern, fx);

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  admin = await createTestUser('ADMIN', 'matrix-admin');
  const analyst = await createTestUser('ANALYST', 'matrix-analyst');
  const disabled = await createTestUser('ANALYST', 'matrix-disabled');
  matrixUserIds = [admin.id, analyst.id, disabled.id];
  fx = await loadRouteFixtures(admin.id);
  callers.set('anonymous', await contextWithCookie(null));
  callers.set('analyst', await signedIn(analyst));
  callers.set('admin', await signedIn(admin));
  // Signed in while enabled, then disabled in the database: the session must stop at once.
  callers.set('disabled', await signedIn(disabled));
  await withDb((c) => c.query('UPDATE app_user SET disabled = true WHERE id = $1', [disabled.id]));
  const now = Math.floor(Date.now() / 1000);
  // An admin's session whose cookie expired (idle timeout), and one still fresh but signed in
  // longer ago than the absolute lifetime (8 h by default).
  callers.set('idle-expired', await contextWithCookie(await mintSession(admin, { authTime: now - 7200, maxAgeSeconds: -3600 })));
  callers.set('lifetime-expired', await contextWithCookie(await mintSession(admin, { authTime: now - 9 * 3600, maxAgeSeconds: 3600 })));
});

test.afterAll(async () => {
  for (const c of callers.values()) await c.dispose();
});

const isRedirectToLogin = (res: APIResponse) => [302, 303, 307, 308].includes(res.status()) && new URL(res.headers().location ?? '', 'http://x').pathname === '/login';

function expectedPageStatus(rule: AccessRule, caller: Caller): 200 | 403 | 'login' {
  if (rule === 'public') return 200;
  const role = ROLE_OF[caller];
  if (!role) return 'login';
  return can({ role }, rule) ? 200 : 403;
}

const NOT_IN_BUILD = ['lib/actions/api-tokens.ts#createToken', 'lib/actions/api-tokens.ts#revokeToken', 'lib/actions/saved-views.ts#deleteView', 'lib/actions/saved-views.ts#freezeView', 'lib/actions/saved-views.ts#renameView', 'lib/actions/saved-views.ts#saveView', 'lib/actions/saved-views.ts#shareView'];

test('the matrix covers the whole app (pages, routes and actions found in the tree and the build)', () => {
  expect(pageFiles().map(toPattern).sort()).toEqual(Object.keys(PAGE_RULES).sort());
  expect(routeFiles().map(toPattern).sort()).toEqual(Object.keys(ROUTE_RULES).sort());
  const built = serverActionIds();
  // Every action the build can call has a rule, and every declared action exists in the build.
  expect(Object.keys(ACTION_RULES).sort()).toEqual(serverActionExports());
  // Exported for server-side callers and tests, but no client component references them, so the
  // build has no endpoint for them (nothing to call). A client use would add them here and below.
  expect(serverActionExports().filter((k) => !built.has(k))).toEqual(NOT_IN_BUILD);
});

for (const pattern of Object.keys(PAGE_RULES).sort()) {
  test(`page ${pattern}`, async () => {
    const url = fill(pattern);
    for (const caller of ['anonymous', 'analyst', 'admin', 'disabled', 'idle-expired', 'lifetime-expired'] as Caller[]) {
      const res = await callers.get(caller)!.get(url, { maxRedirects: 0 });
      const want = expectedPageStatus(PAGE_RULES[pattern]!, caller);
      const body = await res.text();
      if (pattern === '/login' && ROLE_OF[caller]) {
        // Signed-in users are sent on from the sign-in page.
        expect(new URL(res.headers().location ?? '', 'http://x').pathname, `${caller} GET ${url}`).toBe('/');
      } else if (pattern === '/views/[id]' && want === 200) {
        // A saved view's link sends the caller on to the view's page (a real redirect: no loading
        // boundary streams this route).
        expect([302, 303, 307, 308], `${caller} GET ${url}`).toContain(res.status());
        expect(new URL(res.headers().location ?? '', 'http://x').pathname, `${caller} GET ${url}`).not.toBe('/login');
      } else if (want === 'login') {
        expect(isRedirectToLogin(res), `${caller} GET ${url}: ${res.status()} ${res.headers().location}`).toBe(true);
      } else {
        expect(res.status(), `${caller} GET ${url}`).toBe(want);
      }
      // No caller that is refused sees what only an administrator may see.
      if (want !== 200 || caller !== 'admin') expect(body, `${caller} GET ${url}`).not.toContain(admin.email);
    }
  });
}

for (const pattern of Object.keys(ROUTE_RULES).sort()) {
  const rules = ROUTE_RULES[pattern]!;
  if (Object.values(rules).every((r) => r === 'next-auth')) continue; // sign-in endpoints: e2e/api/sign-in.spec.ts
  test(`route ${pattern}`, async () => {
    const url = fill(pattern);
    expect(Object.keys(rules).sort()).toEqual(exportedMethods(routeFiles().find((f) => toPattern(f) === pattern)!));
    for (const [method, rule] of Object.entries(rules)) {
      for (const caller of ['anonymous', 'analyst', 'admin', 'disabled', 'idle-expired', 'lifetime-expired'] as Caller[]) {
        // A mutating probe sends what a browser sends (its Origin; `data` makes it JSON), so that the
        // answer is the access check's, not the CSRF check's (e2e/api/request-checks.spec.ts).
        const res = await callers.get(caller)!.fetch(url, { method, maxRedirects: 0, data: method === 'GET' ? undefined : {}, headers: method === 'GET' ? undefined : { Origin: runState().baseURL } });
        if (rule === 'signed-token') {
          // Feed and unsubscribe links ignore cookies: whoever calls them without their signed token is
          // refused (the feed with a plain 401, the unsubscribe page with a 400 page), never let in.
          expect([400, 401], `${caller} ${method} ${url}`).toContain(res.status());
          continue;
        }
        const role = ROLE_OF[caller];
        const want = !role ? 401 : rule === 'read-only' ? 405 : rule === 'public' || can({ role }, rule as Parameters<typeof can>[1]) ? 200 : 403;
        if (want === 200 && (method !== 'GET' || PLACEHOLDER_ROUTES.has(pattern))) {
          // Allowed, but the probe's empty body (or placeholder id) is not a valid request: the
          // answer must come from past the access check — a 2xx or a validation/not-found 4xx.
          expect([200, 201, 202, 400, 404, 409, 413, 415, 422], `${caller} ${method} ${url}`).toContain(res.status());
        } else expect(res.status(), `${caller} ${method} ${url}`).toBe(want);
        if (want === 401) expect(await res.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
      }
    }
  });
}

/** Routes whose fixture is a placeholder id (nothing to find): allowed callers get a 404. */
const PLACEHOLDER_ROUTES = new Set(['/api/admin/imports/jobs/[id]']);

/** A page that renders the action (the worker Next routes the POST to), with its segments filled. */
function actionUrl(workers: string[]): string {
  const worker = [...workers].sort((a, b) => a.split('[').length - b.split('[').length)[0];
  return fill(toPattern(`${worker}.tsx`));
}

type ActionAnswer = { httpStatus: number; result: { ok: boolean; status?: number } | null; location?: string };

/**
 * Wrongly typed argument lists, in React's JSON encoding, that anyone can send with an action's id:
 * for an object action, anything but one object; for a form action, anything but (state, FormData).
 */
const WRONG_ARGUMENTS: Record<'object' | 'form', string[]> = {
  object: ['[]', '["x"]', '[42]', '[null]', '[[{"id":"x"}]]', '[true]'],
  form: ['[]', '[null]', '[null,"x"]', '[null,42]', '[null,{"name":"x","id":"x"}]', '[null,[["name","x"]]]'],
};

async function callAction(ctx: APIRequestContext, key: string, args?: string): Promise<ActionAnswer> {
  const action = serverActionIds().get(key)!;
  const rule = ACTION_RULES[key]!;
  const headers = { 'Next-Action': action.id, Accept: 'text/x-component', Origin: runState().baseURL };
  // The encodings React's client uses: one plain object, or (previous state, FormData).
  const res =
    args !== undefined
      ? await ctx.post(actionUrl(action.workers), { headers: { ...headers, 'Content-Type': 'text/plain;charset=UTF-8' }, data: args, maxRedirects: 0 })
      : rule.input === 'object'
        ? await ctx.post(actionUrl(action.workers), { headers: { ...headers, 'Content-Type': 'text/plain;charset=UTF-8' }, data: '[{}]', maxRedirects: 0 })
        : await ctx.post(actionUrl(action.workers), { headers, multipart: actionForm({ probe: 'x' }), maxRedirects: 0 });
  const text = await res.text();
  const m = /\{"ok":(true|false)(?:,"status":(\d+))?/.exec(text);
  return { httpStatus: res.status(), result: m ? { ok: m[1] === 'true', status: m[2] ? Number(m[2]) : undefined } : null, location: res.headers().location };
}

// Audit events by this spec's users only: other specs write in parallel.
const auditCount = () => withDb(async (c) => Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM audit_event WHERE actor_id = ANY($1)', [matrixUserIds])).rows[0]!.n));

for (const key of Object.keys(ACTION_RULES).filter((k) => !NOT_IN_BUILD.includes(k)).sort()) {
  test(`server action ${key}`, async () => {
    const rule = ACTION_RULES[key]!;
    const before = await auditCount();
    for (const caller of REFUSED_CALLERS) {
      const a = await callAction(callers.get(caller)!, key);
      // Refused by the proxy (redirect to sign-in) or by the action's own check (401 result).
      const refused = (a.result !== null && !a.result.ok && a.result.status === 401) || ([302, 303, 307, 308].includes(a.httpStatus) && new URL(a.location ?? '', 'http://x').pathname === '/login');
      expect(refused, `${caller} → ${key}: ${a.httpStatus} ${JSON.stringify(a.result)}`).toBe(true);
    }
    for (const caller of ['analyst', 'admin'] as Caller[]) {
      const a = await callAction(callers.get(caller)!, key);
      expect(a.result, `${caller} → ${key}: HTTP ${a.httpStatus}, no action result`).not.toBeNull();
      if (can({ role: ROLE_OF[caller]! }, rule.permission)) {
        // Allowed through: the empty input then fails validation (so nothing is written), or a
        // read-only action (the duplicate check) answers.
        expect(a.result!.ok || a.result!.status === 422, `${caller} → ${key}: ${JSON.stringify(a.result)}`).toBe(true);
      } else {
        expect(a.result, `${caller} → ${key}`).toEqual({ ok: false, status: 403 });
      }
    }
    // Wrongly typed arguments over HTTP: the action's own error result (422 once past the access
    // check, 403 before it), never a 500 or the error page.
    for (const args of WRONG_ARGUMENTS[rule.input]) {
      for (const caller of ['analyst', 'admin'] as Caller[]) {
        const a = await callAction(callers.get(caller)!, key, args);
        const want = can({ role: ROLE_OF[caller]! }, rule.permission) ? 422 : 403;
        expect({ http: a.httpStatus, result: a.result }, `${caller} → ${key}(${args})`).toEqual({ http: 200, result: { ok: false, status: want } });
      }
    }
    // Nothing was written by any of these calls (every mutation writes an audit event).
    expect(await auditCount()).toBe(before);
  });
}
