// Types of the event study (lib/event-study): did an authority's sanctions pressure rise beyond its
// own trend after a diplomatic milestone? Pure data in and out; lib/db feeds the series and coverage.
import type { DatePrecision } from '../dates';

/** The precision a milestone's date is known to: the same three as every partial date (lib/dates). */
export type DayPrecision = DatePrecision;
/** Counts per day from `start` (inclusive), one entry per consecutive day. */
export type DailySeries = { start: string; counts: number[] };
/** The days (inclusive) for which an authority's data is complete enough to count. */
export type Coverage = { from: string; to: string };
/** ISO days, `from` inclusive, `to` EXCLUSIVE. */
export type Window = { from: string; to: string };
export type Windows = { before: Window; after: Window };
export type Baseline = 'trend' | 'mean';
export type StudyOptions = {
  windowDays: number;
  baseline: Baseline;
  placebos: number;
  seed: number;
  alpha: number;
  /**
   * Days of history over which the baseline is fitted, ending where the milestone starts (the
   * before-window is its last block). Default 4 × windowDays (DEFAULT_FIT_WINDOWS): a year at the
   * usual 90-day window, one block more than the minimum of 3 so that the trend is not a line through
   * three points, and short enough to follow the policy era the milestone falls in. Fewer days are
   * used where coverage starts later; at least 3 × windowDays.
   */
  fitDays?: number;
};
export type StudyFit = { from: string; to: string; blocks: number };
export type StudyResult =
  | {
      status: 'ok';
      /** Counts in the before- and after-windows. */
      before: number;
      after: number;
      /** The after-window's count the baseline predicts; excess = after − expected. */
      expected: number;
      excess: number;
      ratio: number | null;
      pUp: number;
      pDown: number;
      /** Two-sided. */
      p: number;
      /** (1 − alpha) interval of the excess. */
      interval: [number, number];
      /** How many placebo dates were drawn. */
      placebos: number;
      /** The fit period actually used: [from, to), `blocks` windows long. */
      fit: StudyFit;
      /** Added: the baseline method, so that a verdict can say what "expected" means. */
      baseline: Baseline;
      /** Added: how many distinct days the placebo dates were drawn from (with replacement). */
      placeboDays: number;
    }
  | { status: 'insufficient-data'; reason: string; before: number | null; after: number | null };
