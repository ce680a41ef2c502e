import 'server-only';
// The one wrapper for route handlers (STYLE.md "Entry points: one wrapper each"): resolves the
// caller, checks the permission, parses input with zod, maps every error through toErrorResponse.
import { NextResponse, type NextRequest } from 'next/server';
import type { z } from 'zod';
import { getPrincipal, assertPermission } from '../auth/session';
import type { Permission, Principal } from '../auth/permissions';
import { AppError, toErrorResponse } from '../errors';
import { searchParamsToObject } from '../validation/search-params';

type RouteContext<P> = { params: Promise<P> };

export type RouteArgs<Q, B, P> = { req: NextRequest; principal: Principal; query: Q; body: B; params: P };

export function authedRoute<QS extends z.ZodType = z.ZodType<undefined>, BS extends z.ZodType = z.ZodType<undefined>, P = Record<string, string>>(
  opts: { permission: Permission; query?: QS; body?: BS },
  handler: (args: RouteArgs<z.infer<QS>, z.infer<BS>, P>) => Promise<Response | object>,
) {
  return async (req: NextRequest, ctx: RouteContext<P>): Promise<Response> => {
    try {
      const principal = assertPermission(await getPrincipal(), opts.permission);
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
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (err) {
      const { status, body } = toErrorResponse(err);
      return NextResponse.json(body, { status });
    }
  };
}
