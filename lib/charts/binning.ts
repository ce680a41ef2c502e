// Time bins for the designation charts: pure helpers, unit-tested (lib/charts/binning.test.ts).
// The counting itself happens in SQL (lib/db/metrics.ts); these shape its rows for the chart.
import { PRECISION_RANK, type DatePrecision } from '../dates';

export const GRANULARITIES = ['month', 'quarter', 'year'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** The precision a date needs to be placed in a bin of this size. */
export const REQUIRED_PRECISION: Record<Granularity, DatePrecision> = { month: 'MONTH', quarter: 'MONTH', year: 'YEAR' };

/** Whether a date known to `precision` can honestly be placed in a `granularity` bin. */
export function canPlace(precision: DatePrecision, granularity: Granularity): boolean {
  return PRECISION_RANK[precision] >= PRECISION_RANK[REQUIRED_PRECISION[granularity]];
}

/** Bin key of a date: '2022-11' (month), '2022-Q4' (quarter), '2022' (year). */
export function binKey(date: Date | string, granularity: Granularity): string {
  const d = typeof date === 'string' ? new Date(`${date.slice(0, 10)}T00:00:00Z`) : date;
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  if (granularity === 'year') return String(y);
  if (granularity === 'quarter') return `${y}-Q${Math.floor(m / 3) + 1}`;
  return `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** First day of the bin (UTC). */
export function binStart(key: string, granularity: Granularity): Date {
  if (granularity === 'year') return new Date(Date.UTC(Number(key), 0, 1));
  if (granularity === 'quarter') {
    const [y, q] = key.split('-Q');
    return new Date(Date.UTC(Number(y), (Number(q) - 1) * 3, 1));
  }
  const [y, m] = key.split('-');
  return new Date(Date.UTC(Number(y), Number(m) - 1, 1));
}

export function nextBin(key: string, granularity: Granularity): string {
  const start = binStart(key, granularity);
  const step = granularity === 'year' ? 12 : granularity === 'quarter' ? 3 : 1;
  return binKey(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + step, 1)), granularity);
}

/** Every bin key from `from` to `to` inclusive (keys of the same granularity). */
export function binRange(from: string, to: string, granularity: Granularity): string[] {
  const out: string[] = [];
  for (let k = from; k <= to && out.length < 10_000; k = nextBin(k, granularity)) out.push(k);
  return out;
}

export const BIN_LABEL_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

export function binLabel(key: string, granularity: Granularity): string {
  if (granularity !== 'month') return key.replace('-', ' ');
  const [y, m] = key.split('-');
  return `${BIN_LABEL_MONTHS[Number(m) - 1]} ${y}`;
}

export type CountRow = { bin: string; series: string; count: number };
export type SeriesPoint = { bin: string } & Record<string, number | string>;

/**
 * Pivots SQL rows (bin, series, count) into one object per bin with a key per series, filling
 * empty bins with zeros so that bars line up and gaps are visible as gaps, not as missing bins.
 */
export function pivotSeries(rows: CountRow[], series: string[], bins: string[]): SeriesPoint[] {
  const byBin = new Map<string, SeriesPoint>();
  for (const bin of bins) {
    const point: SeriesPoint = { bin };
    for (const s of series) point[s] = 0;
    byBin.set(bin, point);
  }
  for (const r of rows) {
    const point = byBin.get(r.bin);
    if (point) point[r.series] = ((point[r.series] as number | undefined) ?? 0) + r.count;
  }
  return bins.map((b) => byBin.get(b) as SeriesPoint);
}

/** Running totals per series. */
export function cumulate(points: SeriesPoint[], series: string[]): SeriesPoint[] {
  const totals: Record<string, number> = Object.fromEntries(series.map((s) => [s, 0]));
  return points.map((p) => {
    const out: SeriesPoint = { ...p };
    for (const s of series) {
      totals[s] = (totals[s] ?? 0) + Number(p[s] ?? 0);
      out[s] = totals[s] ?? 0;
    }
    return out;
  });
}

/** The partial dates a bin covers, for zooming the URL's range to a run of bins. */
export function binToRange(key: string, granularity: Granularity): { from: string; to: string } {
  if (granularity === 'quarter') {
    const [y, q] = key.split('-Q');
    const first = (Number(q) - 1) * 3 + 1;
    return { from: `${y}-${String(first).padStart(2, '0')}`, to: `${y}-${String(first + 2).padStart(2, '0')}` };
  }
  return { from: key, to: key };
}
