import { authedRoute, readOnlyRoute } from '@/lib/api/route';
import { getDataAsOf } from '@/lib/db/sources/data-as-of';
import { decodeCursor, encodeCursor } from '@/lib/api/cursor';
import { listDesignationsPage } from '@/lib/db/read-api';
import { designationsQuerySchema } from '@/lib/validation/api-v1';

export const GET = authedRoute({ permission: 'data:read', query: designationsQuerySchema, rateLimit: true }, async ({ query, principal }) => {
  const [page, asOf] = await Promise.all([listDesignationsPage(principal, query, decodeCursor(query.cursor)), getDataAsOf(principal)]);
  return { items: page.items, nextCursor: page.nextKey ? encodeCursor(page.nextKey) : null, limit: query.limit, asOf };
});

export const { POST, PUT, PATCH, DELETE } = readOnlyRoute();
