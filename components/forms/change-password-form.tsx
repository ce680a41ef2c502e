'use client';
import { useId, useState, useTransition, type FormEvent } from 'react';

type Result = { ok: true; data: { changed: boolean } } | { ok: false; status: number; error: string; fieldErrors?: Record<string, string[]> };

const FIELDS = [
  { name: 'currentPassword', label: 'Current password', autoComplete: 'current-password' },
  { name: 'newPassword', label: 'New password', autoComplete: 'new-password', hint: 'At least 12 characters; a passphrase of several words is easiest to remember.' },
  { name: 'confirmPassword', label: 'New password again', autoComplete: 'new-password' },
] as const;

export function ChangePasswordForm({ action, next }: { action: (input: Record<string, string>) => Promise<Result>; next: string | null }) {
  const uid = useId();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<Result | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = Object.fromEntries([...new FormData(form).entries()].filter((e): e is [string, string] => typeof e[1] === 'string'));
    startTransition(async () => {
      const r = await action(data);
      setResult(r);
      if (r.ok) {
        form.reset();
        // A full navigation: the next request re-reads the session without the "must change" flag.
        if (next) window.location.assign(next);
      }
    });
  }
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={onSubmit} noValidate className="record-form">
      {result?.ok ? (
        <p role="status" className="notice">
          Your password was changed.
        </p>
      ) : null}
      {result && !result.ok ? (
        <p role="alert" className="form-error">
          {result.error}
        </p>
      ) : null}
      {FIELDS.map((f) => {
        const id = `${uid}-${f.name}`;
        const err = errors[f.name];
        const hint = 'hint' in f ? f.hint : null;
        return (
          <div className="field" key={f.name}>
            <label htmlFor={id}>{f.label}</label>
            <input id={id} name={f.name} type="password" autoComplete={f.autoComplete} required aria-invalid={err ? true : undefined} aria-describedby={[hint ? `${id}-hint` : '', err ? `${id}-error` : ''].join(' ').trim() || undefined} />
            {hint ? (
              <div id={`${id}-hint`} className="small muted">
                {hint}
              </div>
            ) : null}
            {err ? (
              <div id={`${id}-error`} className="field-error">
                {err.join(' ')}
              </div>
            ) : null}
          </div>
        );
      })}
      <button className="btn" type="submit" disabled={pending}>
        {pending ? 'Saving…' : 'Change password'}
      </button>
    </form>
  );
}
