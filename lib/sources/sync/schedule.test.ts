import { describe, expect, it } from 'vitest';
import { editionDateFromLastModified, isDue, nextRunAfter, scheduleProblem } from './schedule';

describe('schedule math', () => {
  it('gives the next run of a cron pattern in UTC', () => {
    expect(nextRunAfter('15 */2 * * *', new Date('2026-12-07T14:20:00Z'))?.toISOString()).toBe('2026-12-07T16:15:00.000Z');
    expect(nextRunAfter('0 3 * * *', new Date('2026-12-07T03:00:00Z'))?.toISOString()).toBe('2026-12-08T03:00:00.000Z');
    expect(scheduleProblem('0 3 * * *')).toBeNull();
    expect(scheduleProblem('every day')).not.toBeNull();
  });

  it('is due when the planned time has come (with a grace for early timers)', () => {
    const now = new Date('2026-12-07T03:00:00Z');
    expect(isDue(null, now)).toBe(false);
    expect(isDue(new Date('2026-12-04T03:00:00Z'), now)).toBe(true);
    expect(isDue(new Date('2026-12-07T03:00:10Z'), now)).toBe(true);
    expect(isDue(new Date('2026-12-07T04:00:00Z'), now)).toBe(false);
  });

  it('dates an edition by the newest Last-Modified of its set, in UTC', () => {
    expect(editionDateFromLastModified(['Wed, 18 Aug 2021 21:00:00 GMT', 'Thu, 19 Aug 2021 00:30:00 GMT', null])).toBe('2021-08-19');
    expect(editionDateFromLastModified([null, 'not a date'])).toBeNull();
  });
});
