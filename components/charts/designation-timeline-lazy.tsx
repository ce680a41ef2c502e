'use client';
// The overview chart, loaded after first paint. recharts is the largest part of the overview's
// JavaScript (about 126 kB gzipped of 359 kB, BENCHMARKS.md): the page, its KPIs, controls and the
// series table (the same numbers, accessible) render and become usable without it. Not rendered on
// the server: recharts' ResponsiveContainer draws nothing there anyway (it needs the box's size).
import dynamic from 'next/dynamic';

export const LazyDesignationTimeline = dynamic(() => import('./designation-timeline').then((m) => m.DesignationTimeline), {
  ssr: false,
  // Same box as the chart, so nothing below moves when it arrives.
  loading: () => (
    <div className="chart-frame" data-testid="designation-timeline-loading" aria-busy="true">
      <p className="chart-pending small muted">Loading the chart…</p>
    </div>
  ),
});
