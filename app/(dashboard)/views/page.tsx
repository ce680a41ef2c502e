import type { Metadata } from 'next';
import Link from 'next/link';
import { DeleteViewButton, FreezeViewToggle, RenameViewForm, ShareViewToggle } from '@/components/forms/saved-view-forms';
import { requirePagePrincipal } from '@/lib/auth/session';
import { listVisibleSavedViews } from '@/lib/db/accounts/saved-views';
import { formatPartialDate } from '@/lib/dates';
import { frozenChartOf } from '@/lib/saved-views/snapshot';

export const metadata: Metadata = { title: 'Saved views' };

export default async function SavedViewsPage() {
  const principal = await requirePagePrincipal('self:manage');
  const views = await listVisibleSavedViews(principal);
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Saved views</h1>
          <p className="muted">Views keep a page’s settings (filters, dates, granularity). Save one with “Save view” in the sidebar; share it to give its link to every signed-in colleague. A live view shows today’s numbers; freeze an overview view to keep its numbers and their data as-of, for a report that does not change after the next import.</p>
        </div>
      </header>
      {views.length ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Page</th>
                <th scope="col">Owner</th>
                <th scope="col">Saved</th>
                <th scope="col">Sharing</th>
                <th scope="col">Numbers</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {views.map((v) => (
                <tr key={v.id}>
                  <td>
                    <Link href={`/views/${v.id}`}>{v.name}</Link>
                  </td>
                  <td className="mono small">
                    {v.path}
                    {v.query ? `?${v.query}` : ''}
                  </td>
                  <td>{v.isOwner ? 'You' : v.ownerName}</td>
                  <td>{formatPartialDate(v.createdAt, 'DAY')}</td>
                  <td>{v.isOwner ? <ShareViewToggle id={v.id} name={v.name} isShared={v.isShared} /> : 'Shared with everyone'}</td>
                  <td>
                    {v.isOwner ? (
                      <FreezeViewToggle id={v.id} name={v.name} frozenAt={v.frozenAt} canFreeze={frozenChartOf(v.path) !== null} />
                    ) : (
                      <span className="small muted" data-testid="view-state">
                        {v.frozenAt ? `Frozen on ${v.frozenAt.slice(0, 10)}` : 'Live'}
                      </span>
                    )}
                  </td>
                  <td>
                    {v.isOwner ? (
                      <div className="controls">
                        <RenameViewForm id={v.id} name={v.name} />
                        <DeleteViewButton id={v.id} name={v.name} />
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="panel">No saved views yet. Set up the overview as you want it, then use “Save view” in the sidebar.</p>
      )}
    </>
  );
}
