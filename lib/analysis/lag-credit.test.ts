import { describe, expect, it } from 'vitest';
import { actionFirsts, creditByCode, creditOf, daysBetween, joinNames, summarizeLeaders } from './lag-credit';

describe('creditOf', () => {
  it('credits one authority listing first alone', () => {
    expect(creditOf(['UK'], 'none')).toEqual({ kind: 'authority', authority: 'UK' });
    // A UN listing later than the citing one: the citing authority moved first.
    expect(creditOf(['UK'], 'after')).toEqual({ kind: 'authority', authority: 'UK' });
  });

  it('makes same-day first listings a tie, credited to none, whatever the order given', () => {
    expect(creditOf(['UN', 'EU'], 'none')).toEqual({ kind: 'tie', authorities: ['EU', 'UN'] });
    expect(creditOf(['US-OFAC', 'UK', 'EU'], 'after')).toEqual({ kind: 'tie', authorities: ['EU', 'UK', 'US-OFAC'] });
  });

  it('credits the UN as origin when a first listing cites its reference and the UN listed it no later', () => {
    expect(creditOf(['UK', 'UN'], 'before')).toEqual({ kind: 'un-origin' });
    expect(creditOf(['UK'], 'before')).toEqual({ kind: 'un-origin' });
  });

  it('says "date unknown" when the UN listing of the reference is not in the data', () => {
    expect(creditOf(['UK'], 'unknown')).toEqual({ kind: 'un-unknown', authorities: ['UK'] });
    expect(creditOf(['US-OFAC', 'UK'], 'unknown')).toEqual({ kind: 'un-unknown', authorities: ['UK', 'US-OFAC'] });
  });

  it('refuses an entity nobody listed', () => {
    expect(() => creditOf([], 'none')).toThrow(RangeError);
  });

  it('keeps the old rule for comparison: the first by code', () => {
    expect(creditByCode(['UN', 'UK'])).toBe('UK');
  });
});

describe('summarizeLeaders', () => {
  // The shape of the seeded data: UK mirrors UN listings the same day, citing the UN reference.
  const groups = [
    { leaders: ['EU'], un: 'none' as const, count: 10 },
    { leaders: ['UK', 'UN'], un: 'before' as const, count: 7 },
    { leaders: ['UK'], un: 'none' as const, count: 3 },
    { leaders: ['UK'], un: 'before' as const, count: 1 },
    { leaders: ['UK'], un: 'unknown' as const, count: 2 },
    { leaders: ['EU', 'UN'], un: 'none' as const, count: 4 },
    { leaders: ['EU', 'UK'], un: 'none' as const, count: 1 },
    { leaders: ['UN'], un: 'none' as const, count: 2 },
    { leaders: ['US-OFAC'], un: 'none' as const, count: 0 },
  ];
  const s = summarizeLeaders(groups);

  it('credits authorities alone, then a same-day row, the UN as origin and the unknown UN dates', () => {
    expect(s.rows).toEqual([
      { key: 'EU', kind: 'authority', authority: 'EU', count: 10 },
      { key: 'UK', kind: 'authority', authority: 'UK', count: 3 },
      { key: 'UN', kind: 'authority', authority: 'UN', count: 2 },
      { key: 'same-day', kind: 'tie', count: 5, sets: [{ authorities: ['EU', 'UN'], count: 4 }, { authorities: ['EU', 'UK'], count: 1 }] },
      { key: 'un-origin', kind: 'un-origin', count: 8 },
      { key: 'un-unknown', kind: 'un-unknown', count: 2 },
    ]);
    expect(s.entities).toBe(30);
    expect(s.ties).toBe(5);
  });

  it('says how many firsts move to the UN, and what the old rule gave', () => {
    expect(s.movedToUn).toBe(8);
    expect(s.movedToUnFrom).toEqual([{ authority: 'UK', count: 8 }]);
    expect(s.byCode).toEqual([
      { authority: 'EU', count: 15 },
      { authority: 'UK', count: 13 },
      { authority: 'UN', count: 2 },
    ]);
  });

  it('is empty for no groups', () => {
    expect(summarizeLeaders([])).toEqual({ rows: [], entities: 0, byCode: [], movedToUn: 0, movedToUnFrom: [], ties: 0 });
  });
});

describe('actionFirsts', () => {
  const action = (authority: string, date: string) => ({ authority, actionId: `${authority}-${date}`, date, title: `${authority} action`, isUncertain: false });

  it('orders the first actions, counts days after the first and shows same-day ties', () => {
    // The drone case: US 8 Sep 2022, EU and UK 20 Oct 2022.
    const r = actionFirsts([action('UK', '2022-10-20'), action('US-OFAC', '2022-09-08'), action('EU', '2022-10-20')]);
    expect(r.firstDate).toBe('2022-09-08');
    expect(r.first).toEqual(['US-OFAC']);
    expect(r.rows.map((x) => [x.authority, x.days, x.isFirst, x.sameDayWith])).toEqual([
      ['US-OFAC', 0, true, []],
      ['EU', 42, false, ['UK']],
      ['UK', 42, false, ['EU']],
    ]);
  });

  it('a tie on the first day names every authority first', () => {
    const r = actionFirsts([action('UK', '2001-01-25'), action('UN', '2001-01-25')]);
    expect(r.first).toEqual(['UK', 'UN']);
    expect(r.rows.every((x) => x.isFirst && x.days === 0)).toBe(true);
  });

  it('handles no action', () => {
    expect(actionFirsts([])).toEqual({ rows: [], first: [], firstDate: null });
  });
});

describe('helpers', () => {
  it('counts days across months, years and leap days', () => {
    expect(daysBetween('2022-09-08', '2022-10-20')).toBe(42);
    expect(daysBetween('2023-12-31', '2024-03-01')).toBe(61);
    expect(daysBetween('2022-10-20', '2022-10-20')).toBe(0);
  });
  it('joins names in words', () => {
    expect(joinNames([])).toBe('');
    expect(joinNames(['EU'])).toBe('EU');
    expect(joinNames(['EU', 'UK'])).toBe('EU and UK');
    expect(joinNames(['EU', 'UK', 'US (OFAC)'])).toBe('EU, UK and US (OFAC)');
  });
});
