import { authedRoute, readOnlyRoute } from '@/lib/api/route';
import { getDesignationCounts } from '@/lib/db/metrics';
import { dashboardQuerySchema } from '@/lib/validation/dashboard';

// The overview chart's numbers: the same query string as the overview page URL, parsed by the same
// schema, answered by the same aggregate — so `/?…` and `/api/v1/series?…` always agree.
export const GET = authedRoute({ permission: 'data:read', query: dashboardQuerySchema, rateLimit: true }, async ({ query }) => {
  const rows = await getDesignationCounts(query);
  return { query, rows };
});

export const { POST, PUT, PATCH, DELETE } = readOnlyRoute();
