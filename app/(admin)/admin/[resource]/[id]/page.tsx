import { requirePagePrincipal } from '@/lib/auth/session';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getResource } from '@/lib/admin/resources';
import { RecordForm } from '@/components/admin/record-form';
import { RowActions } from '@/components/admin/row-actions';
import { AuditHistory } from '@/components/tables/audit-history';
import { listAuditForTarget } from '@/lib/db/audit';

export async function generateMetadata({ params }: { params: Promise<{ resource: string }> }): Promise<Metadata> {
  return { title: `Edit ${getResource((await params).resource)?.singular ?? 'record'} · Admin` };
}

export default async function EditRecordPage({ params, searchParams }: { params: Promise<{ resource: string; id: string }>; searchParams: Promise<{ saved?: string }> }) {
  const viewer = await requirePagePrincipal('data:write');
  const { resource: slug, id } = await params;
  const resource = getResource(slug);
  if (!resource) notFound();
  const [record, fields, history] = await Promise.all([resource.getForm(viewer, id), resource.fields(viewer), listAuditForTarget(viewer, resource.targetType, id)]);
  if (!record) notFound();
  const { saved } = await searchParams;
  const title = String(record.values.name ?? record.values.title ?? record.values.code ?? resource.singular);
  return (
    <>
      <header className="page-header">
        <div>
          <h1>
            Edit {resource.singular}: {title}
          </h1>
          <p className="muted small">
            Id <span className="mono">{record.id}</span> · version {record.version}
          </p>
        </div>
        <Link href={`/admin/${resource.slug}`}>← All {resource.title.toLowerCase()}</Link>
      </header>
      {saved ? (
        <p className="notice" role="status">
          Saved.
        </p>
      ) : null}
      {resource.slug === 'entities' ? (
        <nav className="notice" aria-label="About this entity">
          <Link href={`/entities/${record.id}`}>Analyst view</Link> · <Link href={`/admin/designations/new?entityId=${record.id}`}>Add a designation</Link> · <Link href={`/admin/designations?q=${record.id}`}>Its designations</Link> ·{' '}
          <Link href={`/admin/participants/new?entityId=${record.id}`}>Add a program role</Link> · <Link href={`/admin/supply-links/new?entityId=${record.id}`}>Add a supply link</Link> · <Link href={`/admin/relationships/new?entityId=${record.id}`}>Add a relationship</Link> · <Link href={`/admin/merge?mergedId=${record.id}`}>Merge into another entity…</Link>
        </nav>
      ) : null}
      {record.deleted ? (
        <div className="notice notice-warn">
          <p>This {resource.singular} is deleted: analysts do not see it. Restore it to edit it.</p>
          <RowActions id={record.id} version={record.version} deleted label={title} remove={resource.actions.remove} restore={resource.actions.restore} />
        </div>
      ) : (
        <section className="panel" aria-label="Edit">
          <RecordForm
            key={record.version}
            fields={fields}
            values={record.values}
            record={{ id: record.id, version: record.version }}
            action={resource.actions.update}
            returnTo={`/admin/${resource.slug}/{id}?saved=1`}
            cancelHref={`/admin/${resource.slug}`}
            submitLabel="Save changes"
          />
          <div className="form-actions">
            <RowActions id={record.id} version={record.version} deleted={false} label={title} remove={resource.actions.remove} restore={resource.actions.restore} />
          </div>
        </section>
      )}
      {record.history ? (
        <section className="panel" aria-labelledby="status-history">
          <h2 id="status-history">Status history</h2>
          <ol>
            {record.history.map((h) => (
              <li key={`${h.status}-${h.date}`}>
                {h.status.toLowerCase()} {h.date}{' '}
                {h.sourceUrl ? (
                  <a href={h.sourceUrl} target="_blank" rel="noreferrer noopener" className="small">
                    source
                  </a>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <section className="panel" aria-labelledby="history">
        <h2 id="history">History</h2>
        <AuditHistory events={history} caption={`History of this ${resource.singular}`} />
      </section>
    </>
  );
}
