import { requirePagePrincipal } from '@/lib/auth/session';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getSupplierOverview } from '@/lib/db/suppliers';
import { listDesignatingAuthorities } from '@/lib/db/analysis';
import { suppliersQuerySchema, COMPONENT_CATEGORIES, type SuppliersQuery } from '@/lib/validation/suppliers';
import { parsePageQuery, type RawSearchParams } from '@/lib/validation/search-params';
import { formatPartialDate } from '@/lib/dates';
import { AuthorityBadge } from '@/components/ui/authority-badge';
import { QueryProblems } from '@/components/ui/query-problems';
import '../explore.css';

export const metadata: Metadata = { title: 'Suppliers' };

const fmt = new Intl.NumberFormat('en-GB');
const words = (s: string) => s.toLowerCase().replace(/_/g, ' ');
const FIELD_LABELS: Record<string, string> = { country: 'Country', category: 'Component category', designated: 'Designated by' };

function href(q: SuppliersQuery, patch: Partial<SuppliersQuery>): string {
  const next = { ...q, ...patch };
  const p = new URLSearchParams();
  if (next.country) p.set('country', next.country);
  if (next.category) p.set('category', next.category);
  if (next.designated) p.set('designated', next.designated);
  const s = p.toString();
  return s ? `/suppliers?${s}` : '/suppliers';
}

export default async function SuppliersPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const viewer = await requirePagePrincipal('data:read');
  const { query: q, problems } = parsePageQuery(suppliersQuerySchema, await searchParams);
  const [o, designating] = await Promise.all([getSupplierOverview(viewer, q), listDesignatingAuthorities(viewer)]);
  const label: Record<string, string> = Object.fromEntries(designating.map((a) => [a.id, a.shortName]));
  const authorities = designating.map((a) => a.id);
  const countries = [...new Set(o.byCountryCategory.map((c) => c.country))].sort();
  const categories = COMPONENT_CATEGORIES.filter((c) => o.byCountryCategory.some((x) => x.category === c));
  const filtered = Boolean(q.country || q.category || q.designated);

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Suppliers</h1>
          <p className="muted">Entities that supply components to the drone programs, by country and component category, and which authorities designated them.</p>
        </div>
      </header>
      <QueryProblems problems={problems} labels={FIELD_LABELS} />

      {o.total === 0 ? (
        <p className="panel" role="status">
          No supplier recorded yet: suppliers come from supply links and from participants in the component-supplier role.
        </p>
      ) : (
        <>
          <section className="panel" aria-labelledby="sup-status">
            <h2 id="sup-status">Designation status</h2>
            <div className="table-wrap">
              <table>
                <caption className="sr-only">Suppliers designated by each authority, and by none</caption>
                <thead>
                  <tr>
                    <th scope="col">Authority</th>
                    <th scope="col" className="num">
                      Suppliers
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {o.byAuthority.map((a) => (
                    <tr key={a.authority}>
                      <td>
                        <AuthorityBadge id={a.authority} label={label[a.authority]} />
                      </td>
                      <td className="num">
                        <Link href={href(q, { designated: a.authority })}>{fmt.format(a.count)}</Link>
                      </td>
                    </tr>
                  ))}
                  <tr>
                    <td className="gap">No authority</td>
                    <td className="num">
                      <Link href={href(q, { designated: 'none' })} data-testid="undesignated-count">
                        {fmt.format(o.undesignated)}
                      </Link>
                    </td>
                  </tr>
                </tbody>
              </table>
            </div>
            <p className="small muted">Of {fmt.format(o.total)} suppliers. A supplier designated by several authorities counts once per authority.</p>
          </section>

          <section className="panel" aria-labelledby="sup-matrix">
            <h2 id="sup-matrix">By country and component category</h2>
            <div className="table-wrap">
              <table className="matrix" data-testid="supplier-matrix">
                <caption className="sr-only">Suppliers per country (rows) and component category (columns); select a number to list them</caption>
                <thead>
                  <tr>
                    <th scope="col">Country</th>
                    {categories.map((c) => (
                      <th scope="col" key={c} className="num">
                        {words(c)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {countries.map((country) => (
                    <tr key={country}>
                      <th scope="row">{country === 'unknown' ? 'unknown' : country.toUpperCase()}</th>
                      {categories.map((c) => {
                        const n = o.byCountryCategory.find((x) => x.country === country && x.category === c)?.count ?? 0;
                        return (
                          <td key={c} className="num">
                            {n ? <Link href={href(q, { country, category: c })}>{fmt.format(n)}</Link> : <span className="muted">0</span>}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <form method="get" action="/suppliers" className="panel controls no-print" aria-label="Supplier filters">
            <div className="field">
              <label htmlFor="country">Country</label>
              <select id="country" name="country" defaultValue={q.country ?? ''}>
                <option value="">Any</option>
                {countries.map((c) => (
                  <option key={c} value={c}>
                    {c === 'unknown' ? 'unknown' : c.toUpperCase()}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="category">Component category</label>
              <select id="category" name="category" defaultValue={q.category ?? ''}>
                <option value="">Any</option>
                {categories.map((c) => (
                  <option key={c} value={c}>
                    {words(c)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="designated">Designated by</label>
              <select id="designated" name="designated" defaultValue={q.designated ?? ''}>
                <option value="">Any or none</option>
                {designating.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.shortName}
                  </option>
                ))}
                <option value="none">No authority</option>
              </select>
            </div>
            <button className="btn" type="submit">
              Apply
            </button>
            {filtered ? (
              <Link href="/suppliers" className="btn btn-quiet">
                Clear
              </Link>
            ) : null}
          </form>

          <section className="panel" aria-labelledby="sup-list">
            <h2 id="sup-list">
              {filtered ? 'Matching suppliers' : 'All suppliers'} ({fmt.format(o.suppliers.length)})
            </h2>
            {o.suppliers.length ? (
              <div className="table-wrap">
                <table data-testid="supplier-table">
                  <thead>
                    <tr>
                      <th scope="col">Supplier</th>
                      <th scope="col">Country</th>
                      <th scope="col">Components</th>
                      <th scope="col">Programs</th>
                      {authorities.map((a) => (
                        <th scope="col" key={a}>
                          {label[a]}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {o.suppliers.map((s) => (
                      <tr key={s.id}>
                        <th scope="row">
                          <Link href={`/entities/${s.id}`}>{s.name}</Link>
                          {s.designations.length ? null : <div className="small gap">not designated by any authority</div>}
                        </th>
                        <td>{s.countries.map((c) => (c === 'unknown' ? 'unknown' : c.toUpperCase())).join(', ')}</td>
                        <td>{s.categories.map(words).join(', ')}</td>
                        <td>
                          {s.programs.map((p, i) => (
                            <span key={p.slug}>
                              {i ? ', ' : ''}
                              <Link href={`/programs/${p.slug}`}>{p.name}</Link>
                            </span>
                          ))}
                        </td>
                        {authorities.map((a) => {
                          const d = s.designations.find((x) => x.authority === a);
                          return (
                            <td key={a} className={d ? 'cell-yes' : 'cell-no'}>
                              {d ? `${d.onOrBefore ? 'on or before ' : ''}${formatPartialDate(d.firstListed)}` : '—'}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p className="muted">No supplier matches these filters.</p>
            )}
          </section>
        </>
      )}
    </>
  );
}
