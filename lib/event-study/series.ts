// Prefix sums of a daily series: any window's count in O(1), which is what makes a thousand placebo
// dates per study cheap.
import { dayNumber } from './days';
import type { Coverage, DailySeries, Window } from './types';

export type PrefixSums = {
  /** Count over [from, toExclusive); days outside the series count 0. */
  sum(from: string, toExclusive: string): number;
  /** The same on day numbers (lib/event-study/days), for loops. */
  sumDays(from: number, toExclusive: number): number;
};

export function prefixSums(series: DailySeries): PrefixSums {
  const start = dayNumber(series.start);
  const n = series.counts.length;
  const acc = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const c = series.counts[i]!;
    if (!(Number.isFinite(c) && c >= 0)) throw new RangeError(`Day ${i} of the series has count ${c}`);
    acc[i + 1] = acc[i]! + c;
  }
  const clamp = (day: number) => Math.min(n, Math.max(0, day - start));
  const sumDays = (from: number, toExclusive: number) => {
    const lo = clamp(from);
    const hi = clamp(toExclusive);
    return hi > lo ? acc[hi]! - acc[lo]! : 0;
  };
  return { sumDays, sum: (from, toExclusive) => sumDays(dayNumber(from), dayNumber(toExclusive)) };
}

/** Whether every day of `window` ([from, to)) is in `coverage` ([from, to], inclusive). */
export function inside(coverage: Coverage, window: Window): boolean {
  return dayNumber(window.from) >= dayNumber(coverage.from) && dayNumber(window.to) <= dayNumber(coverage.to) + 1;
}
