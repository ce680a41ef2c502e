import { authedRoute, readOnlyRoute } from '@/lib/api/route';
import { getDataAsOf } from '@/lib/db/sources/data-as-of';
import { getDesignationCountsJson } from '@/lib/db/metrics';
import { dashboardQuerySchema } from '@/lib/validation/dashboard';

// The overview chart's numbers: the same query string as the overview page URL, parsed by the same
// schema, answered by the same aggregate — so `/?…` and `/api/v1/series?…` always agree. The body
// comes serialised (`{ query, rows }`), cached per rollup version where the rollup answers; the
// data's as-of is read per request (a hand edit sets no rollup version) and put in front of it.
export const GET = authedRoute({ permission: 'data:read', query: dashboardQuerySchema, rateLimit: true }, async ({ query, principal }) => {
  const [body, asOf] = await Promise.all([getDesignationCountsJson(principal, query), getDataAsOf(principal)]);
  // NOTE: splicing into the cached body avoids parsing and re-serialising ~70 kB per request.
  return new Response(`{"asOf":${JSON.stringify(asOf)},${body.slice(1)}`, { headers: { 'content-type': 'application/json' } });
});

export const { POST, PUT, PATCH, DELETE } = readOnlyRoute();
