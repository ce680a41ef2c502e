// GET /api/admin/imports/jobs/:id: the job's progress, then its counts or its error (polled).
import { authedRoute } from '@/lib/api/route';
import { getImportJob } from '@/lib/import/jobs';
import { jobParamsSchema } from '@/lib/validation/imports';

export const GET = authedRoute<never, never, { id: string }>({ permission: 'import:run' }, async ({ params }) => getImportJob(jobParamsSchema.parse(params).id));
