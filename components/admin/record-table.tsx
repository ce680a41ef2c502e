import Link from 'next/link';
import type { AdminListQuery, AdminRow, Page } from '@/lib/db/admin/list';
import type { Resource } from '@/lib/admin/resources';
import { RowActions } from './row-actions';

function href(base: string, q: AdminListQuery, patch: Partial<Record<'q' | 'deleted' | 'page', string | undefined>>) {
  const p = new URLSearchParams();
  const merged = { q: q.q, deleted: q.deleted, page: String(q.page), ...patch };
  for (const [k, v] of Object.entries(merged)) if (v && !(k === 'page' && v === '1')) p.set(k, v);
  const s = p.toString();
  return s ? `${base}?${s}` : base;
}

/** A searchable, paged admin list with edit links and delete/restore per row. */
export function RecordTable({ resource, page, query }: { resource: Resource; page: Page<AdminRow>; query: AdminListQuery }) {
  const base = `/admin/${resource.slug}`;
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const labelColumn = resource.labelColumn ?? 0;
  return (
    <>
      <form className="controls no-print" method="get" action={base} role="search">
        <div className="field">
          <label htmlFor="q">Search</label>
          <input id="q" name="q" type="search" defaultValue={query.q ?? ''} />
        </div>
        {query.deleted ? <input type="hidden" name="deleted" value="1" /> : null}
        <button className="btn btn-quiet" type="submit">
          Search
        </button>
        <Link href={href(base, query, { deleted: query.deleted ? undefined : '1', page: '1' })}>{query.deleted ? 'Show live records' : 'Show deleted records'}</Link>
      </form>
      <p className="small muted" aria-live="polite">
        {page.total.toLocaleString('en')} {query.deleted ? 'deleted ' : ''}
        {page.total === 1 ? resource.singular : resource.title.toLowerCase()}
        {pages > 1 ? ` · page ${page.page} of ${pages}` : ''}
      </p>
      <div className="table-wrap">
        <table>
          <caption className="sr-only">{query.deleted ? `Deleted ${resource.title.toLowerCase()}` : resource.title}</caption>
          <thead>
            <tr>
              {resource.columns.map((c) => (
                <th scope="col" key={c} className={c === 'Designations' ? 'num' : undefined}>
                  {c}
                </th>
              ))}
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((row) => {
              const label = row.cells[labelColumn] ?? resource.singular;
              return (
                <tr key={row.id} className={row.deleted ? 'is-deleted' : undefined}>
                  {row.cells.map((cell, i) => (
                    <td key={i} className={resource.columns[i] === 'Designations' ? 'num' : resource.columns[i] === 'Id' ? 'mono small' : undefined}>
                      {i === labelColumn ? <Link href={`${base}/${row.id}`}>{cell}</Link> : cell}
                    </td>
                  ))}
                  <td className="row-actions">
                    <Link href={`${base}/${row.id}`} className="btn btn-quiet btn-small" aria-label={`Edit ${label}`}>
                      Edit
                    </Link>{' '}
                    <RowActions id={row.id} version={row.version} deleted={row.deleted} label={label} remove={resource.actions.remove} restore={resource.actions.restore} />
                  </td>
                </tr>
              );
            })}
            {page.items.length === 0 ? (
              <tr>
                <td colSpan={resource.columns.length + 1} className="muted">
                  Nothing here.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <nav className="pager" aria-label="Pages">
          {page.page > 1 ? <Link href={href(base, query, { page: String(page.page - 1) })}>← Previous</Link> : null}
          {page.page < pages ? <Link href={href(base, query, { page: String(page.page + 1) })}>Next →</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
