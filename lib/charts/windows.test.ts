import { describe, expect, it } from 'vitest';
import { summarizeWindows, windowBounds, windowCoverage } from './windows';

describe('windowBounds', () => {
  it('a day milestone: N days before it, the day itself, N days after it', () => {
    // Invasion of Ukraine, 24 Feb 2022, N = 90: 26 Nov 2021 – 23 Feb 2022 | 24 Feb | 25 Feb – 25 May 2022.
    expect(windowBounds({ date: '2022-02-24', datePrecision: 'DAY', endDate: null, endDatePrecision: null }, 90)).toEqual({
      before: { from: '2021-11-26', to: '2022-02-23' },
      during: { from: '2022-02-24', to: '2022-02-24' },
      after: { from: '2022-02-25', to: '2022-05-25' },
    });
  });

  it('a month-only milestone spans its month; windows open on either side (leap year)', () => {
    expect(windowBounds({ date: '2024-02-01', datePrecision: 'MONTH', endDate: null, endDatePrecision: null }, 1)).toEqual({
      before: { from: '2024-01-31', to: '2024-01-31' },
      during: { from: '2024-02-01', to: '2024-02-29' },
      after: { from: '2024-03-01', to: '2024-03-01' },
    });
  });

  it('a year-only milestone and a period end where their last date ends', () => {
    expect(windowBounds({ date: '2022-01-01', datePrecision: 'YEAR', endDate: null, endDatePrecision: null }, 10).during).toEqual({ from: '2022-01-01', to: '2022-12-31' });
    expect(windowBounds({ date: '2015-07-14', datePrecision: 'DAY', endDate: '2016-01', endDatePrecision: 'MONTH' }, 10)).toEqual({
      before: { from: '2015-07-04', to: '2015-07-13' },
      during: { from: '2015-07-14', to: '2016-01-31' },
      after: { from: '2016-02-01', to: '2016-02-10' },
    });
  });

  it('refuses a window that is not a positive whole number of days', () => {
    expect(() => windowBounds({ date: '2022-02-24', datePrecision: 'DAY', endDate: null, endDatePrecision: null }, 0)).toThrow(RangeError);
    expect(() => windowBounds({ date: '2022-02-24', datePrecision: 'DAY', endDate: null, endDatePrecision: null }, 1.5)).toThrow(RangeError);
  });
});

describe('summarizeWindows', () => {
  it('sums per authority and in total, fills zeros, and computes the change', () => {
    const s = summarizeWindows(
      [
        { milestoneId: 'm1', authority: 'US-OFAC', before: 3, during: 1, after: 10 },
        { milestoneId: 'm1', authority: 'EU', before: 2, during: 0, after: 0 },
      ],
      ['m1', 'm2'],
      ['US-OFAC', 'EU', 'UK'],
    );
    expect(s[0]).toEqual({
      milestoneId: 'm1',
      before: { 'US-OFAC': 3, EU: 2, UK: 0 },
      during: { 'US-OFAC': 1, EU: 0, UK: 0 },
      after: { 'US-OFAC': 10, EU: 0, UK: 0 },
      totals: { before: 5, during: 1, after: 10, change: 5 },
    });
    expect(s[1]!.totals).toEqual({ before: 0, during: 0, after: 0, change: 0 });
  });
});

describe('windowCoverage', () => {
  it('says whether the data reaches back over the whole window, part of it, or none', () => {
    const range = { from: '2021-08-01', to: '2021-08-31' };
    expect(windowCoverage(range, '2021-08-01')).toBe('full');
    expect(windowCoverage(range, '2021-07-01')).toBe('full');
    expect(windowCoverage(range, '2021-08-19')).toBe('partial');
    expect(windowCoverage(range, '2021-08-31')).toBe('partial');
    expect(windowCoverage(range, '2021-09-01')).toBe('none');
    expect(windowCoverage(range, undefined)).toBe('none');
  });
});
