// The overview chart as files (CSV and JSON): exactly the plotted series, one row per bin × series,
// plus the milestones shown. Pure, so the page, the server export and the tests share it.
import { binLabel, type Granularity } from './binning';
import type { Timeline } from './timeline';
import { csvCell } from '../export/csv-cell';
import { formatPartialDate } from '../dates';

export const CHART_CSV_COLUMNS = ['kind', 'period', 'period_label', 'series', 'series_label', 'value', 'date', 'title', 'category', 'source_url'] as const;

export const SOURCE_LINE = 'Sources: OFAC SDN list editions 2021–2024; EU Official Journal annexes; UK Sanctions List; milestones per Gulf International Forum (2023)';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** One row per bin × series (lifted rows too in net mode), then one row per milestone shown. */
export function timelineToCsv(t: Timeline, granularity: Granularity, isNet: boolean): string {
  const rows: string[][] = [];
  for (const p of t.points) {
    for (const s of t.series) {
      rows.push(['designations', p.bin, binLabel(p.bin, granularity), s.key, s.label, String(p.values[s.key] ?? 0), '', '', '', '']);
      if (isNet) rows.push(['lifted', p.bin, binLabel(p.bin, granularity), s.key, s.label, String(p.lifted[s.key] ?? 0), '', '', '', '']);
    }
  }
  for (const m of t.milestones) {
    const period = m.kind === 'line' ? m.bin : `${m.fromBin}/${m.toBin}`;
    const label = m.kind === 'line' ? binLabel(m.bin, granularity) : `${binLabel(m.fromBin, granularity)} – ${binLabel(m.toBin, granularity)}`;
    const date = formatPartialDate(day(m.date), m.datePrecision) + (m.endDate ? ` – ${formatPartialDate(day(m.endDate), m.endDatePrecision ?? 'DAY')}` : '');
    rows.push(['milestone', period, label, '', '', '', date, m.title, m.category, m.sourceUrl]);
  }
  return [CHART_CSV_COLUMNS.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n') + '\r\n';
}

/** The same numbers as JSON, with the title, the filters (subtitle) and a source line. */
export function timelineToJson(t: Timeline, generatedAt: Date) {
  return {
    title: t.title,
    subtitle: t.subtitle,
    source: `${SOURCE_LINE} — generated ${generatedAt.toISOString()}`,
    series: t.series.map((s) => ({ key: s.key, label: s.label, color: s.color })),
    points: t.points.map((p) => ({ bin: p.bin, values: p.values, total: p.total, lifted: p.lifted, liftedTotal: p.liftedTotal })),
    milestones: t.milestones.map((m) => ({ slug: m.slug, title: m.title, date: m.date, datePrecision: m.datePrecision, endDate: m.endDate, category: m.category, sourceUrl: m.sourceUrl, ...(m.kind === 'line' ? { bin: m.bin } : { fromBin: m.fromBin, toBin: m.toBin }) })),
  };
}

/** A download name with nothing a file system or a header could misread. */
export function exportFileName(chart: string, ext: 'csv' | 'json', at: Date): string {
  const safe = chart.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'chart';
  return `sanctions-tracker-${safe}-${at.toISOString().slice(0, 10)}.${ext}`;
}
