import { requirePagePrincipal } from '@/lib/auth/session';
import type { Metadata } from 'next';
import Link from 'next/link';
import { listMatchCandidates, type MatchSide } from '@/lib/db/resolution/match-candidates';
import { matchQuerySchema, MATCH_SCHEMAS } from '@/lib/validation/matches';
import { parsePageQuery } from '@/lib/validation/search-params';
import { QueryProblems } from '@/components/ui/query-problems';
import { acceptMatch, rejectMatch } from '@/lib/actions/matches';
import { MatchDecision } from '@/components/admin/match-decision';
import { AuthorityBadge } from '@/components/ui/authority-badge';

export const metadata: Metadata = { title: 'Match review · Admin' };

const STATUS_LABEL = { PENDING: 'Pending', MERGED: 'Merged', REJECTED: 'Rejected' } as const;
const FIELD_LABELS: Record<string, string> = { status: 'Status', schema: 'Type', minScore: 'Minimum score', q: 'Name or reason', page: 'Page' };

function Side({ title, e }: { title: string; e: MatchSide }) {
  return (
    <div className="match-side">
      <h3 className="small muted">{title}</h3>
      <p>
        <Link href={`/entities/${e.id}`}>{e.name}</Link> <span className="muted small">({e.schema.toLowerCase()}, version {e.version})</span>
      </p>
      <dl className="small">
        <dt>Countries</dt>
        <dd>{e.countries.join(', ').toUpperCase() || '—'}</dd>
        <dt>Born / incorporated</dt>
        <dd>{e.birthDate ?? '—'}</dd>
        <dt>Aliases</dt>
        <dd>{e.aliases.length ? e.aliases.join('; ') : '—'}</dd>
        <dt>Identifiers</dt>
        <dd>{e.identifiers.length ? e.identifiers.join('; ') : '—'}</dd>
        <dt>Source ids</dt>
        <dd className="mono">{e.sources.length ? e.sources.join('; ') : 'none (entered by hand)'}</dd>
        <dt>Designations</dt>
        <dd>
          {e.designations.length ? (
            <ul>
              {e.designations.map((d, i) => (
                <li key={i}>
                  <AuthorityBadge id={d.authorityId} label={d.authority} /> listed {d.listingDate ?? 'date unknown'}
                  {d.endDate ? `, lifted ${d.endDate}` : ''} <span className="muted">({d.origin})</span>
                </li>
              ))}
            </ul>
          ) : (
            '—'
          )}
        </dd>
      </dl>
    </div>
  );
}

// The review queue of weak cross-list matches (docs/adr/0006-import-pipeline.md): imports propose,
// an admin decides. Strong identifier matches never come here: the import merges them.
export default async function MatchesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePagePrincipal('data:write');
  const { query, problems } = parsePageQuery(matchQuerySchema, await searchParams);
  const page = await listMatchCandidates(viewer, query);
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const href = (p: number) => {
    const sp = new URLSearchParams();
    sp.set('status', query.status);
    if (query.q) sp.set('q', query.q);
    if (query.schema) sp.set('schema', query.schema);
    if (query.minScore !== undefined) sp.set('minScore', String(query.minScore));
    sp.set('page', String(p));
    return `/admin/matches?${sp}`;
  };
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Match review</h1>
          <p className="muted">
            Entries of different lists that may be the same entity: the same name or alias, a shared country and the same birth or incorporation year (or a registration number whose issuing country is unknown). Imports never merge these on their own. Accept to
            merge the pair (recorded in the audit log); reject to keep them apart — a rejected pair is not proposed again.
          </p>
        </div>
      </header>
      <QueryProblems problems={problems} labels={FIELD_LABELS} />
      <form className="controls panel no-print" method="get" action="/admin/matches" role="search">
        <div className="field">
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={query.status}>
            {Object.entries(STATUS_LABEL).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="schema">Type</label>
          <select id="schema" name="schema" defaultValue={query.schema ?? ''}>
            <option value="">Any</option>
            {MATCH_SCHEMAS.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="minScore">Minimum score</label>
          <input id="minScore" name="minScore" type="number" min={0} max={1} step={0.1} defaultValue={query.minScore ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="q">Name or reason</label>
          <input id="q" name="q" type="search" defaultValue={query.q ?? ''} />
        </div>
        <button className="btn btn-quiet" type="submit">
          Filter
        </button>
      </form>
      <p className="small muted" aria-live="polite">
        {page.total} {STATUS_LABEL[query.status].toLowerCase()} {page.total === 1 ? 'match' : 'matches'}
        {pages > 1 ? ` · page ${page.page} of ${pages}` : ''}
      </p>
      {page.items.length === 0 ? <p className="panel">No {STATUS_LABEL[query.status].toLowerCase()} matches{query.q || query.schema || query.minScore !== undefined ? ' for these filters' : ''}.</p> : null}
      {page.items.map((m) => (
        <section key={m.id} className="panel match" aria-label={`Match: ${m.a.name} and ${m.b.name}`}>
          <p>
            <strong>Score {m.score.toFixed(2)}</strong> · {m.reason}
            {m.decidedAt ? <span className="muted small"> · decided {m.decidedAt.slice(0, 10)}</span> : null}
          </p>
          <div className="grid-2">
            <Side title="Entity A" e={m.a} />
            <Side title="Entity B" e={m.b} />
          </div>
          {m.status === 'PENDING' ? <MatchDecision id={m.id} a={{ id: m.a.id, version: m.a.version, name: m.a.name }} b={{ id: m.b.id, version: m.b.version, name: m.b.name }} accept={acceptMatch} reject={rejectMatch} /> : null}
        </section>
      ))}
      {pages > 1 ? (
        <nav className="pager" aria-label="Pages">
          {page.page > 1 ? <Link href={href(page.page - 1)}>← Previous</Link> : null}
          {page.page < pages ? <Link href={href(page.page + 1)}>Next →</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
