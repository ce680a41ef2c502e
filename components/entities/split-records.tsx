'use client';
import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';

type Result = { ok: true; data: { newEntityId: string } } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

/** Admins: take some source records out of this entity (an automatic merge that was wrong). */
export function SplitRecords({
  entityId,
  records,
  split,
}: {
  entityId: string;
  records: Array<{ id: string; label: string }>;
  split: (input: { entityId: string; recordIds: string[]; reason?: string }) => Promise<Result>;
}) {
  const router = useRouter();
  const reasonId = useId();
  const [pending, startTransition] = useTransition();
  const [chosen, setChosen] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));
  const submit = () =>
    startTransition(async () => {
      setError(null);
      const r = await split({ entityId, recordIds: chosen, reason: reason || undefined });
      if (r.ok) router.push(`/entities/${r.data.newEntityId}`);
      else setError([r.error, ...Object.values(r.fieldErrors ?? {}).flat()].join(' '));
    });
  return (
    <details className="split-records">
      <summary>Split records off this entity</summary>
      <fieldset>
        <legend className="small">Records that are another entity (they take their designations, names and identifiers along; the decision is remembered)</legend>
        {records.map((r) => (
          <label key={r.id} className="small">
            <input type="checkbox" checked={chosen.includes(r.id)} onChange={() => toggle(r.id)} /> {r.label}
          </label>
        ))}
      </fieldset>
      <label htmlFor={reasonId} className="small">
        Why (kept in the audit trail)
      </label>
      <input id={reasonId} type="text" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      <div className="form-actions">
        <button type="button" className="btn btn-small" disabled={pending || chosen.length === 0 || chosen.length === records.length} onClick={submit}>
          Split {chosen.length || ''} record{chosen.length === 1 ? '' : 's'} off
        </button>
      </div>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
    </details>
  );
}
