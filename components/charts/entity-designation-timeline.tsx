'use client';

// One entity's designations as horizontal listed → lifted bars, one row per designation, coloured by
// authority; active designations run to today, lifted ones are drawn lighter. Draws only: rows from lib/charts/entity-timeline.
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TooltipContentProps } from 'recharts';
import type { EntityTimelineRow } from '@/lib/charts/entity-timeline';
import { seriesColor } from '@/lib/charts/colors';

const day = (v: number) => new Date(v).toISOString().slice(0, 10);
const year = (v: number) => String(new Date(v).getUTCFullYear());

function RowTooltip({ active, payload }: TooltipContentProps<number[], string>) {
  const row = payload?.[0]?.payload as EntityTimelineRow | undefined;
  if (!active || !row) return null;
  return (
    <div className="tooltip">
      <strong>{row.label}</strong>
      <div>
        Listed {row.isOnOrBefore ? 'on or before ' : ''}
        {day(row.range[0])}
      </div>
      <div>{row.isLifted ? `Lifted ${day(row.range[1])}` : 'Still listed'}</div>
    </div>
  );
}

export function EntityDesignationTimeline({ rows, domain }: { rows: EntityTimelineRow[]; domain: [number, number] }) {
  const height = Math.max(120, rows.length * 30 + 60);
  // Pad the axis a little so a one-day bar is still visible.
  const pad = Math.max(30 * 86_400_000, (domain[1] - domain[0]) * 0.03);
  return (
    <div style={{ width: '100%', height }} data-testid="entity-timeline" role="img" aria-label="Designations as bars from listing to lifting; the same dates are in the table below.">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }} barCategoryGap={6}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="var(--line)" />
          <XAxis type="number" scale="time" domain={[domain[0] - pad, domain[1] + pad]} tickFormatter={year} tick={{ fill: 'var(--muted)', fontSize: 12 }} />
          <YAxis type="category" dataKey="label" width={220} interval={0} tick={{ fill: 'var(--ink)', fontSize: 12 }} />
          <Tooltip content={(p) => <RowTooltip {...(p as TooltipContentProps<number[], string>)} />} />
          <Bar dataKey="range" isAnimationActive={false} minPointSize={3}>
            {rows.map((r, i) => (
              <Cell key={r.id} fill={seriesColor(r.authorityId, i)} fillOpacity={r.isLifted ? 0.45 : 0.9} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
