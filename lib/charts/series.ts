// Shaping the overview's SQL aggregates into chart points: top-N series, zero-filled bins,
// cumulative and net series. Pure and unit-tested (series.test.ts); the counting is SQL's.

/** One SQL row: designations in a bin and series; `series: null` is the bin's distinct total. */
export type AggregateRow = { bin: string; series: string | null; count: number };

export type TimelinePoint = {
  bin: string;
  /** Designations per series (listed in the bin; running totals in cumulative mode). */
  values: Record<string, number>;
  /** Distinct designations in the bin: a designation under two programs counts once here. */
  total: number;
  /** Net mode: designations lifted in the bin, per series (positive numbers, drawn below zero). */
  lifted: Record<string, number>;
  liftedTotal: number;
  /** total − liftedTotal. */
  net: number;
};

/**
 * The series to draw: the `top` largest keys (ties by key, so the choice is stable across
 * requests), the rest folded into "Other". Returns the keys kept, largest first.
 */
export function rankSeries(counts: Array<{ key: string; count: number }>, top: number): { keys: string[]; hasOther: boolean } {
  const merged = new Map<string, number>();
  for (const c of counts) merged.set(c.key, (merged.get(c.key) ?? 0) + c.count);
  const sorted = [...merged].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  if (sorted.length <= top) return { keys: sorted.map(([k]) => k), hasOther: false };
  return { keys: sorted.slice(0, top).map(([k]) => k), hasOther: true };
}

/**
 * A count per bin and set of dimension values: the designations of a bin that have exactly these
 * values (one for a single-valued dimension such as the authority; a designation's programs or its
 * entity's countries for a multi-valued one). A designation is in one cell, so every sum is exact.
 */
export type AggregateCell = { bin: string; keys: string[]; count: number };

/** The series to draw from cells: each value counts the designations that have it (rankSeries). */
export function rankCells(cells: AggregateCell[], top: number): { keys: string[]; hasOther: boolean } {
  // Cells that share their keys array (a set rollup's cells of one set: lib/db/metrics.ts) are
  // summed before the keys are taken apart — by program since 2020 at 1M designations, 48k cells of
  // 2,600 sets.
  const perKeys = new Map<string[], number>();
  for (const c of cells) perKeys.set(c.keys, (perKeys.get(c.keys) ?? 0) + c.count);
  return rankSeries([...perKeys].flatMap(([keys, count]) => keys.map((key) => ({ key, count }))), top);
}

/**
 * Rows per bin and series (kept keys, the rest summed into `otherKey`) and per bin overall
 * (`series: null`). A cell counts once in each of its series and once in "Other" however many of
 * its values fold there, and once in the bin's total — as SQL's count(DISTINCT designation) does.
 * Ordered as the SQL aggregate orders them (bin, then series with the total first, by code point:
 * COLLATE "C"), so both give identical rows. Zero sums are left out, as SQL's HAVING does.
 */
export function foldCells(cells: AggregateCell[], keys: string[], otherKey: string): AggregateRow[] {
  const kept = new Set(keys);
  const sums = new Map<string, Map<string | null, number>>();
  // A cell's series, once per keys array (cells of one set share theirs, as in rankCells).
  const seriesOf = new Map<string[], string[]>();
  for (const c of cells) {
    const bin = sums.get(c.bin) ?? sums.set(c.bin, new Map()).get(c.bin)!;
    let cellSeries = seriesOf.get(c.keys);
    if (!cellSeries) seriesOf.set(c.keys, (cellSeries = [...new Set(c.keys.map((k) => (kept.has(k) ? k : otherKey)))]));
    for (const series of cellSeries) bin.set(series, (bin.get(series) ?? 0) + c.count);
    bin.set(null, (bin.get(null) ?? 0) + c.count);
  }
  const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const rows: AggregateRow[] = [];
  for (const bin of [...sums.keys()].sort(byCodePoint)) {
    const bySeries = sums.get(bin)!;
    const series = [...bySeries.keys()].filter((k): k is string => k !== null).sort(byCodePoint);
    for (const k of [null, ...series]) {
      const count = bySeries.get(k) ?? 0;
      if (count > 0) rows.push({ bin, series: k, count });
    }
  }
  return rows;
}

/** Zero-filled points for every bin, from listed (and, in net mode, lifted) rows; other bins and series are dropped. */
export function buildPoints(bins: string[], seriesKeys: string[], listed: AggregateRow[], lifted: AggregateRow[] = []): TimelinePoint[] {
  const byBin = new Map<string, TimelinePoint>();
  for (const bin of bins) {
    byBin.set(bin, {
      bin,
      values: Object.fromEntries(seriesKeys.map((k) => [k, 0])),
      total: 0,
      lifted: Object.fromEntries(seriesKeys.map((k) => [k, 0])),
      liftedTotal: 0,
      net: 0,
    });
  }
  const add = (rows: AggregateRow[], into: 'values' | 'lifted') => {
    for (const r of rows) {
      const p = byBin.get(r.bin);
      if (!p) continue;
      if (r.series === null) {
        if (into === 'values') p.total += r.count;
        else p.liftedTotal += r.count;
      } else if (r.series in p[into]) {
        p[into][r.series] = (p[into][r.series] ?? 0) + r.count;
      }
    }
  };
  add(listed, 'values');
  add(lifted, 'lifted');
  return bins.map((b) => {
    const p = byBin.get(b) as TimelinePoint;
    return { ...p, net: p.total - p.liftedTotal };
  });
}

/** Running totals per series and overall, from the first bin shown. */
export function cumulatePoints(points: TimelinePoint[]): TimelinePoint[] {
  const values: Record<string, number> = {};
  const lifted: Record<string, number> = {};
  let total = 0;
  let liftedTotal = 0;
  return points.map((p) => {
    for (const [k, n] of Object.entries(p.values)) values[k] = (values[k] ?? 0) + n;
    for (const [k, n] of Object.entries(p.lifted)) lifted[k] = (lifted[k] ?? 0) + n;
    total += p.total;
    liftedTotal += p.liftedTotal;
    return { bin: p.bin, values: { ...values }, total, lifted: { ...lifted }, liftedTotal, net: total - liftedTotal };
  });
}

/**
 * Net mode: listings minus liftings per series and bin (a series' net can be negative), and the
 * running net change of active designations since the first bin shown.
 */
export function netSeries(points: TimelinePoint[]): Array<{ bin: string; net: Record<string, number>; netTotal: number; runningNet: number }> {
  let running = 0;
  return points.map((p) => {
    running += p.net;
    const keys = new Set([...Object.keys(p.values), ...Object.keys(p.lifted)]);
    return { bin: p.bin, net: Object.fromEntries([...keys].map((k) => [k, (p.values[k] ?? 0) - (p.lifted[k] ?? 0)])), netTotal: p.net, runningNet: running };
  });
}
