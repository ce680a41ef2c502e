import 'server-only';
// One import run, for its page in the import history (/admin/imports/:id).
import { prisma } from './client';

export async function getImportRun(id: string) {
  const r = await prisma.importRun.findUnique({ where: { id }, include: { actor: { select: { email: true } } } });
  if (!r) return null;
  const report = (r.report ?? {}) as {
    warnings?: Record<string, number>;
    notModelled?: Record<string, number>;
    resolution?: { merged: number; candidates: number; conflicts: number };
    samples?: Array<{ key: string; status: string; changes: Record<string, { from: unknown; to: unknown }> }>;
    editionDate?: string;
  };
  return {
    id: r.id,
    who: r.actor?.email ?? r.actorLabel,
    format: r.format,
    fileName: r.fileName,
    fileSha256: r.fileSha256,
    fileBytes: Number(r.fileBytes),
    status: r.status,
    counts: { created: r.created, changed: r.changed, lifted: r.lifted, unchanged: r.unchanged, records: r.records },
    error: r.error,
    startedAt: r.startedAt.toISOString(),
    durationMs: r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null,
    report,
  };
}
