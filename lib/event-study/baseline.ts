// What the after-window would have counted without the milestone: a baseline fitted on history that
// ends where the milestone starts, so that its effect cannot contaminate the baseline.
import { dayNumber, isoDay } from './days';
import type { PrefixSums } from './series';
import type { Baseline, Coverage, StudyFit, StudyOptions, Window } from './types';
import { assertWindowDays } from './windows';

/** Below this many blocks neither a level nor a trend is worth extrapolating. */
export const MIN_FIT_BLOCKS = 3;
/** Default fit period in windows (StudyOptions.fitDays). */
export const DEFAULT_FIT_WINDOWS = 4;

export type BaselineOptions = Pick<StudyOptions, 'windowDays' | 'baseline' | 'fitDays'>;

export function fitDaysOf(opts: BaselineOptions): number {
  assertWindowDays(opts.windowDays);
  const fitDays = opts.fitDays ?? DEFAULT_FIT_WINDOWS * opts.windowDays;
  // NOTE: a setting that can never give enough blocks is a mistake of the caller, not a lack of data.
  if (!Number.isInteger(fitDays) || fitDays < MIN_FIT_BLOCKS * opts.windowDays) {
    throw new RangeError(`fitDays is a whole number ≥ ${MIN_FIT_BLOCKS} × windowDays (${MIN_FIT_BLOCKS * opts.windowDays}), got ${fitDays}`);
  }
  return fitDays;
}

/**
 * Expected count of the W-day window starting on day `afterFrom`, from `blocks` consecutive W-day
 * blocks starting on day `fitFrom` (day numbers; the blocks must be inside coverage). 'mean': the
 * mean block. 'trend': ordinary least squares of block count on block index, read at the
 * after-window's position (its start in block units; fractional when it does not start right after
 * the fit, as after a MONTH milestone), floored at 0 as a count cannot be negative.
 */
export function expectedAt(ps: PrefixSums, fitFrom: number, blocks: number, windowDays: number, afterFrom: number, baseline: Baseline): number {
  if (baseline === 'mean') return ps.sumDays(fitFrom, fitFrom + blocks * windowDays) / blocks;
  const xMean = (blocks - 1) / 2;
  let sum = 0;
  let sxy = 0;
  for (let i = 0; i < blocks; i++) {
    const y = ps.sumDays(fitFrom + i * windowDays, fitFrom + (i + 1) * windowDays);
    sum += y;
    sxy += (i - xMean) * y;
  }
  const sxx = (blocks * (blocks * blocks - 1)) / 12; // Σ (i − x̄)² over i = 0…blocks−1
  const x = (afterFrom - fitFrom) / windowDays;
  return Math.max(0, sum / blocks + (sxy / sxx) * (x - xMean));
}

/**
 * Fits on [max(coverage.from, fitTo − fitDays), fitTo) cut into W-day blocks that end at `fitTo`
 * (a partial block at the start is dropped). `fitTo` is where the milestone starts, i.e. the
 * before-window's end, which is then the last block. Null with fewer than MIN_FIT_BLOCKS blocks or
 * when the fit would run past coverage.
 */
export function expectedCount(ps: PrefixSums, coverage: Coverage, fitTo: string, after: Window, opts: BaselineOptions): { expected: number; fit: StudyFit } | null {
  const fitDays = fitDaysOf(opts);
  const w = opts.windowDays;
  const to = dayNumber(fitTo);
  const afterFrom = dayNumber(after.from);
  if (afterFrom < to) throw new RangeError(`The after-window (from ${after.from}) starts inside the fit period (to ${fitTo})`);
  if (to > dayNumber(coverage.to) + 1) return null;
  const blocks = Math.floor((to - Math.max(dayNumber(coverage.from), to - fitDays)) / w);
  if (blocks < MIN_FIT_BLOCKS) return null;
  const from = to - blocks * w;
  return { expected: expectedAt(ps, from, blocks, w, afterFrom, opts.baseline), fit: { from: isoDay(from), to: isoDay(to), blocks } };
}
