import { requirePagePrincipal } from '@/lib/auth/session';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, permanentRedirect } from 'next/navigation';
import { getEntity, getMergeTarget } from '@/lib/db/entities';
import { listAuditForTarget } from '@/lib/db/audit';
import { AuditHistory } from '@/components/tables/audit-history';
import { formatPartialDate, isoDay } from '@/lib/dates';
import { buildEntityTimeline, toTimelineDesignations } from '@/lib/charts/entity-timeline';
import { ChartDownloads } from '@/components/charts/chart-downloads';
import { AuthorityBadge } from '@/components/ui/authority-badge';
import { EntityDesignationTimeline } from '@/components/charts/entity-designation-timeline';
import { SourceRecords } from '@/components/entities/source-records';
import { SplitRecords } from '@/components/entities/split-records';
import { DesignationGrounds } from '@/components/entities/designation-grounds';
import { splitEntityRecords } from '@/lib/actions/resolution';
import { can } from '@/lib/auth/permissions';
import { countryName } from '@/lib/normalize/countries';
import { IDENTIFIER_TYPE_LABELS, type IdentifierType } from '@/lib/normalize/identifier-types';
import { WatchToggle } from '@/components/alerts/watch-toggle';
import { getWatch } from '@/lib/db/alerts/watches';
import '../../explore.css';

export const metadata: Metadata = { title: 'Entity' };

type SourceRecordProps = Parameters<typeof SourceRecords>[0]['records'][number]['properties'];

const words = (s: string) => s.toLowerCase().replace(/_/g, ' ');
/** ", renamed X" when the history says the code was renamed (a rename is not a new designation). */
function renamedTo(events: Array<{ note: string | null }>, code: string): string {
  const prefix = `program ${code} renamed `;
  const note = events.find((e) => e.note?.startsWith(prefix))?.note;
  return note ? `, renamed ${note.slice(prefix.length).split(' ')[0]}` : '';
}

// Where a source's own record of this entity can be read, for the sources we know how to link.
const EXTERNAL_LINK: Record<string, (id: string) => string> = {
  'ofac-sdn': (id) => `https://sanctionssearch.ofac.treas.gov/Details.aspx?id=${encodeURIComponent(id)}`,
  opensanctions: (id) => `https://www.opensanctions.org/entities/${encodeURIComponent(id)}/`,
};

export default async function EntityPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePagePrincipal('data:read');
  const { id } = await params;
  // A merged record lives on as a redirect to the entity it was merged into.
  const target = await getMergeTarget(viewer, id);
  if (target) permanentRedirect(`/entities/${target}`);
  const [entity, history] = await Promise.all([getEntity(viewer, id), listAuditForTarget(viewer, 'Entity', id)]);
  if (!entity) notFound();

  const listed = (d: (typeof entity.designations)[number]) => `listed ${d.listingDateQualifier === 'ON_OR_BEFORE' ? 'on or before ' : ''}${formatPartialDate(d.listingDate, d.listingDatePrecision)}`;
  const timeline = buildEntityTimeline(toTimelineDesignations(entity.designations), isoDay(new Date()));

  // Every source behind this page, once each, with what it supports.
  const sources = new Map<string, string[]>();
  const cite = (url: string | null | undefined, what: string) => {
    if (!url) return;
    const list = sources.get(url) ?? [];
    if (!list.includes(what)) list.push(what);
    sources.set(url, list);
  };
  for (const d of entity.designations) {
    cite(d.sourceUrl, `${d.authority.shortName} designation`);
    for (const e of d.events) cite(e.sourceUrl, `${d.authority.shortName} ${words(e.status)} ${formatPartialDate(e.date, e.datePrecision)}`);
  }
  for (const p of entity.participations) cite(p.sourceUrl, `${p.weaponsProgram.name}: ${words(p.role)}`);
  for (const s of entity.suppliesTo) cite(s.sourceUrl, `supplies ${s.recipient.name}`);
  for (const s of entity.suppliedBy) cite(s.sourceUrl, `supplied by ${s.supplier.name}`);
  // Relationships read from the entity's side: "owns X" for its own, "owned by Y" for the others'.
  const relations = [
    ...entity.relationsOut.map((r) => ({ r, other: r.object, label: words(r.type), outgoing: true })),
    ...entity.relationsIn.map((r) => ({ r, other: r.subject, label: `${words(r.type)} (of this entity)`, outgoing: false })),
  ];
  for (const { r, other, outgoing } of relations) cite(r.sourceUrl, `${words(r.type)} ${outgoing ? 'with' : 'from'} ${other.name}`);

  return (
    <>
      <header className="page-header">
        <div>
          <h1>{entity.name}</h1>
          <p className="muted">
            {entity.schema}
            {entity.countries.length ? ` · ${entity.countries.map(countryName).join(', ')}` : ''}
            {entity.birthDate ? ` · ${entity.schema === 'Person' ? 'born' : 'founded'} ${formatPartialDate(entity.birthDate, entity.birthDatePrecision)}` : ''}
          </p>
        </div>
        <WatchToggle kind="entity" value={entity.id} label={entity.name} watchId={(await getWatch(viewer, 'entity', entity.id))?.id ?? null} />
      </header>

      <section className="panel" aria-labelledby="identity">
        <h2 id="identity">Identity</h2>
        {entity.aliases.length ? (
          <>
            <h3>Also known as</h3>
            <ul>
              {entity.aliases.map((a) => (
                <li key={a.id}>
                  {a.name}
                  {a.kind !== 'ALIAS' ? <span className="small muted"> ({words(a.kind)})</span> : null}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="muted">No aliases recorded.</p>
        )}
        {entity.identifiers.length ? (
          <>
            <h3>Identifiers</h3>
            <ul>
              {entity.identifiers.map((i) => (
                <li key={i.id}>
                  {IDENTIFIER_TYPE_LABELS[i.type as IdentifierType] ?? i.type}
                  {i.label && i.label !== i.type ? <span className="small muted"> (as listed: {i.label})</span> : null}: <span className="mono">{i.value}</span>
                  {i.country ? ` (${countryName(i.country)})` : ''}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {entity.addresses.length ? (
          <p>
            <strong>Addresses:</strong> {entity.addresses.join('; ')}
          </p>
        ) : null}
        <h3>Records in the sources</h3>
        <SourceRecords
          records={entity.externalIds.map((x) => ({
            id: x.id, source: x.source, externalId: x.externalId, document: x.document, name: x.name,
            link: EXTERNAL_LINK[x.source]?.(x.externalId) ?? null, properties: x.properties as SourceRecordProps,
          }))}
        />
        {can(viewer, 'data:write') && entity.externalIds.length > 1 ? (
          <SplitRecords entityId={entity.id} records={entity.externalIds.map((x) => ({ id: x.id, label: `${x.document} ${x.externalId}${x.name ? `: ${x.name}` : ''}` }))} split={splitEntityRecords} />
        ) : null}
        {entity.notes ? <p>{entity.notes}</p> : null}
      </section>

      <section className="panel" aria-labelledby="designations">
        <h2 id="designations">Designations ({entity.designations.length})</h2>
        {timeline.domain ? (
          <>
            <p className="chart-subtitle">
              Listed → lifted, per authority and program; bars still running reach today, lifted ones are lighter.
              {timeline.undated ? ` ${timeline.undated} without a listing date ${timeline.undated === 1 ? 'is' : 'are'} in the table only.` : ''}
            </p>
            <EntityDesignationTimeline rows={timeline.rows} domain={timeline.domain} />
            <ChartDownloads chart="entity" query={`id=${encodeURIComponent(entity.id)}`} />
          </>
        ) : null}
        {entity.designations.length ? (
          <div className="table-wrap">
            <table>
              <caption className="sr-only">Designations of {entity.name}, oldest first</caption>
              <thead>
                <tr>
                  <th scope="col">Authority</th>
                  <th scope="col">Programs</th>
                  <th scope="col">Listed</th>
                  <th scope="col">Lifted</th>
                  <th scope="col">Status</th>
                  <th scope="col">Source</th>
                  <th scope="col">Grounds</th>
                </tr>
              </thead>
              <tbody>
                {entity.designations.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <AuthorityBadge id={d.authority.id} label={d.authority.shortName} />
                    </td>
                    <td>
                      {d.programs.length
                        ? d.programs.map((p, i) => (
                            <span key={p.programId}>
                              {i ? '; ' : ''}
                              <span title={p.program.code}>{p.label}</span>
                              {p.removedOn ? <span className="muted"> (until {p.removedOn}{renamedTo(d.events, p.program.code)})</span> : null}
                            </span>
                          ))
                        : '—'}
                    </td>
                    <td>
                      {d.listingDateQualifier === 'ON_OR_BEFORE' ? 'on or before ' : ''}
                      {formatPartialDate(d.listingDate, d.listingDatePrecision)}
                      {d.isUncertain ? <span className="flag"> ({d.note?.includes('Attribution uncertain') ? 'attribution uncertain' : 'uncertain'})</span> : null}
                    </td>
                    <td>
                      {d.endDate
                        ? d.endDateQualifier === 'ON_OR_BEFORE'
                          ? `${d.endDateAfter ? `after ${formatPartialDate(d.endDateAfter, 'DAY')}, ` : ''}on or before ${formatPartialDate(d.endDate, d.endDatePrecision)}`
                          : formatPartialDate(d.endDate, d.endDatePrecision)
                        : '—'}
                      {d.reviewNote ? <span className="flag" title={d.reviewNote}> (for review)</span> : null}
                    </td>
                    <td>{words(d.status)}</td>
                    <td>
                      <a href={d.sourceUrl} target="_blank" rel="noreferrer noopener">
                        source<span className="sr-only"> of the {d.authority.shortName} designation</span>
                      </a>
                    </td>
                    <td>
                      <a href={`#grounds-${d.id}`}>
                        grounds
                        <span className="sr-only"> of the {d.authority.shortName} designation, {listed(d)}</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">Not designated by any authority in this database.</p>
        )}
      </section>

      {entity.designations.length ? (
        <section className="panel" aria-labelledby="grounds">
          <h2 id="grounds">Grounds and sources of each designation</h2>
          <p className="muted small">
            What each list states: its reasons, measures and legal act, the action that published the listing, and the sources — official publishers first, the press after. A EUR-Lex link made from
            the act&apos;s CELEX number says so; other official pages are linked only where a stored source cites them.
          </p>
          <DesignationGrounds
            entityName={entity.name}
            designations={entity.designations.map((d) => ({
              id: d.id,
              authorityId: d.authority.id,
              authorityName: d.authority.shortName,
              listed: listed(d),
              programs: d.programs.map((p) => p.label),
              reason: d.reason,
              measures: d.measures,
              grounds: d.grounds,
              action: d.action ? { id: d.action.id, title: d.action.title, kind: d.action.kind } : null,
            }))}
          />
        </section>
      ) : null}

      <section className="panel" aria-labelledby="programs">
        <h2 id="programs">Weapons programs</h2>
        {entity.participations.length ? (
          <ul>
            {entity.participations.map((p) => (
              <li key={p.id}>
                <Link href={`/programs/${p.weaponsProgram.slug}`}>{p.weaponsProgram.name}</Link>: {words(p.role)}
                {p.startDate ? ` since ${formatPartialDate(p.startDate, p.startDatePrecision)}` : ''}
                {p.isUncertain ? <span className="flag"> (uncertain)</span> : null}{' '}
                <a href={p.sourceUrl} target="_blank" rel="noreferrer noopener" className="small">
                  source<span className="sr-only"> of the role in {p.weaponsProgram.name}</span>
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No role in a weapons program recorded.</p>
        )}
      </section>

      <section className="panel" aria-labelledby="supply">
        <h2 id="supply">Supply links</h2>
        {entity.suppliesTo.length || entity.suppliedBy.length ? (
          <div className="table-wrap">
            <table>
              <caption className="sr-only">What {entity.name} supplies and receives</caption>
              <thead>
                <tr>
                  <th scope="col">Direction</th>
                  <th scope="col">Counterpart</th>
                  <th scope="col">Components</th>
                  <th scope="col">Program</th>
                  <th scope="col">Source</th>
                </tr>
              </thead>
              <tbody>
                {[
                  ...entity.suppliesTo.map((s) => ({ s, direction: 'Supplies to', other: s.recipient, preposition: 'to' })),
                  ...entity.suppliedBy.map((s) => ({ s, direction: 'Receives from', other: s.supplier, preposition: 'from' })),
                ].map(({ s, direction, other, preposition }) => (
                  <tr key={s.id}>
                    <td>{direction}</td>
                    <td>
                      <Link href={`/entities/${other.id}`}>{other.name}</Link>
                    </td>
                    <td>
                      {words(s.componentCategory)}
                      {s.isUncertain ? <span className="flag"> (uncertain)</span> : null}
                    </td>
                    <td>{s.weaponsProgram ? <Link href={`/programs/${s.weaponsProgram.slug}`}>{s.weaponsProgram.name}</Link> : '—'}</td>
                    <td>
                      <a href={s.sourceUrl} target="_blank" rel="noreferrer noopener">
                        source<span className="sr-only"> of the supply {preposition} {other.name}</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">No supply link recorded.</p>
        )}
      </section>

      <section className="panel" aria-labelledby="relationships">
        <h2 id="relationships">Relationships</h2>
        {relations.length ? (
          <div className="table-wrap">
            <table>
              <caption className="sr-only">Owners, directors, relatives and other links of {entity.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Relationship</th>
                  <th scope="col">Counterpart</th>
                  <th scope="col">Role</th>
                  <th scope="col">Period</th>
                  <th scope="col">Source</th>
                </tr>
              </thead>
              <tbody>
                {relations.map(({ r, other, label }) => (
                  <tr key={`${r.id}-${other.id}`}>
                    <td>{label}</td>
                    <td>
                      <Link href={`/entities/${other.id}`}>{other.name}</Link>
                    </td>
                    <td>{r.role ?? '—'}</td>
                    <td>{r.startDate || r.endDate ? `${formatPartialDate(r.startDate, r.startDatePrecision)} – ${r.endDate ? formatPartialDate(r.endDate, r.endDatePrecision) : ''}` : '—'}</td>
                    <td>
                      <a href={r.sourceUrl} target="_blank" rel="noreferrer noopener">
                        source<span className="sr-only"> of the link with {other.name}</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">No relationship recorded.</p>
        )}
      </section>

      <section className="panel" aria-labelledby="history">
        <h2 id="history">History</h2>
        <p className="muted small">Every change to this entity’s record, by whom and when (imports, admin edits, merges).</p>
        <AuditHistory events={history} caption={`History of ${entity.name}`} />
      </section>

      <section className="panel" aria-labelledby="sources">
        <h2 id="sources">Sources ({sources.size})</h2>
        <ol className="small">
          {[...sources].map(([url, what]) => (
            <li key={url}>
              <a href={url} target="_blank" rel="noreferrer noopener">
                {url}
              </a>{' '}
              <span className="muted">— {what.join('; ')}</span>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
