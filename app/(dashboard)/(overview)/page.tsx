import { requirePagePrincipal } from '@/lib/auth/session';
import type { Metadata } from 'next';
import Link from 'next/link';
import { LazyDesignationTimeline } from '@/components/charts/designation-timeline-lazy';
import { MilestoneLegend } from '@/components/charts/milestone-legend';
import { MilestoneToggles } from '@/components/charts/milestone-toggles';
import { KpiTiles } from '@/components/ui/kpi-tiles';
import { TimelineControls } from '@/components/forms/timeline-controls';
import { CoverageNote } from '@/components/ui/coverage-note';
import { SeriesTable } from '@/components/tables/series-table';
import { DrilldownTable } from '@/components/tables/drilldown-table';
import { listAuthorities } from '@/lib/db/authorities';
import { getCoverage, getFilterOptions, getKpis, getTimelineData } from '@/lib/db/metrics';
import { listDrilldown } from '@/lib/db/drilldown';
import { listMilestones } from '@/lib/db/milestones';
import { binLabel } from '@/lib/charts/binning';
import { MODE_Y_LABEL, overviewSource } from '@/lib/charts/chart-data';
import { ChartDownloads } from '@/components/charts/chart-downloads';
import { PrintSummary } from '@/components/ui/print-summary';
import { QueryProblems } from '@/components/ui/query-problems';
import { SPLIT_LABELS, buildTimeline, seriesLabel } from '@/lib/charts/timeline';
import { formatPartialDate, parsePartialDate } from '@/lib/dates';
import { DEFAULT_FROM, FIELD_LABELS, MILESTONE_CATEGORIES, dashboardParams, parseDashboardQuery, type DashboardQuery } from '@/lib/validation/dashboard';
import { objectToSearchParams, type RawSearchParams } from '@/lib/validation/search-params';

export const metadata: Metadata = { title: 'Overview' };

const UK_TRANSITION_MILESTONE = 'uk-sanctions-transition-2020';

export default async function OverviewPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const viewer = await requirePagePrincipal('data:read');
  const { query, problems } = parseDashboardQuery(await searchParams);
  const drillQuery = query.bin ? { ...query, bin: query.bin } : null;
  const [kpis, data, coverage, milestones, authorities, options, drilldown] = await Promise.all([
    getKpis(viewer),
    getTimelineData(viewer, query),
    getCoverage(viewer, query),
    listMilestones(viewer),
    listAuthorities(viewer),
    getFilterOptions(viewer),
    drillQuery ? listDrilldown(viewer, drillQuery) : Promise.resolve(null),
  ]);
  const lookups = { authorities, programs: options.programs, weapons: options.weapons };
  const timeline = buildTimeline({ query, ...data, milestones, lookups, today: new Date() });
  // The sources line names every list the chart draws.
  const drawn = query.authority.length ? query.authority : kpis.byAuthority.map((a) => a.authorityId);
  const ukTransition = drawn.includes('UK') && milestones.some((m) => m.slug === UK_TRANSITION_MILESTONE);

  const href = (overrides: Partial<Record<keyof DashboardQuery, unknown>>) => {
    const qs = objectToSearchParams(dashboardParams(query, overrides)).toString();
    return qs ? `/?${qs}` : '/';
  };
  const closed = { bin: undefined, series: undefined, kind: 'listed', page: 1 } as const;
  const baseQuery = objectToSearchParams(dashboardParams(query, closed)).toString();
  const drillHref = (bin: string, series?: string, kind?: 'delisted') => href({ bin, series, kind: kind ?? 'listed', page: 1 });
  const categories = MILESTONE_CATEGORIES.map((category) => ({ category, count: milestones.filter((m) => m.category === category).length })).filter((c) => c.count > 0);

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Designations over time</h1>
          <p className="muted">Designations per {query.granularity}, by {SPLIT_LABELS[query.split]}, against diplomatic and political milestones.</p>
        </div>
      </header>
      <QueryProblems problems={problems} labels={FIELD_LABELS} />
      <PrintSummary filters={timeline.subtitle} path={baseQuery ? `/?${baseQuery}` : '/'} />
      <KpiTiles kpis={kpis} />
      <section className="panel no-print" aria-label="Chart settings">
        <TimelineControls query={query} authorities={authorities} options={options} />
      </section>
      <section className="panel" aria-labelledby="timeline-title">
        <h2 id="timeline-title" className="chart-title">
          {timeline.title}
        </h2>
        <p className="chart-subtitle">{timeline.subtitle}</p>
        <MilestoneToggles categories={categories} hidden={query.mhide} hrefFor={(mhide) => href({ mhide })} />
        {timeline.total === 0 ? (
          <p role="status" data-testid="timeline-empty">
            No designation matches these settings. Widen the date range, clear a filter or <Link href="/">reset the view</Link>.
          </p>
        ) : (
          <>
            <LazyDesignationTimeline points={timeline.points} series={timeline.series} milestones={timeline.milestones} granularity={query.granularity} mode={query.mode} yLabel={MODE_Y_LABEL[query.mode]} baseQuery={baseQuery} />
            <p className="small muted no-print">
              Click a bar or point to list its designations; drag the handles under the chart to zoom
              {query.to || query.from !== DEFAULT_FROM ? (
                <>
                  {' '}
                  (<Link href={href({ ...closed, from: undefined, to: undefined })}>show the whole range</Link>)
                </>
              ) : null}
              .
            </p>
          </>
        )}
        {timeline.isMultiValued ? <p className="small muted">A designation can fall in several series here (e.g. listed under two programs): it counts once in each, and once in the total.</p> : null}
        <CoverageNote coverage={coverage} basis={query.basis} showLifted={query.mode === 'net'} />
        {ukTransition ? (
          <p className="small muted" data-testid="uk-transition-note">
            UK: the designations dated 31 Dec 2020 are the EU-era listings the UK carried into its own regimes at the end of the Brexit transition (see the milestone
            “UK sanctions regimes replace EU sanctions”), a change of legal basis rather than new UK pressure.
          </p>
        ) : null}
        <p className="chart-source">
          {overviewSource(drawn)}. <Link href="/entities">Browse the entities</Link> · <Link href="/milestones">all milestones</Link>.
        </p>
        <h3>Milestones</h3>
        <MilestoneLegend milestones={timeline.milestones} />
        <details>
          <summary>Data table</summary>
          <SeriesTable points={timeline.points} series={timeline.series} granularity={query.granularity} mode={query.mode} drillHref={drillHref} />
        </details>
        <ChartDownloads chart="overview" query={baseQuery} />
      </section>
      {drilldown && query.bin ? (
        <DrilldownTable
          drilldown={drilldown}
          title={drilldownTitle(query, query.bin, query.series ? seriesLabel(query.split, query.series, lookups) : null, timeline.bins)}
          closeHref={href(closed)}
          pageHref={(page) => href({ page })}
        />
      ) : null}
    </>
  );
}

function drilldownTitle(q: DashboardQuery, bin: string, series: string | null, bins: string[]): string {
  const from = parsePartialDate(q.from);
  const when =
    q.mode === 'cumulative'
      ? `from ${formatPartialDate(from?.date, from?.precision)} up to ${binLabel(bin, q.granularity)}`
      : `in ${binLabel(bin, q.granularity)}${bins.includes(bin) ? '' : ' (outside the range shown)'}`;
  const what = q.mode === 'net' && q.kind === 'delisted' ? 'Designations lifted' : 'Designations listed';
  return `${what} ${when}${series ? ` — ${series}` : ''}`;
}
