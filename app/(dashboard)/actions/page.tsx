import { requirePagePrincipal } from '@/lib/auth/session';
import type { Metadata } from 'next';
import Link from 'next/link';
import { listActions } from '@/lib/db/sanctions-actions/actions';
import { listAuthorities } from '@/lib/db/authorities';
import { actionsQuerySchema, type ActionsQuery } from '@/lib/validation/actions';
import { parsePageQuery, type RawSearchParams } from '@/lib/validation/search-params';
import { formatPartialDate } from '@/lib/dates';
import { AuthorityBadge } from '@/components/ui/authority-badge';
import { QueryProblems } from '@/components/ui/query-problems';

export const metadata: Metadata = { title: 'Sanctions actions' };

const fmt = new Intl.NumberFormat('en-GB');
const FIELD_LABELS: Record<string, string> = { authority: 'Authority', kind: 'Kind', from: 'From', to: 'To', q: 'Title', page: 'Page' };

function href(q: ActionsQuery, patch: Partial<ActionsQuery>): string {
  const next = { ...q, ...patch };
  const p = new URLSearchParams();
  for (const a of next.authority) p.append('authority', a);
  if (next.kind) p.set('kind', next.kind);
  if (next.from) p.set('from', next.from);
  if (next.to) p.set('to', next.to);
  if (next.q) p.set('q', next.q);
  if (next.page > 1) p.set('page', String(next.page));
  const s = p.toString();
  return s ? `/actions?${s}` : '/actions';
}

export default async function ActionsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const viewer = await requirePagePrincipal('data:read');
  const { query: q, problems } = parsePageQuery(actionsQuerySchema, await searchParams);
  const [list, authorities] = await Promise.all([listActions(viewer, q), listAuthorities(viewer)]);
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Sanctions actions</h1>
          <p className="muted">
            An action is one publication of one authority: an OFAC press release, an EU implementing regulation, a UK notice. Curated actions carry their own
            title and sources (the Iran-drone case); the rest of an authority&apos;s listings of a day form one grouped action (the EU&apos;s: per act and day).
            Listings known only &ldquo;on or before&rdquo; a day or only to the month, and the UK&apos;s carry-over of 31 Dec 2020, are in no action.
          </p>
        </div>
      </header>
      <QueryProblems problems={problems} labels={FIELD_LABELS} />
      <section className="panel no-print" aria-label="Filters">
        <form method="get" action="/actions" className="controls" aria-label="Filter the actions">
          <fieldset>
            <legend>Authorities</legend>
            <div className="checks">
              {authorities.map((a) => (
                <label key={a.id}>
                  <input type="checkbox" name="authority" value={a.id} defaultChecked={q.authority.includes(a.id)} /> {a.shortName}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="field">
            <label htmlFor="kind">Kind</label>
            <select id="kind" name="kind" defaultValue={q.kind ?? ''}>
              <option value="">All</option>
              <option value="CURATED">Curated (own title and sources)</option>
              <option value="GROUPED">Grouped (the rest of a day)</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="from">From</label>
            <input id="from" name="from" type="text" inputMode="numeric" placeholder="YYYY or YYYY-MM" defaultValue={q.from ?? ''} size={10} />
          </div>
          <div className="field">
            <label htmlFor="to">To</label>
            <input id="to" name="to" type="text" inputMode="numeric" placeholder="today" defaultValue={q.to ?? ''} size={10} />
          </div>
          <div className="field">
            <label htmlFor="q">Title</label>
            <input id="q" name="q" type="search" defaultValue={q.q ?? ''} size={18} />
          </div>
          <button type="submit">Show</button>
        </form>
      </section>
      <section className="panel" aria-labelledby="actions-title">
        <h2 id="actions-title" className="chart-title">
          {fmt.format(list.total)} action{list.total === 1 ? '' : 's'}, newest first
        </h2>
        {list.items.length ? (
          <div className="table-wrap">
            <table data-testid="actions-table">
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Authority</th>
                  <th scope="col">Action</th>
                  <th scope="col" className="num">
                    Designations
                  </th>
                  <th scope="col" className="num">
                    Entities
                  </th>
                  <th scope="col">Programs</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((a) => (
                  <tr key={a.id}>
                    <td style={{ whiteSpace: 'nowrap' }}>{formatPartialDate(a.date, 'DAY')}</td>
                    <td>
                      <AuthorityBadge id={a.authorityId} label={a.authorityName} />
                    </td>
                    <td>
                      <Link href={`/actions/${encodeURIComponent(a.id)}`}>{a.title}</Link>
                      {a.kind === 'CURATED' ? <span className="badge">curated</span> : null}
                      {a.isUncertain ? <span className="badge">attribution uncertain</span> : null}
                    </td>
                    <td className="num">{fmt.format(a.designations)}</td>
                    <td className="num">{fmt.format(a.entities)}</td>
                    <td className="small">{a.programs.slice(0, 3).join('; ')}{a.programs.length > 3 ? ` and ${a.programs.length - 3} more` : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p role="status">
            No action matches these filters. <Link href="/actions">Show all actions</Link>.
          </p>
        )}
        {pages > 1 ? (
          <nav aria-label="Pages of the list" className="pager">
            {q.page > 1 ? <Link href={href(q, { page: q.page - 1 })}>← Previous</Link> : null}
            <span>
              Page {q.page} of {pages}
            </span>
            {q.page < pages ? <Link href={href(q, { page: q.page + 1 })}>Next →</Link> : null}
          </nav>
        ) : null}
      </section>
    </>
  );
}
