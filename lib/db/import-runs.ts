import 'server-only';
// The import history (/admin/imports) and one run's page (/admin/imports/:id).
import type { Prisma } from './generated/client';
import { prisma } from './client';
import { authorize } from '../auth/verified';
import type { Principal } from '../auth/permissions';

const withActor = { actor: { select: { email: true } } } satisfies Prisma.ImportRunInclude;
type RunRow = Prisma.ImportRunGetPayload<{ include: typeof withActor }>;

/** Who, when, which file (name, hash, size), the outcome, counts and duration: what both pages show. */
function runSummary(r: RunRow) {
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
  };
}

export async function listImportRuns(viewer: Principal, limit = 50) {
  authorize(viewer, 'data:write');
  const rows = await prisma.importRun.findMany({ orderBy: { startedAt: 'desc' }, take: limit, include: withActor });
  return rows.map(runSummary);
}

export async function getImportRun(viewer: Principal, id: string) {
  authorize(viewer, 'data:write');
  const r = await prisma.importRun.findUnique({ where: { id }, include: withActor });
  if (!r) return null;
  const report = (r.report ?? {}) as {
    warnings?: Record<string, number>;
    notModelled?: Record<string, number>;
    resolution?: { merged: number; candidates: number; conflicts: number };
    samples?: Array<{ key: string; status: string; changes: Record<string, { from: unknown; to: unknown }> }>;
    editionDate?: string;
  };
  return { ...runSummary(r), report };
}
