import { requirePagePrincipal } from '@/lib/auth/session';
import type { Metadata } from 'next';
import Link from 'next/link';
import { listUnresolvedCountries } from '@/lib/db/sources/countries';

export const metadata: Metadata = { title: 'Unresolved countries' };

export default async function UnresolvedCountriesPage() {
  const viewer = await requirePagePrincipal('data:write');
  const rows = await listUnresolvedCountries(viewer);
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Unresolved countries</h1>
          <p className="muted">
            Country values the lists wrote that resolve to no ISO 3166 code (cities, regions, former states, free text). They are kept as written, never
            guessed; each import also counts them in its report.
          </p>
        </div>
      </header>
      <section className="panel" aria-labelledby="unresolved">
        <h2 id="unresolved">{rows.length} values</h2>
        {rows.length ? (
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Unresolved country values">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Value as written</th>
                  <th scope="col">Source records</th>
                  <th scope="col">Entities</th>
                  <th scope="col">For example</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.value}>
                    <td>{r.value}</td>
                    <td className="num">{r.records}</td>
                    <td className="num">{r.entities}</td>
                    <td>
                      {r.examples.map((e, i) => (
                        <span key={e.id}>
                          {i ? '; ' : ''}
                          <Link href={`/entities/${e.id}`}>{e.name}</Link>
                        </span>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">Every country value resolves to a code.</p>
        )}
      </section>
    </>
  );
}
