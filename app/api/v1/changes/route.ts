import { authedRoute, readOnlyRoute } from '@/lib/api/route';
import { decodeCursor, encodeCursor } from '@/lib/api/cursor';
import { getDataAsOf } from '@/lib/db/sources/data-as-of';
import { listChanges } from '@/lib/db/changes/list-changes';
import { changesQuerySchema } from '@/lib/validation/changes';

// What changed in the official lists (issue 27). Newest first; with `since`, oldest first after it
// (polling: pass the last id you got). See lib/db/changes/list-changes.ts.
export const GET = authedRoute({ permission: 'data:read', query: changesQuerySchema, rateLimit: true }, async ({ query, principal }) => {
  const [page, asOf] = await Promise.all([listChanges(principal, query.filter, { cursor: decodeCursor(query.cursor), limit: query.limit }), getDataAsOf(principal)]);
  return { items: page.items, nextCursor: page.nextKey ? encodeCursor(page.nextKey) : null, limit: query.limit, asOf };
});

export const { POST, PUT, PATCH, DELETE } = readOnlyRoute();
