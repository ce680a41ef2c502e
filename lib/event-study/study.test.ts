import { describe, expect, it } from 'vitest';
import { prng } from '../random';
import { addDays } from './days';
import { eventStudy } from './study';
import type { Baseline, DailySeries, StudyOptions, StudyResult } from './types';
import { verdict } from './verdict';
import { milestoneWindows } from './windows';

const START = '2015-01-01';
const W = 90;

/** Knuth's Poisson sampler: fine for the small daily rates here. */
function poisson(rate: number, random: () => number): number {
  const limit = Math.exp(-rate);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

/** Daily Poisson counts: `rateBefore` until day `change`, `rateAfter` from it on. */
function series(seed: number, days: number, change: number, rateBefore: number, rateAfter: number): DailySeries {
  const random = prng(seed);
  return { start: START, counts: Array.from({ length: days }, (_, i) => poisson(i < change ? rateBefore : rateAfter, random)) };
}

const coverageOf = (s: DailySeries) => ({ from: s.start, to: addDays(s.start, s.counts.length - 1) });
const dayWindows = (i: number) => milestoneWindows({ date: addDays(START, i), precision: 'DAY' }, W)!;
const options = (baseline: Baseline, seed: number, placebos = 1000): StudyOptions => ({ windowDays: W, baseline, placebos, seed, alpha: 0.05 });
const ok = (r: StudyResult) => {
  if (r.status !== 'ok') throw new Error(`expected a result, got: ${r.reason}`);
  return r;
};

describe('eventStudy: known answers', () => {
  // Three years at 2 a day, then 4 a day from the milestone on; the data end with the after-window,
  // as for a milestone 90 days ago.
  const MILESTONE = 3 * 365;

  it('detects a doubling, with either baseline, for every seed', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const s = series(seed, MILESTONE + W, MILESTONE, 2, 4);
      for (const baseline of ['trend', 'mean'] as const) {
        const r = ok(eventStudy(s, coverageOf(s), dayWindows(MILESTONE), options(baseline, seed + 100)));
        expect(r.p).toBeLessThan(0.05);
        expect(r.pUp).toBeLessThan(0.015);
        expect(r.pDown).toBeGreaterThan(0.98);
        expect(r.expected).toBeGreaterThan(120);
        expect(r.expected).toBeLessThan(240);
        expect(r.ratio).toBeGreaterThan(1.4);
        expect(r.interval[0]).toBeGreaterThan(0);
        expect(r.interval[0]).toBeLessThan(r.excess);
        expect(r.interval[1]).toBeGreaterThan(r.excess);
        expect(r.fit).toEqual({ from: addDays(START, MILESTONE - 4 * W), to: addDays(START, MILESTONE), blocks: 4 });
        expect(verdict(r, null, 0.05, 'designations').label).toBe('more than usual');
      }
    }
  });

  // With a year of data after a lasting doubling, the dates just after the milestone are placebos
  // too and look almost as unusual (study.ts says why they are kept): the trend baseline, which
  // follows the new level within days, still tells the milestone apart; the mean baseline, which
  // lags it by a whole fit period, may not, and is not asked to here.
  it('detects a lasting doubling a year on, with the trend baseline', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const s = series(seed, MILESTONE + 365, MILESTONE, 2, 4);
      const r = ok(eventStudy(s, coverageOf(s), dayWindows(MILESTONE), options('trend', seed + 100)));
      expect(r.p).toBeLessThan(0.05);
      expect(verdict(r, null, 0.05, 'designations').label).toBe('more than usual');
    }
  });

  it('detects it after a MONTH milestone too, the month left out', () => {
    // Placebo dates within a month of the milestone compare the same before and after (the change
    // falls in their left-out month too), so a date known to the month needs more history than a day
    // to stand out: six years here. 2021-01 starts on day 2192; the doubling comes on its 10th day.
    const s = series(7, 2192 + 31 + W, 2192 + 10, 2, 4);
    const windows = milestoneWindows({ date: '2021-01-01', precision: 'MONTH' }, W)!;
    const r = ok(eventStudy(s, coverageOf(s), windows, options('trend', 7)));
    expect(r.fit.to).toBe('2021-01-01');
    expect(r.after).toBe(s.counts.slice(2192 + 31).reduce((a, b) => a + b, 0));
    expect(verdict(r, null, 0.05, 'designations').label).toBe('more than usual');
  });

  it('detects a drop', () => {
    const s = series(11, MILESTONE + W, MILESTONE, 4, 1);
    const r = ok(eventStudy(s, coverageOf(s), dayWindows(MILESTONE), options('mean', 11)));
    expect(r.pDown).toBeLessThan(0.015);
    expect(verdict(r, null, 0.05, 'actions').label).toBe('fewer than usual');
  });

  // 500 flat series: the share called significant at 0.05 must stay near 0.05 (≤ 0.08 allows three
  // standard errors of a share over 500 tries). 200 placebos instead of 1,000 keep this test fast;
  // the Monte Carlo p-value (1 + #)/(n + 1) is valid for any number of placebos, only coarser.
  // Placebos kept away from the milestone's neighbourhood gave 12–13% here (study.ts says why).
  it('false-positive rate on flat series stays at alpha', () => {
    const significant = { trend: 0, mean: 0 };
    const TRIES = 500;
    for (let seed = 1; seed <= TRIES; seed++) {
      const s = series(seed, 4 * 365, 0, 1, 1);
      for (const baseline of ['trend', 'mean'] as const) {
        const r = ok(eventStudy(s, coverageOf(s), dayWindows(2 * 365), options(baseline, seed + 1_000_000, 200)));
        if (r.p < 0.05) significant[baseline]++;
      }
    }
    console.info(`false-positive rate at 0.05: trend ${significant.trend / TRIES}, mean ${significant.mean / TRIES}`);
    expect(significant.trend / TRIES).toBeLessThanOrEqual(0.08);
    expect(significant.mean / TRIES).toBeLessThanOrEqual(0.08);
  });
});

describe('eventStudy: insufficient data', () => {
  const s = series(3, 4 * 365, 0, 1, 1);
  const opts = options('trend', 3, 100);

  it('says which window is outside coverage, and still counts the other', () => {
    const late = eventStudy(s, { from: START, to: addDays(START, 1000) }, dayWindows(950), opts);
    expect(late).toMatchObject({ status: 'insufficient-data', after: null, before: expect.any(Number) });
    if (late.status === 'insufficient-data') expect(late.reason).toMatch(/^the after-window \(2017-08-08 to 2017-11-05\) is not inside/);
    const early = eventStudy(s, { from: addDays(START, 500), to: addDays(START, 1459) }, dayWindows(550), opts);
    expect(early).toMatchObject({ status: 'insufficient-data', before: null, after: expect.any(Number) });
    if (early.status === 'insufficient-data') expect(early.reason).toMatch(/^the before-window \(.+\) is not inside/);
    const neither = eventStudy(s, { from: addDays(START, 500), to: addDays(START, 560) }, dayWindows(550), opts);
    expect(neither).toMatchObject({ status: 'insufficient-data', before: null, after: null });
    if (neither.status === 'insufficient-data') expect(neither.reason).toMatch(/^the before-window .+ and the after-window .+ are not inside/);
  });

  it('too little history for the baseline', () => {
    const r = eventStudy(s, { from: addDays(START, 900), to: addDays(START, 1459) }, dayWindows(1100), opts);
    expect(r).toMatchObject({ status: 'insufficient-data', before: expect.any(Number), after: expect.any(Number) });
    if (r.status === 'insufficient-data') expect(r.reason).toMatch(/fewer than 3 windows/);
  });

  it('too little history for placebo dates', () => {
    // Four windows of fit and the after-window, and nothing else: every placebo would overlap.
    const r = eventStudy(s, { from: addDays(START, 1000 - 4 * W), to: addDays(START, 1000 + W + 15) }, dayWindows(1000), opts);
    expect(r).toMatchObject({ status: 'insufficient-data', reason: 'too little history for placebo dates' });
  });
});

describe('eventStudy: placebo dates', () => {
  it('are every date where the whole design (fit, left-out month, after-window) fits in coverage', () => {
    const s = series(9, 4 * 365, 0, 1, 1);
    // DAY: anchors from day 360 (four 90-day fit blocks) to day 1460 − 90, the milestone's neighbours included.
    expect(ok(eventStudy(s, coverageOf(s), dayWindows(730), options('mean', 9, 10))).placeboDays).toBe(1370 - 360 + 1);
    // MONTH (2017-01, 31 days left out): the after-window starts 31 days after each anchor.
    const month = milestoneWindows({ date: '2017-01-01', precision: 'MONTH' }, W)!;
    expect(ok(eventStudy(s, coverageOf(s), month, options('mean', 9, 10))).placeboDays).toBe(1460 - 31 - 90 - 360 + 1);
  });
});

describe('eventStudy: determinism', () => {
  it('the same seed gives the same result; another seed other placebos', () => {
    const s = series(5, 4 * 365, 2 * 365, 1, 1.5);
    const run = (seed: number) => eventStudy(s, coverageOf(s), dayWindows(2 * 365), options('trend', seed, 300));
    expect(run(42)).toEqual(run(42));
    expect(ok(run(42)).interval).not.toEqual(ok(run(43)).interval);
  });
});
