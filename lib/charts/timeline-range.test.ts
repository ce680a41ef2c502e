// The chart's bins cover the whole date range the SQL counts (issue 26: a year-precision "to" is the
// whole year — the drone case's 2023 Q2–Q4 were counted but not drawn).
import { describe, expect, it } from 'vitest';
import { buildTimeline } from './timeline';
import { parseDashboardQuery } from '../validation/dashboard';

const bins = (params: Record<string, string>) => {
  const { query } = parseDashboardQuery(params);
  return buildTimeline({ query, ranking: { keys: [], hasOther: false }, listed: [], lifted: [], milestones: [], lookups: { authorities: [], programs: [], weapons: [], cases: [] }, today: new Date('2026-12-07') }).bins;
};

describe('the bins of a date range', () => {
  it('end with the bin of the range’s last day', () => {
    expect(bins({ from: '2022', to: '2023', granularity: 'quarter' })).toEqual(['2022-Q1', '2022-Q2', '2022-Q3', '2022-Q4', '2023-Q1', '2023-Q2', '2023-Q3', '2023-Q4']);
    expect(bins({ from: '2022-11', to: '2023-02', granularity: 'month' })).toEqual(['2022-11', '2022-12', '2023-01', '2023-02']);
    expect(bins({ from: '2021', to: '2022', granularity: 'year' })).toEqual(['2021', '2022']);
  });
  it('end today without a "to"', () => {
    expect(bins({ from: '2026-10', granularity: 'month' })).toEqual(['2026-10', '2026-11', '2026-12']);
  });
});
