import { requirePagePrincipal } from '@/lib/auth/session';
import type { Metadata } from 'next';
import Link from 'next/link';
import { listCases } from '@/lib/db/cases/cases';
import { formatPartialDate } from '@/lib/dates';

export const metadata: Metadata = { title: 'Cases' };

const fmt = new Intl.NumberFormat('en-GB');

export default async function CasesPage() {
  const viewer = await requirePagePrincipal('data:read');
  const cases = await listCases(viewer);
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Cases</h1>
          <p className="muted">
            A case is a curated, sourced set of sanctions actions. Filtering by a case counts exactly the listings its actions name — not everything an authority
            listed that day, and not every designation of the entities involved.
          </p>
        </div>
      </header>
      <section className="panel" aria-labelledby="cases-title">
        <h2 id="cases-title" className="chart-title">
          {cases.length} case{cases.length === 1 ? '' : 's'}
        </h2>
        {cases.length ? (
          <div className="table-wrap">
          <table data-testid="cases-table">
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">Actions</th>
                <th scope="col">Designations</th>
                <th scope="col">Entities</th>
                <th scope="col">From – to</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => (
                <tr key={c.slug}>
                  <td data-label="Case">
                    <Link href={`/cases/${c.slug}`}>{c.title}</Link>
                    {c.description ? <p className="small muted">{c.description}</p> : null}
                  </td>
                  <td data-label="Actions">{fmt.format(c.actions)}</td>
                  <td data-label="Designations">{fmt.format(c.designations)}</td>
                  <td data-label="Entities">{fmt.format(c.entities)}</td>
                  <td data-label="From – to">{c.firstAction && c.lastAction ? `${formatPartialDate(c.firstAction, 'DAY')} – ${formatPartialDate(c.lastAction, 'DAY')}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        ) : (
          <p>No case yet. Admins create them under Admin → Cases.</p>
        )}
      </section>
    </>
  );
}
