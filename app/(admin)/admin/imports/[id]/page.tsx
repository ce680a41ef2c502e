import { requirePagePrincipal } from '@/lib/auth/session';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ImportSamplesTable } from '@/components/admin/import-samples';
import { getImportRun } from '@/lib/db/import-runs';

export const metadata: Metadata = { title: 'Import run · Admin' };

const duration = (ms: number | null) => (ms === null ? '—' : ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);

export default async function ImportRunPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePagePrincipal('data:write');
  const { id } = await params;
  const run = /^[A-Za-z0-9_-]{1,64}$/.test(id) ? await getImportRun(viewer, id) : null;
  if (!run) notFound();
  const { report } = run;
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Import run</h1>
          <p className="muted">
            <Link href="/admin/imports">Import history</Link> · {run.format} · {run.startedAt.replace('T', ' ').slice(0, 19)} UTC by {run.who}
          </p>
        </div>
      </header>
      <section className="panel" aria-labelledby="run-summary">
        <h2 id="run-summary">{run.status === 'FAILED' ? 'Failed: nothing was written' : 'Applied'}</h2>
        <dl className="small">
          <dt>Files</dt>
          <dd>
            {run.fileName} ({run.fileBytes.toLocaleString('en')} bytes)
          </dd>
          <dt>SHA-256</dt>
          <dd className="mono">{run.fileSha256}</dd>
          <dt>Duration</dt>
          <dd>{duration(run.durationMs)}</dd>
          {report.editionDate ? (
            <>
              <dt>Edition</dt>
              <dd>{report.editionDate}</dd>
            </>
          ) : null}
        </dl>
        {run.error ? (
          <p role="alert" className="form-error">
            {run.error}
          </p>
        ) : (
          <div className="counts">
            {(['created', 'changed', 'lifted', 'unchanged', 'records'] as const).map((k) => (
              <div key={k}>
                <span className="small muted">{k === 'records' ? 'Entries' : k[0]!.toUpperCase() + k.slice(1)}</span>
                <strong>{run.counts[k].toLocaleString('en')}</strong>
              </div>
            ))}
          </div>
        )}
        {report.resolution ? (
          <p className="small">
            Cross-list resolution: {report.resolution.merged} entities merged on strong identifiers, {report.resolution.candidates} possible matches sent to <Link href="/admin/matches">match review</Link>
            {report.resolution.conflicts ? `, ${report.resolution.conflicts} strong matches left apart (the same list holds both)` : ''}.
          </p>
        ) : null}
      </section>
      {Object.keys(report.warnings ?? {}).length || Object.keys(report.notModelled ?? {}).length ? (
        <section className="panel" aria-labelledby="run-report">
          <h2 id="run-report">Report</h2>
          <ul className="small">
            {Object.entries(report.warnings ?? {}).map(([w, n]) => (
              <li key={w}>
                {n} × {w}
              </li>
            ))}
            {Object.entries(report.notModelled ?? {}).map(([w, n]) => (
              <li key={w}>
                {n} × not modelled: {w}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {report.samples?.length ? (
        <section className="panel" aria-labelledby="run-samples">
          <h2 id="run-samples">Sample changes</h2>
          <ImportSamplesTable samples={report.samples} />
        </section>
      ) : null}
    </>
  );
}
