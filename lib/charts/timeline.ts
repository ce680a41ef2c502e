// Shapes the overview's SQL rows into what the chart draws (pure; unit-tested).
import { binKey, binRange, pivotSeries, type CountRow, type SeriesPoint } from './binning';
import { seriesColor } from './colors';
import { placeMilestones, type MilestoneInput, type PlacedMilestone } from './milestones';
import { formatPartialDate, parsePartialDate } from '../dates';
import type { DashboardQuery } from '../validation/dashboard';

export type TimelineSeries = { key: string; label: string; color: string };

export type Timeline = {
  title: string;
  subtitle: string;
  bins: string[];
  data: SeriesPoint[];
  series: TimelineSeries[];
  milestones: PlacedMilestone[];
  total: number;
};

export function buildTimeline(input: {
  query: DashboardQuery;
  rows: CountRow[];
  milestones: MilestoneInput[];
  authorities: Array<{ id: string; shortName: string }>;
  today: Date;
}): Timeline {
  const { query, rows } = input;
  const from = parsePartialDate(query.from);
  const to = query.to ? parsePartialDate(query.to) : null;
  const firstBin = binKey(from?.date ?? input.today, query.granularity);
  const lastBin = binKey(to?.date ?? input.today, query.granularity);
  const bins = binRange(firstBin, lastBin, query.granularity);
  const present = new Set(rows.map((r) => r.series));
  const series = input.authorities
    .filter((a) => present.has(a.id))
    .map((a, i) => ({ key: a.id, label: a.shortName, color: seriesColor(a.id, i) }));
  const data = pivotSeries(rows, series.map((s) => s.key), bins);
  const total = rows.reduce((n, r) => n + r.count, 0);
  const authoritiesText = query.authority.length
    ? input.authorities.filter((a) => query.authority.includes(a.id)).map((a) => a.shortName).join(', ')
    : 'all authorities';
  const range = `${formatPartialDate(from?.date, from?.precision)} – ${to ? formatPartialDate(to.date, to.precision) : 'today'}`;
  return {
    title: `New designations per ${query.granularity}, by authority`,
    subtitle: `${authoritiesText}; ${range}; counted by ${query.basis === 'start' ? 'date in force' : 'listing date'}`,
    bins,
    data,
    series,
    milestones: placeMilestones(input.milestones, query.granularity, bins),
    total,
  };
}
