import { requirePagePrincipal } from '@/lib/auth/session';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getResource } from '@/lib/admin/resources';
import { RecordTable } from '@/components/admin/record-table';
import { adminListQuerySchema } from '@/lib/db/admin/list';

export async function generateMetadata({ params }: { params: Promise<{ resource: string }> }): Promise<Metadata> {
  return { title: `${getResource((await params).resource)?.title ?? 'Records'} · Admin` };
}

export default async function ResourceListPage({ params, searchParams }: { params: Promise<{ resource: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePagePrincipal('data:write');
  const resource = getResource((await params).resource);
  if (!resource) notFound();
  const query = adminListQuerySchema.parse(await searchParams);
  const page = await resource.list(viewer, query);
  return (
    <>
      <header className="page-header">
        <div>
          <h1>{resource.title}</h1>
          <p className="muted">{resource.intro}</p>
        </div>
        <Link href={`/admin/${resource.slug}/new`} className="btn">
          New {resource.singular}
        </Link>
      </header>
      <RecordTable resource={resource} page={page} query={query} />
    </>
  );
}
