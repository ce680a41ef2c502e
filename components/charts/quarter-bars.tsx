'use client';

// Designations per quarter, stacked by authority (a weapons program's participants). Draws only.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SeriesPoint } from '@/lib/charts/binning';
import type { ChartSeries } from './lag-histogram';

export function QuarterBars({ data, series }: { data: SeriesPoint[]; series: ChartSeries[] }) {
  return (
    <div className="chart-small" data-testid="program-timeline" role="img" aria-label="Designations per quarter by authority; the same numbers are in the table below.">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--line)" />
          <XAxis dataKey="bin" tickFormatter={(b: string) => b.replace('-', ' ')} minTickGap={12} tick={{ fill: 'var(--muted)', fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fill: 'var(--muted)', fontSize: 12 }} label={{ value: 'Designations', angle: -90, position: 'insideLeft', fill: 'var(--muted)', fontSize: 12 }} />
          <Tooltip contentStyle={{ background: 'var(--panel)', border: '1px solid var(--line)' }} />
          <Legend verticalAlign="top" />
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId="q" fill={s.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
