import 'server-only';
// The in-app sync scheduler (issue 27): one croner job per enabled source, on the source's schedule
// (UTC), each running syncSource. Sources and schedules are data: the list is re-read every minute,
// so an admin's edits (enable, disable, a new schedule) apply without a restart. On start, a source
// whose next_run_at passed while the app was down is caught up once (trigger 'catch-up').
// Several replicas may run it: the source's lease and the due check in syncSource make one of them
// run a given sync, and a replica that comes late finds it done.
import os from 'node:os';
import { Cron } from 'croner';
import type { Dispatcher } from 'undici';
import type { PrismaClient } from '../db/generated/client';
import { systemActor } from '../db/audit';
import { listEnabledSources, setNextRunAt, syncDueSources, syncSource, type SyncOutcome } from '../db/sources/sync';
import { env } from '../env';
import { nextRunAfter } from './sync/schedule';
import type { DownloadPolicy } from './sync/download';

export type SchedulerOptions = {
  db?: PrismaClient;
  /** This replica, as sync runs name it; default host:pid. */
  runner?: string;
  now?: () => Date;
  /** How often the source list is re-read. */
  refreshMs?: number;
  policy?: Partial<DownloadPolicy>;
  dispatcher?: Dispatcher;
  log?: (line: string) => void;
  /** Called after each run this scheduler makes (e.g. alert delivery after an APPLIED run); a throw is logged. */
  afterRun?: (outcome: SyncOutcome) => Promise<unknown> | void;
};

export type SyncScheduler = {
  /** Resolves when the catch-up and the first job set are done. */
  ready: Promise<void>;
  /** Re-reads the sources now (the timer does it every refreshMs). */
  refresh: () => Promise<void>;
  /** source id → schedule of its job. */
  jobs: () => Map<string, string>;
  stop: () => Promise<void>;
};

export const REFRESH_MS = 60_000;
// NOTE: kept on globalThis, not in module state: Next's dev server re-evaluates modules on reload, and
// a second scheduler in the same process would run every job twice.
const KEY = Symbol.for('sanctions-tracker.sync-scheduler');
type WithScheduler = typeof globalThis & { [KEY]?: SyncScheduler };

export function startSyncScheduler(opts: SchedulerOptions = {}): SyncScheduler {
  const g = globalThis as WithScheduler;
  const running = g[KEY];
  if (running) return running;

  const runner = opts.runner ?? `${os.hostname()}:${process.pid}`;
  const actor = systemActor(`sync:${runner}`);
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? ((line: string) => console.log(`[sync] ${line}`));
  const jobs = new Map<string, { schedule: string; cron: Cron }>();
  const inflight = new Set<Promise<unknown>>();
  let stopped = false;

  const track = <T>(p: Promise<T>): Promise<T> => {
    inflight.add(p);
    void p.finally(() => inflight.delete(p)).catch(() => undefined);
    return p;
  };
  const report = async (o: SyncOutcome) => {
    if (o.status === 'SKIPPED') return;
    log(`${o.sourceId}: ${o.status}${o.editionDate ? ` (edition ${o.editionDate})` : ''}${o.error ? ` — ${o.error}` : ''}`);
    try {
      await opts.afterRun?.(o);
    } catch (err) {
      log(`${o.sourceId}: after the run: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const common = { db: opts.db, runner, actor, now, policy: opts.policy, dispatcher: opts.dispatcher };

  // NOTE: one sync at a time in this process: two applies at once would meet the loader's advisory
  // lock (lib/db/imports.ts) and the second would be refused. Sources whose times coincide queue up.
  let queue: Promise<unknown> = Promise.resolve();
  // Returns the run, so croner's `protect` skips a tick while the previous run of the job is on.
  const tick = (id: string): Promise<void> => {
    const run = queue.then(async () => {
      if (stopped) return;
      await syncSource(id, { ...common, trigger: 'schedule', ifDue: true })
        .then(report)
        .catch((err: unknown) => log(`${id}: sync failed: ${err instanceof Error ? err.message : String(err)}`));
    });
    queue = run;
    return track(run);
  };

  const refresh = async () => {
    if (stopped) return;
    const sources = await listEnabledSources(opts.db);
    const wanted = new Map(sources.map((s) => [s.id, s]));
    for (const [id, job] of jobs) {
      if (wanted.get(id)?.schedule !== job.schedule) {
        job.cron.stop();
        jobs.delete(id);
      }
    }
    for (const s of sources) {
      if (jobs.has(s.id)) continue;
      let cron: Cron;
      try {
        cron = new Cron(s.schedule, { timezone: 'UTC', protect: true }, () => tick(s.id));
      } catch (err) {
        log(`${s.id}: invalid schedule "${s.schedule}" (${err instanceof Error ? err.message : String(err)}): not scheduled`);
        continue;
      }
      jobs.set(s.id, { schedule: s.schedule, cron });
      // A new or changed schedule plans its next run (the catch-up already ran what was missed).
      const next = nextRunAfter(s.schedule, now());
      if (!s.nextRunAt || (next && s.nextRunAt.getTime() > next.getTime())) await setNextRunAt(s.id, next, opts.db);
    }
  };

  const start = async () => {
    const caught = await track(syncDueSources({ ...common, trigger: 'catch-up' }));
    for (const o of caught) await report(o);
    await refresh();
  };
  const ready = start().catch((err: unknown) => log(`could not start: ${err instanceof Error ? err.message : String(err)}`));
  const timer = setInterval(() => void refresh().catch((err: unknown) => log(`refresh failed: ${err instanceof Error ? err.message : String(err)}`)), opts.refreshMs ?? REFRESH_MS);
  timer.unref();

  const scheduler: SyncScheduler = {
    ready,
    refresh,
    jobs: () => new Map([...jobs].map(([id, j]) => [id, j.schedule])),
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      for (const job of jobs.values()) job.cron.stop();
      jobs.clear();
      await ready;
      await Promise.allSettled([...inflight]);
      if (g[KEY] === scheduler) delete g[KEY];
    },
  };
  g[KEY] = scheduler;
  return scheduler;
}

/** The app's start (instrumentation.ts): the scheduler unless SYNC_SCHEDULER=off. */
export function startSyncSchedulerFromEnv(opts: Pick<SchedulerOptions, 'afterRun'> = {}): SyncScheduler | null {
  if (env.SYNC_SCHEDULER === 'off') return null;
  return startSyncScheduler(opts);
}
