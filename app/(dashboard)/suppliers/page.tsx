import { listCases } from '@/lib/db/cases/cases';
import { requirePagePrincipal } from '@/lib/auth/session';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getSupplierOverview, UNKNOWN_COUNTRY } from '@/lib/db/suppliers/overview';
import { listDesignatingAuthorities } from '@/lib/db/analysis/authorities';
import { ANY_AUTHORITY, COMPONENT_CATEGORIES, hasSupplierFilters, parseSuppliersQuery, suppliersHref, type SuppliersQuery } from '@/lib/validation/suppliers';
import type { RawSearchParams } from '@/lib/validation/search-params';
import { countryName } from '@/lib/normalize/countries';
import { formatPartialDate } from '@/lib/dates';
import { AuthorityBadge } from '@/components/ui/authority-badge';
import { QueryProblems } from '@/components/ui/query-problems';
import { SupplyNetwork } from '@/components/charts/supply-network';
import '../explore.css';
import './reflow.css';

export const metadata: Metadata = { title: 'Suppliers' };

const fmt = new Intl.NumberFormat('en-GB');
const words = (s: string) => s.toLowerCase().replace(/_/g, ' ');
const FIELD_LABELS: Record<string, string> = {
  country: 'Country',
  category: 'Component category',
  weapon: 'Weapons program',
  case: 'Case',
  by: 'Designated by',
  notby: 'Not designated by',
  designated: 'Designated by',
};
const country = (c: string) => (c === UNKNOWN_COUNTRY ? 'country unknown' : `${countryName(c)} (${c.toUpperCase()})`);
const orList = (xs: string[]) => (xs.length < 2 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} or ${xs.at(-1)}`);

/** The filters in words, for the list's heading: "Shahed-136 suppliers in China (CN) or Türkiye (TR), not designated by EU or UK". */
function describeFilters(q: SuppliersQuery, authority: (id: string) => string, weapon: (slug: string) => string, caseTitle: (slug: string) => string): string {
  const parts: string[] = [];
  parts.push(`${q.weapon.length ? `${orList(q.weapon.map(weapon))} suppliers` : 'Suppliers'}`);
  if (q.category.length) parts.push(`of ${orList(q.category.map(words))}`);
  if (q.country.length) parts.push(`in ${orList(q.country.map(country))}`);
  const status: string[] = [];
  if (q.case.length) status.push(`listed by an action of the ${orList(q.case.map((c) => `“${caseTitle(c)}”`))} case`);
  if (q.by.length) status.push(`designated by ${orList(q.by.map(authority))}`);
  if (q.notby.includes(ANY_AUTHORITY)) status.push('designated by no authority');
  else if (q.notby.length) status.push(`not designated by ${orList(q.notby.map(authority))}`);
  return [parts.join(' '), ...status].join(', ');
}

function Checkboxes({ legend, name, options, checked }: { legend: string; name: string; options: Array<{ value: string; label: string }>; checked: readonly string[] }) {
  return (
    <fieldset className="checks">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value}>
          <input type="checkbox" name={name} value={o.value} defaultChecked={checked.includes(o.value)} /> {o.label}
        </label>
      ))}
    </fieldset>
  );
}

export default async function SuppliersPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const viewer = await requirePagePrincipal('data:read');
  const { query: q, problems } = parseSuppliersQuery(await searchParams);
  const [o, designating, cases] = await Promise.all([getSupplierOverview(viewer, q), listDesignatingAuthorities(viewer), listCases(viewer)]);
  const caseTitle = new Map(cases.map((c) => [c.slug, c.title]));
  const label: Record<string, string> = Object.fromEntries(designating.map((a) => [a.id, a.shortName]));
  const authority = (id: string) => label[id] ?? id;
  const weaponName = new Map(o.options.weapons.map((w) => [w.slug, w.name]));
  const authorities = designating.map((a) => a.id);
  const countries = [...new Set(o.byCountryCategory.map((c) => c.country))].sort();
  const categories = COMPONENT_CATEGORIES.filter((c) => o.byCountryCategory.some((x) => x.category === c));
  const filtered = hasSupplierFilters(q);
  const heading = describeFilters(q, authority, (s) => weaponName.get(s) ?? s, (c) => caseTitle.get(c) ?? c);

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Suppliers</h1>
          <p className="muted">
            Entities that supply components to the weapons programs (a recorded supply link, or a program participant in the component-supplier role), by country and component category, and which authorities designated them. Combine
            the filters to ask about gaps: who is designated by one authority and not by another, or by none yet.
          </p>
        </div>
      </header>
      <QueryProblems problems={problems} labels={FIELD_LABELS} />

      {o.total === 0 ? (
        <p className="panel" role="status">
          No supplier recorded yet: suppliers come from supply links and from participants in the component-supplier role.
        </p>
      ) : (
        <>
          <form method="get" action="/suppliers" className="panel supplier-filters no-print" aria-label="Supplier filters">
            <Checkboxes
              legend="Weapons program"
              name="weapon"
              options={[...o.options.weapons.map((w) => ({ value: w.slug, label: w.name })), ...q.weapon.filter((s) => !weaponName.has(s)).map((s) => ({ value: s, label: s }))]}
              checked={q.weapon}
            />
            {cases.length ? <Checkboxes legend="Case (listed by one of its actions)" name="case" options={cases.map((c) => ({ value: c.slug, label: c.title }))} checked={q.case} /> : null}
            {/* The countries asked for stay choices even where no supplier is recorded (the answer is then none). */}
            <Checkboxes legend="Country (any of)" name="country" options={[...new Set([...o.options.countries, ...q.country])].sort().map((c) => ({ value: c, label: country(c) }))} checked={q.country} />
            <Checkboxes legend="Designated by (any of)" name="by" options={designating.map((a) => ({ value: a.id, label: a.shortName }))} checked={q.by} />
            <Checkboxes
              legend="Not designated by (none of)"
              name="notby"
              options={[...designating.map((a) => ({ value: a.id, label: a.shortName })), { value: ANY_AUTHORITY, label: 'any authority (not yet designated)' }]}
              checked={q.notby}
            />
            <Checkboxes legend="Component category" name="category" options={COMPONENT_CATEGORIES.map((c) => ({ value: c, label: words(c) }))} checked={q.category} />
            <div className="controls">
              <button className="btn" type="submit">
                Apply
              </button>
              {filtered ? (
                <Link href="/suppliers" className="btn btn-quiet">
                  Clear
                </Link>
              ) : null}
            </div>
          </form>

          <section className="panel" aria-labelledby="sup-list">
            <h2 id="sup-list">
              {filtered ? 'Matching suppliers' : 'All suppliers'} ({fmt.format(o.suppliers.length)})
            </h2>
            {filtered ? (
              <p className="small" data-testid="supplier-filter-words">
                {heading}.
              </p>
            ) : null}
            {o.suppliers.length ? (
              <div className="table-wrap table-reflow">
                <table data-testid="supplier-table">
                  <caption className="sr-only">{heading}: each with its countries, components, programs and its first listing by each authority</caption>
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
                        <td data-label="Country">{s.countries.map((c) => (c === UNKNOWN_COUNTRY ? 'unknown' : c.toUpperCase())).join(', ')}</td>
                        <td data-label="Components">{s.categories.map((c) => (c === 'UNSPECIFIED' ? 'not specified' : words(c))).join(', ')}</td>
                        <td data-label="Programs">
                          {s.programs.length
                            ? s.programs.map((p, i) => (
                                <span key={p.slug}>
                                  {i ? ', ' : ''}
                                  <Link href={`/programs/${p.slug}`}>{p.name}</Link>
                                </span>
                              ))
                            : <span className="muted">none recorded</span>}
                        </td>
                        {authorities.map((a) => {
                          const d = s.designations.find((x) => x.authority === a);
                          return (
                            <td key={a} data-label={label[a]} className={d ? 'cell-yes' : 'cell-no'}>
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
            <p className="small muted">An authority’s date is its first listing of the supplier, lifted or not; “—”: that authority has not listed it.</p>
          </section>

          {o.network.edges.length ? (
            <section className="panel" aria-labelledby="sup-network">
              <h2 id="sup-network">Supply network{filtered ? ' of the matching suppliers' : ''}</h2>
              <SupplyNetwork
                nodes={o.network.nodes}
                edges={o.network.edges}
                authorityLabel={label}
                label={`Supply network: ${heading} on the left, the entities or programs they supply to their right`}
              />
            </section>
          ) : null}

          <section className="panel" aria-labelledby="sup-status">
            <h2 id="sup-status">Designation status</h2>
            <div className="table-wrap table-reflow">
              <table data-testid="supplier-status">
                <caption className="sr-only">Suppliers designated by each authority, and by none; select a number to list them</caption>
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
                      <th scope="row">
                        <AuthorityBadge id={a.authority} label={label[a.authority]} />
                      </th>
                      <td className="num" data-label="Suppliers">
                        <Link href={suppliersHref(q, { by: [a.authority], notby: [] })}>{fmt.format(a.count)}</Link>
                      </td>
                    </tr>
                  ))}
                  <tr>
                    <th scope="row" className="gap">
                      No authority
                    </th>
                    <td className="num" data-label="Suppliers">
                      <Link href={suppliersHref(q, { by: [], notby: [ANY_AUTHORITY] })} data-testid="undesignated-count">
                        {fmt.format(o.undesignated)}
                      </Link>
                    </td>
                  </tr>
                </tbody>
              </table>
            </div>
            <p className="small muted">
              Of {fmt.format(o.base)} suppliers{o.base !== o.total ? ` that the other filters keep (${fmt.format(o.total)} in all)` : ''}. A supplier designated by several authorities counts once per authority.
            </p>
          </section>

          <section className="panel" aria-labelledby="sup-matrix">
            <h2 id="sup-matrix">By country and component category</h2>
            {countries.length ? (
              <div className="table-wrap table-reflow">
                <table className="matrix" data-testid="supplier-matrix">
                  <caption className="sr-only">Suppliers per country (rows) and component category (columns), within the filters other than country and category; select a number to list them</caption>
                  <thead>
                    <tr>
                      <th scope="col">Country</th>
                      {categories.map((c) => (
                        <th scope="col" key={c} className="num">
                          {c === 'UNSPECIFIED' ? 'not specified' : words(c)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {countries.map((c) => (
                      <tr key={c}>
                        <th scope="row">{country(c)}</th>
                        {categories.map((cat) => {
                          const n = o.byCountryCategory.find((x) => x.country === c && x.category === cat)?.count ?? 0;
                          return (
                            <td key={cat} className="num" data-label={cat === 'UNSPECIFIED' ? 'not specified' : words(cat)}>
                              {n ? <Link href={suppliersHref(q, { country: [c], category: [cat] })}>{fmt.format(n)}</Link> : <span className="muted">0</span>}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p className="muted">No supplier within the other filters.</p>
            )}
          </section>
        </>
      )}
    </>
  );
}
