import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { chartToCsv, chartToJson, exportFileName } from './export';
import { entityTimelineChart, overviewChart } from './chart-data';
import type { Timeline } from './timeline';

// A hand-made chart: two bins, two series (one with a hostile name), one milestone with a hostile title.
const timeline: Timeline = {
  title: 'New designations per month, by authority',
  subtitle: 'all authorities; Jan 2023 – Feb 2023; counted by listing date',
  bins: ['2023-01', '2023-02'],
  series: [
    { key: 'US-OFAC', label: 'US (OFAC)', color: '#0072b2' },
    { key: 'X', label: '=HYPERLINK("http://evil.example","x")', color: '#999999' },
  ],
  points: [
    { bin: '2023-01', values: { 'US-OFAC': 3, X: 1 }, total: 4, lifted: {}, liftedTotal: 0, net: 4 },
    { bin: '2023-02', values: { 'US-OFAC': 0 }, total: 0, lifted: { X: 2 }, liftedTotal: 2, net: -2 },
  ],
  milestones: [
    { id: 'm1', slug: 'm1', code: 'M07', date: '2023-02-15', datePrecision: 'DAY', endDate: null, endDatePrecision: null, title: '+cmd|" /C calc"!A0 <script>', category: 'DIPLOMATIC', sourceUrl: 'https://example.org/a', kind: 'line', bin: '2023-02' },
  ],
  total: 4,
  isMultiValued: false,
};

const base = { granularity: 'month', basis: 'listing' } as const;
const newChart = overviewChart(timeline, { ...base, mode: 'new' });

describe('chart CSV export', () => {
  it('has one row per bin × series, then the milestones shown', () => {
    const rows = parse(chartToCsv(newChart), { columns: true }) as Array<Record<string, string>>;
    expect(rows.filter((r) => r.kind === 'designations').map((r) => [r.period, r.series, r.value])).toEqual([
      ['2023-01', 'US-OFAC', '3'],
      ['2023-01', 'X', '1'],
      ['2023-02', 'US-OFAC', '0'],
      ['2023-02', 'X', '0'],
    ]);
    expect(rows.filter((r) => r.kind === 'milestone').map((r) => [r.period, r.period_label, r.date])).toEqual([['2023-02', 'Feb 2023', '15 Feb 2023']]);
  });

  it('adds the lifted rows in net mode, after each listed row', () => {
    const rows = parse(chartToCsv(overviewChart(timeline, { ...base, mode: 'net' })), { columns: true }) as Array<Record<string, string>>;
    expect(rows.filter((r) => r.kind === 'lifted' && r.value !== '0').map((r) => [r.period, r.series, r.value])).toEqual([['2023-02', 'X', '2']]);
    expect(rows.slice(0, 2).map((r) => r.kind)).toEqual(['designations', 'lifted']);
  });

  it('adds the net line in net mode: one row per bin, listed minus lifted', () => {
    const rows = parse(chartToCsv(overviewChart(timeline, { ...base, mode: 'net' })), { columns: true }) as Array<Record<string, string>>;
    expect(rows.filter((r) => r.kind === 'net').map((r) => [r.period, r.value])).toEqual([
      ['2023-01', '4'],
      ['2023-02', '-2'],
    ]);
    expect((parse(chartToCsv(newChart), { columns: true }) as Array<Record<string, string>>).some((r) => r.kind === 'net')).toBe(false);
  });

  it('gives a range chart one row per bar: dates, authority, label, state and source', () => {
    const c = entityTimelineChart({
      entity: { id: 'e1', name: 'Shahed =cmd' },
      today: '2026-11-25',
      designations: [
        { id: 'd2', authorityId: 'EU', authorityLabel: 'EU', programs: ['RUS'], listingDate: '2022-10-20', listingDatePrecision: 'DAY', listingDateQualifier: 'EXACT', endDate: null, sourceUrl: 'https://example.org/eu' },
        { id: 'd1', authorityId: 'US-OFAC', authorityLabel: 'US (OFAC)', programs: ['IRAN'], listingDate: '2021-08-18', listingDatePrecision: 'DAY', listingDateQualifier: 'ON_OR_BEFORE', endDate: '2023-01-05', sourceUrl: null },
        { id: 'd3', authorityId: 'UK', authorityLabel: 'UK', programs: [], listingDate: null, listingDatePrecision: null, listingDateQualifier: 'EXACT', endDate: null, sourceUrl: null },
      ],
    });
    const rows = parse(chartToCsv(c), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => [r.kind, r.period, r.period_label, r.series, r.title, r.category, r.source_url])).toEqual([
      ['designation', '2021-08-18/2023-01-05', 'on or before 2021-08-18 – 2023-01-05', 'US-OFAC', 'US (OFAC) · IRAN', 'lifted', ''],
      ['designation', '2022-10-20/', '2022-10-20 – still listed', 'EU', 'EU · RUS', 'listed', 'https://example.org/eu'],
    ]);
    expect(c.subtitle).toContain('Not shown: 1 without a listing date');
    expect(chartToJson(c, new Date()).ranges).toHaveLength(2);
  });

  it('neutralises spreadsheet formulas in names and titles, and quotes what needs it', () => {
    const rows = parse(chartToCsv(newChart), { columns: true }) as Array<Record<string, string>>;
    expect(rows.find((r) => r.series === 'X')?.series_label).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(rows.find((r) => r.kind === 'milestone')?.title).toBe(`'+cmd|" /C calc"!A0 <script>`);
  });

  it('lists a milestone that is not placed on the bins by its slug and code', () => {
    const c = { ...newChart, milestones: [{ ...newChart.milestones[0]!, placement: null }] };
    const rows = parse(chartToCsv(c), { columns: true }) as Array<Record<string, string>>;
    expect(rows.filter((r) => r.kind === 'milestone').map((r) => [r.period, r.period_label, r.series])).toEqual([['m1', 'M07', 'M07']]);
  });
});

describe('chart JSON export', () => {
  it('carries title, filters, source line with the UTC time, and the plotted numbers', () => {
    const json = chartToJson(newChart, new Date('2026-11-25T10:00:00Z'));
    expect(json.subtitle).toContain('counted by listing date');
    expect(json.source).toMatch(/^Sources: .* — generated 2026-11-25T10:00:00\.000Z$/);
    expect(json.points.map((p) => p.values.designations)).toEqual([{ 'US-OFAC': 3, X: 1 }, { 'US-OFAC': 0 }]);
    expect(json.milestones[0]).toMatchObject({ slug: 'm1', code: 'M07', placement: { kind: 'line', bin: '2023-02' } });
  });

  it('carries the net per bin in net mode', () => {
    const json = chartToJson(overviewChart(timeline, { ...base, mode: 'net' }), new Date('2026-11-25T10:00:00Z'));
    expect(json.points.map((p) => p.net)).toEqual([4, -2]);
  });
});

describe('export file names', () => {
  it('keep only safe characters', () => {
    expect(exportFileName('../Over view"\r\n', 'csv', new Date('2026-11-25T00:00:00Z'))).toBe('sanctions-tracker-over-view-2026-11-25.csv');
    expect(exportFileName('שלום', 'svg', new Date('2026-11-25T00:00:00Z'))).toBe('sanctions-tracker-chart-2026-11-25.svg');
  });
});
