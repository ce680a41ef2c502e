import { requirePagePrincipal } from '@/lib/auth/session';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getCase } from '@/lib/db/cases/cases';
import { binRange, type SeriesPoint } from '@/lib/charts/binning';
import { seriesColor } from '@/lib/charts/colors';
import { countryLabel } from '@/lib/charts/timeline';
import { formatPartialDate } from '@/lib/dates';
import { AuthorityBadge } from '@/components/ui/authority-badge';
import { QuarterBars } from '@/components/charts/quarter-bars';

export const metadata: Metadata = { title: 'Case' };

const fmt = new Intl.NumberFormat('en-GB');
const day = (d: Date) => formatPartialDate(d, 'DAY');

export default async function CasePage({ params }: { params: Promise<{ slug: string }> }) {
  const viewer = await requirePagePrincipal('data:read');
  const { slug } = await params;
  const c = await getCase(viewer, decodeURIComponent(slug));
  if (!c) notFound();
  const authorities = c.authorities.map((a, i) => ({ key: a.authorityId, label: a.name, color: seriesColor(a.authorityId, i) }));
  const bins = c.quarters.length ? binRange(c.quarters[0]!.bin, c.quarters[c.quarters.length - 1]!.bin, 'quarter') : [];
  const data: SeriesPoint[] = bins.map((bin) => ({ bin, ...Object.fromEntries(authorities.map((a) => [a.key, c.quarters.find((q) => q.bin === bin && q.authorityId === a.key)?.count ?? 0])) }));
  const first = c.authorities[0];
  // Ties are ties: the same day is said, never credited to whichever authority sorts first.
  const firstNote = (a: (typeof c.authorities)[number]) => {
    const lag = first ? Math.round((a.firstAction.getTime() - first.firstAction.getTime()) / 86_400_000) : 0;
    const ties = c.authorities.filter((b) => b.authorityId !== a.authorityId && b.firstAction.getTime() === a.firstAction.getTime()).map((b) => b.name);
    return `${lag ? `+${lag} days` : 'first'}${ties.length ? `; same day as ${ties.join(', ')}` : ''}`;
  };
  const overview = `/?case=${encodeURIComponent(c.slug)}${c.quarters.length ? `&from=${c.quarters[0]!.bin.slice(0, 4)}&to=${c.quarters[c.quarters.length - 1]!.bin.slice(0, 4)}` : ''}`;
  return (
    <>
      <header className="page-header">
        <div>
          <p className="small muted">
            <Link href="/cases">Cases</Link> · {c.origin === 'admin' ? 'entered by an admin' : 'curated in the seed data'} · updated {day(c.updatedAt)}
          </p>
          <h1>{c.title}</h1>
          {c.description ? <p className="muted">{c.description}</p> : null}
          <p data-testid="case-totals">
            {fmt.format(c.totals.actions)} sanctions action{c.totals.actions === 1 ? '' : 's'} · {fmt.format(c.totals.designations)} designation
            {c.totals.designations === 1 ? '' : 's'} · {fmt.format(c.totals.entities)} entit{c.totals.entities === 1 ? 'y' : 'ies'}.{' '}
            <Link href={overview}>Chart it on the overview</Link> · <Link href={`/analysis/lag?case=${encodeURIComponent(c.slug)}`}>who moved first</Link>
          </p>
          {c.sourceUrls.length ? (
            <p className="small">
              Sources:{' '}
              {c.sourceUrls.map((u, i) => (
                <span key={u}>
                  {i ? ' · ' : ''}
                  <a href={u} target="_blank" rel="noreferrer noopener">
                    {u}
                  </a>
                </span>
              ))}
            </p>
          ) : null}
          {c.note ? <p className="small muted">{c.note}</p> : null}
        </div>
      </header>
      <section className="panel" aria-labelledby="authorities-title">
        <h2 id="authorities-title" className="chart-title">
          By authority
        </h2>
        <div className="table-wrap">
          <table data-testid="case-authorities">
            <thead>
              <tr>
                <th scope="col">Authority</th>
                <th scope="col">First action</th>
                <th scope="col">Actions</th>
                <th scope="col">Designations</th>
                <th scope="col">Entities</th>
              </tr>
            </thead>
            <tbody>
              {c.authorities.map((a) => (
                <tr key={a.authorityId}>
                  <td>
                    <AuthorityBadge id={a.authorityId} label={a.name} />
                  </td>
                  <td>
                    {day(a.firstAction)} ({firstNote(a)})
                  </td>
                  <td>{fmt.format(a.actions)}</td>
                  <td>{fmt.format(a.designations)}</td>
                  <td>{fmt.format(a.entities)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {bins.length ? (
        <section className="panel" aria-labelledby="quarters-title">
          <h2 id="quarters-title" className="chart-title">
            Designations of the case per quarter, by authority (listing date)
          </h2>
          <QuarterBars data={data} series={authorities} />
          <div className="table-wrap">
            <table data-testid="case-quarters">
              <thead>
                <tr>
                  <th scope="col">Quarter</th>
                  {authorities.map((a) => (
                    <th key={a.key} scope="col">
                      {a.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.map((row) => (
                  <tr key={row.bin}>
                    <th scope="row">{row.bin.replace('-', ' ')}</th>
                    {authorities.map((a) => (
                      <td key={a.key}>{fmt.format(Number(row[a.key] ?? 0))}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      <section className="panel" aria-labelledby="actions-title">
        <h2 id="actions-title" className="chart-title">
          Its actions in time
        </h2>
        <div className="table-wrap">
          <table data-testid="case-actions">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Authority</th>
                <th scope="col">Action</th>
                <th scope="col">Designations</th>
              </tr>
            </thead>
            <tbody>
              {c.actions.map((a) => (
                <tr key={a.id}>
                  <td>{day(a.actionDate)}</td>
                  <td>
                    <AuthorityBadge id={a.authorityId} label={a.authorityName} />
                  </td>
                  <td>
                    <Link href={`/actions/${encodeURIComponent(a.id)}`}>{a.title}</Link>
                    {a.isUncertain ? (
                      <>
                        {' '}
                        <span className="badge">uncertain</span>
                      </>
                    ) : null}
                  </td>
                  <td>{fmt.format(a.designations)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="panel" aria-labelledby="entities-title">
        <h2 id="entities-title" className="chart-title">
          Its entities ({fmt.format(c.entities.length)})
        </h2>
        <div className="table-wrap">
          <table data-testid="case-entities">
            <thead>
              <tr>
                <th scope="col">Entity</th>
                <th scope="col">Type</th>
                <th scope="col">Countries</th>
                <th scope="col">Listed in the case by</th>
                <th scope="col">First listed</th>
              </tr>
            </thead>
            <tbody>
              {c.entities.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Link href={`/entities/${e.id}`}>{e.name}</Link>
                  </td>
                  <td>{e.schema}</td>
                  <td>{e.countries.map(countryLabel).join(', ') || '—'}</td>
                  <td>{e.authorities.join(', ')}</td>
                  <td>{e.firstListed ? day(e.firstListed) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
