'use client';

import { useActionState, useId, useState } from 'react';
import { createApiTokenAction, revokeApiTokenAction } from '@/lib/actions/api-tokens';

export function CreateApiTokenForm() {
  const [state, action, pending] = useActionState(createApiTokenAction, null);
  const [copied, setCopied] = useState(false);
  const nameError = state && !state.ok ? state.fieldErrors?.name?.[0] : undefined;
  const errorId = useId();
  return (
    <>
      <form action={action} className="controls" noValidate>
        <div className="field">
          <label htmlFor="token-name">Token name</label>
          <input id="token-name" name="name" required maxLength={100} placeholder="e.g. weekly briefing script" aria-invalid={nameError ? true : undefined} aria-describedby={nameError ? errorId : undefined} />
          {nameError ? (
            <div id={errorId} className="field-error">
              {nameError}
            </div>
          ) : null}
        </div>
        <button className="btn" type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create token'}
        </button>
      </form>
      {state && !state.ok && !nameError ? (
        <p role="alert" className="form-error">
          {state.error}
        </p>
      ) : null}
      {state?.ok ? (
        <div role="status" className="panel token-once">
          <p>
            <strong>Copy your new token “{state.data.record.name}” now.</strong> It is shown only this once; we keep only a hash of it.
          </p>
          <div className="controls">
            <div className="field">
              <label htmlFor="new-token">New API token</label>
              <input id="new-token" className="mono" readOnly value={state.data.token} size={52} onFocus={(e) => e.currentTarget.select()} />
            </div>
            <button
              type="button"
              className="btn btn-quiet"
              onClick={() => {
                void navigator.clipboard?.writeText(state.data.token).then(() => setCopied(true));
              }}
            >
              {copied ? 'Copied' : 'Copy'}
            </button>
          </div>
          <p className="small muted">
            Use it as <code>Authorization: Bearer …</code> on <code>/api/v1/…</code>. It can read what you can read, and never change anything.
          </p>
        </div>
      ) : null}
    </>
  );
}

export function RevokeApiTokenButton({ id, name }: { id: string; name: string }) {
  const [state, action, pending] = useActionState(revokeApiTokenAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="btn btn-quiet small" disabled={pending} aria-label={`Revoke token ${name}`}>
        {pending ? 'Revoking…' : 'Revoke'}
      </button>
      {state && !state.ok ? (
        <span role="alert" className="field-error">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
