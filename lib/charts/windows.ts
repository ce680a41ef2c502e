// Milestone windows: designations in the N days before vs after a milestone. Pure helpers,
// unit-tested (windows.test.ts); lib/db/analysis/windows.ts counts in SQL within the bounds computed here.
import { endOfPartialDate, isoDay, type DatePrecision } from '../dates';

export type WindowMilestone = { date: string; datePrecision: DatePrecision; endDate: string | null; endDatePrecision: DatePrecision | null };
export type Range = { from: string; to: string };
/** Inclusive ISO-day ranges. `during` is the milestone itself: its day, or all of a coarse date or period. */
export type WindowBounds = { before: Range; during: Range; after: Range };

const DAY_MS = 86_400_000;
const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const shift = (d: Date, days: number) => new Date(d.getTime() + days * DAY_MS);

/**
 * Before: the N days ending the day before the milestone starts. After: the N days starting the day
 * after it ends. A milestone known only to the month or year, or lasting a period, is not pretended
 * to be a day: its whole span is `during` and the windows open on either side of it.
 */
export function windowBounds(m: WindowMilestone, days: number): WindowBounds {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`The window is a whole number of days ≥ 1, got ${days}`);
  const start = asDate(m.date);
  const end = m.endDate ? endOfPartialDate(asDate(m.endDate), m.endDatePrecision ?? 'DAY') : endOfPartialDate(start, m.datePrecision);
  return {
    before: { from: isoDay(shift(start, -days)), to: isoDay(shift(start, -1)) },
    during: { from: isoDay(start), to: isoDay(end) },
    after: { from: isoDay(shift(end, 1)), to: isoDay(shift(end, days)) },
  };
}

export type WindowCountRow = { milestoneId: string; authority: string; before: number; during: number; after: number };
export type WindowSummary = { milestoneId: string; before: Record<string, number>; during: Record<string, number>; after: Record<string, number>; totals: { before: number; during: number; after: number; change: number } };

/** One summary per milestone (all present, zeros filled), per authority and in total; change = after − before. */
export function summarizeWindows(rows: WindowCountRow[], milestoneIds: string[], authorities: string[]): WindowSummary[] {
  return milestoneIds.map((milestoneId) => {
    const zero = () => Object.fromEntries(authorities.map((a) => [a, 0])) as Record<string, number>;
    const s: WindowSummary = { milestoneId, before: zero(), during: zero(), after: zero(), totals: { before: 0, during: 0, after: 0, change: 0 } };
    for (const r of rows) {
      if (r.milestoneId !== milestoneId) continue;
      for (const k of ['before', 'during', 'after'] as const) {
        s[k][r.authority] = (s[k][r.authority] ?? 0) + r[k];
        s.totals[k] += r[k];
      }
    }
    s.totals.change = s.totals.after - s.totals.before;
    return s;
  });
}

export type Coverage = 'full' | 'partial' | 'none';

/**
 * Whether our data can answer for a window: an authority's exact listing dates start on `dataStart`
 * (e.g. the day after the OFAC history begins), so an earlier window would count zeros that are
 * really gaps in the data. `none` when there is no data at all for the authority.
 */
export function windowCoverage(range: Range, dataStart: string | undefined): Coverage {
  if (!dataStart || range.to < dataStart) return 'none';
  return range.from >= dataStart ? 'full' : 'partial';
}
