'use client';
// Delete / restore a row. Soft delete is reversible, so no confirmation dialog; the version the
// list showed is sent, so a row edited meanwhile is not deleted blindly.
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';

type Result = { ok: true } | { ok: false; error: string };

export function RowActions({ id, version, deleted, label, remove, restore }: { id: string; version: number; deleted: boolean; label: string; remove: (input: { id: string; version: number }) => Promise<Result>; restore: (input: { id: string; version: number }) => Promise<Result> }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (fn: typeof remove) =>
    startTransition(async () => {
      const r = await fn({ id, version });
      if (r.ok) {
        setError(null);
        router.refresh();
      } else setError(r.error);
    });
  return (
    <>
      {deleted ? (
        <button type="button" className="btn btn-quiet btn-small" disabled={pending} onClick={() => run(restore)} aria-label={`Restore ${label}`}>
          Restore
        </button>
      ) : (
        <button type="button" className="btn btn-quiet btn-small btn-danger" disabled={pending} onClick={() => run(remove)} aria-label={`Delete ${label}`}>
          Delete
        </button>
      )}
      {error ? (
        <div role="alert" className="field-error">
          {error}
        </div>
      ) : null}
    </>
  );
}
