import 'server-only';
// Computing a frozen view's snapshot (lib/saved-views/snapshot.ts): the same data functions and
// shaping as the overview page, its export and GET /api/v1/series, called once at freezing.
import type { Principal } from '../../auth/permissions';
import { authorize } from '../../auth/verified';
import { overviewChart } from '../../charts/chart-data';
import { AppError } from '../../errors';
import { NOT_FREEZABLE, SNAPSHOT_VERSION, frozenChartOf, type ViewSnapshot } from '../../saved-views/snapshot';
import { parseDashboardQuery } from '../../validation/dashboard';
import { searchParamsToObject } from '../../validation/search-params';
import { getCoverage, getDesignationCountsJson, getKpis } from '../metrics';
import { getOverviewTimeline } from '../overview';
import { getDataAsOf } from '../sources/data-as-of';

export async function computeViewSnapshot(viewer: Principal, view: { path: string; query: string }, now: Date): Promise<ViewSnapshot> {
  authorize(viewer, 'data:read');
  const chart = frozenChartOf(view.path);
  if (!chart) throw new AppError('UNPROCESSABLE', NOT_FREEZABLE);
  // The page's forgiving parser: a view opens as its page shows it, so it freezes that way too.
  const { query } = parseDashboardQuery(searchParamsToObject(new URLSearchParams(view.query)));
  const [timeline, kpis, coverage, seriesJson, asOf] = await Promise.all([
    getOverviewTimeline(viewer, query, now),
    getKpis(viewer, query),
    getCoverage(viewer, query),
    getDesignationCountsJson(viewer, query),
    getDataAsOf(viewer),
  ]);
  // JSON round trip: what is stored is exactly what is read back (no Date or undefined in it).
  return JSON.parse(
    JSON.stringify({
      version: SNAPSHOT_VERSION,
      chart,
      query: view.query,
      frozenAt: now.toISOString(),
      asOf,
      timeline,
      chartData: overviewChart(timeline, query),
      kpis,
      coverage,
      series: JSON.parse(seriesJson) as ViewSnapshot['series'],
    } satisfies ViewSnapshot),
  ) as ViewSnapshot;
}
