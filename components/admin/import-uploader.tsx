'use client';
// The admin upload page's steps: choose format + file(s) → upload (streamed to the server) → dry
// run (counts and sample diffs) → confirm → import, with a live progress bar (bytes, records, rate,
// ETA) polled from the job. Errors are the parser's own words (file, line, problem).
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { ImportSamplesTable } from './import-samples';
import { UPLOAD_CONTENT_TYPE, UPLOAD_HEADER } from '@/lib/validation/upload-request';

type Counts = { created: number; changed: number; lifted: number; unchanged: number; records: number };
type Sample = { key: string; status: string; changes: Record<string, { from: unknown; to: unknown }> };
type Job = {
  id: string;
  format: string;
  dryRun: boolean;
  files: Array<{ name: string; bytes: number }>;
  phase: 'parsing' | 'comparing' | 'writing' | 'done' | 'failed';
  bytesRead: number;
  bytesTotal: number;
  records: number;
  percent: number;
  rate: number;
  etaSeconds: number | null;
  elapsedMs: number;
  result: (Counts & { runId: string | null; samples: Sample[]; warnings: Record<string, number>; resolution: { merged: number; candidates: number } | null }) | null;
  error: string | null;
};
type Step = 'choose' | 'uploading' | 'checking' | 'checked' | 'importing' | 'imported' | 'failed';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const PHASE_LABEL: Record<Job['phase'], string> = { parsing: 'Reading the file', comparing: 'Comparing with the database', writing: 'Writing', done: 'Done', failed: 'Failed' };

async function errorOf(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { error?: { message?: string; fieldErrors?: Record<string, string[]> } } | null;
  return [body?.error?.message ?? `The server answered ${res.status}.`, ...Object.values(body?.error?.fieldErrors ?? {}).flat()].join(' ');
}

/** XHR, not fetch: only XHR reports upload progress. The body is the File itself (streamed by the browser). */
function uploadFile(file: File, onProgress: (loaded: number) => void): Promise<{ id: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/admin/imports/uploads?name=${encodeURIComponent(file.name)}`);
    // Both required by the upload route (CSRF): see lib/validation/upload-request.ts.
    xhr.setRequestHeader('Content-Type', UPLOAD_CONTENT_TYPE);
    xhr.setRequestHeader(UPLOAD_HEADER.name, UPLOAD_HEADER.value);
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      const body = JSON.parse(xhr.responseText || '{}') as { id?: string; error?: { message?: string } };
      if (xhr.status >= 200 && xhr.status < 300 && body.id) resolve({ id: body.id });
      else reject(new Error(body.error?.message ?? `The upload failed (${xhr.status}).`));
    };
    xhr.onerror = () => reject(new Error('The upload was interrupted (network error): try again.'));
    xhr.send(file);
  });
}

export function ImportUploader({ formats, maxMb }: { formats: Array<{ id: string; label: string; files: string }>; maxMb: number }) {
  const [format, setFormat] = useState(formats[0]?.id ?? '');
  const [files, setFiles] = useState<File[]>([]);
  const [editionDate, setEditionDate] = useState('');
  const [uploads, setUploads] = useState<string[]>([]);
  const [uploaded, setUploaded] = useState(0);
  const [step, setStep] = useState<Step>('choose');
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const poll = (id: string, dryRun: boolean) => {
    const tick = async () => {
      const res = await fetch(`/api/admin/imports/jobs/${id}`, { cache: 'no-store' });
      if (!res.ok) {
        setError(await errorOf(res));
        setStep('failed');
        return;
      }
      const j = (await res.json()) as Job;
      setJob(j);
      if (j.phase === 'failed') {
        setError(j.error);
        setStep('failed');
      } else if (j.phase === 'done') setStep(dryRun ? 'checked' : 'imported');
      else timer.current = setTimeout(() => void tick(), 400);
    };
    void tick();
  };

  const start = async (dryRun: boolean, ids: string[]) => {
    setStep(dryRun ? 'checking' : 'importing');
    const res = await fetch('/api/admin/imports/jobs', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ format, uploads: ids, dryRun, ...(editionDate ? { editionDate } : {}) }) });
    if (!res.ok) {
      setError(await errorOf(res));
      setStep('failed');
      return;
    }
    const j = (await res.json()) as Job;
    setJob(j);
    poll(j.id, dryRun);
  };

  const onCheck = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    setJob(null);
    if (!files.length) {
      setError('Choose the file(s) to import.');
      return;
    }
    const tooBig = files.find((f) => f.size > maxMb * 1024 * 1024);
    if (tooBig) {
      setError(`${tooBig.name} is larger than the upload limit of ${maxMb} MB: import it with the CLI (npm run import).`);
      return;
    }
    setStep('uploading');
    try {
      const ids: string[] = [];
      let before = 0;
      for (const f of files) {
        ids.push((await uploadFile(f, (loaded) => setUploaded(before + loaded))).id);
        before += f.size;
      }
      setUploads(ids);
      await start(true, ids);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The upload failed.');
      setStep('failed');
    }
  };

  const reset = () => {
    setStep('choose');
    setJob(null);
    setError(null);
    setUploads([]);
    setUploaded(0);
  };
  const busy = step === 'uploading' || step === 'checking' || step === 'importing';
  const total = files.reduce((n, f) => n + f.size, 0);
  const chosen = formats.find((f) => f.id === format);

  return (
    <>
      <form className="panel record-form" onSubmit={(e) => void onCheck(e)} aria-label="Import a list">
        <div className="field">
          <label htmlFor="format">Format</label>
          <select id="format" name="format" value={format} onChange={(e) => setFormat(e.target.value)} disabled={busy || step === 'checked'}>
            {formats.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
          {chosen ? <p className="small muted">Files: {chosen.files}</p> : null}
        </div>
        <div className="field">
          <label htmlFor="files">File(s)</label>
          <input id="files" name="files" type="file" multiple disabled={busy || step === 'checked'} onChange={(e) => setFiles([...(e.target.files ?? [])])} />
          <p className="small muted">Up to {maxMb} MB per file. Larger files: the CLI, npm run import.</p>
        </div>
        <div className="field">
          <label htmlFor="edition-date">Edition date (when the file states none)</label>
          <input id="edition-date" name="editionDate" type="date" value={editionDate} disabled={busy || step === 'checked'} onChange={(e) => setEditionDate(e.target.value)} />
          <p className="small muted">The day the authority published this edition. Most lists state it in the file; the EU annex CSVs do not, and an import needs it to keep editions in order.</p>
        </div>
        <div className="form-actions">
          <button type="submit" className="btn" disabled={busy || step === 'checked' || step === 'imported'}>
            Upload and check (dry run)
          </button>
          {step !== 'choose' && !busy ? (
            <button type="button" className="btn btn-quiet" onClick={reset}>
              Start over
            </button>
          ) : null}
        </div>
      </form>

      {step === 'uploading' ? (
        <section className="panel" aria-label="Upload progress">
          <label htmlFor="upload-progress">Uploading {files.map((f) => f.name).join(', ')}</label>
          <progress id="upload-progress" className="progress" max={total || 1} value={uploaded} />
          <p className="small">
            {mb(uploaded)} of {mb(total)}
          </p>
        </section>
      ) : null}

      {job && (step === 'checking' || step === 'importing' || step === 'imported' || (step === 'failed' && job)) ? (
        <section className="panel" aria-label={job.dryRun ? 'Dry run progress' : 'Import progress'}>
          <label htmlFor="job-progress">
            {job.dryRun ? 'Dry run' : 'Import'}: {PHASE_LABEL[job.phase]} — {job.percent}%
          </label>
          <progress id="job-progress" className="progress" max={100} value={job.percent} aria-valuetext={`${job.percent}%`} />
          <p className="small" data-testid="job-stats">
            {mb(job.bytesRead)} of {mb(job.bytesTotal)} · {job.records.toLocaleString('en')} records · {job.rate.toLocaleString('en')} records/s · {job.etaSeconds === null ? 'ETA —' : `ETA ${job.etaSeconds} s`}
          </p>
        </section>
      ) : null}

      {error ? (
        <p role="alert" className="form-error">
          {error} Nothing was written to the database.
        </p>
      ) : null}

      {job?.result && (step === 'checked' || step === 'imported') ? (
        <section className="panel" aria-labelledby="result-heading">
          <h2 id="result-heading">{step === 'checked' ? 'Dry run: what the import would change' : 'Imported'}</h2>
          <div className="counts" data-testid="counts">
            {(['created', 'changed', 'lifted', 'unchanged'] as const).map((k) => (
              <div key={k}>
                <span className="small muted">{k === 'created' ? 'New' : k[0]!.toUpperCase() + k.slice(1)}</span>
                <strong data-testid={`count-${k}`}>{job.result![k].toLocaleString('en')}</strong>
              </div>
            ))}
            <div>
              <span className="small muted">Entries in the file(s)</span>
              <strong>{job.result.records.toLocaleString('en')}</strong>
            </div>
          </div>
          {job.result.resolution ? (
            <p className="small">
              Cross-list resolution: {job.result.resolution.merged} entities merged on strong identifiers, {job.result.resolution.candidates} possible matches sent to <Link href="/admin/matches">match review</Link>.
            </p>
          ) : step === 'checked' ? (
            <p className="small muted">Entities on other lists are matched (merged or proposed for review) when the import is applied.</p>
          ) : null}
          {Object.keys(job.result.warnings).length ? (
            <ul className="small">
              {Object.entries(job.result.warnings).map(([w, n]) => (
                <li key={w}>
                  {n} × {w}
                </li>
              ))}
            </ul>
          ) : null}
          {job.result.samples.length ? (
            <details>
              <summary>Sample changes ({job.result.samples.length})</summary>
              <ImportSamplesTable samples={job.result.samples} />
            </details>
          ) : null}
          {step === 'checked' ? (
            <div className="form-actions">
              <button type="button" className="btn" onClick={() => void start(false, uploads)}>
                Apply this import
              </button>
              <button type="button" className="btn btn-quiet" onClick={reset}>
                Cancel
              </button>
            </div>
          ) : job.result.runId ? (
            <p>
              <Link href={`/admin/imports/${job.result.runId}`}>Open the run in the import history</Link>
            </p>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
