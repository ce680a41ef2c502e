import { requirePagePrincipal } from '@/lib/auth/session';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getWeaponsProgram } from '@/lib/db/weapons-programs';
import { listDesignatingAuthorities } from '@/lib/db/analysis/authorities';
import { SLUG } from '@/lib/validation/analysis';
import { chartRows, programAuthorities, programQuarterChart } from '@/lib/charts/chart-data';
import { formatPartialDate } from '@/lib/dates';
import { AuthorityBadge } from '@/components/ui/authority-badge';
import { SupplyNetwork } from '@/components/charts/supply-network';
import { QuarterBars } from '@/components/charts/quarter-bars';
import { ChartDownloads } from '@/components/charts/chart-downloads';
import { WatchToggle } from '@/components/alerts/watch-toggle';
import { getWatch } from '@/lib/db/alerts/watches';
import '../../explore.css';

export const metadata: Metadata = { title: 'Weapons program' };

const words = (s: string) => s.toLowerCase().replace(/_/g, ' ');

export default async function ProgramPage({ params }: { params: Promise<{ slug: string }> }) {
  const viewer = await requirePagePrincipal('data:read');
  const { slug } = await params;
  if (!SLUG.test(slug)) notFound();
  const [detail, designating] = await Promise.all([getWeaponsProgram(viewer, slug), listDesignatingAuthorities(viewer)]);
  if (!detail) notFound();
  const { program, participants, matrix, edges, nodes } = detail;

  // Columns: every authority with designations in the database, plus any that designated a participant.
  const { ids: authorityIds, labels: label } = programAuthorities({ matrix, designating });
  const roles = [...new Set(participants.map((p) => p.role))];
  const entities = [...new Map(participants.map((p) => [p.entityId, p])).values()].sort((a, b) => a.entityName.localeCompare(b.entityName));
  const rolesOf = (id: string) => participants.filter((p) => p.entityId === id).map((p) => words(p.role));
  const cell = (entityId: string, authority: string) => matrix.find((m) => m.entityId === entityId && m.authority === authority);
  const designatedCount = entities.filter((e) => matrix.some((m) => m.entityId === e.entityId)).length;

  // The same shaping as the chart's export (/api/export/program.svg?slug=…).
  const chart = programQuarterChart({ ...detail, designating });
  const series = chart.series;
  const timeline = chartRows(chart);
  const nameOf = new Map(nodes.map((n) => [n.id, n.name]));

  return (
    <>
      <header className="page-header">
        <div>
          <h1>{program.name}</h1>
          <p className="muted">
            {program.type}
            {program.countryOfOrigin ? ` · ${program.countryOfOrigin.toUpperCase()}` : ''}
            {program.aliases.length ? ` · also ${program.aliases.join(', ')}` : ''}
          </p>
        </div>
        <Link href={`/analysis/lag?program=${encodeURIComponent(program.slug)}`}>Cross-authority lag for its participants →</Link>
        <WatchToggle kind="weapon" value={program.slug} label={program.name} watchId={(await getWatch(viewer, 'weapon', program.slug))?.id ?? null} />
      </header>
      {program.description ? <p>{program.description}</p> : null}
      {program.note ? <p className="small flag">{program.note}</p> : null}

      <section className="panel" aria-labelledby="participants-title">
        <h2 id="participants-title">Participants by role ({entities.length})</h2>
        {roles.length ? (
          roles.map((role) => (
            <div key={role}>
              <h3>{words(role)}</h3>
              <ul>
                {participants
                  .filter((p) => p.role === role)
                  .map((p) => (
                    <li key={`${p.entityId}-${role}`}>
                      <Link href={`/entities/${p.entityId}`}>{p.entityName}</Link>
                      {p.countries.length ? <span className="muted"> · {p.countries.join(', ').toUpperCase()}</span> : null}
                      {p.isUncertain ? <span className="flag"> (uncertain)</span> : null}{' '}
                      <a href={p.sourceUrl} target="_blank" rel="noreferrer noopener" className="small">
                        source<span className="sr-only"> of {p.entityName}&apos;s role</span>
                      </a>
                    </li>
                  ))}
              </ul>
            </div>
          ))
        ) : (
          <p className="muted">No participant recorded.</p>
        )}
      </section>

      <section className="panel" aria-labelledby="matrix-title">
        <h2 id="matrix-title">Who designated them, and when</h2>
        <p className="small muted">
          {designatedCount} of {entities.length} participants are designated by at least one authority. Each cell gives the earliest listing; “lifted” when every listing by that authority has
          ended.
        </p>
        {entities.length ? (
          <div className="table-wrap">
            <table className="matrix" data-testid="participant-matrix">
              <caption className="sr-only">Participants (rows) by authority (columns): date first listed, or not designated</caption>
              <thead>
                <tr>
                  <th scope="col">Participant</th>
                  <th scope="col">Role</th>
                  {authorityIds.map((a) => (
                    <th scope="col" key={a}>
                      <AuthorityBadge id={a} label={label[a]} />
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {entities.map((e) => (
                  <tr key={e.entityId}>
                    <th scope="row">
                      <Link href={`/entities/${e.entityId}`}>{e.entityName}</Link>
                    </th>
                    <td>{rolesOf(e.entityId).join(', ')}</td>
                    {authorityIds.map((a) => {
                      const c = cell(e.entityId, a);
                      return c ? (
                        <td key={a} className="cell-yes">
                          {c.onOrBefore ? 'on or before ' : ''}
                          {formatPartialDate(c.firstListed, c.precision)}
                          {c.active ? null : <div className="small muted">lifted</div>}
                        </td>
                      ) : (
                        <td key={a} className="cell-no">
                          not designated
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="network-title">
        <h2 id="network-title">Supplier network</h2>
        {edges.length ? (
          <>
            <SupplyNetwork nodes={nodes} edges={edges} authorityLabel={label} />
            <details>
              <summary>Supply links as a table</summary>
              <div className="table-wrap">
                <table data-testid="supply-table">
                  <thead>
                    <tr>
                      <th scope="col">Supplier</th>
                      <th scope="col">Recipient</th>
                      <th scope="col">Components</th>
                      <th scope="col">Supplier designated by</th>
                      <th scope="col">Source</th>
                    </tr>
                  </thead>
                  <tbody>
                    {edges.map((e) => (
                      <tr key={e.id}>
                        <td>
                          <Link href={`/entities/${e.supplierId}`}>{nameOf.get(e.supplierId)}</Link>
                        </td>
                        <td>
                          <Link href={`/entities/${e.recipientId}`}>{nameOf.get(e.recipientId)}</Link>
                        </td>
                        <td>
                          {words(e.componentCategory)}
                          {e.isUncertain ? <span className="flag"> (uncertain)</span> : null}
                        </td>
                        <td>
                          {(nodes.find((n) => n.id === e.supplierId)?.authorities ?? []).map((a) => <AuthorityBadge key={a} id={a} label={label[a]} />)}
                          {nodes.find((n) => n.id === e.supplierId)?.authorities.length ? null : <span className="gap">none</span>}
                        </td>
                        <td>
                          <a href={e.sourceUrl} target="_blank" rel="noreferrer noopener">
                            source
                          </a>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          </>
        ) : (
          <p className="muted">No supply link recorded for this program.</p>
        )}
      </section>

      <section className="panel" aria-labelledby="ptimeline-title">
        <h2 id="ptimeline-title" className="chart-title">
          {chart.title}
        </h2>
        <p className="chart-subtitle">{chart.subtitle}</p>
        {timeline.length ? (
          <>
            <QuarterBars data={timeline} series={series} />
            <details>
              <summary>Data table</summary>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Quarter</th>
                      {series.map((s) => (
                        <th scope="col" className="num" key={s.key}>
                          {s.label}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {timeline
                      .filter((p) => series.some((s) => Number(p[s.key]) > 0))
                      .map((p) => (
                        <tr key={p.bin}>
                          <th scope="row">{p.label}</th>
                          {series.map((s) => (
                            <td className="num" key={s.key}>
                              {Number(p[s.key] ?? 0)}
                            </td>
                          ))}
                        </tr>
                      ))}
                  </tbody>
                </table>
              </div>
            </details>
          </>
        ) : (
          <p className="muted">No dated designation of a participant.</p>
        )}
        <p className="chart-source">{chart.source}.</p>
        {timeline.length ? <ChartDownloads chart="program" query={`slug=${encodeURIComponent(program.slug)}`} /> : null}
      </section>

      {program.sourceUrls.length ? (
        <section className="panel" aria-labelledby="psources">
          <h2 id="psources">Sources on the program</h2>
          <ul className="small">
            {program.sourceUrls.map((u) => (
              <li key={u}>
                <a href={u} target="_blank" rel="noreferrer noopener">
                  {u}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
