import { describe, expect, it } from 'vitest';
import { chartRows, lagChart, programQuarterChart, windowsChart } from './chart-data';
import { windowBounds } from './windows';

describe('programQuarterChart', () => {
  const chart = programQuarterChart({
    program: { slug: 'x', name: 'Shahed <136> & "Geran"' },
    quarters: [
      { bin: '2022-Q4', authority: 'US-OFAC', count: 2 },
      { bin: '2023-Q2', authority: 'EU', count: 3 },
      { bin: '2023-Q2', authority: 'US-OFAC', count: 1 },
    ],
    unplaced: 4,
    matrix: [{ authority: 'UK' }],
    designating: [
      { id: 'EU', shortName: 'EU' },
      { id: 'US-OFAC', shortName: 'US (OFAC)' },
    ],
  });

  it('zero-fills every quarter from the first to the last, with a series per authority that has designations', () => {
    expect(chart.bins).toEqual([
      { key: '2022-Q4', label: '2022 Q4' },
      { key: '2023-Q1', label: '2023 Q1' },
      { key: '2023-Q2', label: '2023 Q2' },
    ]);
    expect(chart.series.map((s) => [s.key, s.label])).toEqual([
      ['EU', 'EU'],
      ['US-OFAC', 'US (OFAC)'],
    ]);
    expect(chart.layers[0]!.values).toEqual([{ EU: 0, 'US-OFAC': 2 }, { EU: 0, 'US-OFAC': 0 }, { EU: 3, 'US-OFAC': 1 }]);
    expect(chartRows(chart)[2]).toEqual({ bin: '2023-Q2', label: '2023 Q2', EU: 3, 'US-OFAC': 1 });
  });

  it('names the program in the title and says what is left out', () => {
    expect(chart.title).toBe('Designations of Shahed <136> & "Geran"’s participants per quarter');
    expect(chart.subtitle).toContain('Not shown: 4 listed');
  });
});

describe('lagChart', () => {
  it('bins exact lags per bucket and following authority, every bucket present', () => {
    const chart = lagChart({
      authorities: ['EU', 'UK', 'US-OFAC'],
      names: { EU: 'EU', UK: 'UK', 'US-OFAC': 'US (OFAC)' },
      programName: 'Shahed-136',
      samples: [
        { follower: 'EU', days: 0, count: 2 },
        { follower: 'EU', days: 46, count: 1 },
        { follower: 'UK', days: 800, count: 5 },
      ],
    });
    expect(chart.series.map((s) => s.key)).toEqual(['EU', 'UK']);
    expect(chart.bins).toHaveLength(8);
    expect(chart.layers[0]!.values[0]).toEqual({ EU: 2, UK: 0 });
    expect(chart.layers[0]!.values[3]).toEqual({ EU: 1, UK: 0 });
    expect(chart.layers[0]!.values[7]).toEqual({ EU: 0, UK: 5 });
    expect(chart.subtitle).toContain('Participants in Shahed-136 listed by two or more of EU, UK, US (OFAC)');
  });
});

describe('windowsChart', () => {
  const ms = (id: string, date: string) => {
    const base = { date, datePrecision: 'DAY' as const, endDate: null, endDatePrecision: null };
    return { id, slug: id, code: id === 'old' ? 'M03' : 'M08', title: `Milestone ${id}`, category: 'DIPLOMATIC', sourceUrl: 'https://example.org', ...base, bounds: windowBounds(base, 30) };
  };
  const chart = windowsChart({
    days: 30,
    authorities: [
      { id: 'EU', shortName: 'EU' },
      { id: 'UK', shortName: 'UK' },
    ],
    milestones: [ms('old', '2015-07-14'), ms('new', '2022-02-24')],
    rows: [
      { milestoneId: 'new', authority: 'EU', before: 3, during: 1, after: 9 },
      { milestoneId: 'new', authority: 'UK', before: 0, during: 0, after: 4 },
      { milestoneId: 'old', authority: 'EU', before: 0, during: 0, after: 0 },
    ],
    dataStart: { EU: '2021-08-19', UK: '2021-08-19' },
  });

  it('charts only milestones the data reaches, by their stored codes as in the table, before below zero and after above', () => {
    expect(chart.bins).toEqual([{ key: 'new', label: 'M08' }]);
    expect(chart.milestones.map((m) => [m.code, m.title, m.dateLabel, m.placement])).toEqual([['M08', 'Milestone new', '24 Feb 2022', null]]);
    expect(chart.layers.map((l) => [l.kind, l.sign, l.values])).toEqual([
      ['before', -1, [{ EU: 3, UK: 0 }]],
      ['after', 1, [{ EU: 9, UK: 4 }]],
    ]);
    expect(chart.summaries).toHaveLength(2);
    expect(chart.chartedIndexes).toEqual([1]);
  });
});
