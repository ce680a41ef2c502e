// POST /api/admin/imports/uploads?name=<file name>: the raw file as the body, streamed to disk
// (lib/import/uploads.ts). NOTE: this path is left out of the proxy's matcher (proxy.ts): the
// proxy would buffer the body in memory (and cut it at 10 MB); the permission is checked here.
import { authedRoute } from '@/lib/api/route';
import { AppError } from '@/lib/errors';
import { MAX_UPLOAD_BYTES, saveUpload } from '@/lib/import/uploads';
import { uploadQuerySchema } from '@/lib/validation/imports';
import { UPLOAD_CONTENT_TYPE } from '@/lib/validation/upload-request';

// The proxy does not cover this path, so without a GET of its own Next would answer 405 before
// anyone is signed in: this one authenticates first (401 for anonymous), then refuses the method.
export const GET = authedRoute({ permission: 'data:read' }, async () => {
  throw new AppError('METHOD_NOT_ALLOWED', 'Send the file with POST (the admin upload page, Admin → Imports → New import, does this).');
});

// The body is the file's bytes (never JSON): its content type and the upload header are required
// (lib/validation/upload-request.ts), so no cross-site form can post a file with an admin's cookie.
export const POST = authedRoute({ permission: 'import:run', query: uploadQuerySchema, rawBody: [UPLOAD_CONTENT_TYPE] }, async ({ req, principal, query }) => {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > MAX_UPLOAD_BYTES()) {
    throw new AppError('UNPROCESSABLE', `The file is larger than the upload limit of ${Math.round(MAX_UPLOAD_BYTES() / 1024 / 1024)} MB (IMPORT_MAX_UPLOAD_MB): import it with the CLI (npm run import) or raise the limit.`);
  }
  const upload = await saveUpload(req.body, query.name, principal.id);
  return { id: upload.id, name: upload.name, bytes: upload.bytes };
});
