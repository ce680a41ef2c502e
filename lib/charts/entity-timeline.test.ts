import { describe, expect, it } from 'vitest';
import { buildEntityTimeline, type TimelineDesignation } from './entity-timeline';

const d = (over: Partial<TimelineDesignation>): TimelineDesignation => ({
  id: 'x',
  authorityId: 'US-OFAC',
  authorityLabel: 'OFAC',
  programs: [],
  listingDate: '2022-11-15',
  listingDatePrecision: 'DAY',
  listingDateQualifier: 'EXACT',
  endDate: null,
  ...over,
});

describe('buildEntityTimeline', () => {
  it('draws active designations to today, lifted ones to their end, oldest first', () => {
    const t = buildEntityTimeline(
      [
        d({ id: 'b', authorityId: 'EU', authorityLabel: 'EU', listingDate: '2023-01-01', endDate: '2023-01-11' }),
        d({ id: 'a', programs: ['NPWMD', 'IFSR'], listingDate: '2021-08-18', listingDateQualifier: 'ON_OR_BEFORE' }),
        d({ id: 'c', listingDate: null }),
      ],
      '2024-01-01',
    );
    expect(t.rows.map((r) => [r.id, r.label, r.isLifted, r.isOnOrBefore])).toEqual([
      ['a', 'OFAC · NPWMD, IFSR', false, true],
      ['b', 'EU', true, false],
    ]);
    expect(t.rows[0]!.range).toEqual([Date.UTC(2021, 7, 18), Date.UTC(2024, 0, 1)]);
    expect(t.rows[1]!.range[1] - t.rows[1]!.range[0]).toBe(10 * 86_400_000);
    expect(t.undated).toBe(1);
    expect(t.domain).toEqual([Date.UTC(2021, 7, 18), Date.UTC(2024, 0, 1)]);
  });

  it('has no domain without dated designations', () => {
    expect(buildEntityTimeline([d({ listingDate: null })], '2024-01-01')).toEqual({ rows: [], undated: 1, domain: null });
  });
});
