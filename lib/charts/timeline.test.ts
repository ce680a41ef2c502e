import { describe, expect, it } from 'vitest';
import { programLabel } from '../programs/registry';
import { buildTimeline, countryLabel, roleLabel, seriesLabel, type SeriesLookups } from './timeline';
import type { MilestoneInput } from './milestones';
import { parseDashboardQuery } from '../validation/dashboard';

const lookups: SeriesLookups = {
  authorities: [
    { id: 'US-OFAC', shortName: 'US (OFAC)' },
    { id: 'EU', shortName: 'EU' },
  ],
  programs: [{ key: 'US-OFAC:NPWMD', code: 'NPWMD', authorityId: 'US-OFAC', label: programLabel({ authorityId: 'US-OFAC', code: 'NPWMD', title: 'Non-proliferation of weapons of mass destruction' }) }],
  weapons: [{ slug: 'shahed-136', name: 'Shahed-136' }],
  cases: [{ slug: 'iran-drones', title: 'Iran drones 2022–23' }],
};

const milestone = (slug: string, date: string, category: string): MilestoneInput => ({ id: slug, slug, code: `M-${slug}`, date, datePrecision: 'DAY', endDate: null, endDatePrecision: null, title: slug, category, sourceUrl: 'https://example.org/' });

const q = (params: Record<string, string | string[]>) => parseDashboardQuery(params).query;

describe('series labels', () => {
  it('names series for people', () => {
    expect(seriesLabel('authority', 'US-OFAC', lookups)).toBe('US (OFAC)');
    expect(seriesLabel('program', 'US-OFAC:NPWMD', lookups)).toBe('US — Non-proliferation of weapons of mass destruction (NPWMD)');
    expect(seriesLabel('weapon', 'shahed-136', lookups)).toBe('Shahed-136');
    expect(seriesLabel('weapon', '__none__', lookups)).toBe('Not linked to a weapons program');
    expect(seriesLabel('country', '__other__', lookups)).toBe('Other');
    expect(roleLabel('PROCUREMENT_AGENT')).toBe('Procurement agent');
    expect(countryLabel('ir')).toBe('Iran (IR)');
    expect(countryLabel('suhh')).toBe('SUHH');
    expect(seriesLabel('case', 'iran-drones', lookups)).toBe('Iran drones 2022–23');
    expect(seriesLabel('case', '__none__', lookups)).toBe('In no case');
  });

  it('says exactly what a case or a weapons-program filter counts', () => {
    const base = { ranking: { keys: [], hasOther: false }, listed: [], lifted: [], milestones: [], lookups, today: new Date('2024-01-01T00:00:00Z') };
    const byCase = buildTimeline({ ...base, query: q({ case: 'iran-drones', from: '2022', to: '2023' }) });
    expect(byCase.subtitle).toContain('the “Iran drones 2022–23” case (the listings its curated actions name)');
    const byWeapon = buildTimeline({ ...base, query: q({ weapon: 'shahed-136', from: '2022', to: '2023' }) });
    expect(byWeapon.subtitle).toContain('entities recorded as Shahed-136 participants');
    expect(byWeapon.subtitle).not.toContain('case');
  });
});

describe('buildTimeline', () => {
  const listed = [
    { bin: '2022-Q4', series: null, count: 3 },
    { bin: '2022-Q4', series: 'US-OFAC', count: 2 },
    { bin: '2022-Q4', series: '__other__', count: 1 },
    { bin: '2023-Q2', series: null, count: 1 },
    { bin: '2023-Q2', series: 'US-OFAC', count: 1 },
  ];
  const milestones = [milestone('invasion', '2022-02-24', 'MILITARY'), milestone('talks', '2022-11-15', 'NUCLEAR')];

  it('bins the range, keeps the ranked series plus Other, and titles the chart with its settings', () => {
    const t = buildTimeline({ query: q({ from: '2022', to: '2023-06', authority: 'US-OFAC' }), ranking: { keys: ['US-OFAC'], hasOther: true }, listed, lifted: [], milestones, lookups, today: new Date('2024-01-01') });
    expect(t.bins).toEqual(['2022-Q1', '2022-Q2', '2022-Q3', '2022-Q4', '2023-Q1', '2023-Q2']);
    expect(t.series.map((s) => [s.key, s.label])).toEqual([
      ['US-OFAC', 'US (OFAC)'],
      ['__other__', 'Other'],
    ]);
    expect(t.total).toBe(4);
    expect(t.title).toBe('New designations per quarter, by authority');
    expect(t.subtitle).toBe('US (OFAC); 2022 – Jun 2023; counted by listing date');
    expect(t.milestones.map((m) => m.slug)).toEqual(['invasion', 'talks']);
    expect(t.isMultiValued).toBe(false);
  });

  it('runs totals in cumulative mode and hides the milestone categories asked', () => {
    const t = buildTimeline({ query: q({ from: '2022', to: '2023-06', mode: 'cumulative', split: 'program', mhide: 'MILITARY' }), ranking: { keys: ['US-OFAC'], hasOther: true }, listed, lifted: [], milestones, lookups, today: new Date('2024-01-01') });
    expect(t.points.map((p) => p.total)).toEqual([0, 0, 0, 3, 3, 4]);
    expect(t.milestones.map((m) => m.slug)).toEqual(['talks']);
    expect(t.title).toBe('Cumulative designations per quarter, by sanctions program');
    expect(t.isMultiValued).toBe(true);
  });

  it('counts listings and liftings in net mode', () => {
    const lifted = [
      { bin: '2023-Q1', series: null, count: 2 },
      { bin: '2023-Q1', series: 'US-OFAC', count: 2 },
    ];
    const t = buildTimeline({ query: q({ from: '2022', to: '2023-06', mode: 'net' }), ranking: { keys: ['US-OFAC'], hasOther: true }, listed, lifted, milestones: [], lookups, today: new Date('2024-01-01') });
    expect(t.points.map((p) => p.net)).toEqual([0, 0, 0, 3, -2, 1]);
    expect(t.total).toBe(6);
    expect(t.subtitle).toContain('(lifted: by end date)');
  });
});
