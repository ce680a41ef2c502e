// POST /api/admin/imports/jobs {format, uploads, dryRun, editionDate?}: starts a dry run or an import of files
// uploaded before; answers at once with the job, which runs on (lib/import/jobs.ts).
import { authedRoute } from '@/lib/api/route';
import { userActor } from '@/lib/db/audit';
import { startImportJob } from '@/lib/import/jobs';
import { startImportSchema } from '@/lib/validation/imports';

export const POST = authedRoute({ permission: 'import:run', body: startImportSchema }, async ({ principal, body }) =>
  startImportJob({ format: body.format, uploadIds: body.uploads, dryRun: body.dryRun, editionDate: body.editionDate ?? null }, { id: principal.id, actor: userActor(principal) }),
);
