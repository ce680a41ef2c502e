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
import { searchParamsToObject } from '../validation/search-params';

type RouteContext<P> = { params: Promise<P> };

export type RouteArgs<Q, B, P> = { req: NextRequest; principal: Principal; query: Q; body: B; params: P };

type RouteOptions<QS, BS> = {
  permission: Permission;
  query?: QS;
  body?: BS;
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

export function authedRoute<QS extends z.ZodType = z.ZodType<undefined>, BS extends z.ZodType = z.ZodType<undefined>, P = Record<string, string>>(
  opts: RouteOptions<QS, BS>,
  handler: (args: RouteArgs<z.infer<QS>, z.infer<BS>, P>) => Promise<Response | object>,
) {
  return async (req: NextRequest, ctx: RouteContext<P>): Promise<Response> => {
    try {
      const principal = assertPermission(await getRequestPrincipal(req.headers), opts.permission);
      const limitHeaders = opts.rateLimit ? await applyRateLimit(principal) : {};
      const query = opts.query ? opts.query.parse(searchParamsToObject(req.nextUrl.searchParams)) : undefined;
      let body: unknown;
      if (opts.body) {
        const json: unknown = await req.json().catch(() => {
          throw new AppError('BAD_REQUEST', 'The request body must be valid JSON.');
        });
        body = opts.body.parse(json);
      }
      const params = ctx?.params ? await ctx.params : ({} as P);
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
