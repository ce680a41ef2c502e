'use client';
// Owner-only controls of a saved view (the server checks ownership again: 403 for anyone else).

import { useActionState, useId } from 'react';
import { deleteViewAction, freezeViewAction, renameViewAction, shareViewAction } from '@/lib/actions/saved-views';

export function RenameViewForm({ id, name }: { id: string; name: string }) {
  const [state, action, pending] = useActionState(renameViewAction, null);
  const inputId = useId();
  const error = state && !state.ok ? (state.fieldErrors?.name?.[0] ?? state.error) : undefined;
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="id" value={id} />
      <label htmlFor={inputId} className="sr-only">
        New name for {name}
      </label>
      <input id={inputId} name="name" defaultValue={name} required maxLength={100} size={18} />
      <button type="submit" className="btn btn-quiet small" disabled={pending}>
        Rename
      </button>
      {error ? (
        <span role="alert" className="field-error">
          {error}
        </span>
      ) : null}
    </form>
  );
}

export function ShareViewToggle({ id, name, isShared }: { id: string; name: string; isShared: boolean }) {
  const [state, action, pending] = useActionState(shareViewAction, null);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="shared" value={isShared ? 'false' : 'true'} />
      <span className="small muted">{isShared ? 'Shared with everyone' : 'Private'}</span>
      <button type="submit" className="btn btn-quiet small" disabled={pending} aria-label={`${isShared ? 'Stop sharing' : 'Share'} ${name}`}>
        {isShared ? 'Stop sharing' : 'Share'}
      </button>
      {state && !state.ok ? (
        <span role="alert" className="field-error">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}

/** Freeze (store the view's numbers and data as-of now) or make it live again. Owner only. */
export function FreezeViewToggle({ id, name, frozenAt, canFreeze }: { id: string; name: string; frozenAt: string | null; canFreeze: boolean }) {
  const [state, action, pending] = useActionState(freezeViewAction, null);
  if (!frozenAt && !canFreeze) return <span className="small muted">Live</span>;
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="frozen" value={frozenAt ? 'false' : 'true'} />
      <span className="small muted" data-testid="view-state">
        {frozenAt ? `Frozen on ${frozenAt.slice(0, 10)}` : 'Live'}
      </span>
      <button type="submit" className="btn btn-quiet small" disabled={pending} aria-label={`${frozenAt ? 'Unfreeze' : 'Freeze'} ${name}`}>
        {pending ? (frozenAt ? 'Unfreezing…' : 'Freezing…') : frozenAt ? 'Unfreeze' : 'Freeze'}
      </button>
      {state && !state.ok ? (
        <span role="alert" className="field-error">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}

export function DeleteViewButton({ id, name }: { id: string; name: string }) {
  const [state, action, pending] = useActionState(deleteViewAction, null);
  return (
    <form
      action={action}
      className="inline-form"
      onSubmit={(e) => {
        if (!window.confirm(`Delete the view “${name}”?`)) e.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="btn btn-quiet small" disabled={pending} aria-label={`Delete ${name}`}>
        Delete
      </button>
      {state && !state.ok ? (
        <span role="alert" className="field-error">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
