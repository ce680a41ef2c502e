'use client';
// /admin/sources controls: "Check now" and a source's settings (enabled, schedule, addresses).
import { useRouter } from 'next/navigation';
import { useId, useState, useTransition, type FormEvent } from 'react';

type Failure = { ok: false; status: number; error: string; fieldErrors?: Record<string, string[]> };
type Result<T> = { ok: true; data: T } | Failure;
type Outcome = { status: string; error?: string; editionDate?: string | null; created?: number; changed?: number; lifted?: number; heldBy?: string };

function describe(o: Outcome): string {
  switch (o.status) {
    case 'APPLIED':
      return `Applied the edition of ${o.editionDate ?? '?'}: ${o.created ?? 0} created, ${o.changed ?? 0} changed, ${o.lifted ?? 0} lifted.`;
    case 'NOT_MODIFIED':
      return 'No change: the publisher says the files are unchanged (HTTP 304).';
    case 'UNCHANGED':
      return 'No change: the files are byte for byte the ones last applied.';
    case 'DRY_RUN':
      return `Dry run of the edition of ${o.editionDate ?? '?'}: ${o.created ?? 0} would be created, ${o.changed ?? 0} changed, ${o.lifted ?? 0} lifted. Nothing was written.`;
    case 'SKIPPED':
      return `Not run: ${o.error ?? `another instance (${o.heldBy ?? 'unknown'}) is syncing this source right now`}.`;
    default:
      return `${o.status === 'REFUSED' ? 'Refused' : 'Failed'}: ${o.error ?? 'no reason given'}. Nothing was applied.`;
  }
}

export function CheckNowButton({ id, name, action }: { id: string; name: string; action: (input: Record<string, unknown>) => Promise<Result<Outcome>> }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  function run(dryRun: boolean) {
    startTransition(async () => {
      const r = await action({ id, dryRun });
      setMessage(r.ok ? { ok: !['FAILED', 'REFUSED'].includes(r.data.status), text: describe(r.data) } : { ok: false, text: r.error });
      router.refresh();
    });
  }
  return (
    <div className="source-check">
      <button type="button" className="btn" disabled={pending} onClick={() => run(false)} aria-label={`Check ${name} now`}>
        {pending ? 'Checking…' : 'Check now'}
      </button>{' '}
      <button type="button" className="btn btn-secondary" disabled={pending} onClick={() => run(true)} aria-label={`Dry run of ${name}`}>
        Dry run
      </button>
      {message ? (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'notice' : 'form-error'}>
          {message.text}
        </p>
      ) : null}
    </div>
  );
}

export function SourceSettingsForm({
  source,
  action,
}: {
  source: { id: string; version: number; enabled: boolean; schedule: string; urls: string[] };
  action: (input: Record<string, unknown>) => Promise<Result<{ id: string; version: number }>>;
}) {
  const router = useRouter();
  const uid = useId();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<Result<{ id: string; version: number }> | null>(null);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const r = await action({ id: source.id, version: source.version, enabled: form.get('enabled') === 'on', schedule: form.get('schedule'), urls: form.get('urls') });
      setResult(r);
      if (r.ok) router.refresh();
    });
  }
  const err = (f: string) => (result && !result.ok ? result.fieldErrors?.[f] : undefined);
  return (
    <form onSubmit={onSubmit} noValidate className="record-form" key={source.version}>
      {result?.ok ? (
        <p role="status" className="notice">
          Saved.
        </p>
      ) : null}
      {result && !result.ok ? (
        <p role="alert" className="form-error">
          {result.error}
        </p>
      ) : null}
      <div className="field">
        <label>
          <input type="checkbox" name="enabled" defaultChecked={source.enabled} /> Sync on schedule
        </label>
      </div>
      {(
        [
          ['schedule', 'Schedule (cron, UTC)', source.schedule, 'Five fields: minute hour day month weekday. “17 */6 * * *” checks every six hours.'],
          ['urls', 'File addresses, one per line', source.urls.join('\n'), 'The publisher’s, or a local mirror’s on a closed network. Several files are fetched and applied as one edition, in this order.'],
        ] as const
      ).map(([name, label, value, hint]) => (
        <div className="field" key={name}>
          <label htmlFor={`${uid}-${name}`}>{label}</label>
          {name === 'urls' ? (
            <textarea id={`${uid}-${name}`} name={name} rows={4} defaultValue={value} aria-invalid={err(name) ? true : undefined} aria-describedby={`${uid}-${name}-hint${err(name) ? ` ${uid}-${name}-error` : ''}`} />
          ) : (
            <input id={`${uid}-${name}`} name={name} defaultValue={value} aria-invalid={err(name) ? true : undefined} aria-describedby={`${uid}-${name}-hint${err(name) ? ` ${uid}-${name}-error` : ''}`} />
          )}
          <div id={`${uid}-${name}-hint`} className="small muted">
            {hint}
          </div>
          {err(name) ? (
            <div id={`${uid}-${name}-error`} className="field-error">
              {err(name)!.join(' ')}
            </div>
          ) : null}
        </div>
      ))}
      <button className="btn" type="submit" disabled={pending}>
        {pending ? 'Saving…' : 'Save source'}
      </button>
    </form>
  );
}
