import { authedRoute, readOnlyRoute } from '@/lib/api/route';
import { buildOpenApiDocument } from '@/lib/api/openapi';

export const GET = authedRoute({ permission: 'data:read' }, async () => buildOpenApiDocument());

export const { POST, PUT, PATCH, DELETE } = readOnlyRoute();
