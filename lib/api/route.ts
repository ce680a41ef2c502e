import 'server-only';
// The one wrapper for route handlers (STYLE.md "Entry points: one wrapper each"): resolves the
// caller (session cookie or API token), checks the permission, applies the rate limit, parses input
// with zod, maps every error through toErrorResponse.
import { NextResponse, type NextRequest } from 'next/server';
import type { z } from 'zod';
import { getRequestPrincipal, assertPermission } from '../auth/session';
import type { Permission, Principal } from '../auth/permissions';
import { AppError, toErrorResponse } from '../errors';
import { env } from '../env';
import { hitRateLimit } from '../db/rate-limit';
import { assertNoControlCharacters, searchParamsToObject } from '../validation/search-params';
import { UPLOAD_HEADER } from '../validation/upload-request';

type RouteContext<P> = { params: Promise<P> };

export type RouteArgs<Q, B, P> = { req: NextRequest; principal: Principal; query: Q; body: B; params: P };

type RouteOptions<QS, BS> = {
  permission: Permission;
  query?: QS;
  /** A JSON body, parsed with this schema: the request must say `Content-Type: application/json`. */
  body?: BS;
  /**
   * The body is a raw file the handler streams (an upload): the content types it accepts. Such a
   * request must also carry UPLOAD_HEADER, which no cross-site form can send without a preflight.
   */
  rawBody?: readonly string[];
  /** Count the request against the caller's API quota (per token, or per user for a session). */
  rateLimit?: boolean;
};

function errorResponse(err: unknown): Response {
  const { status, body } = toErrorResponse(err);
  const headers = new Headers();
  if (status === 401) headers.set('WWW-Authenticate', 'Bearer realm="sanctions-tracker"');
  const retryAfter = err instanceof AppError ? err.details?.retryAfterSeconds : undefined;
  if (status === 429 && typeof retryAfter === 'number') headers.set('Retry-After', String(retryAfter));
  if (status === 405) headers.set('Allow', 'GET, HEAD');
  if (status === 503) headers.set('Retry-After', '30');
  return NextResponse.json(body, { status, headers });
}

async function applyRateLimit(principal: Principal): Promise<Record<string, string>> {
  const key = principal.tokenId ? `token:${principal.tokenId}` : `user:${principal.id}`;
  const r = await hitRateLimit(key, env.API_RATE_LIMIT_MAX, env.API_RATE_LIMIT_WINDOW_SECONDS);
  if (!r.allowed) {
    throw new AppError('RATE_LIMITED', `Too many requests: at most ${r.limit} every ${env.API_RATE_LIMIT_WINDOW_SECONDS} seconds. Try again in ${r.retryAfterSeconds} s.`, undefined, {
      retryAfterSeconds: r.retryAfterSeconds,
    });
  }
  return { 'X-RateLimit-Limit': String(r.limit), 'X-RateLimit-Remaining': String(r.remaining), 'X-RateLimit-Reset': String(r.retryAfterSeconds) };
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The hosts this app answers as: the request's own (Host, or X-Forwarded-Host) and NEXTAUTH_URL's. */
function ownHosts(req: NextRequest): Set<string> {
  const hosts = new Set<string>();
  // NOTE: X-Forwarded-Host is trusted here whatever TRUST_PROXY says: the check stops a browser
  // sending a victim's cookie from another site, and a page cannot make a browser send this header
  // cross-site without a CORS preflight (which this app never grants). Next does the same for actions.
  for (const h of [req.headers.get('host'), ...(req.headers.get('x-forwarded-host') ?? '').split(',')]) {
    const host = h?.trim().toLowerCase();
    if (host) hosts.add(host);
  }
  if (env.NEXTAUTH_URL) hosts.add(new URL(env.NEXTAUTH_URL).host.toLowerCase());
  return hosts;
}

/**
 * CSRF defence for mutating requests: an `Origin` that is not this app's is refused. Browsers send
 * `Origin` on every POST/PUT/PATCH/DELETE (same-origin fetch and XHR included), so a missing one
 * with a session cookie is refused too; scripts using an API token (`Authorization: Bearer`) send
 * none and need none — a token is not sent by a browser on its own.
 */
export function assertSameOrigin(req: NextRequest, principal: Principal | null): void {
  if (!MUTATING.has(req.method)) return;
  const origin = req.headers.get('origin');
  if (origin === null) {
    if (principal && !principal.tokenId) throw new AppError('CROSS_ORIGIN', 'The request has no Origin header: send it from the app in a browser, or use an API token.');
    return;
  }
  let host: string | null = null;
  try {
    host = new URL(origin).host.toLowerCase();
  } catch {
    // "null" (sandboxed frames, privacy-sensitive redirects) or garbage: not this app.
  }
  if (!host || !ownHosts(req).has(host)) throw new AppError('CROSS_ORIGIN', 'The request comes from another site (its Origin is not this app): refused.');
}

const mediaType = (req: NextRequest) => (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();

function assertBodyType(req: NextRequest, opts: { body?: unknown; rawBody?: readonly string[] }): void {
  if (opts.body && mediaType(req) !== 'application/json') {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON, with Content-Type: application/json.');
  }
  if (opts.rawBody) {
    if (!opts.rawBody.includes(mediaType(req))) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Send the file as ${opts.rawBody.join(' or ')} (the Content-Type header).`);
    if (req.headers.get(UPLOAD_HEADER.name)?.trim().toLowerCase() !== UPLOAD_HEADER.value) {
      throw new AppError('CROSS_ORIGIN', `Uploads are accepted from the app's upload page only (the ${UPLOAD_HEADER.name} header is missing).`);
    }
  }
}

export function authedRoute<QS extends z.ZodType = z.ZodType<undefined>, BS extends z.ZodType = z.ZodType<undefined>, P = Record<string, string>>(
  opts: RouteOptions<QS, BS>,
  handler: (args: RouteArgs<z.infer<QS>, z.infer<BS>, P>) => Promise<Response | object>,
) {
  return async (req: NextRequest, ctx: RouteContext<P>): Promise<Response> => {
    try {
      const principal = assertPermission(await getRequestPrincipal(req.headers), opts.permission);
      assertSameOrigin(req, principal);
      assertBodyType(req, opts);
      const limitHeaders = opts.rateLimit ? await applyRateLimit(principal) : {};
      // Every query and path parameter, whether or not the route parses it (a refused query still
      // counts against the quota, like every invalid one): a NUL byte would reach PostgreSQL, which
      // refuses it (a 500), and a bidi control makes a search read differently than it matches.
      const raw = searchParamsToObject(req.nextUrl.searchParams);
      assertNoControlCharacters(raw);
      const params = ctx?.params ? await ctx.params : ({} as P);
      if (params && typeof params === 'object') assertNoControlCharacters(params as Record<string, unknown>);
      const query = opts.query ? opts.query.parse(raw) : undefined;
      let body: unknown;
      if (opts.body) {
        const json: unknown = await req.json().catch(() => {
          throw new AppError('BAD_REQUEST', 'The request body must be valid JSON.');
        });
        body = opts.body.parse(json);
      }
      const result = await handler({ req, principal, query: query as z.infer<QS>, body: body as z.infer<BS>, params });
      const res = result instanceof Response ? result : NextResponse.json(result);
      for (const [k, v] of Object.entries(limitHeaders)) res.headers.set(k, v);
      return res;
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/**
 * Handlers for the methods a read-only API refuses: the caller is authenticated first (a bad token
 * is still a 401), then told 405 with `Allow: GET, HEAD` — for sessions and tokens alike.
 */
export function readOnlyRoute() {
  const refuse = async (req: NextRequest): Promise<Response> => {
    try {
      assertPermission(await getRequestPrincipal(req.headers), 'data:read');
      throw new AppError('METHOD_NOT_ALLOWED', `The read API does not accept ${req.method}: it is read-only (use GET).`);
    } catch (err) {
      return errorResponse(err);
    }
  };
  return { POST: refuse, PUT: refuse, PATCH: refuse, DELETE: refuse };
}
