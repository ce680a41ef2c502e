import { describe, expect, it } from 'vitest';
import { mergeWindows, overlapGroups } from './overlaps';
import { milestoneWindows } from './windows';

describe('milestoneWindows', () => {
  it('DAY: before ends on the day, after starts on it', () => {
    expect(milestoneWindows({ date: '2022-02-24', precision: 'DAY' }, 90)).toEqual({
      before: { from: '2021-11-26', to: '2022-02-24' },
      after: { from: '2022-02-24', to: '2022-05-25' },
    });
  });

  it('MONTH: leaves the month out, whichever day of it is given', () => {
    const expected = { before: { from: '2021-10-03', to: '2022-01-01' }, after: { from: '2022-02-01', to: '2022-05-02' } };
    expect(milestoneWindows({ date: '2022-01-01', precision: 'MONTH' }, 90)).toEqual(expected);
    expect(milestoneWindows({ date: '2022-01-31', precision: 'MONTH' }, 90)).toEqual(expected);
    expect(milestoneWindows({ date: '2024-02-01', precision: 'MONTH' }, 30)).toEqual({
      before: { from: '2024-01-02', to: '2024-02-01' },
      after: { from: '2024-03-01', to: '2024-03-31' },
    });
    expect(milestoneWindows({ date: '2022-12-01', precision: 'MONTH' }, 10)?.after).toEqual({ from: '2023-01-01', to: '2023-01-11' });
  });

  it('YEAR: left out', () => {
    expect(milestoneWindows({ date: '2022-01-01', precision: 'YEAR' }, 90)).toBeNull();
  });

  it('refuses a window that is not whole days', () => {
    expect(() => milestoneWindows({ date: '2022-01-01', precision: 'DAY' }, 0)).toThrow(RangeError);
    expect(() => milestoneWindows({ date: '2022-01-01', precision: 'DAY' }, 2.5)).toThrow(RangeError);
  });
});

describe('overlaps', () => {
  const day = (date: string) => milestoneWindows({ date, precision: 'DAY' }, 90)!;

  it('groups milestones 20 days apart, keeps far ones apart', () => {
    const items = [
      { id: 'b', windows: day('2022-01-21') },
      { id: 'far', windows: day('2023-06-01') },
      { id: 'a', windows: day('2022-01-01') },
      { id: 'early', windows: day('2020-01-01') },
    ];
    expect(overlapGroups(items)).toEqual([['early'], ['b', 'a'], ['far']]);
  });

  it('joins chains, not spans that only touch', () => {
    // a and c are 200 days apart (spans of 180 days do not overlap) but b overlaps both.
    const chain = [
      { id: 'a', windows: day('2022-01-01') },
      { id: 'c', windows: day('2022-07-20') },
      { id: 'b', windows: day('2022-04-10') },
    ];
    expect(overlapGroups(chain)).toEqual([['a', 'c', 'b']]);
    // Exactly 180 days apart: the first span ends where the second starts.
    expect(overlapGroups([{ id: 'x', windows: day('2022-01-01') }, { id: 'y', windows: day('2022-06-30') }])).toEqual([['x'], ['y']]);
    expect(overlapGroups([])).toEqual([]);
  });

  it('merges a group: before ends at the earliest anchor, after starts at the latest', () => {
    expect(mergeWindows([day('2022-01-21'), day('2022-01-01')])).toEqual({
      before: { from: '2021-10-03', to: '2022-01-01' },
      after: { from: '2022-01-21', to: '2022-04-21' },
    });
    const month = milestoneWindows({ date: '2022-01-01', precision: 'MONTH' }, 90)!;
    expect(mergeWindows([month, day('2022-01-15')])).toEqual(month);
    expect(mergeWindows([day('2022-01-01')])).toEqual(day('2022-01-01'));
    expect(() => mergeWindows([])).toThrow(RangeError);
  });
});
