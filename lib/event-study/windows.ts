// The before- and after-windows of one milestone, for the event study.
import { dayNumber, isoDay, monthStart, nextMonthStart } from './days';
import type { DayPrecision, Window, Windows } from './types';

export function assertWindowDays(windowDays: number): void {
  if (!Number.isInteger(windowDays) || windowDays < 1) throw new RangeError(`The window is a whole number of days ≥ 1, got ${windowDays}`);
}

const window = (from: number, to: number): Window => ({ from: isoDay(from), to: isoDay(to) });

/**
 * DAY: before = [d − W, d), after = [d, d + W): the milestone's own day counts as after.
 * MONTH: the month itself is left out, as we do not know when in it the milestone fell: before ends
 * where the month starts, after starts with the next month.
 * YEAR: null: a year-long blank between the windows would compare two different eras, not a before
 * and an after; the caller lists such milestones as left out.
 */
export function milestoneWindows(anchor: { date: string; precision: DayPrecision }, windowDays: number): Windows | null {
  assertWindowDays(windowDays);
  if (anchor.precision === 'YEAR') return null;
  const [start, end] = anchor.precision === 'DAY' ? [dayNumber(anchor.date), dayNumber(anchor.date)] : [dayNumber(monthStart(anchor.date)), dayNumber(nextMonthStart(anchor.date))];
  return { before: window(start - windowDays, start), after: window(end, end + windowDays) };
}
