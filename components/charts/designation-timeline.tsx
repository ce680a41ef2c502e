'use client';

// Designation counts per bin, stacked by series, with milestones as numbered reference lines
// (periods and coarse dates as shaded bands). Draws only: data arrives shaped (lib/charts).
import { Bar, BarChart, CartesianGrid, Legend, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TooltipContentProps } from 'recharts';
import { binLabel, type Granularity, type SeriesPoint } from '@/lib/charts/binning';
import { MILESTONE_DASH } from '@/lib/charts/colors';
import { milestonesInBin, type PlacedMilestone } from '@/lib/charts/milestones';
import { formatPartialDate } from '@/lib/dates';

export type SeriesDef = { key: string; label: string; color: string };

type Props = {
  data: SeriesPoint[];
  series: SeriesDef[];
  milestones: PlacedMilestone[];
  granularity: Granularity;
  yLabel: string;
};

type LabelViewBox = { x?: number; y?: number; width?: number; height?: number };

function MilestoneMarker({ viewBox, n, m }: { viewBox?: LabelViewBox; n: number; m: PlacedMilestone }) {
  const x = (viewBox?.x ?? 0) + (m.kind === 'band' ? (viewBox?.width ?? 0) / 2 : 0);
  const y = (viewBox?.y ?? 0) + 10;
  return (
    <g data-milestone={m.slug} aria-label={`Milestone ${n}: ${m.title}`}>
      <title>{`${n}. ${formatPartialDate(m.date, m.datePrecision)} — ${m.title}`}</title>
      <circle cx={x} cy={y} r={9} fill="var(--panel)" stroke="var(--milestone)" />
      <text x={x} y={y + 4} textAnchor="middle" fontSize={10} fill="var(--milestone)">
        {n}
      </text>
    </g>
  );
}

function TimelineTooltip({ active, payload, label, milestones, granularity, series }: TooltipContentProps<number, string> & { milestones: PlacedMilestone[]; granularity: Granularity; series: SeriesDef[] }) {
  if (!active || label === undefined) return null;
  const bin = String(label);
  const rows = (payload ?? []).filter((p) => Number(p.value) !== 0);
  const total = rows.reduce((n, p) => n + Number(p.value ?? 0), 0);
  const here = milestonesInBin(milestones, bin);
  return (
    <div className="tooltip">
      <strong>{binLabel(bin, granularity)}</strong>
      <div>Total: {total}</div>
      {rows.length ? (
        <ul>
          {rows.map((p) => (
            <li key={String(p.dataKey)}>
              {series.find((s) => s.key === p.dataKey)?.label ?? String(p.dataKey)}: {String(p.value)}
            </li>
          ))}
        </ul>
      ) : null}
      {here.length ? (
        <div>
          <em>Milestones</em>
          <ul>
            {here.map((m) => (
              <li key={m.slug}>
                {formatPartialDate(m.date, m.datePrecision)} — {m.title}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

export function DesignationTimeline({ data, series, milestones, granularity, yLabel }: Props) {
  return (
    <div className="chart-frame" data-testid="designation-timeline">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 24, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--line)" />
          <XAxis dataKey="bin" tickFormatter={(b: string) => binLabel(b, granularity)} minTickGap={16} tick={{ fill: 'var(--muted)', fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fill: 'var(--muted)', fontSize: 12 }} label={{ value: yLabel, angle: -90, position: 'insideLeft', fill: 'var(--muted)', fontSize: 12 }} />
          <Tooltip content={(props) => <TimelineTooltip {...(props as TooltipContentProps<number, string>)} milestones={milestones} granularity={granularity} series={series} />} />
          <Legend />
          {milestones.map((m, i) =>
            m.kind === 'band' ? (
              <ReferenceArea key={m.slug} x1={m.fromBin} x2={m.toBin} fill="var(--milestone)" fillOpacity={0.08} ifOverflow="hidden" label={(p: { viewBox?: LabelViewBox }) => <MilestoneMarker viewBox={p.viewBox} n={i + 1} m={m} />} />
            ) : null,
          )}
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId="count" fill={s.color} isAnimationActive={false} />
          ))}
          {milestones.map((m, i) =>
            m.kind === 'line' ? (
              <ReferenceLine key={m.slug} x={m.bin} stroke="var(--milestone)" strokeDasharray={MILESTONE_DASH[m.category] ?? '4 4'} ifOverflow="hidden" label={(p: { viewBox?: LabelViewBox }) => <MilestoneMarker viewBox={p.viewBox} n={i + 1} m={m} />} />
            ) : null,
          )}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
