import { describe, expect, it } from 'vitest';
import { expectedCount } from './baseline';
import { addDays } from './days';
import { inside, prefixSums } from './series';

const START = '2020-01-01';
const day = (i: number) => addDays(START, i);
// Day i counts i: every W-day block sum is linear in its start, so a trend fit is exact.
const linear = prefixSums({ start: START, counts: Array.from({ length: 400 }, (_, i) => i) });
const all = { from: day(0), to: day(399) };
const sumOfDays = (from: number, w: number) => w * from + (w * (w - 1)) / 2;

describe('prefixSums', () => {
  it('sums [from, to), counting days outside the series as 0', () => {
    const ps = prefixSums({ start: START, counts: [1, 2, 3, 4] });
    expect(ps.sum(day(0), day(4))).toBe(10);
    expect(ps.sum(day(1), day(3))).toBe(5);
    expect(ps.sum(day(-5), day(2))).toBe(3);
    expect(ps.sum(day(3), day(40))).toBe(4);
    expect(ps.sum(day(10), day(20))).toBe(0);
    expect(ps.sum(day(2), day(2))).toBe(0);
    expect(() => prefixSums({ start: START, counts: [1, -1] })).toThrow(RangeError);
  });

  it('knows whether a window is inside coverage (inclusive end)', () => {
    const cov = { from: day(10), to: day(19) };
    expect(inside(cov, { from: day(10), to: day(20) })).toBe(true);
    expect(inside(cov, { from: day(9), to: day(15) })).toBe(false);
    expect(inside(cov, { from: day(15), to: day(21) })).toBe(false);
  });
});

describe('expectedCount', () => {
  it('extrapolates a linear series exactly, also across a gap (MONTH milestones)', () => {
    // 200 days of fit ending at day 300 hold 6 whole 30-day blocks: [120, 300).
    const opts = { windowDays: 30, baseline: 'trend' as const, fitDays: 200 };
    const r = expectedCount(linear, all, day(300), { from: day(310), to: day(340) }, opts);
    expect(r?.fit).toEqual({ from: day(120), to: day(300), blocks: 6 });
    expect(r?.expected).toBeCloseTo(sumOfDays(310, 30), 6);
    expect(expectedCount(linear, all, day(300), { from: day(300), to: day(330) }, opts)?.expected).toBeCloseTo(sumOfDays(300, 30), 6);
  });

  it('mean: the mean block', () => {
    const r = expectedCount(linear, all, day(300), { from: day(300), to: day(330) }, { windowDays: 30, baseline: 'mean', fitDays: 90 });
    expect(r?.fit.blocks).toBe(3);
    expect(r?.expected).toBeCloseTo((sumOfDays(210, 30) + sumOfDays(240, 30) + sumOfDays(270, 30)) / 3, 9);
  });

  it('defaults to four windows, fewer where coverage starts later', () => {
    expect(expectedCount(linear, all, day(300), { from: day(300), to: day(330) }, { windowDays: 30, baseline: 'mean' })?.fit).toEqual({ from: day(180), to: day(300), blocks: 4 });
    const late = { from: day(205), to: day(399) };
    expect(expectedCount(linear, late, day(300), { from: day(300), to: day(330) }, { windowDays: 30, baseline: 'mean' })?.fit).toEqual({ from: day(210), to: day(300), blocks: 3 });
  });

  it('floors a falling trend at 0', () => {
    const falling = prefixSums({ start: START, counts: Array.from({ length: 400 }, (_, i) => Math.max(0, 300 - i)) });
    expect(expectedCount(falling, all, day(270), { from: day(360), to: day(390) }, { windowDays: 30, baseline: 'trend' })?.expected).toBe(0);
  });

  it('too short a history: null', () => {
    const short = { from: day(300 - 89), to: day(399) };
    expect(expectedCount(linear, short, day(300), { from: day(300), to: day(330) }, { windowDays: 30, baseline: 'trend' })).toBeNull();
    expect(expectedCount(linear, { from: day(0), to: day(250) }, day(300), { from: day(300), to: day(330) }, { windowDays: 30, baseline: 'trend' })).toBeNull();
  });

  it('refuses settings that could never fit', () => {
    expect(() => expectedCount(linear, all, day(300), { from: day(300), to: day(330) }, { windowDays: 30, baseline: 'trend', fitDays: 89 })).toThrow(RangeError);
    expect(() => expectedCount(linear, all, day(300), { from: day(290), to: day(320) }, { windowDays: 30, baseline: 'trend' })).toThrow(RangeError);
  });
});
