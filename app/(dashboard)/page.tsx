import type { Metadata } from 'next';
import Link from 'next/link';
import { DesignationTimeline } from '@/components/charts/designation-timeline';
import { MilestoneLegend } from '@/components/charts/milestone-legend';
import { KpiTiles } from '@/components/ui/kpi-tiles';
import { TimelineControls } from '@/components/forms/timeline-controls';
import { CoverageNote } from '@/components/ui/coverage-note';
import { SeriesTable } from '@/components/tables/series-table';
import { listAuthorities } from '@/lib/db/authorities';
import { getCoverage, getDesignationCounts, getKpis } from '@/lib/db/metrics';
import { listMilestones } from '@/lib/db/milestones';
import { buildTimeline } from '@/lib/charts/timeline';
import { dashboardQuerySchema } from '@/lib/validation/dashboard';
import type { RawSearchParams } from '@/lib/validation/search-params';

export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const query = dashboardQuerySchema.parse(await searchParams);
  const [kpis, rows, coverage, milestones, authorities] = await Promise.all([getKpis(), getDesignationCounts(query), getCoverage(query), listMilestones(), listAuthorities()]);
  const timeline = buildTimeline({ query, rows, milestones, authorities, today: new Date() });

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Designations over time</h1>
          <p className="muted">New designations per {query.granularity}, by authority, against diplomatic and political milestones.</p>
        </div>
      </header>
      <KpiTiles kpis={kpis} />
      <section className="panel no-print" aria-label="Chart settings">
        <TimelineControls query={query} authorities={authorities} />
      </section>
      <section className="panel" aria-labelledby="timeline-title">
        <h2 id="timeline-title" className="chart-title">
          {timeline.title}
        </h2>
        <p className="chart-subtitle">{timeline.subtitle}</p>
        {timeline.total === 0 ? (
          <p role="status">No designation matches these settings. Widen the date range or clear the authority filter.</p>
        ) : (
          <DesignationTimeline data={timeline.data} series={timeline.series} milestones={timeline.milestones} granularity={query.granularity} yLabel="Designations" />
        )}
        <CoverageNote coverage={coverage} basis={query.basis} />
        <p className="chart-source">Sources: OFAC SDN list editions 2021–2024; EU Official Journal annexes; UK Sanctions List; milestones per Gulf International Forum (2023). <Link href="/entities">Browse the entities</Link>.</p>
        <h3>Milestones</h3>
        <MilestoneLegend milestones={timeline.milestones} />
        <details>
          <summary>Data table</summary>
          <SeriesTable data={timeline.data} series={timeline.series} granularity={query.granularity} />
        </details>
      </section>
    </>
  );
}
