import { requirePagePrincipal } from '@/lib/auth/session';
import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { LazyDesignationTimeline } from '@/components/charts/designation-timeline-lazy';
import { MilestoneLegend } from '@/components/charts/milestone-legend';
import { MilestoneToggles } from '@/components/charts/milestone-toggles';
import { KpiStrip, KpiTilesPending } from '@/components/ui/kpi-tiles';
import { kpiScope } from '@/lib/charts/kpis';
import { TimelineControls } from '@/components/forms/timeline-controls';
import { FiltersDrawer } from '@/components/forms/filters-drawer';
import { CoverageNote } from '@/components/ui/coverage-note';
import { SeriesTable } from '@/components/tables/series-table';
import { DrilldownTable } from '@/components/tables/drilldown-table';
import { listAuthorities } from '@/lib/db/authorities';
import { getCoverage, getFilterOptions, getKpis, getTimelineData, getUkCarryover } from '@/lib/db/metrics';
import { listDrilldown } from '@/lib/db/drilldown';
import { listMilestones } from '@/lib/db/milestones';
import { binLabel } from '@/lib/charts/binning';
import { overviewSource, overviewYLabel } from '@/lib/charts/chart-data';
import { ChartDownloads } from '@/components/charts/chart-downloads';
import { PrintSummary } from '@/components/ui/print-summary';
import { DataAsOfLine } from '@/components/ui/data-as-of';
import { getDataAsOf } from '@/lib/db/sources/data-as-of';
import { QueryProblems } from '@/components/ui/query-problems';
import { MEASURE_NOUN, SPLIT_LABELS, buildTimeline, seriesLabel } from '@/lib/charts/timeline';
import { formatPartialDate, parsePartialDate } from '@/lib/dates';
import { DEFAULT_FROM, FIELD_LABELS, MILESTONE_CATEGORIES, dashboardParams, parseDashboardQuery, type DashboardQuery } from '@/lib/validation/dashboard';
import { objectToSearchParams, type RawSearchParams } from '@/lib/validation/search-params';

export const metadata: Metadata = { title: 'Overview' };

const UK_TRANSITION_MILESTONE = 'uk-sanctions-transition-2020';
const UK_CARRY_CHOICES = [
  { value: 'earlier', label: 'count them at the earlier EU or UN listing' },
  { value: 'exclude', label: 'leave them out' },
  { value: 'listed', label: 'count them as the UK dates them' },
] as const;

export default async function OverviewPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const viewer = await requirePagePrincipal('data:read');
  const { query, problems } = parseDashboardQuery(await searchParams);
  const drillQuery = query.bin ? { ...query, bin: query.bin } : null;
  // The figures of everything held name the lists the chart draws; a filtered view's own figures stream in (KpiStrip).
  const allKpis = getKpis(viewer);
  const kpis = kpiScope(query).isFiltered ? getKpis(viewer, query) : allKpis;
  const [all, data, coverage, milestones, authorities, options, drilldown, carryover] = await Promise.all([
    allKpis,
    getTimelineData(viewer, query),
    getCoverage(viewer, query),
    listMilestones(viewer),
    listAuthorities(viewer),
    getFilterOptions(viewer),
    drillQuery ? listDrilldown(viewer, drillQuery) : Promise.resolve(null),
    getUkCarryover(viewer),
  ]);
  const asOf = await getDataAsOf(viewer); // issue 26: which list editions these numbers come from
  const lookups = { authorities, programs: options.programs, weapons: options.weapons, cases: options.cases };
  const timeline = buildTimeline({ query, ...data, milestones, lookups, today: new Date() });
  // The sources line names every list the chart draws.
  const drawn = query.authority.length ? query.authority : all.byAuthority.map((a) => a.authorityId);
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
          <p className="muted">
            {MEASURE_NOUN[query.measure][0]!.toUpperCase() + MEASURE_NOUN[query.measure].slice(1)} per {query.granularity}, by {SPLIT_LABELS[query.split]}, against diplomatic and political milestones.
          </p>
        </div>
      </header>
      <QueryProblems problems={problems} labels={FIELD_LABELS} />
      <PrintSummary filters={timeline.subtitle} path={baseQuery ? `/?${baseQuery}` : '/'} />
      <Suspense fallback={<KpiTilesPending />}>
        <KpiStrip kpis={kpis} range={rangeLabel(query)} entitiesHref={kpis === allKpis ? (authority) => (authority ? `/entities?authority=${encodeURIComponent(authority)}` : '/entities') : null} />
      </Suspense>
      {/* Results first (issue 26): the chart before the filters on a phone; beside them on a wide screen. */}
      <div className="overview-layout">
        <section className="no-print overview-filters" aria-label="Chart settings">
          <FiltersDrawer summary={filtersSummary(query)} isOpen={problems.length > 0}>
            <TimelineControls query={query} authorities={authorities} options={options} />
          </FiltersDrawer>
        </section>
        <section className="panel overview-chart" aria-labelledby="timeline-title" data-testid="timeline-panel" data-total={timeline.total}>
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
              <LazyDesignationTimeline points={timeline.points} series={timeline.series} milestones={timeline.milestones} granularity={query.granularity} mode={query.mode} yLabel={overviewYLabel(query.mode, query.measure)} baseQuery={baseQuery} />
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
          {query.measure === 'actions' ? (
            <p className="small muted" data-testid="measure-note">
              Counting sanctions actions: each publication once per period and series — an OFAC press release, one EU act&apos;s listings of a day, a UK notice
              (curated ones with their own titles; the rest of a day grouped). Listings known only &ldquo;on or before&rdquo; a day or only to the month, and the
              UK&apos;s carry-over of 31 Dec 2020, belong to no action and are not counted here. <Link href="/actions">List the actions</Link>.
            </p>
          ) : query.measure === 'entities' ? (
            <p className="small muted" data-testid="measure-note">
              Counting entities: each entity once per period and series, however many designations it received in it; a period&apos;s total counts it once.
            </p>
          ) : null}
          {ukTransition ? (
            <p className="small muted" data-testid="uk-transition-note">
              UK: the {carryover.total.toLocaleString('en-GB')} designations dated 31 Dec 2020 are the EU-era listings the UK carried into its own regimes at the end of the Brexit transition (see the milestone
              “UK sanctions regimes replace EU sanctions”), a change of legal basis rather than new UK pressure.{' '}
              {query.ukcarry === 'earlier' ? (
                <>
                  Here they count at the same entity’s earlier EU or UN listing: {carryover.withEarlier.toLocaleString('en-GB')} have one in the data; the other{' '}
                  {(carryover.total - carryover.withEarlier).toLocaleString('en-GB')} stay at 31 Dec 2020 (their EU acts are not among the lists held).{' '}
                </>
              ) : query.ukcarry === 'exclude' ? (
                <>Here they are left out. </>
              ) : null}
              {UK_CARRY_CHOICES.filter((c) => c.value !== query.ukcarry).map((c, i) => (
                <span key={c.value}>
                  {i ? ' · ' : ''}
                  <Link href={href({ ...closed, ukcarry: c.value === 'listed' ? undefined : c.value })}>{c.label}</Link>
                </span>
              ))}
              .
            </p>
          ) : null}
          <p className="chart-source">
            {overviewSource(drawn)}. <Link href="/entities">Browse the entities</Link> · <Link href="/milestones">all milestones</Link>.
          </p>
          <DataAsOfLine asOf={asOf} />
          <h3>Milestones</h3>
          <MilestoneLegend milestones={timeline.milestones} />
          <details>
            <summary>Data table</summary>
            <SeriesTable points={timeline.points} series={timeline.series} granularity={query.granularity} mode={query.mode} drillHref={drillHref} />
          </details>
          <ChartDownloads chart="overview" query={baseQuery} />
        </section>
      </div>
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

/** The date range in words, as the chart's subtitle has it. */
function rangeLabel(q: DashboardQuery): string {
  const from = parsePartialDate(q.from);
  const to = q.to ? parsePartialDate(q.to) : null;
  return `${formatPartialDate(from?.date, from?.precision)} – ${to ? formatPartialDate(to.date, to.precision) : 'today'}`;
}

/** The drawer's summary: what it holds, and how many filters are set (visible while it is closed). */
function filtersSummary(q: DashboardQuery) {
  const set = [q.authority, q.program, q.case, q.weapon, q.role, q.schema, q.country].filter((v) => v.length).length + (q.q ? 1 : 0) + (q.from !== DEFAULT_FROM || q.to ? 1 : 0);
  return (
    <>
      Filters and chart settings<span className="muted small">{set ? ` · ${set} filter${set > 1 ? 's' : ''} set` : ' · none set'}</span>
    </>
  );
}
