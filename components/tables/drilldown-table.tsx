import Link from 'next/link';
import { AuthorityBadge } from '@/components/ui/authority-badge';
import { FocusHeading } from '@/components/ui/focus-heading';
import type { Drilldown } from '@/lib/db/drilldown';
import { formatPartialDate } from '@/lib/dates';
import { ReasonText } from '@/components/entities/reason-text';
import { SourceLinkText } from '@/components/entities/source-links';

const fmt = new Intl.NumberFormat('en-GB');
// A row's reason is shortened to this; the rest opens in place.
const REASON_PREVIEW = 140;

/** The designations behind one bar or point of the chart, paginated on the server. */
export function DrilldownTable({ drilldown, title, closeHref, pageHref }: { drilldown: Drilldown; title: string; closeHref: string; pageHref: (page: number) => string }) {
  const { total, page, pageSize, items } = drilldown;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total ? (page - 1) * pageSize + 1 : 0;
  const last = Math.min(total, page * pageSize);
  return (
    <section className="panel" aria-labelledby="drilldown-title" data-testid="drilldown">
      <div className="page-header">
        <FocusHeading id="drilldown-title" focusKey={`${title}-${page}`} className="chart-title">
          {title}
        </FocusHeading>
        <Link href={closeHref} scroll={false} className="btn btn-quiet">
          Close the list
        </Link>
      </div>
      <p role="status" className="muted" data-testid="drilldown-total" data-total={total}>
        {fmt.format(total)} {total === 1 ? 'designation' : 'designations'}
        {total > pageSize ? ` — showing ${fmt.format(first)}–${fmt.format(last)}` : ''}.
      </p>
      {items.length ? (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Entity</th>
                <th scope="col">Type</th>
                <th scope="col">Authority</th>
                <th scope="col">Programs</th>
                <th scope="col">Listed</th>
                <th scope="col">In force</th>
                <th scope="col">Lifted</th>
                <th scope="col">Grounds</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link href={`/entities/${d.entityId}`}>{d.entityName}</Link>
                    {d.isUncertain ? <span className="flag"> (uncertain)</span> : null}
                    {d.actionId ? (
                      <div className="small">
                        <Link href={`/actions/${encodeURIComponent(d.actionId)}`}>{d.actionTitle}</Link>
                      </div>
                    ) : null}
                  </td>
                  <td>{d.schema}</td>
                  <td>
                    <AuthorityBadge id={d.authorityId} label={d.authorityName} />
                  </td>
                  <td>{d.programs.join(', ') || '—'}</td>
                  <td>
                    {d.listingDateQualifier === 'ON_OR_BEFORE' ? 'on or before ' : ''}
                    {formatPartialDate(d.listingDate, d.listingDatePrecision)}
                  </td>
                  <td>{formatPartialDate(d.startDate, d.startDatePrecision)}</td>
                  <td>{formatPartialDate(d.endDate, d.endDatePrecision)}</td>
                  <td className="small" data-testid="drilldown-grounds" style={{ minWidth: '16rem' }}>
                    {d.reason ? <ReasonText text={d.reason} limit={REASON_PREVIEW} /> : <span className="muted">No reason stated.</span>}
                    {d.legalAct ? <div>Act: {d.legalAct}</div> : null}
                  </td>
                  <td>
                    <a href={d.sourceUrl} target="_blank" rel="noreferrer noopener">
                      source<span className="sr-only"> for {d.entityName}</span>
                    </a>
                    {d.primarySource && d.primarySource.url !== d.sourceUrl ? (
                      <div className="small" data-testid="drilldown-primary">
                        primary: <SourceLinkText link={d.primarySource} context={`for ${d.entityName}`} />
                      </div>
                    ) : d.primarySource ? (
                      <div className="small muted">(primary: {d.primarySource.label})</div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>No designation behind this point: the view changed since the link was made, or the period is empty.</p>
      )}
      {pages > 1 ? (
        <nav aria-label="Pages of the list" className="pager">
          {page > 1 ? (
            <Link href={pageHref(page - 1)} scroll={false}>
              ← Previous
            </Link>
          ) : null}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages ? (
            <Link href={pageHref(page + 1)} scroll={false}>
              Next →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
