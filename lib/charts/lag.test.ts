import { describe, expect, it } from 'vitest';
import { formatLag, lagBucket, lagHistogram } from './lag';

describe('lagBucket', () => {
  it('places bounds in the right bucket', () => {
    expect(lagBucket(0)).toBe('same-day');
    expect(lagBucket(1)).toBe('1-7');
    expect(lagBucket(7)).toBe('1-7');
    expect(lagBucket(8)).toBe('8-30');
    expect(lagBucket(30)).toBe('8-30');
    expect(lagBucket(31)).toBe('31-90');
    expect(lagBucket(365)).toBe('181-365');
    expect(lagBucket(366)).toBe('366-730');
    expect(lagBucket(731)).toBe('731+');
    expect(lagBucket(5000)).toBe('731+');
  });
  it('refuses a negative lag (the leader is by definition first)', () => {
    expect(() => lagBucket(-1)).toThrow(RangeError);
  });
});

describe('lagHistogram', () => {
  it('counts per bucket and follower, with every bucket present', () => {
    // Hand-computed: EU followed after 0, 5, 5 and 400 days; UK after 5 and 31.
    const rows = lagHistogram(
      [
        { follower: 'EU', days: 0 },
        { follower: 'EU', days: 5 },
        { follower: 'EU', days: 5 },
        { follower: 'EU', days: 400 },
        { follower: 'UK', days: 5 },
        { follower: 'UK', days: 31 },
      ],
      ['EU', 'UK'],
    );
    expect(rows).toHaveLength(8);
    expect(rows.map((r) => [r.bucket, r.EU, r.UK])).toEqual([
      ['same-day', 1, 0],
      ['1-7', 2, 1],
      ['8-30', 0, 0],
      ['31-90', 0, 1],
      ['91-180', 0, 0],
      ['181-365', 0, 0],
      ['366-730', 1, 0],
      ['731+', 0, 0],
    ]);
  });
});

describe('lagHistogram with grouped samples', () => {
  it('adds the counts SQL grouped', () => {
    const rows = lagHistogram(
      [
        { follower: 'EU', days: 3, count: 4 },
        { follower: 'EU', days: 6, count: 2 },
        { follower: 'UK', days: 900, count: 1 },
      ],
      ['EU', 'UK'],
    );
    expect(rows.find((r) => r.bucket === '1-7')).toMatchObject({ EU: 6, UK: 0 });
    expect(rows.find((r) => r.bucket === '731+')).toMatchObject({ EU: 0, UK: 1 });
  });
});

describe('formatLag', () => {
  it('reads in days up to a year, then years and days', () => {
    expect(formatLag(0)).toBe('0 days');
    expect(formatLag(1)).toBe('1 day');
    expect(formatLag(365)).toBe('365 days');
    expect(formatLag(400)).toBe('400 days (1 y 35 d)');
  });
});
