import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, permanentRedirect } from 'next/navigation';
import { getEntity, getMergeTarget } from '@/lib/db/entities';
import { formatPartialDate } from '@/lib/dates';
import { AuthorityBadge } from '@/components/ui/authority-badge';

export const metadata: Metadata = { title: 'Entity' };

export default async function EntityPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const entity = await getEntity(id);
  if (!entity) notFound();
  if (entity.mergedIntoId) {
    const target = await getMergeTarget(id);
    if (target) permanentRedirect(`/entities/${target}`);
  }
  return (
    <>
      <header className="page-header">
        <div>
          <h1>{entity.name}</h1>
          <p className="muted">
            {entity.schema}
            {entity.countries.length ? ` · ${entity.countries.join(', ').toUpperCase()}` : ''}
            {entity.birthDate ? ` · ${entity.schema === 'Person' ? 'born' : 'founded'} ${formatPartialDate(entity.birthDate, entity.birthDatePrecision)}` : ''}
          </p>
        </div>
      </header>

      <section className="panel" aria-labelledby="identity">
        <h2 id="identity">Identity</h2>
        {entity.aliases.length ? (
          <p>
            <strong>Also known as:</strong> {entity.aliases.map((a) => a.name).join('; ')}
          </p>
        ) : (
          <p className="muted">No aliases recorded.</p>
        )}
        {entity.identifiers.length ? (
          <ul>
            {entity.identifiers.map((i) => (
              <li key={i.id}>
                {i.type}: <span className="mono">{i.value}</span>
                {i.country ? ` (${i.country.toUpperCase()})` : ''}
              </li>
            ))}
          </ul>
        ) : null}
        <p className="small muted">
          Source records: {entity.externalIds.map((x) => `${x.source} ${x.externalId}`).join(' · ') || 'none'}
        </p>
        {entity.notes ? <p>{entity.notes}</p> : null}
      </section>

      <section className="panel" aria-labelledby="designations">
        <h2 id="designations">Designations ({entity.designations.length})</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Authority</th>
                <th scope="col">Programs</th>
                <th scope="col">Listed</th>
                <th scope="col">Lifted</th>
                <th scope="col">Status</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {entity.designations.map((d) => (
                <tr key={d.id}>
                  <td>
                    <AuthorityBadge id={d.authority.id} label={d.authority.shortName} />
                  </td>
                  <td>{d.programs.map((p) => p.program.code + (p.removedOn ? ' (removed)' : '')).join(', ') || '—'}</td>
                  <td>
                    {d.listingDateQualifier === 'ON_OR_BEFORE' ? 'on or before ' : ''}
                    {formatPartialDate(d.listingDate, d.listingDatePrecision)}
                    {d.isUncertain ? <span className="flag"> (uncertain)</span> : null}
                  </td>
                  <td>{d.endDate ? formatPartialDate(d.endDate, d.endDatePrecision) : '—'}</td>
                  <td>{d.status.toLowerCase()}</td>
                  <td>
                    <a href={d.sourceUrl} target="_blank" rel="noreferrer noopener">
                      source
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {entity.participations.length ? (
        <section className="panel" aria-labelledby="programs">
          <h2 id="programs">Weapons programs</h2>
          <ul>
            {entity.participations.map((p) => (
              <li key={p.id}>
                {p.weaponsProgram.name}: {p.role.toLowerCase().replace(/_/g, ' ')}
                {p.isUncertain ? <span className="flag"> (uncertain)</span> : null}{' '}
                <a href={p.sourceUrl} target="_blank" rel="noreferrer noopener" className="small">
                  source
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {entity.suppliesTo.length || entity.suppliedBy.length ? (
        <section className="panel" aria-labelledby="supply">
          <h2 id="supply">Supply links</h2>
          <ul>
            {entity.suppliesTo.map((s) => (
              <li key={s.id}>
                Supplies {s.componentCategory.toLowerCase().replace(/_/g, ' ')} to <Link href={`/entities/${s.recipient.id}`}>{s.recipient.name}</Link>
                {s.weaponsProgram ? ` (${s.weaponsProgram.name})` : ''}{' '}
                <a href={s.sourceUrl} target="_blank" rel="noreferrer noopener" className="small">
                  source
                </a>
              </li>
            ))}
            {entity.suppliedBy.map((s) => (
              <li key={s.id}>
                Receives {s.componentCategory.toLowerCase().replace(/_/g, ' ')} from <Link href={`/entities/${s.supplier.id}`}>{s.supplier.name}</Link>
                {s.weaponsProgram ? ` (${s.weaponsProgram.name})` : ''}{' '}
                <a href={s.sourceUrl} target="_blank" rel="noreferrer noopener" className="small">
                  source
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
