import 'server-only';
// Files an admin uploads for an import (/admin/imports/new): streamed to a temporary directory as
// they arrive — never held whole in memory — with a size limit, and kept until the import is
// applied (the dry run and the apply read the same bytes) or an hour has passed.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AppError } from '../errors';
import { env } from '../env';

export const MAX_UPLOAD_BYTES = () => env.IMPORT_MAX_UPLOAD_MB * 1024 * 1024;
const KEEP_MS = 60 * 60_000;
const root = () => env.IMPORT_UPLOAD_DIR ?? path.join(tmpdir(), 'sanctions-tracker-uploads');
const UPLOAD_ID = /^[0-9a-f-]{36}$/;

type UploadMeta = { id: string; name: string; bytes: number; ownerId: string; createdAt: string };
export type StoredUpload = UploadMeta & { path: string };

/**
 * The name a parser sees. It matters (OFAC: sdn.csv / add.csv / alt.csv and the edition date; UK:
 * subjects / names), so it is kept — reduced to a safe base name, never a path.
 */
export function safeFileName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).normalize('NFC');
  const clean = base.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '').slice(0, 120);
  if (!clean || clean === '_') throw new AppError('UNPROCESSABLE', 'The file needs a name (letters, digits, dots, dashes).', { name: ['Not a usable file name.'] });
  return clean;
}

/** Streams `body` to disk; refuses (and deletes) a body beyond the limit or an empty one. */
export async function saveUpload(body: ReadableStream<Uint8Array> | null, name: string, ownerId: string, maxBytes = MAX_UPLOAD_BYTES()): Promise<UploadMeta> {
  if (!body) throw new AppError('UNPROCESSABLE', 'The upload is empty: choose a file.');
  const id = randomUUID();
  const dir = path.join(root(), id);
  const fileName = safeFileName(name);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await cleanupOldUploads().catch(() => undefined);
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) done(new AppError('UNPROCESSABLE', `The file is larger than the upload limit of ${Math.round(maxBytes / 1024 / 1024)} MB (IMPORT_MAX_UPLOAD_MB): import it with the CLI (npm run import) or raise the limit.`));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as WebReadableStream<Uint8Array>), limit, createWriteStream(path.join(dir, fileName), { mode: 0o600 }));
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    if (err instanceof AppError) throw err;
    throw new AppError('BAD_REQUEST', 'The upload was interrupted before the whole file arrived: try again.');
  }
  if (bytes === 0) {
    await rm(dir, { recursive: true, force: true });
    throw new AppError('UNPROCESSABLE', `${fileName}: the file is empty.`);
  }
  const meta: UploadMeta = { id, name: fileName, bytes, ownerId, createdAt: new Date().toISOString() };
  await writeFile(path.join(dir, 'upload.json'), JSON.stringify(meta), { mode: 0o600 });
  return meta;
}

/** The uploads of this user, by id; 404 for an id that is unknown, expired or someone else's. */
export async function getUploads(ids: string[], ownerId: string): Promise<StoredUpload[]> {
  const out: StoredUpload[] = [];
  for (const id of ids) {
    const missing = new AppError('NOT_FOUND', 'An uploaded file is no longer there (uploads are kept for an hour, until the import is applied): upload it again.');
    if (!UPLOAD_ID.test(id)) throw missing;
    const dir = path.join(root(), id);
    const meta = await readFile(path.join(dir, 'upload.json'), 'utf8').then((t) => JSON.parse(t) as UploadMeta).catch(() => null);
    if (!meta || meta.ownerId !== ownerId) throw missing;
    out.push({ ...meta, path: path.join(dir, meta.name) });
  }
  return out;
}

export async function deleteUploads(ids: string[]): Promise<void> {
  for (const id of ids) if (UPLOAD_ID.test(id)) await rm(path.join(root(), id), { recursive: true, force: true });
}

async function cleanupOldUploads(): Promise<void> {
  const now = Date.now();
  for (const id of await readdir(root())) {
    if (!UPLOAD_ID.test(id)) continue;
    const s = await stat(path.join(root(), id)).catch(() => null);
    if (s && now - s.mtimeMs > KEEP_MS) await rm(path.join(root(), id), { recursive: true, force: true });
  }
}
