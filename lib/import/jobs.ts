import 'server-only';
// Imports started from the admin upload page run here, in the server process, as tracked jobs:
// the page polls the job (GET /api/admin/imports/jobs/:id) for its progress — bytes and records
// read, rate, ETA, the phase — and for the dry run's counts and sample diffs, or the error.
// NOTE: the registry lives in this process's memory (one app process; `npm start` runs one). The
// outcome of every applied or failed run is in the database (ImportRun), like the CLI's.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../db/audit';
import { AppError } from '../errors';
import { runImport } from './run';
import { deleteUploads, getUploads } from './uploads';
import { ImportFileError, ImportRefusedError, type ImportFormat } from './types';
import type { SampleDiff } from '../db/imports';

export type JobPhase = 'parsing' | 'comparing' | 'writing' | 'done' | 'failed';
export type ImportJob = {
  id: string;
  ownerId: string;
  format: ImportFormat;
  dryRun: boolean;
  uploadIds: string[];
  files: Array<{ name: string; bytes: number }>;
  phase: JobPhase;
  bytesRead: number;
  bytesTotal: number;
  records: number;
  startedAt: number;
  finishedAt: number | null;
  result: { created: number; changed: number; lifted: number; unchanged: number; records: number; runId: string | null; samples: SampleDiff[]; warnings: Record<string, number>; notModelled: Record<string, number>; resolution: { merged: number; candidates: number; conflicts: number } | null; durationMs: number } | null;
  error: string | null;
};
export type JobView = Omit<ImportJob, 'ownerId' | 'uploadIds'> & { percent: number; rate: number; etaSeconds: number | null; elapsedMs: number };

const KEEP_FINISHED_MS = 60 * 60_000;
const store = globalThis as unknown as { __importJobs?: Map<string, ImportJob> };
const jobs = (store.__importJobs ??= new Map<string, ImportJob>());

/** Bar position: reading the file is most of the work; comparing and writing finish it. */
const PHASE_BASE: Record<JobPhase, number> = { parsing: 0, comparing: 90, writing: 95, done: 100, failed: 100 };

export function viewJob(job: ImportJob, now = Date.now()): JobView {
  const rest = { id: job.id, format: job.format, dryRun: job.dryRun, files: job.files, phase: job.phase, bytesRead: job.bytesRead, bytesTotal: job.bytesTotal, records: job.records, startedAt: job.startedAt, finishedAt: job.finishedAt, result: job.result, error: job.error };
  const elapsedMs = (job.finishedAt ?? now) - job.startedAt;
  const share = job.bytesTotal > 0 ? Math.min(1, job.bytesRead / job.bytesTotal) : 0;
  const percent = job.phase === 'parsing' ? Math.floor(share * 90) : PHASE_BASE[job.phase];
  const seconds = Math.max(elapsedMs / 1000, 0.001);
  const etaSeconds = job.phase === 'parsing' && share > 0 ? Math.round((seconds / share) * (1 - share)) : job.phase === 'done' || job.phase === 'failed' ? 0 : null;
  return { ...rest, percent, rate: Math.round(job.records / seconds), etaSeconds, elapsedMs };
}

/** What a person may see of a failure: the parser's or loader's own words, never an internal error. */
function publicError(err: unknown): string {
  if (err instanceof ImportFileError || err instanceof ImportRefusedError || err instanceof AppError) return err.message;
  return 'The import failed for an internal reason: nothing was written. The server log has the details.';
}

export async function startImportJob(input: { format: ImportFormat; uploadIds: string[]; dryRun: boolean; editionDate?: string | null }, owner: { id: string; actor: Actor }): Promise<JobView> {
  const uploads = await getUploads(input.uploadIds, owner.id);
  for (const [id, j] of jobs) if (j.finishedAt && Date.now() - j.finishedAt > KEEP_FINISHED_MS) jobs.delete(id);
  const running = [...jobs.values()].find((j) => j.format === input.format && !j.finishedAt);
  if (running) {
    throw new AppError(
      'CONFLICT',
      `An import of this list (${input.format}) is already running (${running.dryRun ? 'dry run' : 'apply'} of ${running.files.map((f) => f.name).join(', ')}, started ${new Date(running.startedAt).toISOString().slice(11, 19)} UTC). Wait for it to finish, then start again.`,
    );
  }
  const job: ImportJob = {
    id: randomUUID(),
    ownerId: owner.id,
    format: input.format,
    dryRun: input.dryRun,
    uploadIds: input.uploadIds,
    files: uploads.map((u) => ({ name: u.name, bytes: u.bytes })),
    phase: 'parsing',
    bytesRead: 0,
    bytesTotal: uploads.reduce((n, u) => n + u.bytes, 0),
    records: 0,
    startedAt: Date.now(),
    finishedAt: null,
    result: null,
    error: null,
  };
  jobs.set(job.id, job);
  void (async () => {
    try {
      const r = await runImport({
        format: input.format,
        files: uploads.map((u) => u.path),
        dryRun: input.dryRun,
        editionDate: input.editionDate ?? null,
        actor: owner.actor,
        onProgress: (p) => {
          job.bytesRead = p.bytesRead;
          job.bytesTotal = p.bytesTotal || job.bytesTotal;
          job.records = p.records;
        },
        onPhase: (phase, records) => {
          job.records = records;
          job.bytesRead = job.bytesTotal;
          job.phase = phase === 'staged' ? 'comparing' : 'writing';
        },
      });
      job.result = {
        created: r.created, changed: r.changed, lifted: r.lifted, unchanged: r.unchanged, records: r.records, runId: r.runId, samples: r.samples,
        warnings: r.report.warnings, notModelled: r.report.notModelled, resolution: r.report.resolution ?? null, durationMs: r.durationMs,
      };
      job.records = r.records;
      job.bytesRead = job.bytesTotal;
      job.phase = 'done';
      if (!input.dryRun) {
        await deleteUploads(input.uploadIds);
        // What the upload changed reaches its watchers now (lib/db/alerts/deliver.ts); a delivery
        // fault leaves them pending for the alert clock, it does not fail the import.
        const { deliverAlerts } = await import('../db/alerts/deliver');
        await deliverAlerts().catch((e: unknown) => console.error('[alerts] delivery after an upload failed:', e instanceof Error ? e.message : e));
      }
    } catch (err) {
      if (!(err instanceof ImportFileError || err instanceof ImportRefusedError)) console.error('import job failed', err);
      job.error = publicError(err);
      job.phase = 'failed';
    } finally {
      job.finishedAt = Date.now();
    }
  })();
  return viewJob(job);
}

export function getImportJob(id: string): JobView {
  const job = jobs.get(id);
  if (!job) throw new AppError('NOT_FOUND', 'This import job is unknown (jobs are kept for an hour after they finish, and not across a server restart). The import history lists every applied or failed run.');
  return viewJob(job);
}
