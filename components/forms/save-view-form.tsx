'use client';
// "Save view": names the current page's URL state (path + query string) as a saved view.

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { useActionState, useId } from 'react';
import { saveViewAction } from '@/lib/actions/saved-views';
import { isSaveablePath } from '@/lib/validation/saveable-path';

export function SaveViewForm() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [state, action, pending] = useActionState(saveViewAction, null);
  const errorId = useId();
  if (!isSaveablePath(pathname)) return null;
  const nameError = state && !state.ok ? (state.fieldErrors?.name?.[0] ?? state.error) : undefined;
  return (
    <details className="save-view no-print">
      <summary className="btn btn-quiet small">Save view</summary>
      <form action={action} noValidate>
        <input type="hidden" name="path" value={pathname} />
        <input type="hidden" name="query" value={searchParams.toString()} />
        <div className="field">
          <label htmlFor="save-view-name">View name</label>
          <input id="save-view-name" name="name" required maxLength={100} aria-invalid={nameError ? true : undefined} aria-describedby={nameError ? errorId : undefined} />
          {nameError ? (
            <div id={errorId} className="field-error" role="alert">
              {nameError}
            </div>
          ) : null}
        </div>
        <button type="submit" className="btn small" disabled={pending}>
          {pending ? 'Saving…' : 'Save'}
        </button>
        {state?.ok ? (
          <p role="status" className="small">
            Saved “{state.data.name}”. <Link href="/views">Your views</Link>
          </p>
        ) : null}
      </form>
    </details>
  );
}
