'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';

type Result = { ok: true; data: unknown } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };
type Side = { id: string; version: number; name: string };

/** Accept (merge into the chosen survivor) or reject one candidate; the server checks role and versions. */
export function MatchDecision({
  id,
  a,
  b,
  accept,
  reject,
}: {
  id: string;
  a: Side;
  b: Side;
  accept: (input: { id: string; survivorId: string; versionA: number; versionB: number }) => Promise<Result>;
  reject: (input: { id: string }) => Promise<Result>;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [survivor, setSurvivor] = useState(a.id);
  const [error, setError] = useState<string | null>(null);
  const run = (fn: () => Promise<Result>) =>
    startTransition(async () => {
      setError(null);
      const r = await fn();
      if (r.ok) router.refresh();
      else setError([r.error, ...Object.values(r.fieldErrors ?? {}).flat()].join(' '));
    });
  return (
    <div className="match-decision">
      <fieldset>
        <legend className="small">Keep as the surviving entity</legend>
        {[a, b].map((s) => (
          <label key={s.id} className="small">
            <input type="radio" name={`survivor-${id}`} value={s.id} checked={survivor === s.id} onChange={() => setSurvivor(s.id)} /> {s.name}
          </label>
        ))}
      </fieldset>
      <div className="form-actions">
        <button type="button" className="btn btn-small" disabled={pending} onClick={() => run(() => accept({ id, survivorId: survivor, versionA: a.version, versionB: b.version }))}>
          Accept: merge
        </button>
        <button type="button" className="btn btn-quiet btn-small" disabled={pending} onClick={() => run(() => reject({ id }))}>
          Reject: not the same
        </button>
      </div>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
