'use client';

// Distribution of cross-authority lags: entities per lag bucket, stacked by the authority that
// followed. Draws only: the rows come binned from lib/charts/lag.ts via lib/charts/chart-data.ts.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SeriesPoint } from '@/lib/charts/binning';

export type ChartSeries = { key: string; label: string; color: string };

export function LagHistogram({ data, series }: { data: SeriesPoint[]; series: ChartSeries[] }) {
  return (
    <div className="chart-small" data-testid="lag-histogram" role="img" aria-label="Bar chart of lags per bucket (the same-day bucket holds ties); the same numbers are in the table below.">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--line)" />
          <XAxis dataKey="label" tick={{ fill: 'var(--muted)', fontSize: 12 }} label={{ value: 'Days until the authority followed', position: 'insideBottom', offset: -16, fill: 'var(--muted)', fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fill: 'var(--muted)', fontSize: 12 }} label={{ value: 'Entities', angle: -90, position: 'insideLeft', fill: 'var(--muted)', fontSize: 12 }} />
          <Tooltip contentStyle={{ background: 'var(--panel)', border: '1px solid var(--line)' }} />
          <Legend verticalAlign="top" />
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId="lag" fill={s.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
