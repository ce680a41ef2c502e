import { describe, expect, it } from 'vitest';
import { kpiScope } from './kpis';
import { parseDashboardQuery } from '../validation/dashboard';
import { searchParamsToObject } from '../validation/search-params';

const scope = (qs: string) => {
  const { query, problems } = parseDashboardQuery(searchParamsToObject(new URLSearchParams(qs)));
  expect(problems).toEqual([]);
  return kpiScope(query);
};

describe('kpiScope', () => {
  it('counts everything held for the default view and display-only settings', () => {
    expect(scope('')).toEqual({ isFiltered: false });
    expect(scope('split=program&granularity=month&mode=net&top=5&ukcarry=earlier&basis=start')).toEqual({ isFiltered: false });
    expect(scope('from=2015-01')).toEqual({ isFiltered: false });
  });
  it('follows every filter', () => {
    for (const qs of ['authority=EU', 'program=US-OFAC:IRAN', 'case=iran-drones', 'weapon=shahed-136', 'role=MANUFACTURER', 'schema=Person', 'country=ir', 'q=shahed', 'ukcarry=exclude']) {
      expect([qs, scope(qs)]).toEqual([qs, { isFiltered: true }]);
    }
  });
  it('follows a date range other than the default', () => {
    expect(scope('from=2022&to=2023')).toEqual({ isFiltered: true });
    expect(scope('to=2020')).toEqual({ isFiltered: true });
    expect(scope('from=2000')).toEqual({ isFiltered: true });
  });
});
