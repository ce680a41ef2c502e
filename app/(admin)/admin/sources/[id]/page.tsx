import { requirePagePrincipal } from '@/lib/auth/session';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getSource } from '@/lib/db/sources/list-sources';
import { checkSourceNow, updateSource } from '@/lib/actions/sources';
import { CheckNowButton, SourceSettingsForm } from '@/components/admin/source-forms';

export const metadata: Metadata = { title: 'Source' };

const when = (iso: string | null) => (iso ? `${iso.slice(0, 19).replace('T', ' ')}` : '—');

export default async function SourcePage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePagePrincipal('import:run');
  const { id } = await params;
  const found = await getSource(viewer, id);
  if (!found) notFound();
  const { source: s, runs } = found;
  return (
    <>
      <header className="page-header">
        <div>
          <h1>{s.name}</h1>
          <p className="muted">
            Read as <code>{s.format}</code>; the edition date comes from {s.editionDateFrom === 'last-modified' ? 'the newest Last-Modified header of its files' : 'the file itself'}.{' '}
            <a href={s.docsUrl} rel="noreferrer">
              The publisher’s documentation
            </a>
            .
          </p>
        </div>
        <CheckNowButton id={s.id} name={s.name} action={checkSourceNow} />
      </header>
      <div className="grid-2">
        <section className="panel" aria-labelledby="settings">
          <h2 id="settings">Settings</h2>
          <SourceSettingsForm source={s} action={updateSource} />
          <h3>The publisher’s addresses</h3>
          <ul className="small">
            {s.officialUrls.map((u) => (
              <li key={u}>
                <code>{u}</code>
              </li>
            ))}
          </ul>
        </section>
        <section className="panel" aria-labelledby="state">
          <h2 id="state">State</h2>
          <dl className="facts">
            <dt>Edition held</dt>
            <dd>{s.editionDate ?? '—'}</dd>
            <dt>Entries</dt>
            <dd>{s.entries?.toLocaleString('en') ?? '—'}</dd>
            <dt>Last check</dt>
            <dd>{when(s.lastCheckAt)}</dd>
            <dt>Last change</dt>
            <dd>{when(s.lastChangeAt)}</dd>
            <dt>Last error</dt>
            <dd>{s.lastError ? `${s.lastError} (${when(s.lastErrorAt)})` : '—'}</dd>
            <dt>Next run</dt>
            <dd>{s.enabled ? when(s.nextRunAt) : 'off'}</dd>
          </dl>
        </section>
      </div>
      <section className="panel" aria-labelledby="runs">
        <h2 id="runs">Checks</h2>
        {runs.length ? (
          <div className="table-wrap" tabIndex={0} role="region" aria-label={`Checks of ${s.name}`}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Started (UTC)</th>
                  <th scope="col">Trigger</th>
                  <th scope="col">By</th>
                  <th scope="col">Outcome</th>
                  <th scope="col" className="num">Attempts</th>
                  <th scope="col">Edition</th>
                  <th scope="col">Import</th>
                  <th scope="col">Error</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.id}>
                    <td>{when(r.startedAt)}</td>
                    <td>{r.trigger}</td>
                    <td>{r.runner}</td>
                    <td>{r.status.toLowerCase().replace('_', ' ')}</td>
                    <td className="num">{r.attempts}</td>
                    <td>{r.editionDate ?? '—'}</td>
                    <td>{r.importRunId ? <Link href={`/admin/imports/${r.importRunId}`}>run</Link> : '—'}</td>
                    <td>{r.error ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">Never checked.</p>
        )}
      </section>
    </>
  );
}
