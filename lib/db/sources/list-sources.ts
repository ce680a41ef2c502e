import 'server-only';
// The official list sources as admins see and edit them (issue 27, /admin/sources): each with its
// state (enabled, schedule, last check, change and error, edition, entries) and its recent checks.
// Syncing itself is lib/db/sources/sync.ts.
import { prisma } from '../client';
import { authorize } from '../../auth/verified';
import { AppError } from '../../errors';
import type { Principal } from '../../auth/permissions';
import { userActor, writeAudit } from '../audit';
import type { UpdateSourceInput } from '../../validation/sources';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export type SyncRunView = {
  id: string;
  trigger: string;
  status: string;
  attempts: number;
  httpStatus: number | null;
  bytes: number | null;
  editionDate: string | null;
  importRunId: string | null;
  error: string | null;
  runner: string;
  startedAt: string;
  finishedAt: string | null;
};

export type SourceView = {
  id: string;
  name: string;
  format: string;
  urls: string[];
  officialUrls: string[];
  docsUrl: string;
  editionDateFrom: string;
  enabled: boolean;
  schedule: string;
  lastCheckAt: string | null;
  lastChangeAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
  editionDate: string | null;
  entries: number | null;
  nextRunAt: string | null;
  running: { by: string; until: string } | null;
  version: number;
  /** The address differs from the publisher's: a mirror. */
  mirrored: boolean;
  lastRun: SyncRunView | null;
};

type SourceRow = Awaited<ReturnType<typeof prisma.listSource.findMany>>[number];
type RunRow = Awaited<ReturnType<typeof prisma.syncRun.findMany>>[number];

function runView(r: RunRow): SyncRunView {
  return {
    id: r.id,
    trigger: r.trigger,
    status: r.status,
    attempts: r.attempts,
    httpStatus: r.httpStatus,
    bytes: r.bytes === null ? null : Number(r.bytes),
    editionDate: day(r.editionDate),
    importRunId: r.importRunId,
    error: r.error,
    runner: r.runner,
    startedAt: r.startedAt.toISOString(),
    finishedAt: iso(r.finishedAt),
  };
}

function sourceView(s: SourceRow, lastRun: RunRow | null, now: Date): SourceView {
  return {
    id: s.id,
    name: s.name,
    format: s.format,
    urls: s.urls,
    officialUrls: s.officialUrls,
    docsUrl: s.docsUrl,
    editionDateFrom: s.editionDateFrom,
    enabled: s.enabled,
    schedule: s.schedule,
    lastCheckAt: iso(s.lastCheckAt),
    lastChangeAt: iso(s.lastChangeAt),
    lastErrorAt: iso(s.lastErrorAt),
    lastError: s.lastError,
    editionDate: day(s.editionDate),
    entries: s.entries,
    nextRunAt: iso(s.nextRunAt),
    running: s.leaseOwner && s.leaseUntil && s.leaseUntil > now ? { by: s.leaseOwner, until: s.leaseUntil.toISOString() } : null,
    version: s.version,
    mirrored: s.urls.join('\n') !== s.officialUrls.join('\n'),
    lastRun: lastRun ? runView(lastRun) : null,
  };
}

export async function listSources(viewer: Principal): Promise<SourceView[]> {
  authorize(viewer, 'import:run');
  const [sources, runs] = await Promise.all([
    prisma.listSource.findMany({ orderBy: { id: 'asc' } }),
    prisma.syncRun.findMany({ distinct: ['sourceId'], orderBy: [{ sourceId: 'asc' }, { startedAt: 'desc' }] }),
  ]);
  const now = new Date();
  return sources.map((s) => sourceView(s, runs.find((r) => r.sourceId === s.id) ?? null, now));
}

export async function getSource(viewer: Principal, id: string): Promise<{ source: SourceView; runs: SyncRunView[] } | null> {
  authorize(viewer, 'import:run');
  const source = await prisma.listSource.findUnique({ where: { id } });
  if (!source) return null;
  const runs = await prisma.syncRun.findMany({ where: { sourceId: id }, orderBy: { startedAt: 'desc' }, take: 50 });
  return { source: sourceView(source, runs[0] ?? null, new Date()), runs: runs.map(runView) };
}

/** Enabled, schedule and addresses; optimistic (the version the editor loaded) and audited. */
export async function updateSource(viewer: Principal, input: UpdateSourceInput): Promise<{ id: string; version: number }> {
  const principal = authorize(viewer, 'import:run');
  return prisma.$transaction(async (tx) => {
    const before = await tx.listSource.findUnique({ where: { id: input.id } });
    if (!before) throw new AppError('NOT_FOUND', 'This source does not exist.');
    if (before.version !== input.version) throw new AppError('CONFLICT', 'Someone changed this source meanwhile: reload the page to see their changes, then edit again.');
    const scheduleChanged = before.schedule !== input.schedule || before.enabled !== input.enabled;
    const after = await tx.listSource.update({
      where: { id: input.id },
      data: {
        enabled: input.enabled,
        schedule: input.schedule,
        urls: input.urls,
        version: { increment: 1 },
        // The scheduler computes the next run from the new schedule (lib/sources/scheduler.ts).
        ...(scheduleChanged ? { nextRunAt: null } : {}),
      },
    });
    await writeAudit(tx, {
      actor: userActor(principal),
      action: 'source.update',
      targetType: 'ListSource',
      targetId: input.id,
      before: { enabled: before.enabled, schedule: before.schedule, urls: before.urls },
      after: { enabled: after.enabled, schedule: after.schedule, urls: after.urls },
      meta: { version: after.version },
    });
    return { id: after.id, version: after.version };
  });
}
