// Schedule math (croner, UTC) and edition dates from HTTP headers: pure.
import { Cron } from 'croner';

/** The first run of `pattern` strictly after `after`, or null (a pattern with no future run). */
export function nextRunAfter(pattern: string, after: Date): Date | null {
  return new Cron(pattern, { timezone: 'UTC', paused: true }).nextRun(after);
}

/** null when croner accepts the pattern, else its message. */
export function scheduleProblem(pattern: string): string | null {
  try {
    return nextRunAfter(pattern, new Date()) ? null : 'the schedule never runs again';
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/**
 * A run is due when its planned time has come. NOTE: the grace covers a timer that fires a little
 * before the planned instant (clocks of replicas differ by milliseconds to seconds).
 */
export const DUE_GRACE_MS = 30_000;
export function isDue(nextRunAt: Date | null, now: Date): boolean {
  return nextRunAt !== null && nextRunAt.getTime() <= now.getTime() + DUE_GRACE_MS;
}

/**
 * The edition date of a set that states none (the OFAC CSV set): the newest Last-Modified of its
 * files, as a UTC date. null when no file had a valid one.
 */
export function editionDateFromLastModified(values: Array<string | null | undefined>): string | null {
  const times = values.map((v) => (v ? Date.parse(v) : NaN)).filter((t) => Number.isFinite(t));
  if (!times.length) return null;
  return new Date(Math.max(...times)).toISOString().slice(0, 10);
}
