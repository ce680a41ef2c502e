import { requirePagePrincipal } from '@/lib/auth/session';
import type { Metadata } from 'next';
import Link from 'next/link';
import { listImportRuns } from '@/lib/db/import-runs';

export const metadata: Metadata = { title: 'Imports' };

const duration = (ms: number | null) => (ms === null ? '—' : ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);
const size = (bytes: number) => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

// The import history: who imported which file (name, SHA-256, size), when, with what result.
export default async function ImportsPage() {
  const viewer = await requirePagePrincipal('data:write');
  const runs = await listImportRuns(viewer, 100);
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Imports</h1>
          <p className="muted">
            Runs of <code>npm run import</code> and of uploads here, newest first. A failed run changed nothing; its reason is shown.
          </p>
        </div>
        <Link href="/admin/imports/new" className="btn">
          New import
        </Link>
      </header>
      <section className="panel" aria-labelledby="runs">
        <h2 id="runs">Import runs</h2>
        {runs.length === 0 ? (
          <p>No imports yet.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Started (UTC)</th>
                  <th scope="col">Who</th>
                  <th scope="col">Format</th>
                  <th scope="col">Files</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">Created</th>
                  <th scope="col" className="num">Changed</th>
                  <th scope="col" className="num">Lifted</th>
                  <th scope="col" className="num">Unchanged</th>
                  <th scope="col" className="num">Duration</th>
                  <th scope="col">Error</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.id}>
                    <td className="mono">
                      <Link href={`/admin/imports/${r.id}`}>{r.startedAt.replace('T', ' ').slice(0, 19)}</Link>
                    </td>
                    <td>{r.who}</td>
                    <td>{r.format}</td>
                    <td>
                      {r.fileName} <span className="muted">({size(r.fileBytes)})</span>
                      <br />
                      <span className="mono muted" title={r.fileSha256}>
                        sha256 {r.fileSha256.slice(0, 12)}…
                      </span>
                    </td>
                    <td>{r.status}</td>
                    <td className="num">{r.counts.created}</td>
                    <td className="num">{r.counts.changed}</td>
                    <td className="num">{r.counts.lifted}</td>
                    <td className="num">{r.counts.unchanged}</td>
                    <td className="num">{duration(r.durationMs)}</td>
                    <td>{r.error ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
