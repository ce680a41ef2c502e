import 'server-only';
// Live sync of one official source (issue 27, README "Live data"): lease → conditional GET of every
// file → sanity → checksum dedupe → the existing import (lib/import/run.ts) with the edition date →
// the run recorded on sync_run, the source row and (for applies and failures) import_run.
//   - One replica per source: a lease on the list_source row (lease_owner / lease_until), renewed
//     while the sync runs; a crashed holder stops renewing and the next replica takes it over.
//   - A fault never applies anything: downloads land in a temporary directory and only a complete,
//     sane set reaches the loader, which applies in one transaction (lib/db/imports.ts).
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Dispatcher } from 'undici';
import type { Prisma, PrismaClient, SyncStatus } from '../generated/client';
import { defaultDb, recordFailedImport, type ImportFileInfo, type ImportResult } from '../imports';
import type { Actor } from '../audit';
import { runImport } from '../../import/run';
import { EU_ORIGIN } from '../../import/eu-csv';
import { ImportRefusedError, IMPORT_FORMATS, type ImportFormat } from '../../import/types';
import { defaultDownloadPolicy, DownloadFault, downloadWithRetries, proxyDispatcher, urlLabel, type DownloadPolicy, type DownloadResult, type FetchedFile, type Validators } from '../../sources/sync/download';
import { fileKindOf } from '../../sources/sync/sanity';
import { editionDateFromLastModified, isDue, nextRunAfter } from '../../sources/sync/schedule';

export type SyncTrigger = 'schedule' | 'catch-up' | 'manual' | 'cli';

export type SyncOptions = {
  trigger: SyncTrigger;
  /** Who runs it: the replica ('host:pid'), 'cli', or a user's e-mail. */
  runner: string;
  dryRun?: boolean;
  actor: Actor;
  db?: PrismaClient;
  now?: () => Date;
  /** Only when the source's next_run_at has come (the scheduler): a replica that comes late finds it done. */
  ifDue?: boolean;
  /** Overrides of the download policy (tests: short timeouts and backoff). */
  policy?: Partial<DownloadPolicy>;
  /** The HTTP dispatcher; default: EnvHttpProxyAgent built from the environment at call time. */
  dispatcher?: Dispatcher;
  leaseMs?: number;
};

export type SyncOutcome = {
  sourceId: string;
  /** SKIPPED: another replica holds the source, or it was not due — no run row is written. */
  status: SyncStatus | 'SKIPPED';
  syncRunId: string | null;
  importRunId?: string | null;
  editionDate?: string | null;
  created?: number;
  changed?: number;
  lifted?: number;
  attempts?: number;
  /** Why it failed, was refused or skipped. */
  error?: string;
  /** SKIPPED: the runner holding the lease. */
  heldBy?: string;
};

/**
 * How long a lease lasts without renewal. The holder renews it every third of this while it works, so
 * a long import keeps it; a crashed holder's lease runs out this long after its last renewal.
 */
export const LEASE_MS = 120_000;

export const EU_FSF_REFUSED =
  'refusing to sync the EU Financial Sanctions Files: this database holds EU listings from the EU annex CSVs (origin eu-journal, as the seed loads them), ' +
  'and the FSF keys the same listings differently (its logicalId; the annex CSVs carry none, docs/adr/0006-import-pipeline.md), so every EU listing would be counted twice. ' +
  'Nothing was fetched or written. Keep this database on the annex CSVs (import new annexes with npm run import -- --format eu-csv) and leave this source disabled, ' +
  'or enable it on a database whose EU listings come from the FSF only.';

const SOURCE_SELECT = { id: true, format: true, urls: true, editionDateFrom: true, schedule: true, validators: true, checksum: true } as const;
type SourceRow = Prisma.ListSourceGetPayload<{ select: typeof SOURCE_SELECT }>;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

function isFormat(v: string): v is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(v);
}

function validatorsOf(json: Prisma.JsonValue | null): Record<string, Validators> {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return {};
  const out: Record<string, Validators> = {};
  for (const [url, v] of Object.entries(json)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const r = v as Record<string, unknown>;
      out[url] = { etag: typeof r.etag === 'string' ? r.etag : null, lastModified: typeof r.lastModified === 'string' ? r.lastModified : null };
    }
  }
  return out;
}

// ---------------------------------------------------------------- the lease

/**
 * Takes the source's lease for `owner` unless a live one is held. NOTE: the database's clock decides
 * (every replica compares with the same now()); stored in UTC like Prisma's timestamps.
 */
export async function acquireSourceLease(db: PrismaClient, sourceId: string, owner: string, leaseMs = LEASE_MS): Promise<{ acquired: true } | { acquired: false; heldBy: string | null }> {
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    UPDATE list_source SET lease_owner = ${owner}, lease_until = (now() AT TIME ZONE 'utc') + make_interval(secs => ${leaseMs / 1000}::float8)
    WHERE id = ${sourceId} AND (lease_until IS NULL OR lease_until < (now() AT TIME ZONE 'utc'))
    RETURNING id`;
  if (rows.length) return { acquired: true };
  const held = await db.listSource.findUnique({ where: { id: sourceId }, select: { leaseOwner: true } });
  return { acquired: false, heldBy: held?.leaseOwner ?? null };
}

async function renewLease(db: PrismaClient, sourceId: string, owner: string, leaseMs: number): Promise<void> {
  await db.$executeRaw`UPDATE list_source SET lease_until = (now() AT TIME ZONE 'utc') + make_interval(secs => ${leaseMs / 1000}::float8) WHERE id = ${sourceId} AND lease_owner = ${owner}`;
}

export async function releaseSourceLease(db: PrismaClient, sourceId: string, owner: string): Promise<void> {
  await db.$executeRaw`UPDATE list_source SET lease_owner = NULL, lease_until = NULL WHERE id = ${sourceId} AND lease_owner = ${owner}`;
}

/** "replica-a" of the lease owner "replica-a#1f2e3d4c". */
const runnerOf = (owner: string | null) => (owner ? owner.replace(/#[0-9a-f]{8}$/, '') : 'another runner');

// ---------------------------------------------------------------- policies

/** The EU policy: no EU listing counted twice (annex CSV keys ≠ FSF keys). null when allowed. */
export async function euPolicyProblem(db: PrismaClient, format: string): Promise<string | null> {
  if (format !== 'eu-xml') return null;
  const annex = await db.designation.findFirst({ where: { origin: EU_ORIGIN }, select: { id: true } });
  return annex ? EU_FSF_REFUSED : null;
}

// ---------------------------------------------------------------- the sync

/**
 * Syncs one source. Never throws for a fault of the publisher or the file: the outcome says what
 * happened (FAILED / REFUSED with the reason), and the run is recorded. Throws only when the source
 * does not exist or the database itself fails.
 */
export async function syncSource(sourceId: string, opts: SyncOptions): Promise<SyncOutcome> {
  const db = opts.db ?? defaultDb();
  const now = opts.now ?? (() => new Date());
  const leaseMs = opts.leaseMs ?? LEASE_MS;
  const exists = await db.listSource.findUnique({ where: { id: sourceId }, select: { id: true } });
  if (!exists) throw new Error(`no source "${sourceId}"`);

  const owner = `${opts.runner}#${randomUUID().slice(0, 8)}`;
  const lease = await acquireSourceLease(db, sourceId, owner, leaseMs);
  if (!lease.acquired) return { sourceId, status: 'SKIPPED', syncRunId: null, heldBy: runnerOf(lease.heldBy), error: `held by ${runnerOf(lease.heldBy)}` };
  const heartbeat = setInterval(() => void renewLease(db, sourceId, owner, leaseMs).catch(() => undefined), Math.max(1000, leaseMs / 3));
  heartbeat.unref();
  try {
    // Read under the lease: another replica may have just run it.
    const source = await db.listSource.findUniqueOrThrow({ where: { id: sourceId }, select: { ...SOURCE_SELECT, nextRunAt: true } });
    if (opts.ifDue && !isDue(source.nextRunAt, now())) return { sourceId, status: 'SKIPPED', syncRunId: null, error: 'not due (already run)' };
    return await runSync(db, source, opts, now);
  } finally {
    clearInterval(heartbeat);
    await releaseSourceLease(db, sourceId, owner).catch(() => undefined);
  }
}

type Finish = {
  status: SyncStatus;
  attempts?: number;
  httpStatus?: number | null;
  bytes?: number | null;
  checksum?: string | null;
  editionDate?: string | null;
  importRunId?: string | null;
  error?: string | null;
  /** Source fields to write besides last_check_at / next_run_at. */
  source?: Prisma.ListSourceUpdateInput;
};

async function runSync(db: PrismaClient, source: SourceRow, opts: SyncOptions, now: () => Date): Promise<SyncOutcome> {
  const dryRun = opts.dryRun ?? false;
  const run = await db.syncRun.create({ data: { sourceId: source.id, trigger: opts.trigger, status: 'RUNNING', runner: opts.runner, startedAt: now() } });

  const finish = async (f: Finish, extra: Partial<SyncOutcome> = {}): Promise<SyncOutcome> => {
    const at = now();
    await db.syncRun.update({
      where: { id: run.id },
      data: {
        status: f.status, attempts: f.attempts ?? 0, httpStatus: f.httpStatus ?? null, bytes: f.bytes == null ? null : BigInt(f.bytes), checksum: f.checksum ?? null,
        editionDate: f.editionDate ? new Date(`${f.editionDate}T00:00:00Z`) : null, importRunId: f.importRunId ?? null, error: f.error?.slice(0, 4000) ?? null, finishedAt: at,
      },
    });
    // A dry run changes nothing on the source: the next real check must still compare with what is held.
    if (!dryRun) {
      const failed = f.status === 'FAILED' || f.status === 'REFUSED';
      let next: Date | null = null;
      try {
        next = nextRunAfter(source.schedule, at);
      } catch {
        next = null; // an invalid schedule: the admin page shows it; the scheduler skips the source
      }
      await db.listSource.update({
        where: { id: source.id },
        data: { lastCheckAt: at, nextRunAt: next, ...(failed ? { lastErrorAt: at, lastError: f.error?.slice(0, 4000) ?? f.status } : {}), ...f.source },
      });
    }
    return { sourceId: source.id, status: f.status, syncRunId: run.id, attempts: f.attempts, editionDate: f.editionDate ?? null, importRunId: f.importRunId ?? null, ...(f.error ? { error: f.error } : {}), ...extra };
  };

  if (!isFormat(source.format)) return finish({ status: 'REFUSED', error: `unknown import format "${source.format}"` });
  const format = source.format;
  if (!source.urls.length) return finish({ status: 'REFUSED', error: 'the source has no URL to fetch' });
  const policyProblem = await euPolicyProblem(db, format);
  if (policyProblem) return finish({ status: 'REFUSED', error: policyProblem });

  const policy: DownloadPolicy = { ...defaultDownloadPolicy(), ...opts.policy };
  // One agent per sync (built from the environment now), closed at its end so no socket outlives it.
  const dispatcher = opts.dispatcher ?? proxyDispatcher();
  const kind = fileKindOf(format);
  const held = validatorsOf(source.validators);
  const dir = await mkdtemp(path.join(os.tmpdir(), `st-sync-${source.id}-`));
  let attempts = 0;
  const fetched: FetchedFile[] = [];
  try {
    // Each file in its own directory, under its published name: the OFAC importer tells SDN, ADD and
    // ALT (and CONS_*) apart by name, and the run log shows the names.
    const destOf = async (i: number, url: string) => {
      const sub = path.join(dir, String(i));
      await mkdir(sub, { recursive: true });
      const base = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '').toLowerCase().replace(/[^a-z0-9._-]/g, '_');
      return path.join(sub, /\.[a-z0-9]+$/.test(base) ? base : `${base || 'file'}.${kind === 'jsonl' ? 'json' : kind}`);
    };
    const download = async (i: number, url: string, validators: Validators | null): Promise<DownloadResult> => {
      try {
        const r = await downloadWithRetries(url, await destOf(i, url), { kind, validators, policy, dispatcher });
        attempts = Math.max(attempts, r.attempts);
        return r;
      } catch (err) {
        if (err instanceof DownloadFault) attempts = Math.max(attempts, err.attempts);
        throw err;
      }
    };

    // Conditional GETs only when this database holds what the validators describe.
    const conditional = source.checksum !== null;
    const results: DownloadResult[] = [];
    try {
      for (const [i, url] of source.urls.entries()) results.push(await download(i, url, conditional ? (held[url] ?? null) : null));
      if (results.every((r) => r.kind === 'not-modified')) {
        return await finish({ status: 'NOT_MODIFIED', attempts, httpStatus: 304, checksum: source.checksum });
      }
      // Part of the set changed: the unchanged files are needed too (the set is applied as one unit).
      for (const [i, r] of results.entries()) if (r.kind === 'not-modified') results[i] = await download(i, source.urls[i]!, null);
    } catch (err) {
      const fault = err instanceof DownloadFault ? err : new DownloadFault(source.urls[0]!, message(err), false);
      const error = `download failed after ${fault.attempts} attempt(s): ${fault.message}. Nothing was applied.`;
      if (!dryRun) {
        const files: ImportFileInfo[] = source.urls.map((u) => ({ name: urlLabel(u), sha256: '', bytes: 0 }));
        await recordFailedImport({ db, actor: opts.actor, format, files, error: `sync ${source.id}: ${error}`, startedAt: run.startedAt }).catch(() => undefined);
      }
      return await finish({ status: 'FAILED', attempts, httpStatus: fault.httpStatus, error });
    }
    for (const r of results) if (r.kind === 'fetched') fetched.push(r);
    const checksum = fetched.map((f) => f.sha256).join(',');
    const bytes = fetched.reduce((n, f) => n + f.bytes, 0);
    const validators: Record<string, Validators> = Object.fromEntries(fetched.map((f) => [f.url, { etag: f.etag, lastModified: f.lastModified }]));
    const validatorsJson = validators as unknown as Prisma.InputJsonValue;

    if (checksum === source.checksum) {
      // New validators, same bytes: a check, not a run of the import.
      return await finish({ status: 'UNCHANGED', attempts, httpStatus: 200, bytes, checksum, source: dryRun ? {} : { validators: validatorsJson } });
    }

    let editionDate: string | null = null;
    if (source.editionDateFrom === 'last-modified') {
      editionDate = editionDateFromLastModified(fetched.map((f) => f.lastModified));
      if (!editionDate) {
        return await finish({ status: 'FAILED', attempts, httpStatus: 200, bytes, checksum, error: `the publisher sent no Last-Modified date for ${fetched.map((f) => urlLabel(f.url)).join(', ')}, and this source takes its edition date from it: nothing was applied (set the source's edition date to 'file' only for formats whose file states it)` });
      }
    }

    let result: ImportResult;
    try {
      result = await runImport({ format, files: fetched.map((f) => f.file), dryRun, actor: opts.actor, db, editionDate, editionSource: 'import' });
    } catch (err) {
      // runImport has logged a FAILED import run (applies only); the loader rolled everything back.
      const refused = err instanceof ImportRefusedError;
      return await finish({ status: refused ? 'REFUSED' : 'FAILED', attempts, httpStatus: 200, bytes, checksum, editionDate, error: `${refused ? 'import refused' : 'import failed'}: ${message(err)}` });
    }
    // 'file' sources: the date the parser read, as the edition registry recorded it.
    const stated = editionDate;
    const counts = { created: result.created, changed: result.changed, lifted: result.lifted };
    if (result.dryRun) return await finish({ status: 'DRY_RUN', attempts, httpStatus: 200, bytes, checksum, editionDate: stated }, counts);
    const edition = result.runId ? await db.listEdition.findFirst({ where: { importRunId: result.runId }, select: { editionDate: true } }) : null;
    const applied = edition ? edition.editionDate.toISOString().slice(0, 10) : stated;
    return await finish(
      {
        status: 'APPLIED', attempts, httpStatus: 200, bytes, checksum, editionDate: applied, importRunId: result.runId,
        source: { lastChangeAt: now(), checksum, validators: validatorsJson, entries: result.records, ...(applied ? { editionDate: new Date(`${applied}T00:00:00Z`) } : {}) },
      },
      counts,
    );
  } catch (err) {
    // The database failed mid-run: leave a trace on the run row if it can still be written.
    await db.syncRun.update({ where: { id: run.id }, data: { status: 'FAILED', attempts, error: `sync failed: ${message(err)}`.slice(0, 4000), finishedAt: now() } }).catch(() => undefined);
    throw err;
  } finally {
    await rm(dir, { recursive: true, force: true });
    if (!opts.dispatcher) await dispatcher.close().catch(() => undefined);
  }
}

// ---------------------------------------------------------------- due sources

/** Every source, for the command line (a named disabled source runs too: the admin asked for it). */
export async function listSourceIds(db: PrismaClient = defaultDb()): Promise<Array<{ id: string; enabled: boolean }>> {
  return db.listSource.findMany({ select: { id: true, enabled: true }, orderBy: { id: 'asc' } });
}

export type ScheduledSource = { id: string; schedule: string; nextRunAt: Date | null };

/** The enabled sources the scheduler runs (re-read periodically, so admin edits apply). */
export async function listEnabledSources(db: PrismaClient = defaultDb()): Promise<ScheduledSource[]> {
  return db.listSource.findMany({ where: { enabled: true }, select: { id: true, schedule: true, nextRunAt: true }, orderBy: { id: 'asc' } });
}

export async function setNextRunAt(sourceId: string, at: Date | null, db: PrismaClient = defaultDb()): Promise<void> {
  await db.listSource.update({ where: { id: sourceId }, data: { nextRunAt: at } });
}

/**
 * Runs every enabled source whose next_run_at has passed, once each (trigger 'catch-up' after a
 * restart): its sync moves next_run_at past now, so however many runs were missed, one is made, and a
 * replica that comes later finds it not due. A source without next_run_at (just enabled) is planned,
 * not run.
 */
export async function syncDueSources(opts: Omit<SyncOptions, 'trigger' | 'ifDue'> & { trigger?: SyncTrigger }): Promise<SyncOutcome[]> {
  const db = opts.db ?? defaultDb();
  const now = opts.now ?? (() => new Date());
  const out: SyncOutcome[] = [];
  for (const s of await listEnabledSources(db)) {
    if (s.nextRunAt === null) {
      let next: Date | null = null;
      try {
        next = nextRunAfter(s.schedule, now());
      } catch {
        next = null;
      }
      if (next) await setNextRunAt(s.id, next, db);
      continue;
    }
    if (!isDue(s.nextRunAt, now())) continue;
    out.push(await syncSource(s.id, { ...opts, db, now, trigger: opts.trigger ?? 'catch-up', ifDue: true }));
  }
  return out;
}
