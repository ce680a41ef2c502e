import { describe, expect, it } from 'vitest';
import type { StudyResult } from './types';
import { verdict } from './verdict';

const result = (over: Partial<Extract<StudyResult, { status: 'ok' }>>): StudyResult => ({
  status: 'ok',
  before: 12,
  after: 31,
  expected: 14.2,
  excess: 16.8,
  ratio: 31 / 14.2,
  pUp: 0.002,
  pDown: 0.999,
  p: 0.004,
  interval: [6, 25],
  placebos: 1000,
  fit: { from: '2021-03-01', to: '2022-02-24', blocks: 4 },
  baseline: 'trend',
  placeboDays: 600,
  ...over,
});

describe('verdict', () => {
  it('reads the result in plain words', () => {
    expect(verdict(result({}), 0.03, 0.05, 'designations')).toEqual({ label: 'more than usual', sentence: '31 designations after vs 14 expected from the trend (p = 0.004, adjusted 0.03): more than usual.' });
    expect(verdict(result({}), null, 0.05, 'designations').sentence).toBe('31 designations after vs 14 expected from the trend (p = 0.004): more than usual.');
  });

  it('decides on the adjusted p-value when there is one', () => {
    expect(verdict(result({}), 0.06, 0.05, 'designations').label).toBe('no clear change');
  });

  it('says "fewer" from the lower tail, and spells small counts and units', () => {
    const r = result({ after: 1, expected: 6.04, pUp: 0.999, pDown: 0.01, p: 0.02, baseline: 'mean' });
    expect(verdict(r, null, 0.05, { one: 'action', other: 'actions' })).toEqual({ label: 'fewer than usual', sentence: '1 action after vs 6 expected from the average before (p = 0.02): fewer than usual.' });
    expect(verdict(result({ after: 1234, expected: 1100.4, p: 0.5 }), 0.0004, 0.05, 'designations').sentence).toBe('1,234 designations after vs 1,100 expected from the trend (p = 0.50, adjusted < 0.001): more than usual.');
  });

  it('insufficient data', () => {
    expect(verdict({ status: 'insufficient-data', reason: 'too little history for placebo dates', before: 3, after: 4 }, null, 0.05, 'designations')).toEqual({
      label: 'insufficient data',
      sentence: 'Not enough data: too little history for placebo dates.',
    });
  });
});
