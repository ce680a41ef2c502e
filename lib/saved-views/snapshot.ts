// A frozen saved view (issue 26): the numbers of a view as they were when its owner froze it — the
// chart's series (as drawn and as exported), the KPIs, the coverage note's counts, the read API's
// /series answer and the data's as-of. Stored as JSON in saved_view.snapshot; the view's page, its
// exports and GET /api/v1/views/{id} read it back instead of querying, so they never change.
import { z } from 'zod';
import type { ChartData } from '../charts/chart-data';
import type { Timeline } from '../charts/timeline';
import type { Coverage, Kpis } from '../db/metrics';
import type { DataAsOf } from '../sources/data-as-of';

export const SNAPSHOT_VERSION = 1;

/** The pages whose views can be frozen, and the chart each stores. The overview only, for now. */
export const FREEZABLE = [{ path: '/', chart: 'overview' }] as const;
export type FrozenChart = (typeof FREEZABLE)[number]['chart'];

export function frozenChartOf(path: string): FrozenChart | null {
  return FREEZABLE.find((f) => f.path === path)?.chart ?? null;
}

export const NOT_FREEZABLE = 'Only views of the overview can be frozen (their chart, key figures and data as-of are stored); this view stays live.';

export type ViewSnapshot = {
  version: typeof SNAPSHOT_VERSION;
  chart: FrozenChart;
  /** The view's query string when frozen (a view's query never changes; kept so the snapshot stands alone). */
  query: string;
  frozenAt: string;
  asOf: DataAsOf;
  timeline: Timeline;
  chartData: ChartData;
  kpis: Kpis;
  coverage: Coverage;
  /** The read API's /series body for the query at freezing: `{ query, rows }`. */
  series: { query: Record<string, unknown>; rows: Array<{ bin: string; series: string; count: number }> };
};

// A shape check, not a full schema: the snapshot was written by this code; this refuses a row that
// was not (a different version, a hand edit) rather than drawing garbage.
const snapshotShape = z.looseObject({
  version: z.literal(SNAPSHOT_VERSION),
  chart: z.enum(FREEZABLE.map((f) => f.chart)),
  query: z.string(),
  frozenAt: z.string(),
  asOf: z.looseObject({ lists: z.array(z.looseObject({ label: z.string(), editionDate: z.string() })), label: z.string() }),
  timeline: z.looseObject({ points: z.array(z.unknown()), series: z.array(z.unknown()), bins: z.array(z.string()), title: z.string(), subtitle: z.string() }),
  chartData: z.looseObject({ chart: z.string(), bins: z.array(z.unknown()), series: z.array(z.unknown()), layers: z.array(z.unknown()) }),
  kpis: z.looseObject({ byAuthority: z.array(z.unknown()) }),
  coverage: z.looseObject({ total: z.number() }),
  series: z.looseObject({ query: z.record(z.string(), z.unknown()), rows: z.array(z.looseObject({ bin: z.string(), series: z.string(), count: z.number() })) }),
});

/** The stored snapshot, or null when there is none or it is not one this code wrote. */
export function readViewSnapshot(json: unknown): ViewSnapshot | null {
  if (json === null || json === undefined) return null;
  return snapshotShape.safeParse(json).success ? (json as ViewSnapshot) : null;
}

/** "Frozen on 2026-12-07 14:03 UTC" */
export function frozenLabel(frozenAt: string): string {
  return `Frozen on ${frozenAt.slice(0, 16).replace('T', ' ')} UTC`;
}
