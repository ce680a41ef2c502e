'use client';
// The Alerts page's forms (the server checks the caller and ownership again in lib/db/alerts).
import { useActionState, useId, useState } from 'react';
import {
  addWatchAction,
  markAllNotificationsReadAction,
  markNotificationReadAction,
  removeWatchAction,
  removeWebhookAction,
  revokeAlertLinksAction,
  rotateWebhookSecretAction,
  setEmailModeAction,
  setWebhookAction,
} from '@/lib/actions/alerts';
import type { ActionResult } from '@/lib/actions/safe-action';
import type { EmailMode } from '@/lib/validation/alerts';

function Problem({ state, field }: { state: ActionResult<unknown> | null; field?: string }) {
  if (!state || state.ok) return null;
  return (
    <span role="alert" className="field-error">
      {(field && state.fieldErrors?.[field]?.[0]) ?? state.error}
    </span>
  );
}

export type WatchOption = { value: string; label: string };

/** Adds a watch of one kind: a choice from a list (programs, countries) or a typed name pattern. */
export function AddWatchForm({ kind, label, button, options }: { kind: 'program' | 'weapon' | 'country' | 'name'; label: string; button: string; options: WatchOption[] | null }) {
  const [state, action, pending] = useActionState(addWatchAction, null);
  const id = useId();
  return (
    <form action={action} className="controls">
      <input type="hidden" name="kind" value={kind} />
      <div className="field">
        <label htmlFor={id}>{label}</label>
        {options ? (
          <select id={id} name="value" required defaultValue="">
            <option value="" disabled>
              Choose…
            </option>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ) : (
          <input id={id} name="value" required minLength={3} maxLength={100} placeholder="e.g. Shahed" />
        )}
      </div>
      <button type="submit" className="btn" disabled={pending}>
        {pending ? 'Adding…' : button}
      </button>
      <Problem state={state} field="value" />
    </form>
  );
}

export function RemoveWatchButton({ id, label }: { id: string; label: string }) {
  const [state, action, pending] = useActionState(removeWatchAction, null);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="btn btn-quiet small" disabled={pending} aria-label={`Stop watching ${label}`}>
        Remove
      </button>
      <Problem state={state} />
    </form>
  );
}

const MODES: Array<{ value: EmailMode; label: string }> = [
  { value: 'off', label: 'Off' },
  { value: 'immediate', label: 'Immediately (one e-mail per list update)' },
  { value: 'daily', label: 'Daily digest' },
];

export function EmailModeForm({ email }: { email: EmailMode }) {
  const [state, action, pending] = useActionState(setEmailModeAction, null);
  return (
    <form action={action}>
      <fieldset>
        <legend>Alert e-mails</legend>
        {MODES.map((m) => (
          <label key={m.value} className="checks">
            <input type="radio" name="email" value={m.value} defaultChecked={email === m.value} /> {m.label}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="btn" disabled={pending}>
        {pending ? 'Saving…' : 'Save e-mail setting'}
      </button>
      {state?.ok ? <span role="status" className="small muted"> Saved.</span> : null}
      <Problem state={state} field="email" />
    </form>
  );
}

function SecretOnce({ secret }: { secret: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="panel token-once">
      <p>
        <strong>Copy your webhook secret now.</strong> It is shown only this once. Each call carries <code>X-Signature-SHA256: sha256=…</code>, the HMAC-SHA256 of the raw body under this secret.
      </p>
      <div className="controls">
        <div className="field">
          <label htmlFor="webhook-secret">Webhook secret</label>
          <input id="webhook-secret" className="mono" readOnly value={secret} size={52} onFocus={(e) => e.currentTarget.select()} />
        </div>
        <button type="button" className="btn btn-quiet" onClick={() => void navigator.clipboard?.writeText(secret).then(() => setCopied(true))}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </div>
  );
}

export function WebhookForm({ webhookUrl }: { webhookUrl: string | null }) {
  const [state, action, pending] = useActionState(setWebhookAction, null);
  const errorId = useId();
  const error = state && !state.ok ? (state.fieldErrors?.webhookUrl?.[0] ?? state.error) : undefined;
  return (
    <>
      <form action={action} className="controls">
        <div className="field">
          <label htmlFor="webhook-url">Webhook URL</label>
          <input id="webhook-url" name="webhookUrl" type="url" required size={50} maxLength={2000} defaultValue={webhookUrl ?? ''} placeholder="https://hooks.example.org/sanctions" aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} />
          {error ? (
            <div id={errorId} role="alert" className="field-error">
              {error}
            </div>
          ) : null}
        </div>
        <button type="submit" className="btn" disabled={pending}>
          {pending ? 'Checking…' : 'Save webhook'}
        </button>
      </form>
      {state?.ok && state.data.secret ? <SecretOnce secret={state.data.secret} /> : state?.ok ? <p role="status" className="small muted">Webhook saved.</p> : null}
    </>
  );
}

function ConfirmButton({ action, label, confirmText }: { action: (form: FormData) => void; label: string; confirmText?: string }) {
  return (
    <form
      action={action}
      className="inline-form"
      onSubmit={(e) => {
        if (confirmText && !window.confirm(confirmText)) e.preventDefault();
      }}
    >
      <input type="hidden" name="confirm" value="yes" />
      <button type="submit" className="btn btn-quiet small">
        {label}
      </button>
    </form>
  );
}

export function RotateSecretButton() {
  const [state, action] = useActionState(rotateWebhookSecretAction, null);
  return (
    <>
      <ConfirmButton action={action} label="Rotate secret" confirmText="Make a new webhook secret? The old one stops working at once." />
      {state?.ok ? <SecretOnce secret={state.data.secret} /> : <Problem state={state} />}
    </>
  );
}

export function RemoveWebhookButton() {
  const [state, action] = useActionState(removeWebhookAction, null);
  return (
    <>
      <ConfirmButton action={action} label="Remove webhook" confirmText="Remove the webhook? Nothing more is sent to it." />
      <Problem state={state} />
    </>
  );
}

export function RevokeLinksButton() {
  const [state, action] = useActionState(revokeAlertLinksAction, null);
  return (
    <>
      <ConfirmButton action={action} label="Revoke unsubscribe and feed links" confirmText="Make every unsubscribe and feed link sent so far stop working?" />
      {state?.ok ? <span role="status" className="small muted"> Links revoked.</span> : <Problem state={state} />}
    </>
  );
}

export function MarkReadButton({ id, label }: { id: string; label: string }) {
  const [state, action, pending] = useActionState(markNotificationReadAction, null);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="btn btn-quiet small" disabled={pending} aria-label={`Mark read: ${label}`}>
        Mark read
      </button>
      <Problem state={state} />
    </form>
  );
}

export function MarkAllReadButton() {
  const [state, action] = useActionState(markAllNotificationsReadAction, null);
  return (
    <>
      <ConfirmButton action={action} label="Mark all as read" />
      <Problem state={state} />
    </>
  );
}
