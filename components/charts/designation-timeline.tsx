'use client';

// Designation counts per bin by series — stacked bars (new), lines (cumulative) or listed bars up
// and lifted bars down with the net as a line (net) — with milestones as reference lines labelled by
// their stable codes (periods and coarse dates as shaded bands); the labels are laid out so none hides
// another (lib/charts/label-layout.ts, as in the exports). Draws only: data arrives shaped (lib/charts).
// Clicking a bar or point opens the designations behind it; the brush zooms the URL's range.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { Bar, Brush, CartesianGrid, ComposedChart, Legend, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis, useChartWidth, usePlotArea, useXAxisScale } from 'recharts';
import type { TooltipContentProps } from 'recharts';
import { binLabel, binToRange, type Granularity } from '@/lib/charts/binning';
import { MILESTONE_DASH } from '@/lib/charts/colors';
import { milestonesInBin, type PlacedMilestone } from '@/lib/charts/milestones';
import { estimateTextWidth, layoutMarkerLabels } from '@/lib/charts/label-layout';
import type { TimelinePoint } from '@/lib/charts/series';
import type { TimelineSeries } from '@/lib/charts/timeline';
import type { Mode } from '@/lib/validation/dashboard';
import { formatPartialDate } from '@/lib/dates';

type Props = {
  points: TimelinePoint[];
  series: TimelineSeries[];
  milestones: PlacedMilestone[];
  granularity: Granularity;
  mode: Mode;
  yLabel: string;
  /** The view's URL query without drill-down params: clicks and zoom start from it. */
  baseQuery: string;
};

type Row = { bin: string; total: number; liftedTotal: number; net: number } & Record<string, number | string>;
type Hovered = { m: PlacedMilestone; x: number };

// Milestone labels: codes in lanes above the plot (the same geometry as lib/charts/svg.ts).
const MARKER_FONT = 10;
const MARKER_LANE = 17;
const MARKER_PILL = 14;
const chartTop = (lanes: number) => 12 + (lanes ? lanes * MARKER_LANE + 4 : 0);

const listedKey = (i: number) => `v${i}`;
const liftedKey = (i: number) => `l${i}`;

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

type MarkerProps = { milestones: PlacedMilestone[]; onHover: (h: Hovered | null) => void; onOpen: (slug: string) => void; onLanes: (lanes: number) => void };

/**
 * The milestones' code labels, drawn inside the chart from its own x scale: one label per bin listing
 * every code in it, stacked in lanes so that none covers another, each code joined to its marker.
 */
function MilestoneLabels({ milestones, onHover, onOpen, onLanes }: MarkerProps) {
  const xScale = useXAxisScale();
  const plot = usePlotArea();
  const chartWidth = useChartWidth();
  const layout = useMemo(() => {
    if (!xScale || !plot) return null;
    const placed = milestones.flatMap((m) => {
      const x = m.kind === 'line' ? xScale(m.bin, { position: 'middle' }) : (() => {
        const [a, b] = [xScale(m.fromBin, { position: 'start' }), xScale(m.toBin, { position: 'end' })];
        return a === undefined || b === undefined ? undefined : (a + b) / 2;
      })();
      return x === undefined || !Number.isFinite(x) ? [] : [{ m, x }];
    });
    const max = (chartWidth ?? plot.x + plot.width) - 2;
    return { placed, ...layoutMarkerLabels(placed.map((p, i) => ({ id: String(i), x: p.x, width: estimateTextWidth(p.m.code, MARKER_FONT) })), { bounds: { min: 2, max } }) };
  }, [milestones, xScale, plot, chartWidth]);
  const lanes = layout?.lanes ?? 0;
  useEffect(() => onLanes(lanes), [lanes, onLanes]);
  if (!layout || !plot) return null;
  const top = plot.y;
  return (
    <g className="milestone-labels">
      {layout.labels.map((label) => {
        const pillY = top - 4 - MARKER_PILL - label.lane * MARKER_LANE;
        const members = label.members.map((mem) => ({ ...mem, m: layout.placed[Number(mem.id)]!.m }));
        const codes = members.map((mem) => mem.m.code).join(' ');
        return (
          <g key={codes}>
            <g data-milestone-leaders={codes} aria-hidden="true">
              {members.map((mem) => (
                <line key={mem.m.slug} x1={mem.textX} x2={mem.x} y1={pillY + MARKER_PILL} y2={top} stroke="var(--milestone)" strokeWidth={0.8} />
              ))}
            </g>
            <g data-milestone-label={codes} data-lane={label.lane}>
              <rect x={label.left} y={pillY} width={label.right - label.left} height={MARKER_PILL} rx={3} fill="var(--panel)" stroke="var(--milestone)" />
              {members.map(({ m, textX }) => {
                const w = estimateTextWidth(m.code, MARKER_FONT);
                const show = () => onHover({ m, x: textX });
                return (
                  <a
                    key={m.slug}
                    href={`/milestones#${m.slug}`}
                    data-milestone={m.slug}
                    data-code={m.code}
                    aria-label={`Milestone ${m.code}: ${m.title}, ${formatPartialDate(m.date, m.datePrecision)}. Open the milestone.`}
                    onMouseEnter={show}
                    onFocus={show}
                    onMouseLeave={() => onHover(null)}
                    onBlur={() => onHover(null)}
                    onClick={(e) => {
                      e.preventDefault();
                      onOpen(m.slug);
                    }}
                  >
                    {/* A hit area as tall as the label, so a code is easy to point at. */}
                    <rect x={textX - w / 2 - 2} y={pillY} width={w + 4} height={MARKER_PILL} fill="transparent" />
                    <text x={textX} y={pillY + MARKER_PILL - 3.5} textAnchor="middle" fontSize={MARKER_FONT} fill="var(--milestone)">
                      {m.code}
                    </text>
                  </a>
                );
              })}
            </g>
          </g>
        );
      })}
    </g>
  );
}

function TimelineTooltip({ active, label, rows, milestones, granularity, series, mode }: TooltipContentProps<number, string> & { rows: Row[]; milestones: PlacedMilestone[]; granularity: Granularity; series: TimelineSeries[]; mode: Mode }) {
  if (!active || label === undefined) return null;
  const bin = String(label);
  const row = rows.find((r) => r.bin === bin);
  if (!row) return null;
  const here = milestonesInBin(milestones, bin);
  const shown = series.map((s, i) => ({ s, listed: Number(row[listedKey(i)] ?? 0), lifted: -Number(row[liftedKey(i)] ?? 0) })).filter((x) => x.listed !== 0 || x.lifted !== 0);
  return (
    <div className="tooltip">
      <strong>{binLabel(bin, granularity)}</strong>
      <div>
        {mode === 'cumulative' ? 'Designations so far' : mode === 'net' ? 'Listed' : 'Designations'}: {row.total}
        {mode === 'net' ? ` · lifted: ${row.liftedTotal} · net: ${row.net > 0 ? '+' : ''}${row.net}` : ''}
      </div>
      {shown.length ? (
        <ul>
          {shown.map(({ s, listed, lifted }) => (
            <li key={s.key}>
              {s.label}: {listed}
              {mode === 'net' && lifted ? ` (lifted ${lifted})` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="small muted">Click to list the designations.</div>
      {here.length ? (
        <div>
          <em>Milestones</em>
          <ul>
            {here.map((m) => (
              <li key={m.slug}>
                {m.code}: {formatPartialDate(m.date, m.datePrecision)} — {m.title}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

// True once React has hydrated the chart: the server HTML already draws it, but clicks, hovers and
// brush drags only work after hydration (the e2e tests wait on data-interactive).
const noSubscription = () => () => undefined;
function useIsHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}

export function DesignationTimeline({ points, series, milestones, granularity, mode, yLabel, baseQuery }: Props) {
  const isHydrated = useIsHydrated();
  const router = useRouter();
  const [hovered, setHovered] = useState<Hovered | null>(null);
  // Lanes the milestone labels take above the plot (known once the chart has its x scale).
  const [labelLanes, setLabelLanes] = useState(milestones.length ? 1 : 0);
  const top = chartTop(labelLanes);
  const [isPending, startTransition] = useTransition();
  // NOTE: the same milestone hovered then focused (a click) must not re-render the marker between
  // mousedown and mouseup, or the click is lost: same milestone, same state.
  const onHover = useCallback((h: Hovered | null) => setHovered((prev) => (prev?.m.slug === h?.m.slug && prev?.x === h?.x ? prev : h)), []);
  const openMilestone = useCallback((slug: string) => router.push(`/milestones#${slug}`), [router]);
  const rows = useMemo<Row[]>(
    () =>
      points.map((p) => {
        const row: Row = { bin: p.bin, total: p.total, liftedTotal: p.liftedTotal, net: p.net };
        series.forEach((s, i) => {
          row[listedKey(i)] = p.values[s.key] ?? 0;
          if (mode === 'net') row[liftedKey(i)] = -(p.lifted[s.key] ?? 0);
        });
        return row;
      }),
    [points, series, mode],
  );

  const go = (params: Record<string, string | undefined>) => {
    const q = new URLSearchParams(baseQuery);
    for (const [k, v] of Object.entries(params)) {
      q.delete(k);
      if (v !== undefined) q.set(k, v);
    }
    startTransition(() => router.push(`/?${q.toString()}`, { scroll: false }));
  };
  const drill = (bin: string, seriesKey: string | undefined, kind: 'listed' | 'delisted' = 'listed') => go({ bin, series: seriesKey, kind: kind === 'delisted' ? 'delisted' : undefined });
  const zoom = ({ startIndex, endIndex }: { startIndex?: number; endIndex?: number }) => {
    const first = rows[startIndex ?? 0]?.bin;
    const last = rows[endIndex ?? rows.length - 1]?.bin;
    if (!first || !last) return;
    go({ from: binToRange(first, granularity).from, to: binToRange(last, granularity).to });
  };
  // The brush's sliders also move with the arrow keys, which end no drag: commit on key up.
  const frame = useRef<HTMLDivElement>(null);
  const brushRange = useRef<{ startIndex?: number; endIndex?: number } | null>(null);
  const zoomRef = useRef(zoom);
  useEffect(() => {
    zoomRef.current = zoom;
  });
  useEffect(() => {
    const el = frame.current;
    if (!el) return;
    const onKeyUp = (e: KeyboardEvent) => {
      if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && e.target instanceof Element && e.target.closest('.recharts-brush-traveller') && brushRange.current) zoomRef.current(brushRange.current);
    };
    el.addEventListener('keyup', onKeyUp);
    return () => el.removeEventListener('keyup', onKeyUp);
  }, []);

  return (
    <div ref={frame} className="chart-frame" data-testid="designation-timeline" data-interactive={isHydrated} style={{ position: 'relative' }} aria-busy={isPending}>
      <p className="chart-pending small muted" aria-live="polite">
        {isPending ? 'Loading…' : ''}
      </p>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows} margin={{ top, right: 16, bottom: 8, left: 8 }} stackOffset={mode === 'net' ? 'sign' : 'none'}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--line)" />
          <XAxis dataKey="bin" tickFormatter={(b: string) => binLabel(b, granularity)} minTickGap={16} tick={{ fill: 'var(--muted)', fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fill: 'var(--muted)', fontSize: 12 }} label={{ value: yLabel, angle: -90, position: 'insideLeft', fill: 'var(--muted)', fontSize: 12 }} />
          <Tooltip content={(props) => <TimelineTooltip {...(props as TooltipContentProps<number, string>)} rows={rows} milestones={milestones} granularity={granularity} series={series} mode={mode} />} />
          {/* Series in rank order (largest first, Other last), as in the tooltip and the table. */}
          <Legend itemSorter={null} />
          {mode === 'net' ? <ReferenceLine y={0} stroke="var(--muted)" /> : null}
          {milestones.map((m) =>
            m.kind === 'band' ? (
              <ReferenceArea key={m.slug} x1={m.fromBin} x2={m.toBin} fill="var(--milestone)" fillOpacity={0.08} ifOverflow="hidden" />
            ) : null,
          )}
          {mode === 'cumulative'
            ? series.map((s, i) => (
                <Line
                  key={s.key}
                  type="monotone"
                  dataKey={listedKey(i)}
                  name={s.label}
                  stroke={s.color}
                  strokeWidth={2}
                  dot={false}
                  isAnimationActive={false}
                  activeDot={{ r: 5, cursor: 'pointer', onClick: (_e: unknown, d: unknown) => drill(String((d as { payload?: { bin?: string } }).payload?.bin ?? ''), s.key) }}
                />
              ))
            : series.map((s, i) => (
                <Bar key={s.key} dataKey={listedKey(i)} name={s.label} stackId="count" fill={s.color} isAnimationActive={false} cursor="pointer" onClick={(d) => drill(String((d.payload as { bin?: string } | undefined)?.bin ?? ''), s.key)} />
              ))}
          {mode === 'net'
            ? series.map((s, i) => (
                <Bar
                  key={`${s.key}-lifted`}
                  dataKey={liftedKey(i)}
                  name={`${s.label} (lifted)`}
                  legendType="none"
                  stackId="count"
                  fill={s.color}
                  fillOpacity={0.45}
                  isAnimationActive={false}
                  cursor="pointer"
                  onClick={(d) => drill(String((d.payload as { bin?: string } | undefined)?.bin ?? ''), s.key, 'delisted')}
                />
              ))
            : null}
          {mode === 'net' ? <Line type="linear" dataKey="net" name="Net (listed − lifted)" stroke="var(--ink)" strokeWidth={2} dot={false} isAnimationActive={false} /> : null}
          {milestones.map((m) =>
            m.kind === 'line' ? (
              <ReferenceLine key={m.slug} x={m.bin} stroke="var(--milestone)" strokeDasharray={MILESTONE_DASH[m.category] ?? '4 4'} ifOverflow="hidden" />
            ) : null,
          )}
          <MilestoneLabels milestones={milestones} onHover={onHover} onOpen={openMilestone} onLanes={setLabelLanes} />
          {rows.length > 2 ? <Brush dataKey="bin" height={22} stroke="var(--muted)" fill="var(--panel)" tickFormatter={(b: string) => binLabel(b, granularity)} onChange={(r) => (brushRange.current = r)} onDragEnd={zoom} /> : null}
        </ComposedChart>
      </ResponsiveContainer>
      {hovered ? (
        <div className="tooltip milestone-popover" role="status" style={{ position: 'absolute', top: top + 12, left: Math.max(0, hovered.x - 40) }}>
          <strong>
            {hovered.m.code}: {hovered.m.title}
          </strong>
          <div>
            {formatPartialDate(hovered.m.date, hovered.m.datePrecision)}
            {hovered.m.endDate ? ` – ${formatPartialDate(hovered.m.endDate, hovered.m.endDatePrecision)}` : ''} · {hovered.m.category.toLowerCase()}
          </div>
          <div className="small muted">Source: {hostOf(hovered.m.sourceUrl)} · click to open</div>
        </div>
      ) : null}
    </div>
  );
}
