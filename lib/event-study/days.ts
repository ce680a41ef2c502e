// Whole-day arithmetic on ISO days (UTC): days since 1970-01-01 as plain integers, so window and block
// bounds are exact, and the placebo loop compares numbers instead of parsing strings.
import { parsePartialDate } from '../dates';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of 'YYYY-MM-DD'. Throws on anything else: a month or a year is not a day. */
export function dayNumber(iso: string): number {
  const p = parsePartialDate(iso);
  if (!p || p.precision !== 'DAY') throw new RangeError(`Not an ISO day: ${JSON.stringify(iso)}`);
  return p.date.getTime() / DAY_MS;
}

export function isoDay(n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`A day number is an integer, got ${n}`);
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(iso: string, n: number): string {
  return isoDay(dayNumber(iso) + n);
}

/** First day of the month `iso` falls in. */
export function monthStart(iso: string): string {
  const d = new Date(dayNumber(iso) * DAY_MS);
  return isoDay(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS);
}

/** First day of the month after the one `iso` falls in. */
export function nextMonthStart(iso: string): string {
  const d = new Date(dayNumber(iso) * DAY_MS);
  return isoDay(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS);
}
