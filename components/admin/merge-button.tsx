'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';

type Input = { survivorId: string; mergedId: string; survivorVersion: number; mergedVersion: number };
type Result = { ok: true; data: Record<string, number> } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

export function MergeButton({ input, merge, survivorName, mergedName }: { input: Input; merge: (input: Input) => Promise<Result>; survivorName: string; mergedName: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="form-actions">
      <button
        type="button"
        className="btn"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const r = await merge(input);
            if (r.ok) {
              router.push(`/admin/entities/${input.survivorId}?saved=1`);
              router.refresh();
            } else setError([r.error, ...Object.values(r.fieldErrors ?? {}).flat()].join(' '));
          })
        }
      >
        {pending ? 'Merging…' : `Merge “${mergedName}” into “${survivorName}”`}
      </button>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
