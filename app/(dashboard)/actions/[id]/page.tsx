import { requirePagePrincipal } from '@/lib/auth/session';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getAction } from '@/lib/db/sanctions-actions/actions';
import { formatPartialDate } from '@/lib/dates';
import { AuthorityBadge } from '@/components/ui/authority-badge';
import { ReasonText } from '@/components/entities/reason-text';
import { SourceLinkText } from '@/components/entities/source-links';
import { orderSources, type SourceLink } from '@/lib/sources/legal-links';

export const metadata: Metadata = { title: 'Sanctions action' };

const fmt = new Intl.NumberFormat('en-GB');

function SourceList({ label, links, testId }: { label: string; links: SourceLink[]; testId: string }) {
  if (!links.length) return null;
  return (
    <p className="small" data-testid={testId}>
      {label}:{' '}
      {links.map((l, i) => (
        <span key={l.url}>
          {i ? ' · ' : ''}
          <SourceLinkText link={l} />
        </span>
      ))}
    </p>
  );
}

export default async function ActionPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePagePrincipal('data:read');
  const { id } = await params;
  const action = await getAction(viewer, decodeURIComponent(id));
  if (!action) notFound();
  const day = formatPartialDate(action.date, 'DAY');
  const sources = orderSources(action.sourceUrls.map((url) => ({ url, cite: 'the action' })));
  return (
    <>
      <header className="page-header">
        <div>
          <p className="small muted">
            <Link href="/actions">Sanctions actions</Link> · <AuthorityBadge id={action.authorityId} label={action.authorityName} /> · {day}
          </p>
          <h1>{action.title}</h1>
          <p className="muted">
            {action.kind === 'CURATED'
              ? 'A curated action: one publication with its own title and sources (the Iran-drone case, data/drone-case).'
              : `A grouped action: the ${action.authorityName} listings of ${day}${action.legalAct ? ` under ${action.legalAct}` : ''} that no curated action holds.`}{' '}
            {fmt.format(action.designations)} designation{action.designations === 1 ? '' : 's'} of {fmt.format(action.entities)} entit{action.entities === 1 ? 'y' : 'ies'}.
          </p>
          {action.isUncertain ? (
            <p data-testid="action-uncertain">
              <span className="badge">uncertain</span> The sources leave part of this action open{action.note ? `: ${action.note}` : '.'}
            </p>
          ) : action.note ? (
            <p className="small muted">{action.note}</p>
          ) : null}
          {/* Official publications first; the press is kept, as a secondary source (issue 26). */}
          <SourceList label="Primary sources" links={sources.primary} testId="action-primary-sources" />
          <SourceList label={sources.primary.length ? 'Secondary sources (press)' : 'Sources (press; no official publication stored)'} links={sources.secondary} testId="action-secondary-sources" />
        </div>
      </header>
      {action.sameDay.length ? (
        <section className="panel" aria-labelledby="same-day-title">
          <h2 id="same-day-title" className="chart-title">
            The same day&apos;s other {action.authorityName} actions
          </h2>
          <ul>
            {action.sameDay.map((a) => (
              <li key={a.id}>
                <Link href={`/actions/${encodeURIComponent(a.id)}`}>{a.title}</Link> ({fmt.format(a.designations)} designation{a.designations === 1 ? '' : 's'})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="panel" aria-labelledby="designations-title">
        <h2 id="designations-title" className="chart-title">
          Its designations
        </h2>
        {action.items.length ? (
          <div className="table-wrap">
            <table data-testid="action-designations">
              <thead>
                <tr>
                  <th scope="col">Entity</th>
                  <th scope="col">Type</th>
                  <th scope="col">Programs</th>
                  <th scope="col">Listed</th>
                  <th scope="col">Source</th>
                </tr>
              </thead>
              <tbody>
                {action.items.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <Link href={`/entities/${d.entityId}`}>{d.entityName}</Link>
                      {d.programAdded ? <span className="badge">program added to a listed entry</span> : null}
                      {d.isUncertain ? <span className="badge">uncertain</span> : null}
                      {d.reason ? (
                        <div className="small muted">
                          <ReasonText text={d.reason} limit={300} />
                        </div>
                      ) : null}
                    </td>
                    <td>{d.schema}</td>
                    <td className="small">{d.programs.join('; ')}</td>
                    <td style={{ whiteSpace: 'nowrap' }}>{formatPartialDate(d.listingDate, 'DAY')}</td>
                    <td>
                      <a href={d.sourceUrl} target="_blank" rel="noreferrer noopener">
                        source<span className="sr-only"> for {d.entityName}</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p role="status">No designation is left in this action (an admin removed or re-dated them since).</p>
        )}
      </section>
    </>
  );
}
