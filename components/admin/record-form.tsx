'use client';
// One form for every admin record type, drawn from field descriptors. Sends the values with the
// record's version; shows the server's field messages, a stale-save conflict with what changed
// meanwhile, and (for entities) the likely duplicates before saving.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState, useTransition, type FormEvent } from 'react';
import type { FieldDef, FormValues } from '@/lib/validation/form';
import { formatValue } from './format';

type Failure = { ok: false; status: number; error: string; fieldErrors?: Record<string, string[]>; details?: Record<string, unknown> };
type Result<T> = { ok: true; data: T } | Failure;
type Match = { id: string; name: string; schema: string; countries: string[]; score: number; via: string[] };
type Conflict = { currentVersion: number; yourVersion: number; changes: Array<{ field: string; from: unknown; to: unknown }>; changedBy: Array<{ actor: string; at: string; action: string }> };

export type RecordFormProps = {
  fields: readonly FieldDef[];
  values: FormValues;
  record?: { id: string; version: number };
  action: (input: Record<string, unknown>) => Promise<Result<{ id: string; version: number }>>;
  /** Where to go after saving; `{id}` is replaced by the saved record's id. */
  returnTo: string;
  cancelHref: string;
  submitLabel: string;
  duplicateCheck?: (input: Record<string, unknown>) => Promise<Result<Match[]>>;
};

function collect(form: HTMLFormElement, fields: readonly FieldDef[]): Record<string, unknown> {
  const data = new FormData(form);
  const out: Record<string, unknown> = {};
  for (const [k, v] of data.entries()) if (typeof v === 'string') out[k] = v;
  for (const f of fields) if (f.kind === 'checkbox') out[f.name] = data.get(f.name) === 'on';
  return out;
}

export function RecordForm({ fields, values, record, action, returnTo, cancelHref, submitLabel, duplicateCheck }: RecordFormProps) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const uid = useId();
  const [pending, startTransition] = useTransition();
  // NOTE: its own transition: a check started by leaving the name field must not disable Save.
  const [checking, startChecking] = useTransition();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [matches, setMatches] = useState<Match[] | null>(null);

  const visible = fields.filter((f) => !(record && f.createOnly));
  const fieldErrors = failure?.fieldErrors ?? {};
  const conflict = failure?.status === 409 && failure.details && 'changes' in failure.details ? (failure.details as unknown as Conflict) : null;
  const duplicates = (failure?.details?.duplicates as Match[] | undefined) ?? matches ?? [];

  function checkDuplicates() {
    if (!duplicateCheck || !formRef.current) return;
    const input = collect(formRef.current, fields);
    if (!String(input.name ?? '').trim()) return;
    startChecking(async () => {
      const r = await duplicateCheck(input);
      setMatches(r.ok ? r.data : null);
    });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = { ...collect(event.currentTarget, fields), ...(record ?? {}) };
    startTransition(async () => {
      const r = await action(input);
      if (r.ok) {
        router.push(returnTo.replace('{id}', r.data.id));
        router.refresh();
        return;
      }
      setFailure(r);
    });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="record-form" aria-busy={pending}>
      {failure ? (
        <div role="alert" className="form-error">
          <p>{failure.error}</p>
          {conflict && conflict.changes.length ? (
            <>
              <table className="conflict-table">
                <caption>Changed meanwhile</caption>
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">When you opened it</th>
                    <th scope="col">Now</th>
                  </tr>
                </thead>
                <tbody>
                  {conflict.changes.map((c) => (
                    <tr key={c.field}>
                      <th scope="row">{fields.find((f) => f.name === c.field)?.label ?? c.field}</th>
                      <td>{formatValue(c.from)}</td>
                      <td>{formatValue(c.to)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="small">
                {conflict.changedBy.map((c) => `${c.action} by ${c.actor} at ${c.at.replace('T', ' ').slice(0, 19)} UTC`).join('; ')}. Your values are still in the form below.{' '}
                <a href="">Reload to start from the current version</a>.
              </p>
            </>
          ) : null}
        </div>
      ) : null}

      {visible.map((f) => {
        const id = `${uid}-${f.name}`;
        const errors = fieldErrors[f.name];
        const describedBy = [f.hint ? `${id}-hint` : null, errors ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
        // NOTE: a read-only field has no name, so it is never sent: the database assigns its value.
        const common = { id, name: f.readOnly ? undefined : f.name, 'aria-invalid': errors ? true : undefined, 'aria-describedby': describedBy, required: f.required, readOnly: f.readOnly };
        const value = values[f.name];
        return (
          <div className={`field field-${f.kind}`} key={f.name}>
            {f.kind === 'checkbox' ? (
              <label className="check">
                <input type="checkbox" {...common} defaultChecked={value === true} /> {f.label}
              </label>
            ) : (
              <label htmlFor={id}>
                {f.label}
                {f.required ? <span aria-hidden="true"> *</span> : null}
              </label>
            )}
            {f.kind === 'textarea' || f.kind === 'lines' ? (
              <textarea {...common} rows={f.kind === 'lines' ? 3 : 4} defaultValue={typeof value === 'string' ? value : ''} />
            ) : f.kind === 'select' ? (
              <select {...common} defaultValue={typeof value === 'string' ? value : ''}>
                <option value="">{f.required ? 'Choose…' : '—'}</option>
                {(f.options ?? []).map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : f.kind === 'checkbox' ? null : (
              <input
                {...common}
                type={f.kind === 'url' ? 'url' : 'text'}
                inputMode={f.kind === 'date' ? 'numeric' : undefined}
                placeholder={f.readOnly ? 'Assigned when saved' : f.kind === 'date' ? 'YYYY-MM-DD' : undefined}
                defaultValue={typeof value === 'string' ? value : ''}
                onBlur={f.name === 'name' && duplicateCheck ? checkDuplicates : undefined}
              />
            )}
            {f.hint ? (
              <div id={`${id}-hint`} className="small muted">
                {f.hint}
              </div>
            ) : null}
            {errors ? (
              <div id={`${id}-error`} className="field-error">
                {errors.join(' ')}
              </div>
            ) : null}
          </div>
        );
      })}

      {duplicateCheck ? (
        <section className="duplicates" aria-labelledby={`${uid}-dups`} aria-live="polite">
          <h2 id={`${uid}-dups`}>Likely duplicates</h2>
          {duplicates.length ? (
            <>
              <ul>
                {duplicates.map((m) => (
                  <li key={m.id}>
                    <Link href={`/admin/entities/${m.id}`}>{m.name}</Link> <span className="small muted">({m.schema.toLowerCase()}{m.countries.length ? `, ${m.countries.join(', ').toUpperCase()}` : ''}; {m.via.join(', ')}; similarity {m.score})</span>
                  </li>
                ))}
              </ul>
              <label className="check">
                <input type="checkbox" name="acknowledgeDuplicates" /> None of these is the same entity: create a new one
              </label>
            </>
          ) : (
            <p className="small muted">{matches ? 'No similar names, aliases or identifiers found.' : 'Checked when you leave the name field and again when you save.'}</p>
          )}
          <button type="button" className="btn btn-quiet" onClick={checkDuplicates} disabled={checking}>
            {checking ? 'Checking…' : 'Check for duplicates'}
          </button>
        </section>
      ) : null}

      <div className="form-actions">
        <button className="btn" type="submit" disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </button>
        <Link href={cancelHref} className="btn btn-quiet">
          Cancel
        </Link>
      </div>
    </form>
  );
}
