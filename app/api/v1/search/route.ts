import { authedRoute, readOnlyRoute } from '@/lib/api/route';
import { getDataAsOf } from '@/lib/db/sources/data-as-of';
import { searchEntityNames } from '@/lib/db/search';
import { searchQuerySchema } from '@/lib/validation/api-v1';

// The Entities page's search as JSON: same SQL (lib/db/search.ts), best matches first.
export const GET = authedRoute({ permission: 'data:read', query: searchQuerySchema, rateLimit: true }, async ({ query, principal }) => {
  const [found, asOf] = await Promise.all([searchEntityNames(principal, query), getDataAsOf(principal)]);
  return { ...found, asOf };
});

export const { POST, PUT, PATCH, DELETE } = readOnlyRoute();
