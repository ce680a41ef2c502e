import { listCases } from '@/lib/db/cases/cases';
import { requirePagePrincipal } from '@/lib/auth/session';
import type { Metadata } from 'next';
import Link from 'next/link';
import { listDesignatingAuthorities } from '@/lib/db/analysis/authorities';
import { getMilestoneWindows } from '@/lib/db/analysis/windows';
import { parseWindowsQuery, WINDOW_DAYS_DEFAULT } from '@/lib/validation/analysis';
import type { RawSearchParams } from '@/lib/validation/search-params';
import { windowCoverage, type Coverage, type Range } from '@/lib/charts/windows';
import { windowsChart } from '@/lib/charts/chart-data';
import { objectToSearchParams } from '@/lib/validation/search-params';
import { formatPartialDate } from '@/lib/dates';
import { WindowButterfly, type ButterflyRow } from '@/components/charts/window-butterfly';
import { ChartDownloads } from '@/components/charts/chart-downloads';
import { PrintSummary } from '@/components/ui/print-summary';
import '../../explore.css';

export const metadata: Metadata = { title: 'Milestone windows' };

const fmt = new Intl.NumberFormat('en-GB', { signDisplay: 'auto' });
const signed = new Intl.NumberFormat('en-GB', { signDisplay: 'exceptZero' });

const worst = (a: Coverage, b: Coverage): Coverage => (a === 'none' || b === 'none' ? 'none' : a === 'partial' || b === 'partial' ? 'partial' : 'full');

function CountCell({ n, coverage, signed: isSigned }: { n: number; coverage: Coverage; signed?: boolean }) {
  if (coverage === 'none')
    return (
      <td className="num muted">
        —<span className="sr-only"> no data for this window</span>
      </td>
    );
  return (
    <td className="num">
      {isSigned ? signed.format(n) : fmt.format(n)}
      {coverage === 'partial' ? (
        <>
          <span aria-hidden="true">*</span>
          <span className="sr-only"> (data covers only part of this window)</span>
        </>
      ) : null}
    </td>
  );
}

export default async function MilestoneWindowsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const viewer = await requirePagePrincipal('data:read');
  const raw = await searchParams;
  // A bad N is said, next to the field, and the default window is shown meanwhile (the export reads the URL the same way).
  const { query: q, error } = parseWindowsQuery(raw);
  const [available, { milestones, rows, dataStart }, cases] = await Promise.all([listDesignatingAuthorities(viewer), getMilestoneWindows(viewer, q), listCases(viewer)]);
  const caseTitles = cases.filter((c) => q.case.includes(c.slug)).map((c) => `“${c.title}”`);
  const authorities = q.authority.length ? available.filter((a) => q.authority.includes(a.id)) : available;
  const ids = authorities.map((a) => a.id);
  // The same shaping as the chart's export (/api/export/milestone-windows.svg?<this query>).
  const chart = windowsChart({ days: q.days, authorities, milestones, rows, dataStart });
  const { summaries, series } = chart;
  const cover = (a: string, r: Range): Coverage => windowCoverage(r, dataStart[a]);
  // A total is complete only when every authority's data covers the window.
  const overall = (r: Range): Coverage => {
    const c = ids.map((a) => cover(a, r));
    return c.every((x) => x === 'none') ? 'none' : c.every((x) => x === 'full') ? 'full' : 'partial';
  };
  // A milestone whose windows no authority's data reaches is in the table only (its zeros are gaps).
  const chartRows: ButterflyRow[] = chart.chartedIndexes.map((i, j) => {
    const m = milestones[i]!;
    const row: ButterflyRow = { label: `${m.code} ${m.title.length > 38 ? `${m.title.slice(0, 37)}…` : m.title}` };
    for (const a of ids) {
      row[`before:${a}`] = -(chart.layers[0]!.values[j]![a] ?? 0);
      row[`after:${a}`] = chart.layers[1]!.values[j]![a] ?? 0;
    }
    return row;
  });
  const exportQuery = objectToSearchParams({ days: q.days === WINDOW_DAYS_DEFAULT ? undefined : q.days, authority: q.authority, case: q.case }).toString();

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Milestone windows</h1>
          <p className="muted">
            For each milestone: designations{caseTitles.length ? ` of the ${caseTitles.join(' or ')} case${caseTitles.length > 1 ? 's' : ''} (the listings its curated actions name)` : ''} in the {q.days} days
            before it and the {q.days} days after it, by authority.
          </p>
        </div>
      </header>

      <PrintSummary filters={`${q.days} days before and after each milestone${caseTitles.length ? `; case ${caseTitles.join(', ')}` : ''}; authorities: ${authorities.map((a) => a.shortName).join(', ')}; by listing date`} path={`/analysis/milestone-windows${exportQuery ? `?${exportQuery}` : ''}`} />
      <form method="get" action="/analysis/milestone-windows" className="panel controls no-print" aria-label="Window settings" noValidate>
        <div className="field">
          <label htmlFor="days">Days before and after</label>
          <input
            id="days"
            name="days"
            type="number"
            min={1}
            max={3650}
            step={1}
            defaultValue={!error ? q.days : String(raw.days ?? '')}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'days-error' : undefined}
            size={6}
          />
          {error ? (
            <div id="days-error" className="field-error" role="alert">
              {error} Showing {WINDOW_DAYS_DEFAULT} days.
            </div>
          ) : null}
        </div>
        <fieldset>
          <legend>Authorities</legend>
          <div className="checks">
            {available.map((a) => (
              <label key={a.id}>
                <input type="checkbox" name="authority" value={a.id} defaultChecked={q.authority.includes(a.id)} /> {a.shortName}
              </label>
            ))}
          </div>
        </fieldset>
        {cases.length ? (
          <fieldset>
            <legend>Cases (curated sanctions actions)</legend>
            <div className="checks">
              {cases.map((c) => (
                <label key={c.slug}>
                  <input type="checkbox" name="case" value={c.slug} defaultChecked={q.case.includes(c.slug)} /> {c.title}
                </label>
              ))}
            </div>
          </fieldset>
        ) : null}
        <button className="btn" type="submit">
          Apply
        </button>
      </form>

      <section className="panel" aria-labelledby="windows-title">
        <h2 id="windows-title" className="chart-title">
          Designations {q.days} days before vs after each milestone
        </h2>
        <p className="chart-subtitle">
          Left of the line: before the milestone; right: after it. Only listings dated to the day are counted (entries already on the OFAC list when our history starts, 18 Aug 2021, are not new
          designations). A milestone known only to the month or year, or lasting a period, is counted “during” and the windows open on either side of it.
        </p>
        {chartRows.length ? <WindowButterfly data={chartRows} series={series} days={q.days} /> : <p role="status">No milestone falls within the period our data covers.</p>}
        <p className="small muted" data-testid="windows-coverage">
          Our exact listing dates begin on {ids.map((a) => `${formatPartialDate(dataStart[a])} (${authorities.find((x) => x.id === a)?.shortName ?? a})`).join(', ')}. A count marked “—” is a window before that
          (no data, not zero); one marked * is partly before it.
          {milestones.length > chartRows.length ? ` ${milestones.length - chartRows.length} earlier milestones are in the table only.` : ''}
        </p>
        <p className="chart-source">{chart.source} (linked below).</p>
        {chartRows.length ? <ChartDownloads chart="milestone-windows" query={exportQuery} /> : null}
        <div className="table-wrap">
          <table data-testid="windows-table">
            <caption>
              Designations in the {q.days} days before, during, and in the {q.days} days after each milestone
            </caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Milestone</th>
                <th scope="col">Date</th>
                {series.map((s) => (
                  <th scope="col" className="num" key={`b-${s.key}`}>
                    {s.label} before
                  </th>
                ))}
                {series.map((s) => (
                  <th scope="col" className="num" key={`a-${s.key}`}>
                    {s.label} after
                  </th>
                ))}
                <th scope="col" className="num">
                  Before
                </th>
                <th scope="col" className="num">
                  During
                </th>
                <th scope="col" className="num">
                  After
                </th>
                <th scope="col" className="num">
                  Change
                </th>
              </tr>
            </thead>
            <tbody>
              {milestones.map((m, i) => {
                const s = summaries[i]!;
                return (
                  <tr key={m.id} data-milestone={m.slug} data-code={m.code}>
                    <td className="mono">{m.code}</td>
                    <th scope="row">
                      <a href={m.sourceUrl} target="_blank" rel="noreferrer noopener">
                        {m.title}
                      </a>
                      <div className="small muted">
                        before {formatPartialDate(m.bounds.before.from)} – {formatPartialDate(m.bounds.before.to)}; after {formatPartialDate(m.bounds.after.from)} – {formatPartialDate(m.bounds.after.to)}
                      </div>
                    </th>
                    <td>
                      {formatPartialDate(m.date, m.datePrecision)}
                      {m.endDate ? ` – ${formatPartialDate(m.endDate, m.endDatePrecision)}` : ''}
                    </td>
                    {ids.map((a) => (
                      <CountCell key={`b-${a}`} n={s.before[a] ?? 0} coverage={cover(a, m.bounds.before)} />
                    ))}
                    {ids.map((a) => (
                      <CountCell key={`a-${a}`} n={s.after[a] ?? 0} coverage={cover(a, m.bounds.after)} />
                    ))}
                    <CountCell n={s.totals.before} coverage={overall(m.bounds.before)} />
                    <CountCell n={s.totals.during} coverage={overall(m.bounds.during)} />
                    <CountCell n={s.totals.after} coverage={overall(m.bounds.after)} />
                    <CountCell n={s.totals.change} coverage={worst(overall(m.bounds.before), overall(m.bounds.after))} signed />
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p className="small muted">
          Open a period on the <Link href="/">overview</Link> to see the designations behind these counts.
        </p>
      </section>
    </>
  );
}
