import { listCases } from '@/lib/db/cases/cases';
import { requirePagePrincipal } from '@/lib/auth/session';
import type { Metadata } from 'next';
import Link from 'next/link';
import { searchEntities, type FacetCount } from '@/lib/db/search';
import { listAuthorities } from '@/lib/db/authorities';
import { NOT_BY_ANY, entitiesHref, entityListQueryProblems, entityListQuerySchema, toggle, type EntityListQuery } from '@/lib/validation/entities';
import { parsePageQuery, type RawSearchParams } from '@/lib/validation/search-params';
import { formatPartialDate } from '@/lib/dates';
import { AuthorityBadge } from '@/components/ui/authority-badge';
import { QueryProblems } from '@/components/ui/query-problems';
import { AppError } from '@/lib/errors';
import '../../explore.css';
import '../../suppliers/reflow.css';

export const metadata: Metadata = { title: 'Entities' };

const fmt = new Intl.NumberFormat('en-GB');
const FIELD_LABELS: Record<string, string> = { q: 'Name or alias', sort: 'Sort by', authority: 'Designated by', notby: 'Not designated by', case: 'Case', schema: 'Type', country: 'Country', page: 'Page' };

function FacetList({ title, counts, selected, label, href, note, region }: { title: string; counts: FacetCount[]; selected: readonly string[]; label: (v: string) => string; href: (v: string) => string; note?: string; region?: string }) {
  const shown = [...counts, ...selected.filter((s) => !counts.some((c) => c.value === s)).map((value) => ({ value, count: 0 }))];
  return (
    <section className="facet" aria-label={region ?? `Filter by ${title.toLowerCase()}`}>
      <h2 className="facet-title">{title}</h2>
      {note ? <p className="small muted">{note}</p> : null}
      {shown.length ? (
        <ul>
          {shown.map((c) => {
            const on = selected.includes(c.value);
            return (
              <li key={c.value}>
                <Link href={href(c.value)} aria-current={on ? 'true' : undefined} className={on ? 'facet-on' : undefined}>
                  <span aria-hidden="true">{on ? '☑' : '☐'}</span> {label(c.value)}
                  <span className="sr-only">{on ? ' (selected, select to remove)' : ''}</span>
                </Link>
                {c.count >= 0 ? <span className="facet-count">{fmt.format(c.count)}</span> : null}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="small muted">None in these results.</p>
      )}
    </section>
  );
}

function SortHeader({ query, label, asc, desc, className }: { query: EntityListQuery; label: string; asc: EntityListQuery['sort']; desc?: EntityListQuery['sort']; className?: string }) {
  const current = query.sort === asc ? 'ascending' : desc && query.sort === desc ? 'descending' : undefined;
  const next = current === 'ascending' && desc ? desc : asc;
  return (
    <th scope="col" aria-sort={current ?? 'none'} className={className}>
      <Link href={entitiesHref(query, { sort: next })}>
        {label}
        <span aria-hidden="true">{current === 'ascending' ? ' ▲' : current === 'descending' ? ' ▼' : ''}</span>
        <span className="sr-only">{`, sort ${next === desc ? 'newest first' : 'ascending'}`}</span>
      </Link>
    </th>
  );
}

export default async function EntitiesPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const viewer = await requirePagePrincipal('data:read');
  const raw = await searchParams;
  const parsed = parsePageQuery(entityListQuerySchema, raw);
  const { query } = parsed;
  const problems = [...parsed.problems, ...entityListQueryProblems(raw, query).filter((p) => !parsed.problems.some((x) => x.field === p.field))];
  // A search too broad to answer in time (lib/db/search.ts) is told on the page, with the form kept.
  const [result, authorities, cases] = await Promise.all([
    searchEntities(viewer, query).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'UNPROCESSABLE') return err;
      throw err;
    }),
    listAuthorities(viewer),
    listCases(viewer),
  ]);
  const caseTitle = new Map(cases.map((c) => [c.slug, c.title]));
  const tooBroad = result instanceof AppError ? result.message : null;
  const { items, total, facets } = result instanceof AppError ? { items: [], total: 0, facets: { schema: [], country: [], authority: [] } } : result;
  const authorityName = new Map(authorities.map((a) => [a.id, a.shortName]));
  const pages = Math.max(1, Math.ceil(total / query.pageSize));
  const first = total ? (query.page - 1) * query.pageSize + 1 : 0;
  const last = Math.min(total, query.page * query.pageSize);
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Entities</h1>
          <p className="muted">People, organisations, companies, vessels and aircraft on the lists. Search tolerates typos and spelling variants (Shahid/Shahed, Quds/Qods).</p>
        </div>
      </header>
      <QueryProblems problems={problems} labels={FIELD_LABELS} />
      <form method="get" action="/entities" className="panel controls" role="search">
        <div className="field">
          <label htmlFor="q">Name or alias</label>
          <input id="q" name="q" type="search" defaultValue={query.q ?? ''} size={32} />
        </div>
        <div className="field">
          <label htmlFor="sort">Sort by</label>
          <select id="sort" name="sort" defaultValue={query.isSortExplicit ? query.sort : ''}>
            <option value="">Best match</option>
            <option value="relevance">Relevance</option>
            <option value="name">Name</option>
            <option value="listed">First listed, oldest first</option>
            <option value="-listed">First listed, newest first</option>
          </select>
        </div>
        {query.authority.map((a) => (
          <input key={`a-${a}`} type="hidden" name="authority" value={a} />
        ))}
        {query.notby.map((a) => (
          <input key={`n-${a}`} type="hidden" name="notby" value={a} />
        ))}
        {query.case.map((c) => (
          <input key={`k-${c}`} type="hidden" name="case" value={c} />
        ))}
        {query.schema.map((s) => (
          <input key={`s-${s}`} type="hidden" name="schema" value={s} />
        ))}
        {query.country.map((c) => (
          <input key={`c-${c}`} type="hidden" name="country" value={c} />
        ))}
        <button className="btn" type="submit">
          Search
        </button>
        {query.q || query.authority.length || query.notby.length || query.case.length || query.schema.length || query.country.length ? (
          <Link href="/entities" className="btn btn-quiet">
            Clear all
          </Link>
        ) : null}
      </form>
      <div className="search-layout">
        <aside className="panel facets" aria-label="Filters">
          <FacetList
            title="Designated by"
            region="Filter: designated by"
            note="Any of those chosen."
            counts={facets.authority}
            selected={query.authority}
            label={(v) => authorityName.get(v) ?? v}
            href={(v) => entitiesHref(query, { authority: toggle(query.authority, v) })}
          />
          {/* No counts: each would need its own count of the matches without that authority. */}
          <FacetList
            title="Not designated by"
            region="Filter: not designated by"
            note="None of those chosen."
            counts={[...authorities.map((a) => ({ value: a.id, count: -1 })), { value: NOT_BY_ANY, count: -1 }]}
            selected={query.notby}
            label={(v) => (v === NOT_BY_ANY ? 'any authority (not yet designated)' : (authorityName.get(v) ?? v))}
            href={(v) => entitiesHref(query, { notby: v === NOT_BY_ANY ? (query.notby.includes(NOT_BY_ANY) ? [] : [NOT_BY_ANY]) : toggle(query.notby.filter((x) => x !== NOT_BY_ANY), v) })}
          />
          {cases.length ? (
            <FacetList
              title="Case"
              region="Filter: case"
              note="Listed by one of its curated actions."
              counts={cases.map((c) => ({ value: c.slug, count: -1 }))}
              selected={query.case}
              label={(v) => caseTitle.get(v) ?? v}
              href={(v) => entitiesHref(query, { case: toggle(query.case, v) })}
            />
          ) : null}
          <FacetList
            title="Type"
            counts={facets.schema}
            selected={query.schema}
            label={(v) => v}
            href={(v) => entitiesHref(query, { schema: toggle(query.schema, v as EntityListQuery['schema'][number]) })}
          />
          <FacetList title="Country" counts={facets.country} selected={query.country} label={(v) => v.toUpperCase()} href={(v) => entitiesHref(query, { country: toggle(query.country, v) })} />
        </aside>
        <div>
          {tooBroad ? (
            <p className="notice" role="alert">
              {tooBroad}
            </p>
          ) : (
            <p role="status" className="muted">
              {fmt.format(total)} {total === 1 ? 'entity' : 'entities'}
              {query.q ? ` matching “${query.q}”` : ''}
              {total > query.pageSize ? `; ${fmt.format(first)}–${fmt.format(last)} shown` : ''}.
            </p>
          )}
          {items.length ? (
            <div className="table-wrap table-reflow">
              <table data-testid="entity-results">
                <caption className="sr-only">Entities{query.q ? ` matching ${query.q}` : ''}, sorted by {query.sort}</caption>
                <thead>
                  <tr>
                    <SortHeader query={query} label="Name" asc="name" />
                    <th scope="col">Type</th>
                    <th scope="col">Countries</th>
                    <th scope="col">Authorities</th>
                    <SortHeader query={query} label="First listed" asc="listed" desc="-listed" />
                    <th scope="col" className="num">
                      Designations
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((e) => (
                    <tr key={e.id}>
                      <td>
                        <Link href={`/entities/${e.id}`}>{e.name}</Link>
                        {e.matchedAlias ? <div className="small muted">alias: {e.matchedAlias}</div> : null}
                      </td>
                      <td data-label="Type">{e.schema}</td>
                      <td data-label="Countries">{e.countries.join(', ').toUpperCase()}</td>
                      <td data-label="Authorities">
                        {e.authorities.map((a) => (
                          <AuthorityBadge key={a} id={a} label={authorityName.get(a)} />
                        ))}
                      </td>
                      <td data-label="First listed">
                        {e.firstListedOnOrBefore ? 'on or before ' : ''}
                        {formatPartialDate(e.firstListed, e.firstListedPrecision)}
                      </td>
                      <td className="num" data-label="Designations">
                        {e.designations}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : tooBroad ? null : (
            <p className="panel">No entity matches. Check the spelling, or clear the filters.</p>
          )}
          <nav aria-label="Pages" className="controls" style={{ marginTop: '.75rem' }}>
            {query.page > 1 ? <Link href={entitiesHref(query, { page: query.page - 1 })}>← Previous</Link> : null}
            <span className="muted">
              Page {query.page} of {fmt.format(pages)}
            </span>
            {query.page < pages ? <Link href={entitiesHref(query, { page: query.page + 1 })}>Next →</Link> : null}
          </nav>
        </div>
      </div>
    </>
  );
}
