// Users and sessions for the security specs: real users in this run's database, signed in through
// next-auth's real credentials endpoint (CSRF token and all); and, for expiry cases, sessions minted
// with the run's AUTH_SECRET — byte for byte what the app issues, only with chosen times.
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request, type APIRequestContext } from '@playwright/test';
import { encode, type JWT } from 'next-auth/jwt';
import pg from 'pg';
import { hashPassword } from '../../lib/auth/password';
import { pgConfigFromUrl } from '../../lib/db/url';
import { runState } from '../run-state';

export const SESSION_COOKIE = 'next-auth.session-token';

export type TestUser = { id: string; email: string; password: string; role: 'ADMIN' | 'ANALYST' };

export async function withDb<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(pgConfigFromUrl(runState().databaseUrl));
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new enabled user with a known password (no forced change). */
export async function createTestUser(role: 'ADMIN' | 'ANALYST', label = 'sec'): Promise<TestUser> {
  const user = { id: randomUUID(), email: `e2e-${label}-${randomBytes(4).toString('hex')}@example.org`, password: `pw-${randomBytes(12).toString('hex')}`, role };
  const hash = await hashPassword(user.password);
  await withDb((c) => c.query(`INSERT INTO app_user (id, email, name, password_hash, role, updated_at) VALUES ($1, $2, $3, $4, $5::"Role", now())`, [user.id, user.email, `E2E ${label}`, hash, role]));
  return user;
}

export type SignInAnswer = { status: number; error: string | null; context: APIRequestContext };

/**
 * Signs in through POST /api/auth/callback/credentials as the login form does. `address` is sent
 * as X-Forwarded-For, as a reverse proxy would, so that tests of per-address throttling do not
 * share 127.0.0.1 with every other spec.
 */
export async function signIn(email: string, password: string, address = `198.51.100.${1 + Math.floor(Math.random() * 250)}`): Promise<SignInAnswer> {
  const context = await request.newContext({ baseURL: runState().baseURL, extraHTTPHeaders: { 'X-Forwarded-For': address } });
  const { csrfToken } = (await (await context.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const res = await context.post('/api/auth/callback/credentials', { form: { csrfToken, email, password, json: 'true', callbackUrl: '/' }, maxRedirects: 0 });
  const body = (await res.json().catch(() => ({}))) as { url?: string };
  const error = body.url ? new URL(body.url, runState().baseURL).searchParams.get('error') : null;
  return { status: res.status(), error, context };
}

/** A context that is signed in as the user (fails the test if sign-in does not work). */
export async function signedIn(user: TestUser): Promise<APIRequestContext> {
  const r = await signIn(user.email, user.password);
  const cookies = (await r.context.storageState()).cookies.map((c) => c.name);
  if (!cookies.includes(SESSION_COOKIE)) throw new Error(`sign-in as ${user.email} failed: ${r.status} ${r.error}`);
  return r.context;
}

/** The session cookie the app would issue for this user, with chosen sign-in time and lifetime. */
export async function mintSession(user: TestUser, opts: { authTime: number; maxAgeSeconds: number }): Promise<string> {
  const sv = await withDb(async (c) => (await c.query<{ session_version: number }>('SELECT session_version FROM app_user WHERE id = $1', [user.id])).rows[0]!.session_version);
  const token: JWT = { sub: user.id, uid: user.id, email: user.email, name: 'E2E', role: user.role, mustChangePassword: false, sv, authTime: opts.authTime };
  return encode({ token, secret: runState().authSecret, maxAge: opts.maxAgeSeconds });
}

/** A context sending this session cookie (or none). */
export async function contextWithCookie(value: string | null): Promise<APIRequestContext> {
  return request.newContext({ baseURL: runState().baseURL, extraHTTPHeaders: value ? { cookie: `${SESSION_COOKIE}=${value}` } : {} });
}

/** The app's server-action ids by "file#export", from the production build's manifest. */
export function serverActionIds(): Map<string, { id: string; workers: string[] }> {
  const manifest = JSON.parse(readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as { node: Record<string, { filename?: string; exportedName?: string; workers: Record<string, unknown> }> };
  const out = new Map<string, { id: string; workers: string[] }>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.filename && entry.exportedName) out.set(`${entry.filename}#${entry.exportedName}`, { id, workers: Object.keys(entry.workers) });
  }
  return out;
}

/**
 * The body React's client sends for (previous state, FormData): the form's fields under "_1_", then
 * the root "0" last — the server resolves the root as soon as it arrives.
 */
export function actionForm(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(`_1_${k}`, v);
  form.append('0', '["$undefined","$K1"]');
  return form;
}
