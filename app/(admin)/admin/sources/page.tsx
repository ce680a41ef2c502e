import { requirePagePrincipal } from '@/lib/auth/session';
import type { Metadata } from 'next';
import Link from 'next/link';
import { listSources } from '@/lib/db/sources/list-sources';
import { checkSourceNow } from '@/lib/actions/sources';
import { CheckNowButton } from '@/components/admin/source-forms';

export const metadata: Metadata = { title: 'Sources' };

const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')}` : '—');

// The official lists the app can keep current (issue 27): their state, and "check now".
export default async function SourcesPage() {
  const viewer = await requirePagePrincipal('import:run');
  const sources = await listSources(viewer);
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Sources</h1>
          <p className="muted">
            The official lists, fetched from their publishers on a schedule and applied like an upload: in order, in one transaction, never an older
            edition. All are off until enabled: on a closed network, point a source at a local mirror first. Times are UTC.
          </p>
        </div>
      </header>
      <section className="panel" aria-labelledby="sources">
        <h2 id="sources">{sources.length} sources</h2>
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Official list sources">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">Sync</th>
                <th scope="col">Schedule</th>
                <th scope="col">Last check</th>
                <th scope="col">Last change</th>
                <th scope="col">Edition</th>
                <th scope="col" className="num">Entries</th>
                <th scope="col">Last error</th>
                <th scope="col">Check</th>
              </tr>
            </thead>
            <tbody>
              {sources.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link href={`/admin/sources/${s.id}`}>{s.name}</Link>
                    <div className="small muted">
                      {s.id}
                      {s.mirrored ? ' · mirror' : ''}
                    </div>
                  </th>
                  <td>{s.running ? `running (${s.running.by})` : s.enabled ? 'enabled' : 'off'}</td>
                  <td>
                    <code>{s.schedule}</code>
                    {s.enabled && s.nextRunAt ? <div className="small muted">next {when(s.nextRunAt)}</div> : null}
                  </td>
                  <td>
                    {when(s.lastCheckAt)}
                    {s.lastRun ? <div className="small muted">{s.lastRun.status.toLowerCase().replace('_', ' ')}</div> : null}
                  </td>
                  <td>{when(s.lastChangeAt)}</td>
                  <td>{s.editionDate ?? '—'}</td>
                  <td className="num">{s.entries?.toLocaleString('en') ?? '—'}</td>
                  <td>{s.lastError ? <span title={s.lastErrorAt ?? undefined}>{s.lastError}</span> : '—'}</td>
                  <td>
                    <CheckNowButton id={s.id} name={s.name} action={checkSourceNow} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
