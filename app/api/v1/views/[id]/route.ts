import { authedRoute, readOnlyRoute } from '@/lib/api/route';
import { getSavedViewApi } from '@/lib/db/read-api';
import { AppError } from '@/lib/errors';
import { savedViewParamsSchema } from '@/lib/validation/api-v1';

// A saved view as data: a frozen view's stored series and as-of (the numbers its page shows), a live
// overview view's series now. Own or shared views only; others' private views are a 404, as on /views/{id}.
export const GET = authedRoute<never, never, { id: string }>({ permission: 'data:read', rateLimit: true }, async ({ params, principal }) => {
  const { id } = savedViewParamsSchema.parse(params);
  const view = await getSavedViewApi(principal, id);
  if (!view) throw new AppError('NOT_FOUND', 'No saved view with this id is shared with you (it may be private or deleted).');
  return view;
});

export const { POST, PUT, PATCH, DELETE } = readOnlyRoute();
