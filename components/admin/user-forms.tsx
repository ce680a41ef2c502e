'use client';
// Users page controls. A generated password is shown once, here, and never stored in clear.
import { useRouter } from 'next/navigation';
import { useId, useState, useTransition, type FormEvent } from 'react';

type Failure = { ok: false; status: number; error: string; fieldErrors?: Record<string, string[]> };
type Result<T> = { ok: true; data: T } | Failure;
type IdVersion = { id: string; version: number };

function OneTimePassword({ email, password }: { email: string; password: string }) {
  return (
    <div className="notice" role="status">
      <p>
        One-time password for <strong>{email}</strong> (shown only now — pass it on safely; they must choose their own at first sign-in):
      </p>
      <p>
        <code className="secret" data-testid="one-time-password">
          {password}
        </code>
      </p>
    </div>
  );
}

export function CreateUserForm({ action }: { action: (input: Record<string, unknown>) => Promise<Result<{ id: string; email: string; password: string }>> }) {
  const router = useRouter();
  const uid = useId();
  const [pending, startTransition] = useTransition();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = Object.fromEntries([...new FormData(form).entries()].filter((e): e is [string, string] => typeof e[1] === 'string'));
    startTransition(async () => {
      const r = await action(data);
      if (r.ok) {
        setFailure(null);
        setCreated({ email: r.data.email, password: r.data.password });
        form.reset();
        router.refresh();
      } else {
        setCreated(null);
        setFailure(r);
      }
    });
  }
  const err = (f: string) => failure?.fieldErrors?.[f];
  return (
    <>
      {created ? <OneTimePassword {...created} /> : null}
      <form onSubmit={onSubmit} noValidate className="controls">
        {failure ? (
          <p role="alert" className="form-error">
            {failure.error}
          </p>
        ) : null}
        {(['email', 'name'] as const).map((f) => (
          <div className="field" key={f}>
            <label htmlFor={`${uid}-${f}`}>{f === 'email' ? 'Email *' : 'Name'}</label>
            <input id={`${uid}-${f}`} name={f} type={f === 'email' ? 'email' : 'text'} required={f === 'email'} aria-invalid={err(f) ? true : undefined} aria-describedby={err(f) ? `${uid}-${f}-error` : undefined} />
            {err(f) ? (
              <div id={`${uid}-${f}-error`} className="field-error">
                {err(f)!.join(' ')}
              </div>
            ) : null}
          </div>
        ))}
        <div className="field">
          <label htmlFor={`${uid}-role`}>Role</label>
          <select id={`${uid}-role`} name="role" defaultValue="ANALYST">
            <option value="ANALYST">Analyst (reads)</option>
            <option value="ADMIN">Administrator (reads and writes)</option>
          </select>
        </div>
        <button className="btn" type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create user'}
        </button>
      </form>
    </>
  );
}

export function UserRowActions({
  user,
  setRole,
  setDisabled,
  resetPassword,
  unlock,
  endSessions,
}: {
  user: { id: string; email: string; version: number; role: 'ADMIN' | 'ANALYST'; disabled: boolean; lockedUntil: string | null; openSessions: number };
  setRole: (input: IdVersion & { role: string }) => Promise<Result<IdVersion>>;
  setDisabled: (input: IdVersion & { disabled: boolean }) => Promise<Result<IdVersion>>;
  resetPassword: (input: IdVersion) => Promise<Result<IdVersion & { email: string; password: string }>>;
  unlock: (input: { id: string }) => Promise<Result<{ id: string; unlocked: boolean }>>;
  endSessions: (input: { id: string }) => Promise<Result<{ id: string; ended: number }>>;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ email: string; password: string } | null>(null);
  const ref = { id: user.id, version: user.version };
  const run = <T,>(call: () => Promise<Result<T>>, onOk?: (data: T) => void) =>
    startTransition(async () => {
      const r = await call();
      if (r.ok) {
        setError(null);
        onOk?.(r.data);
        router.refresh();
      } else setError(r.error);
    });
  const other = user.role === 'ADMIN' ? 'ANALYST' : 'ADMIN';
  return (
    <div className="row-actions">
      <button type="button" className="btn btn-quiet btn-small" disabled={pending} onClick={() => run(() => setRole({ ...ref, role: other }))} aria-label={`Make ${user.email} ${other === 'ADMIN' ? 'an administrator' : 'an analyst'}`}>
        Make {other === 'ADMIN' ? 'admin' : 'analyst'}
      </button>{' '}
      <button type="button" className="btn btn-quiet btn-small" disabled={pending} onClick={() => run(() => setDisabled({ ...ref, disabled: !user.disabled }))} aria-label={`${user.disabled ? 'Enable' : 'Disable'} ${user.email}`}>
        {user.disabled ? 'Enable' : 'Disable'}
      </button>{' '}
      <button type="button" className="btn btn-quiet btn-small" disabled={pending} onClick={() => run(() => resetPassword(ref), (d) => setSecret({ email: d.email, password: d.password }))} aria-label={`Reset the password of ${user.email}`}>
        Reset password
      </button>
      {user.openSessions > 0 ? (
        <>
          {' '}
          <button type="button" className="btn btn-quiet btn-small" disabled={pending} onClick={() => run(() => endSessions({ id: user.id }))} aria-label={`End every session of ${user.email}`}>
            End sessions ({user.openSessions})
          </button>
        </>
      ) : null}
      {user.lockedUntil ? (
        <>
          {' '}
          <button type="button" className="btn btn-quiet btn-small" disabled={pending} onClick={() => run(() => unlock({ id: user.id }))} aria-label={`Unlock sign-in for ${user.email}`}>
            Unlock
          </button>
        </>
      ) : null}
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
      {secret ? <OneTimePassword {...secret} /> : null}
    </div>
  );
}
