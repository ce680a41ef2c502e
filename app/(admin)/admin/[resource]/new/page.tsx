import { requirePagePrincipal } from '@/lib/auth/session';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getResource } from '@/lib/admin/resources';
import { RecordForm } from '@/components/admin/record-form';
import { checkEntityDuplicates } from '@/lib/actions/records';
import { withoutControlCharacters } from '@/lib/validation/search-params';

export async function generateMetadata({ params }: { params: Promise<{ resource: string }> }): Promise<Metadata> {
  return { title: `New ${getResource((await params).resource)?.singular ?? 'record'} · Admin` };
}

export default async function NewRecordPage({ params, searchParams }: { params: Promise<{ resource: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePagePrincipal('data:write');
  const resource = getResource((await params).resource);
  if (!resource) notFound();
  // The query prefills the form (e.g. ?entityId=…); a value holding a control character is left out.
  const sp = withoutControlCharacters(await searchParams).query;
  const query = Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const fields = await resource.fields(viewer);
  return (
    <>
      <header className="page-header">
        <div>
          <h1>New {resource.singular}</h1>
          <p className="muted">Fields marked * are required.</p>
        </div>
      </header>
      <section className="panel">
        <RecordForm
          fields={fields}
          values={resource.defaults?.(query) ?? {}}
          action={resource.actions.create}
          returnTo={`/admin/${resource.slug}/{id}?saved=1`}
          cancelHref={`/admin/${resource.slug}`}
          submitLabel={`Create ${resource.singular}`}
          duplicateCheck={resource.slug === 'entities' ? checkEntityDuplicates : undefined}
        />
      </section>
    </>
  );
}
