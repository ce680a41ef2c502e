import { authedRoute, readOnlyRoute } from '@/lib/api/route';
import { decodeCursor, encodeCursor } from '@/lib/api/cursor';
import { listEntitiesPage } from '@/lib/db/read-api';
import { entitiesQuerySchema } from '@/lib/validation/api-v1';

export const GET = authedRoute({ permission: 'data:read', query: entitiesQuerySchema, rateLimit: true }, async ({ query, principal }) => {
  const page = await listEntitiesPage(principal, query, decodeCursor(query.cursor));
  return { items: page.items, nextCursor: page.nextKey ? encodeCursor(page.nextKey) : null, limit: query.limit };
});

export const { POST, PUT, PATCH, DELETE } = readOnlyRoute();
