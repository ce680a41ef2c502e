'use client';

// Milestone windows as a butterfly chart: designations in the N days before a milestone drawn to the
// left of zero, those after it to the right, stacked by authority. Draws only (lib/charts/windows.ts).
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartSeries } from './lag-histogram';

export type ButterflyRow = { label: string } & Record<string, number | string>;

const abs = (v: unknown) => Math.abs(Number(v));

export function WindowButterfly({ data, series, days }: { data: ButterflyRow[]; series: ChartSeries[]; days: number }) {
  const height = Math.max(240, data.length * 34 + 80);
  return (
    <div style={{ width: '100%', height }} data-testid="window-chart" role="img" aria-label={`Designations in the ${days} days before (left) and after (right) each milestone; the same numbers are in the table below.`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" stackOffset="sign" margin={{ top: 8, right: 24, bottom: 24, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="var(--line)" />
          <XAxis type="number" allowDecimals={false} tickFormatter={(v: number) => String(abs(v))} tick={{ fill: 'var(--muted)', fontSize: 12 }} label={{ value: `← before · designations · after →`, position: 'insideBottom', offset: -16, fill: 'var(--muted)', fontSize: 12 }} />
          <YAxis type="category" dataKey="label" width={260} tick={{ fill: 'var(--ink)', fontSize: 12 }} interval={0} />
          <Tooltip formatter={(v, name) => [abs(v), String(name)]} contentStyle={{ background: 'var(--panel)', border: '1px solid var(--line)' }} />
          <Legend verticalAlign="top" />
          <ReferenceLine x={0} stroke="var(--milestone)" />
          {series.map((s) => (
            <Bar key={`b-${s.key}`} dataKey={`before:${s.key}`} name={`${s.label} before`} stackId="w" fill={s.color} fillOpacity={0.55} isAnimationActive={false} legendType="none" />
          ))}
          {series.map((s) => (
            <Bar key={`a-${s.key}`} dataKey={`after:${s.key}`} name={s.label} stackId="w" fill={s.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
