import { requirePagePrincipal } from '@/lib/auth/session';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getEntitySummary } from '@/lib/db/admin/entities';
import { mergeEntity } from '@/lib/actions/records';
import { MergeButton } from '@/components/admin/merge-button';
import { withoutControlCharacters } from '@/lib/validation/search-params';

export const metadata: Metadata = { title: 'Merge entities' };

type Summary = NonNullable<Awaited<ReturnType<typeof getEntitySummary>>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim().slice(0, 64) || undefined;

function Card({ title, e }: { title: string; e: Summary }) {
  const c = e._count;
  return (
    <section className="panel" aria-label={title}>
      <h2>{title}</h2>
      <p>
        <Link href={`/admin/entities/${e.id}`}>{e.name}</Link> <span className="muted small">({e.schema.toLowerCase()}, version {e.version})</span>
      </p>
      <ul className="small">
        <li>{c.designations} designations</li>
        <li>{c.relationsIn + c.relationsOut} relationships</li>
        <li>
          {c.aliases} aliases, {c.identifiers} identifiers, {c.externalIds} source ids
        </li>
        <li>
          {c.participations} program roles, {c.suppliesTo + c.suppliedBy} supply links
        </li>
      </ul>
      {e.deletedAt || e.mergedIntoId ? <p className="field-error">This entity is deleted or already merged: it cannot take part in a merge.</p> : null}
    </section>
  );
}

export default async function MergePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePagePrincipal('data:write');
  // NOTE: both ids go straight to the database; one holding a control character (a NUL is a
  // PostgreSQL error) is left out, as if not given.
  const sp = withoutControlCharacters(await searchParams).query;
  const mergedId = one(sp.mergedId);
  const survivorId = one(sp.survivorId);
  const [merged, survivor] = await Promise.all([mergedId ? getEntitySummary(viewer, mergedId) : null, survivorId ? getEntitySummary(viewer, survivorId) : null]);
  const ready = merged && survivor && merged.id !== survivor.id && !merged.deletedAt && !merged.mergedIntoId && !survivor.deletedAt && !survivor.mergedIntoId;
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Merge two entities</h1>
          <p className="muted">
            Designations, relationships, aliases, identifiers, source ids, program roles and supply links move to the surviving entity. The other one is kept as a redirect to it. The merge is recorded in the audit log.
          </p>
        </div>
      </header>
      <form className="controls panel" method="get" action="/admin/merge">
        <div className="field">
          <label htmlFor="mergedId">Entity to merge away (id)</label>
          <input id="mergedId" name="mergedId" type="text" defaultValue={mergedId ?? ''} className="mono" />
        </div>
        <div className="field">
          <label htmlFor="survivorId">Surviving entity (id)</label>
          <input id="survivorId" name="survivorId" type="text" defaultValue={survivorId ?? ''} className="mono" />
        </div>
        <button className="btn btn-quiet" type="submit">
          Compare
        </button>
      </form>
      {(mergedId && !merged) || (survivorId && !survivor) ? (
        <p role="alert" className="form-error">
          No entity has the id {mergedId && !merged ? mergedId : survivorId}.
        </p>
      ) : null}
      <div className="grid-2">
        {merged ? <Card title="Merged away" e={merged} /> : null}
        {survivor ? <Card title="Survivor" e={survivor} /> : null}
      </div>
      {ready ? <MergeButton input={{ mergedId: merged.id, survivorId: survivor.id, mergedVersion: merged.version, survivorVersion: survivor.version }} merge={mergeEntity} mergedName={merged.name} survivorName={survivor.name} /> : null}
    </>
  );
}
