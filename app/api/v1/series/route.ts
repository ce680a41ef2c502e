import { authedRoute, readOnlyRoute } from '@/lib/api/route';
import { getDesignationCountsJson } from '@/lib/db/metrics';
import { dashboardQuerySchema } from '@/lib/validation/dashboard';

// The overview chart's numbers: the same query string as the overview page URL, parsed by the same
// schema, answered by the same aggregate — so `/?…` and `/api/v1/series?…` always agree. The body
// comes serialised (`{ query, rows }`), cached per rollup version where the rollup answers.
export const GET = authedRoute({ permission: 'data:read', query: dashboardQuerySchema, rateLimit: true }, async ({ query, principal }) => {
  return new Response(await getDesignationCountsJson(principal, query), { headers: { 'content-type': 'application/json' } });
});

export const { POST, PUT, PATCH, DELETE } = readOnlyRoute();
