import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { ChartDownloads } from '@/components/charts/chart-downloads';
import { MilestoneLegend } from '@/components/charts/milestone-legend';
import { SeriesTable } from '@/components/tables/series-table';
import { CoverageNote } from '@/components/ui/coverage-note';
import { DataAsOfLine } from '@/components/ui/data-as-of';
import { KpiTiles } from '@/components/ui/kpi-tiles';
import { PrintSummary } from '@/components/ui/print-summary';
import { requirePagePrincipal } from '@/lib/auth/session';
import { getSavedViewReport } from '@/lib/db/accounts/saved-views';
import { frozenLabel } from '@/lib/saved-views/snapshot';
import { formatPartialDate, parsePartialDate } from '@/lib/dates';
import { parseDashboardQuery } from '@/lib/validation/dashboard';
import { savedViewHref } from '@/lib/validation/saved-views';
import { searchParamsToObject } from '@/lib/validation/search-params';

export const metadata: Metadata = { title: 'Saved view' };

// A saved view's link. A live view opens its page with its exact query string (today's numbers);
// a frozen one shows the numbers stored when its owner froze it, with their data as-of, and links
// to the live version. Signed-in users only; someone else's unshared view is a 404.
export default async function OpenSavedViewPage({ params }: { params: Promise<{ id: string }> }) {
  const principal = await requirePagePrincipal('data:read');
  const { id } = await params;
  const report = await getSavedViewReport(principal, id);
  if (!report) notFound();
  const { view, snapshot } = report;
  if (!snapshot) redirect(savedViewHref(view));

  const { query } = parseDashboardQuery(searchParamsToObject(new URLSearchParams(snapshot.query)));
  const live = savedViewHref(view);
  // The records behind a number are today's: the drill-down opens on the live overview, and says so above the table.
  const drillHref = (bin: string, series?: string, kind?: 'delisted') => {
    const qs = new URLSearchParams(snapshot.query);
    qs.set('bin', bin);
    if (series) qs.set('series', series);
    else qs.delete('series');
    if (kind) qs.set('kind', kind);
    return `/?${qs.toString()}`;
  };
  const { timeline, chartData } = snapshot;
  // An open range ran to the day the view was frozen, not to today.
  const from = parsePartialDate(query.from);
  const to = query.to ? parsePartialDate(query.to) : null;
  const frozenRange = `${formatPartialDate(from?.date, from?.precision)} – ${to ? formatPartialDate(to.date, to.precision) : formatPartialDate(snapshot.frozenAt.slice(0, 10), 'DAY')}`;
  return (
    <>
      <header className="page-header">
        <div>
          <h1>{view.name}</h1>
          <p className="muted" data-testid="frozen-banner">
            {frozenLabel(snapshot.frozenAt)} by {view.isOwner ? 'you' : view.ownerName}: these numbers do not change after later imports or edits. <Link href={live}>Open the live version</Link>.
          </p>
        </div>
      </header>
      <DataAsOfLine asOf={snapshot.asOf} frozenAt={snapshot.frozenAt} />
      <PrintSummary filters={timeline.subtitle} path={`/views/${view.id}`} />
      <KpiTiles kpis={snapshot.kpis} range={frozenRange} />
      <section className="panel" aria-labelledby="frozen-title">
        <h2 id="frozen-title" className="chart-title">
          {timeline.title}
        </h2>
        <p className="chart-subtitle">{timeline.subtitle}</p>
        {timeline.total === 0 ? (
          <p role="status">No designation matched these settings when the view was frozen.</p>
        ) : (
          // The frozen chart as its SVG export draws it (the same file the downloads give).
          // eslint-disable-next-line @next/next/no-img-element -- a server-made SVG, not an optimisable photo
          <img className="frozen-chart" src={`/api/export/overview.svg?savedview=${encodeURIComponent(view.id)}`} alt={`${chartData.title}. ${chartData.subtitle} The numbers are in the data table below.`} style={{ maxWidth: '100%', height: 'auto' }} />
        )}
        <CoverageNote coverage={snapshot.coverage} basis={query.basis} showLifted={query.mode === 'net'} />
        <p className="chart-source">{chartData.source}.</p>
        <h3>Milestones</h3>
        <MilestoneLegend milestones={timeline.milestones} />
        <details open>
          <summary>Data table</summary>
          <p className="small muted">The numbers as frozen; a number opens today&apos;s records behind it on the live overview.</p>
          <SeriesTable points={timeline.points} series={timeline.series} granularity={query.granularity} mode={query.mode} drillHref={drillHref} />
        </details>
        <ChartDownloads chart="overview" query={`savedview=${encodeURIComponent(view.id)}`} />
      </section>
    </>
  );
}
