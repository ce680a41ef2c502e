import { authedRoute, readOnlyRoute } from '@/lib/api/route';
import { getDataAsOf } from '@/lib/db/sources/data-as-of';
import { decodeCursor, encodeCursor } from '@/lib/api/cursor';
import { listMilestonesPage } from '@/lib/db/read-api';
import { milestonesQuerySchema } from '@/lib/validation/api-v1';

export const GET = authedRoute({ permission: 'data:read', query: milestonesQuerySchema, rateLimit: true }, async ({ query, principal }) => {
  const [page, asOf] = await Promise.all([listMilestonesPage(principal, query, decodeCursor(query.cursor)), getDataAsOf(principal)]);
  return { items: page.items, nextCursor: page.nextKey ? encodeCursor(page.nextKey) : null, limit: query.limit, asOf };
});

export const { POST, PUT, PATCH, DELETE } = readOnlyRoute();
