// Partial dates, FollowTheMoney style: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' carries its own precision.
// Stored as the first day of the period (UTC) plus the precision; never shown more precisely than known.

export const DATE_PRECISIONS = ['YEAR', 'MONTH', 'DAY'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

export type PartialDate = { date: Date; precision: DatePrecision };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** Rank for comparisons: a DAY date can be placed in a month bin, a YEAR date cannot. */
export const PRECISION_RANK: Record<DatePrecision, number> = { YEAR: 1, MONTH: 2, DAY: 3 };

function utc(y: number, m: number, d: number): Date | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  // Rejects 2023-02-30 and friends instead of rolling over to March.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date;
}

/** Parses 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; null when it is not a real calendar date. */
export function parsePartialDate(input: string | null | undefined): PartialDate | null {
  if (!input) return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(input.trim());
  if (!m) return null;
  const y = Number(m[1]);
  if (y < 1000) return null;
  if (m[3] !== undefined) {
    const date = utc(y, Number(m[2]), Number(m[3]));
    return date ? { date, precision: 'DAY' } : null;
  }
  if (m[2] !== undefined) {
    const date = utc(y, Number(m[2]), 1);
    return date ? { date, precision: 'MONTH' } : null;
  }
  return { date: new Date(Date.UTC(y, 0, 1)), precision: 'YEAR' };
}

/** 'D.M.YYYY' (EU Official Journal annexes) → a day-precision date. */
export function parseDottedDate(input: string | null | undefined): PartialDate | null {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec((input ?? '').trim());
  if (!m) return null;
  const date = utc(Number(m[3]), Number(m[2]), Number(m[1]));
  return date ? { date, precision: 'DAY' } : null;
}

/** 'DD/MM/YYYY' (UK Sanctions List) → a day-precision date. */
export function parseSlashedDate(input: string | null | undefined): PartialDate | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec((input ?? '').trim());
  if (!m) return null;
  const date = utc(Number(m[3]), Number(m[2]), Number(m[1]));
  return date ? { date, precision: 'DAY' } : null;
}

/** Back to the FtM string: '2022', '2022-11' or '2022-11-15'. */
export function toPartialDateString(date: Date, precision: DatePrecision): string {
  const iso = date.toISOString().slice(0, 10);
  return precision === 'YEAR' ? iso.slice(0, 4) : precision === 'MONTH' ? iso.slice(0, 7) : iso;
}

/** For people: '2022', 'Nov 2022', '15 Nov 2022'. */
export function formatPartialDate(date: Date | string | null | undefined, precision: DatePrecision | null | undefined = 'DAY'): string {
  if (!date) return '—';
  const d = typeof date === 'string' ? new Date(date) : date;
  const y = d.getUTCFullYear();
  const month = MONTHS[d.getUTCMonth()];
  if (precision === 'YEAR') return String(y);
  if (precision === 'MONTH') return `${month} ${y}`;
  return `${d.getUTCDate()} ${month} ${y}`;
}

/** The last day covered by a partial date (for 'on or after', period ends, windows). */
export function endOfPartialDate(date: Date, precision: DatePrecision): Date {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  if (precision === 'YEAR') return new Date(Date.UTC(y, 11, 31));
  if (precision === 'MONTH') return new Date(Date.UTC(y, m + 1, 0));
  return date;
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function daysBetween(a: Date, b: Date): number {
  return Math.round((b.getTime() - a.getTime()) / 86_400_000);
}
