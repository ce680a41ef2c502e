// URL query → plain object for zod: repeated keys become arrays (?authority=EU&authority=UK).
// Also the one check every query goes through: no control characters (see CONTROL_CHARACTER).
import { z } from 'zod';

export type RawSearchParams = Record<string, string | string[] | undefined>;

export function searchParamsToObject(params: URLSearchParams): RawSearchParams {
  const out: RawSearchParams = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length > 1 ? all : all[0];
  }
  return out;
}

/** The reverse, for links that must reproduce a view exactly. Empty values are dropped. */
export function objectToSearchParams(obj: Record<string, string | number | boolean | readonly (string | number)[] | null | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(obj)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.set(key, String(value));
  }
  return params;
}

// NOTE: no query parameter has a use for these, and they do harm further on: PostgreSQL refuses NUL
// in text (a 500 instead of an answer), and the bidirectional controls (U+202A–202E, U+2066–2069,
// LRM/RLM U+200E/200F, ALM U+061C) make a search term read differently than it matches. \p{Cc} is
// C0 (tab and newline too: a one-line field cannot send them), DEL and C1. ZWNJ/ZWJ (U+200C/200D)
// belong to Persian and Arabic words and are allowed.
export const CONTROL_CHARACTER = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const CONTROL_CHARACTERS = new RegExp(CONTROL_CHARACTER.source, 'gu');

export type QueryProblem = { field: string; message: string };

const CONTROL_HINT = 'the invisible control characters (such as NUL or a right-to-left override)';

const hasControl = (v: unknown): boolean => (typeof v === 'string' ? CONTROL_CHARACTER.test(v) : Array.isArray(v) && v.some(hasControl));

/** A parameter name as it can be shown: its control characters written as \uXXXX escapes. */
const shownName = (key: string) => key.replace(CONTROL_CHARACTERS, (c) => `\\u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);

/** Every parameter whose name or value(s) hold a control character, one problem each. */
export function controlCharacterProblems(raw: Readonly<Record<string, unknown>> | URLSearchParams): QueryProblem[] {
  const entries: Array<[string, unknown]> = raw instanceof URLSearchParams ? [...raw.entries()] : Object.entries(raw);
  const out: QueryProblem[] = [];
  for (const [key, value] of entries) {
    if (!CONTROL_CHARACTER.test(key) && !hasControl(value)) continue;
    const field = shownName(key);
    if (!out.some((p) => p.field === field)) out.push({ field, message: `Remove ${CONTROL_HINT}.` });
  }
  return out;
}

/**
 * Throws a ZodError (→ 422 with the parameter's field error, lib/errors.ts) when any parameter holds
 * a control character. lib/api/route.ts runs it on every request's query, whatever its schema.
 */
export function assertNoControlCharacters(raw: Readonly<Record<string, unknown>> | URLSearchParams): void {
  const problems = controlCharacterProblems(raw);
  // Named as the read API names its own problems ("q: …"): a script's log line says which parameter.
  if (problems.length) throw new z.ZodError(problems.map((p) => ({ code: 'custom' as const, path: [p.field], message: `${p.field}: remove ${CONTROL_HINT}.`, input: undefined })));
}

/** The strict reading of a query (route handlers): control characters refused first, then the schema. */
export function parseQuery<S extends z.ZodType>(schema: S, params: URLSearchParams | RawSearchParams): z.output<S> {
  const raw = params instanceof URLSearchParams ? searchParamsToObject(params) : params;
  assertNoControlCharacters(raw);
  return schema.parse(raw) as z.output<S>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof URLSearchParams);

/** For pages: the query without its parameters that hold control characters, and a problem for each. */
export function withoutControlCharacters<T extends Readonly<Record<string, unknown>>>(raw: T): { query: Partial<T>; problems: QueryProblem[] } {
  const problems = controlCharacterProblems(raw);
  if (!problems.length) return { query: raw, problems };
  const query: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) if (!CONTROL_CHARACTER.test(key) && !hasControl(value)) query[key] = value;
  return { query: query as Partial<T>, problems };
}

/**
 * A page's query schema: a parameter holding a control character is left out before parsing, so the
 * page shows its default for it (as for any value it cannot use), never the error page or a
 * database error. Pages that want to say so use parsePageQuery.
 */
export function pageQuerySchema<S extends z.ZodType>(schema: S) {
  return z.preprocess((raw) => (isRecord(raw) ? withoutControlCharacters(raw).query : raw), schema);
}

/** The lenient reading of a page's query: what it can use, and the parameters it left out and why. */
export function parsePageQuery<S extends z.ZodType>(schema: S, raw: RawSearchParams): { query: z.output<S>; problems: QueryProblem[] } {
  const { query, problems } = withoutControlCharacters(raw);
  return { query: schema.parse(query) as z.output<S>, problems };
}
