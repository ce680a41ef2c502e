'use client';
import { useActionState } from 'react';
import { addWatchAction, removeWatchAction } from '@/lib/actions/alerts';

/** Watch / Stop watching; the page is refreshed by the action (revalidatePath). */
export function WatchToggle({ kind, value, label, watchId }: { kind: string; value: string; label: string; watchId: string | null }) {
  const [addState, add, adding] = useActionState(addWatchAction, null);
  const [removeState, remove, removing] = useActionState(removeWatchAction, null);
  const state = watchId ? removeState : addState;
  return (
    <form action={watchId ? remove : add} className="inline-form">
      {watchId ? (
        <input type="hidden" name="id" value={watchId} />
      ) : (
        <>
          <input type="hidden" name="kind" value={kind} />
          <input type="hidden" name="value" value={value} />
        </>
      )}
      <button type="submit" className="btn btn-quiet" disabled={adding || removing} aria-pressed={!!watchId} aria-label={`${watchId ? 'Stop watching' : 'Watch'} ${label}`}>
        {watchId ? '★ Watching' : '☆ Watch'}
      </button>
      {state && !state.ok ? (
        <span role="alert" className="field-error">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
