import { authedRoute, readOnlyRoute } from '@/lib/api/route';
import { getDataAsOf } from '@/lib/db/sources/data-as-of';
import { getEntityDetail } from '@/lib/db/read-api';
import { AppError } from '@/lib/errors';
import { entityParamsSchema } from '@/lib/validation/api-v1';

export const GET = authedRoute<never, never, { id: string }>({ permission: 'data:read', rateLimit: true }, async ({ params, principal }) => {
  const { id } = entityParamsSchema.parse(params);
  const [entity, asOf] = await Promise.all([getEntityDetail(principal, id), getDataAsOf(principal)]);
  if (!entity) throw new AppError('NOT_FOUND', 'No entity has this id (it may have been deleted).');
  return { ...entity, asOf };
});

export const { POST, PUT, PATCH, DELETE } = readOnlyRoute();
