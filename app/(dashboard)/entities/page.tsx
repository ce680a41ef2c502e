import type { Metadata } from 'next';
import Link from 'next/link';
import { listEntities } from '@/lib/db/entities';
import { listAuthorities } from '@/lib/db/authorities';
import { entityListQuerySchema } from '@/lib/validation/entities';
import { objectToSearchParams, type RawSearchParams } from '@/lib/validation/search-params';
import { AuthorityBadge } from '@/components/ui/authority-badge';

export const metadata: Metadata = { title: 'Entities' };

const fmt = new Intl.NumberFormat('en-GB');

export default async function EntitiesPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const query = entityListQuerySchema.parse(await searchParams);
  const [{ items, total }, authorities] = await Promise.all([listEntities(query), listAuthorities()]);
  const pages = Math.max(1, Math.ceil(total / query.pageSize));
  const pageLink = (page: number) => `/entities?${objectToSearchParams({ q: query.q, authority: query.authority, schema: query.schema, page }).toString()}`;
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Entities</h1>
          <p className="muted">People, organisations, companies, vessels and aircraft on the lists.</p>
        </div>
      </header>
      <form method="get" action="/entities" className="panel controls" role="search">
        <div className="field">
          <label htmlFor="q">Name or alias</label>
          <input id="q" name="q" type="search" defaultValue={query.q ?? ''} size={32} />
        </div>
        <fieldset>
          <legend>Authority</legend>
          <div className="checks">
            {authorities.map((a) => (
              <label key={a.id}>
                <input type="checkbox" name="authority" value={a.id} defaultChecked={query.authority.includes(a.id)} /> {a.shortName}
              </label>
            ))}
          </div>
        </fieldset>
        <button className="btn" type="submit">
          Search
        </button>
      </form>
      <p role="status" className="muted">
        {fmt.format(total)} {total === 1 ? 'entity' : 'entities'}
        {query.q ? ` matching “${query.q}”` : ''}.
      </p>
      {items.length ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Countries</th>
                <th scope="col">Authorities</th>
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
                  </td>
                  <td>{e.schema}</td>
                  <td>{e.countries.join(', ').toUpperCase()}</td>
                  <td>
                    {e.authorities.map((a) => (
                      <AuthorityBadge key={a} id={a} />
                    ))}
                  </td>
                  <td className="num">{e.designations}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="panel">No entity matches. Check the spelling, or clear the filters.</p>
      )}
      <nav aria-label="Pages" className="controls" style={{ marginTop: '.75rem' }}>
        {query.page > 1 ? <Link href={pageLink(query.page - 1)}>← Previous</Link> : null}
        <span className="muted">
          Page {query.page} of {pages}
        </span>
        {query.page < pages ? <Link href={pageLink(query.page + 1)}>Next →</Link> : null}
      </nav>
    </>
  );
}
