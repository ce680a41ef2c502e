// How the admin upload page sends a file (components/admin/import-uploader.tsx) and what the upload
// route requires (app/api/admin/imports/uploads/route.ts). No imports: the client bundles this file.
// NOTE: both are CSRF defences on top of the Origin check. A cross-site page can only send a form's
// content types (text/plain, urlencoded, multipart) and no custom header without a CORS preflight,
// which this app never answers.

/** The one content type the upload route accepts: the file's bytes, whatever the format. */
export const UPLOAD_CONTENT_TYPE = 'application/octet-stream';

/** The header the upload page sends with every file (compared case-insensitively). */
export const UPLOAD_HEADER = { name: 'X-Requested-With', value: 'sanctions-tracker' } as const;
