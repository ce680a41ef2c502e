// Next.js calls register() once when a server process starts. It starts, on the Node.js runtime
// only and never while `next build` runs (NEXT_PHASE):
// - the live-data sync scheduler (lib/sources/scheduler.ts; README "Live data"), unless
//   SYNC_SCHEDULER=off; after each applied sync, the alerts it raised are delivered at once;
// - the alert delivery clock (lib/db/alerts/schedule.ts): daily digests, and deliveries an earlier
//   pass could not make — also when syncing is left to `npm run sync` or uploads.
// Both refuse a second start in the same process (dev reloads).
const STARTED = Symbol.for('sanctions-tracker.alert-scheduler');

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const [{ startSyncSchedulerFromEnv }, { deliverAlerts }, { startAlertScheduler }] = await Promise.all([
    import('./lib/sources/scheduler'),
    import('./lib/db/alerts/deliver'),
    import('./lib/db/alerts/schedule'),
  ]);
  startSyncSchedulerFromEnv({
    afterRun: async (outcome) => {
      if (outcome.status !== 'APPLIED') return;
      await deliverAlerts().catch((err: unknown) => console.error('[alerts] delivery after a sync failed:', err instanceof Error ? err.message : err));
    },
  });
  const g = globalThis as { [STARTED]?: boolean };
  if (!g[STARTED]) {
    g[STARTED] = true;
    startAlertScheduler();
  }
}
