import 'server-only';
// The one wrapper for server actions: session → permission → zod → function, and one result shape
// for useActionState. Errors never leak: toErrorResponse decides what a person may see.
import type { z } from 'zod';
import { getPrincipal, assertPermission } from '../auth/session';
import type { Permission, Principal } from '../auth/permissions';
import { AppError, toErrorResponse, type ErrorCode, type FieldErrors } from '../errors';

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; status: number; code: ErrorCode; error: string; fieldErrors?: FieldErrors; details?: Record<string, unknown> };

export type ActionFn<S extends z.ZodType, T> = (input: z.infer<S>, ctx: { principal: Principal }) => Promise<T>;

/**
 * Runs an action for an explicit principal. The exported server actions call it with the session's
 * principal; integration tests call it with a principal loaded from a real user row.
 */
export async function runAction<S extends z.ZodType, T>(
  principal: Principal | null | (() => Promise<Principal | null>),
  permission: Permission,
  schema: S,
  fn: ActionFn<S, T>,
  input: unknown,
): Promise<ActionResult<T>> {
  try {
    // Resolved inside the try: a session check that cannot reach the database is a 503 result too.
    const p = assertPermission(typeof principal === 'function' ? await principal() : principal, permission);
    // Every action takes its form's fields as one plain object: anything else (an array, a string,
    // null, a FormData sent to an object action, NOT_A_FORM) is refused with one clear message
    // rather than zod's "expected object" — or, for a FormData, zod reading none of its fields.
    if (!isPlainObject(input)) {
      throw new AppError('UNPROCESSABLE', 'The request must send the form fields (an object of named values).', { _form: ['The request must send the form fields.'] });
    }
    const parsed = schema.parse(input) as z.infer<S>;
    return { ok: true, data: await fn(parsed, { principal: p }) };
  } catch (err) {
    const { status, body } = toErrorResponse(err);
    return { ok: false, status, code: body.error.code, error: body.error.message, fieldErrors: body.error.fieldErrors, details: body.error.details };
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

export function authedAction<S extends z.ZodType, T>(permission: Permission, schema: S, fn: ActionFn<S, T>) {
  const action = async (input: unknown): Promise<ActionResult<T>> => runAction(getPrincipal, permission, schema, fn, input);
  return Object.assign(action, { permission, schema, run: fn });
}

/** Stands for "the second argument was not a FormData": runAction refuses it (422) after the auth check. */
const NOT_A_FORM = Symbol('not a form');

/**
 * The form-bound variant of an action, for `<form action>` with useActionState: called as
 * (previous state, FormData). A server action can be called over HTTP with any arguments, so the
 * second one is checked here, once for every form action — a string, a number, null, an array or an
 * object instead of a FormData is the 422 result, never a 500 — and only after the session and
 * permission checks (anonymous is still 401). `onSuccess` runs after an ok result (revalidatePath).
 */
export function authedFormAction<S extends z.ZodType, T>(definition: { permission: Permission; schema: S; run: ActionFn<S, T> }, onSuccess?: (data: T) => void) {
  const formAction = async (_prev: ActionResult<T> | null, form: FormData): Promise<ActionResult<T>> => {
    const input: unknown = (form as unknown) instanceof FormData ? formDataToObject(form) : NOT_A_FORM;
    const result = await runAction(getPrincipal, definition.permission, definition.schema, definition.run, input);
    if (result.ok) onSuccess?.(result.data);
    return result;
  };
  return Object.assign(formAction, { permission: definition.permission, schema: definition.schema, run: definition.run });
}

/** FormData → object (repeated names become arrays), for actions bound to <form action>. */
export function formDataToObject(form: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith('$ACTION')) continue;
    const all = form.getAll(key).filter((v): v is string => typeof v === 'string');
    out[key] = all.length > 1 ? all : (all[0] ?? '');
  }
  return out;
}
