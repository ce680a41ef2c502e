// The event study of one authority and one milestone (or group of milestones, overlaps.ts): the
// after-window's count against a baseline fitted before the milestone, judged against the same
// statistic at placebo dates of the same series.
import { prng } from '../random';
import { expectedAt, expectedCount, MIN_FIT_BLOCKS } from './baseline';
import { addDays, dayNumber } from './days';
import { inside, prefixSums } from './series';
import type { Coverage, DailySeries, StudyOptions, StudyResult, Window, Windows } from './types';
import { assertWindowDays } from './windows';

/** Fewer distinct placebo dates than this cannot tell a milestone from an ordinary day. */
export const MIN_PLACEBO_DAYS = 20;

const shown = (w: Window) => `${w.from} to ${addDays(w.to, -1)}`;

/**
 * Empirical quantile, R's type 7 (linear interpolation between order statistics; the default of R,
 * numpy and d3.quantile). NOTE: hand-written, as no statistics library is among our dependencies.
 */
function quantileSorted(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export function eventStudy(series: DailySeries, coverage: Coverage, windows: Windows, opts: StudyOptions): StudyResult {
  const w = opts.windowDays;
  assertWindowDays(w);
  if (!Number.isInteger(opts.placebos) || opts.placebos < 1) throw new RangeError(`placebos is a whole number ≥ 1, got ${opts.placebos}`);
  if (!(opts.alpha > 0 && opts.alpha < 1)) throw new RangeError(`alpha is in (0, 1), got ${opts.alpha}`);
  const b0 = dayNumber(windows.before.from);
  const b1 = dayNumber(windows.before.to);
  const a0 = dayNumber(windows.after.from);
  const a1 = dayNumber(windows.after.to);
  if (b1 - b0 !== w || a1 - a0 !== w || a0 < b1) throw new RangeError(`Windows ${shown(windows.before)} and ${shown(windows.after)} are not two ${w}-day windows in order`);

  const ps = prefixSums(series);
  const beforeIn = inside(coverage, windows.before);
  const afterIn = inside(coverage, windows.after);
  const before = beforeIn ? ps.sumDays(b0, b1) : null;
  const after = afterIn ? ps.sumDays(a0, a1) : null;
  const insufficient = (reason: string): StudyResult => ({ status: 'insufficient-data', reason, before, after });
  if (before === null || after === null) {
    const outside = [!beforeIn && `the before-window (${shown(windows.before)})`, !afterIn && `the after-window (${shown(windows.after)})`].filter(Boolean);
    return insufficient(`${outside.join(' and ')} ${outside.length > 1 ? 'are' : 'is'} not inside the data's coverage (${coverage.from} to ${coverage.to})`);
  }

  const base = expectedCount(ps, coverage, windows.before.to, windows.after, opts);
  if (!base) return insufficient(`fewer than ${MIN_FIT_BLOCKS} windows of ${w} days of data before the milestone to fit the baseline`);
  const excess = after - base.expected;

  // A placebo is the real event's whole design moved to another date: the same number of fit
  // blocks, the same gap between the fit's end and the after-window (a MONTH milestone's month, a
  // group's spread), the same windows. Where nothing happened its excess then has the same
  // distribution as the observed one; with longer fits than the real event (possible when the real
  // one sits near the start of coverage) placebos would be quieter, and the p-value too small.
  // NOTE: every such date inside coverage is a placebo date, the milestone's own neighbourhood
  // included: a randomization test ("is the milestone's date special among the dates it could have
  // fallen on?"), valid when the real date has the same kind of neighbours as every placebo. Keeping
  // placebos away from the milestone, so that its effect could not leak into them, broke that: they
  // became a few correlated stretches of history, and on flat Poisson series (90-day windows) 12–13%
  // of milestones came out significant at 0.05 with 4 years of data, 33% with 2.5, still 7% with 12.
  // The price: where an effect makes neighbouring dates look the same (the left-out month of a MONTH
  // milestone, the spread of a group, the days after a lasting level shift), the milestone is one of
  // them, and the smallest reachable p-value grows with their number over the days of history.
  const fitLength = base.fit.blocks * w;
  const gap = a0 - b1;
  const firstDay = dayNumber(coverage.from) + fitLength; // placebo anchor d: fit [d − fitLength, d)
  const lastDay = dayNumber(coverage.to) + 1 - gap - w; // and after-window [d + gap, d + gap + w) covered
  const placeboDays = Math.max(0, lastDay - firstDay + 1);
  if (placeboDays < MIN_PLACEBO_DAYS) return insufficient('too little history for placebo dates');

  const random = prng(opts.seed);
  const n = opts.placebos;
  const excesses = new Float64Array(n);
  // NOTE: the same excess computed from different counts can differ in its last bits; such ties count.
  const tolerance = 1e-9 * Math.max(1, Math.abs(excess));
  let atLeast = 0;
  let atMost = 0;
  for (let k = 0; k < n; k++) {
    const d = firstDay + Math.floor(random() * placeboDays);
    const e = ps.sumDays(d + gap, d + gap + w) - expectedAt(ps, d - fitLength, base.fit.blocks, w, d + gap, opts.baseline);
    excesses[k] = e;
    if (e >= excess - tolerance) atLeast++;
    if (e <= excess + tolerance) atMost++;
  }
  // The observed excess counts as one of the draws: a valid Monte Carlo p-value, never 0.
  const pUp = (1 + atLeast) / (n + 1);
  const pDown = (1 + atMost) / (n + 1);

  // The observed excess is the effect plus noise; the placebo excesses are draws of that noise where
  // there was no effect. So effect = observed − noise, and the noise's central 1 − alpha range
  // [q(alpha/2), q(1 − alpha/2)] turns into [observed − q(1 − alpha/2), observed − q(alpha/2)] (the
  // "basic" bootstrap interval; it assumes the noise does not grow with the effect). Placebos next to
  // the milestone share part of a real effect, which only widens it.
  excesses.sort();
  const interval: [number, number] = [excess - quantileSorted(excesses, 1 - opts.alpha / 2), excess - quantileSorted(excesses, opts.alpha / 2)];

  return {
    status: 'ok',
    before,
    after,
    expected: base.expected,
    excess,
    ratio: base.expected > 0 ? after / base.expected : null,
    pUp,
    pDown,
    p: Math.min(1, 2 * Math.min(pUp, pDown)),
    interval,
    placebos: n,
    fit: base.fit,
    baseline: opts.baseline,
    placeboDays,
  };
}
