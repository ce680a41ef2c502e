// Any chart (lib/charts/chart-data.ts) as files: CSV with exactly what is plotted — one row per
// bin × series (× layer), the net line when drawn, one row per bar of a range chart — plus the
// milestones shown; JSON with the same numbers, the title, the filters and the source line. Pure,
// so the server export and the tests share it.
import type { ChartData } from './chart-data';
import { csvCell } from '../export/csv-cell';

export const CHART_CSV_COLUMNS = ['kind', 'period', 'period_label', 'series', 'series_label', 'value', 'date', 'title', 'category', 'source_url'] as const;

export const EXPORT_FORMATS = ['csv', 'json', 'svg', 'png'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** "Sources: … — generated 2026-11-25T18:00:00.000Z" */
export function sourceLine(c: ChartData, generatedAt: Date): string {
  return `${c.source} — generated ${generatedAt.toISOString()}`;
}

/** One row per bin × series × layer (in the order drawn), then one row per milestone shown. */
export function chartToCsv(c: ChartData): string {
  const rows: string[][] = [];
  c.bins.forEach((b, i) => {
    for (const s of c.series) {
      for (const l of c.layers) rows.push([l.kind, b.key, b.label, s.key, s.label, String(l.values[i]?.[s.key] ?? 0), '', '', '', '']);
    }
  });
  if (c.net) c.bins.forEach((b, i) => rows.push(['net', b.key, b.label, '', c.net!.label, String(c.net!.values[i] ?? 0), '', '', '', '']));
  // Range charts: one row per bar — its dates, authority, label, whether lifted, and its source.
  for (const r of c.ranges ?? []) {
    const series = c.series.find((s) => s.key === r.series);
    const state = r.to ? 'lifted' : 'listed';
    rows.push(['designation', `${r.from}/${r.to ?? ''}`, `${r.onOrBefore ? 'on or before ' : ''}${r.from} – ${r.to ?? 'still listed'}`, r.series, series?.label ?? r.series, '', r.from, r.label, state, r.sourceUrl ?? '']);
  }
  for (const m of c.milestones) {
    const p = m.placement;
    const period = !p ? m.slug : p.kind === 'line' ? p.bin : `${p.fromBin}/${p.toBin}`;
    const label = !p ? m.code : p.kind === 'line' ? (c.bins.find((b) => b.key === p.bin)?.label ?? p.bin) : `${c.bins.find((b) => b.key === p.fromBin)?.label ?? p.fromBin} – ${c.bins.find((b) => b.key === p.toBin)?.label ?? p.toBin}`;
    // The marker's stable code in the series column: the key it is drawn under on every page and file.
    rows.push(['milestone', period, label, m.code, '', '', m.dateLabel, m.title, m.category, m.sourceUrl]);
  }
  return [CHART_CSV_COLUMNS.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n') + '\r\n';
}

/** The same numbers as JSON: per bin, each layer's values by series key. */
export function chartToJson(c: ChartData, generatedAt: Date) {
  return {
    chart: c.chart,
    title: c.title,
    subtitle: c.subtitle,
    source: sourceLine(c, generatedAt),
    generatedAt: generatedAt.toISOString(),
    xLabel: c.xLabel,
    yLabel: c.yLabel,
    series: c.series.map((s) => ({ key: s.key, label: s.label, color: s.color })),
    layers: c.layers.map((l) => ({ kind: l.kind, label: l.label, sign: l.sign })),
    points: c.bins.map((b, i) => ({ bin: b.key, label: b.label, values: Object.fromEntries(c.layers.map((l) => [l.kind, l.values[i] ?? {}])), ...(c.net ? { net: c.net.values[i] ?? 0 } : {}) })),
    ...(c.net ? { net: { label: c.net.label } } : {}),
    ...(c.ranges ? { ranges: c.ranges } : {}),
    milestones: c.milestones.map((m) => ({ code: m.code, slug: m.slug, title: m.title, date: m.dateLabel, category: m.category, sourceUrl: m.sourceUrl, placement: m.placement })),
  };
}

/** A download name with nothing a file system or a header could misread. */
export function exportFileName(chart: string, ext: ExportFormat, at: Date): string {
  const safe = chart.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'chart';
  return `sanctions-tracker-${safe}-${at.toISOString().slice(0, 10)}.${ext}`;
}
