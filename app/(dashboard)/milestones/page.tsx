import { requirePagePrincipal } from '@/lib/auth/session';
import type { Metadata } from 'next';
import Link from 'next/link';
import { listMilestones } from '@/lib/db/milestones';
import { MILESTONE_DASH } from '@/lib/charts/colors';
import { formatPartialDate } from '@/lib/dates';

export const metadata: Metadata = { title: 'Milestones' };

/** A range around a milestone for the overview: the year before to the year after, by month. */
function overviewHref(date: string, endDate: string | null): string {
  const from = Number(date.slice(0, 4)) - 1;
  const to = Number((endDate ?? date).slice(0, 4)) + 1;
  return `/?granularity=month&from=${from}&to=${to}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export default async function MilestonesPage() {
  const viewer = await requirePagePrincipal('data:read');
  const milestones = await listMilestones(viewer);
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Milestones</h1>
          <p className="muted">
            Diplomatic, nuclear, military and political events the overview draws against the designations. Dates are as precise as the source: a year-only
            milestone is a shaded year on the chart, never a line on 1 January. Each keeps its code (M07…) on every chart, page and export, whatever the range shown.
          </p>
        </div>
      </header>
      <section className="panel" aria-labelledby="milestones-title">
        <h2 id="milestones-title" className="chart-title">
          {milestones.length} milestones, oldest first
        </h2>
        {milestones.length ? (
          <div className="table-wrap">
            <table data-testid="milestones-table">
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Date</th>
                  <th scope="col">Milestone</th>
                  <th scope="col">Category</th>
                  <th scope="col">What the source says</th>
                  <th scope="col">Source</th>
                </tr>
              </thead>
              <tbody>
                {milestones.map((m) => (
                  <tr key={m.slug} id={m.slug} data-code={m.code}>
                    <td className="mono" data-testid="milestone-code">
                      {m.code}
                    </td>
                    <td style={{ whiteSpace: 'nowrap' }}>
                      {formatPartialDate(m.date, m.datePrecision)}
                      {m.endDate ? ` – ${formatPartialDate(m.endDate, m.endDatePrecision)}` : ''}
                      <div className="small muted">{m.endDate ? 'period' : m.datePrecision === 'DAY' ? 'exact day' : `known to the ${m.datePrecision.toLowerCase()}`}</div>
                    </td>
                    <th scope="row" style={{ fontWeight: 550 }}>
                      {m.title}
                      {m.description ? <div className="small muted">{m.description}</div> : null}
                      {m.note ? <div className="small muted">Note: {m.note}</div> : null}
                      <div className="small">
                        <Link href={overviewHref(m.date, m.endDate)}>
                          Designations around it<span className="sr-only"> ({m.title})</span>
                        </Link>
                      </div>
                    </th>
                    <td>
                      <svg width="22" height="8" aria-hidden="true">
                        <line x1="0" y1="4" x2="22" y2="4" stroke="currentColor" strokeWidth="2" strokeDasharray={MILESTONE_DASH[m.category] ?? '4 4'} />
                      </svg>{' '}
                      {m.category.toLowerCase()}
                    </td>
                    <td>{m.quote ? <q>{m.quote}</q> : <span className="muted">—</span>}</td>
                    <td>
                      <a href={m.sourceUrl} target="_blank" rel="noreferrer noopener">
                        {hostOf(m.sourceUrl)}
                        <span className="sr-only"> (source of “{m.title}”)</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p role="status">No milestone has been recorded yet.</p>
        )}
      </section>
    </>
  );
}
