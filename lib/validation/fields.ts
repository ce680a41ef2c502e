// Building blocks for the admin forms' zod schemas. Every form posts strings (FormData); the same
// schemas accept the typed values that tests and API callers send. Messages say what to do.
import { z } from 'zod';
import { parsePartialDate, type PartialDate } from '../dates';
import { formTextErrors, hasBidiControls, hasHiddenControls } from '../security/text-safety';

export const MAX_SHORT_TEXT = 300;
export const MAX_LONG_TEXT = 10_000;
export const MAX_URL = 2_000;
export const MAX_LINES = 200;

// NOTE: React escapes text when rendering, so markup would be harmless on our pages; we still refuse
// it, because records travel on (CSV, SVG, other tools) and a name never legitimately holds a tag.
// The detector is shared with the importers (lib/security/text-safety.ts): forms refuse what it
// finds, imports clean or flag it. Line breaks and tabs are accepted here (forms trim the ends; a
// textarea holds several lines); right-to-left scripts, ZWNJ and ZWJ are welcome.
export const NO_CONTROL_CHARS = 'Remove the invisible control characters (such as right-to-left overrides).';
/** No C0/C1 control (but tab, newline, CR), no DEL, no bidi override, embedding, isolate or mark. */
export const hasNoControlChars = (v: string) => !hasHiddenControls(v, true) && !hasBidiControls(v);

/** Adds the shared detector's message for each problem of the value (the field's own issue path). */
function refuseHostileText(value: string, ctx: z.RefinementCtx): void {
  for (const message of formTextErrors(value, { lineBreaks: true })) ctx.addIssue({ code: 'custom', message });
}

function typeError(what: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined || issue.input === null ? 'Required.' : `Must be ${what}.`);
}

/** Required plain text, trimmed. */
export function requiredText(max = MAX_SHORT_TEXT) {
  return z
    .string({ error: typeError('text') })
    .trim()
    .min(1, 'Required.')
    .max(max, `At most ${max.toLocaleString('en')} characters.`)
    .superRefine(refuseHostileText);
}

/** Optional plain text: empty means none (null). */
export function optionalText(max = MAX_SHORT_TEXT) {
  return z
    .string({ error: typeError('text') })
    .trim()
    .max(max, `At most ${max.toLocaleString('en')} characters.`)
    .superRefine(refuseHostileText)
    .nullish()
    .transform((v) => (v ? v : null));
}

function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !!u.hostname;
  } catch {
    return false;
  }
}
const URL_MESSAGE = 'Use a full web address starting with http:// or https://.';

/** A source URL: required, http or https only (no javascript:, data:, file:…). */
export function requiredUrl() {
  return z
    .string({ error: typeError('a web address') })
    .trim()
    .min(1, 'Required: give the address of the source.')
    .max(MAX_URL, `At most ${MAX_URL} characters.`)
    .refine(isHttpUrl, URL_MESSAGE);
}

export function optionalUrl() {
  return z
    .string({ error: typeError('a web address') })
    .trim()
    .max(MAX_URL, `At most ${MAX_URL} characters.`)
    .refine((v) => !v || isHttpUrl(v), URL_MESSAGE)
    .nullish()
    .transform((v) => (v ? v : null));
}

const DATE_MESSAGE = 'Use YYYY, YYYY-MM or YYYY-MM-DD, a real calendar date (e.g. 2022, 2022-11 or 2022-11-15).';

/** A partial date 'YYYY' | 'YYYY-MM' | 'YYYY-MM-DD' → first day + precision. */
export function requiredPartialDate() {
  return z
    .string({ error: typeError('a date') })
    .trim()
    .min(1, 'Required.')
    .refine((v) => parsePartialDate(v) !== null, DATE_MESSAGE)
    .transform((v) => parsePartialDate(v) as PartialDate);
}

export function optionalPartialDate() {
  return z
    .string({ error: typeError('a date') })
    .trim()
    .refine((v) => !v || parsePartialDate(v) !== null, DATE_MESSAGE)
    .nullish()
    .transform((v): PartialDate | null => (v ? parsePartialDate(v) : null));
}

export function enumField<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: (issue) => (issue.input === undefined || issue.input === '' ? 'Required: choose one.' : `Choose one of: ${values.join(', ')}.`) });
}

export function optionalEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .union([z.literal(''), z.enum(values)], { error: `Choose one of: ${values.join(', ')}.` })
    .nullish()
    .transform((v) => (v ? (v as T[number]) : null));
}

/** A checkbox: absent/''/'false' → false; 'on'/'true'/true → true. */
export function checkbox() {
  return z
    .union([z.boolean(), z.enum(['on', 'true', 'false', ''])], { error: 'Must be checked or not.' })
    .optional()
    .transform((v) => v === true || v === 'on' || v === 'true');
}

/** A list typed one per line (textarea), or an array. Blank lines dropped, duplicates removed. */
export function lines(max = MAX_SHORT_TEXT) {
  return z
    .union([z.string(), z.array(z.string())], { error: 'Must be text, one entry per line.' })
    .optional()
    .transform((v) => [...new Set((v === undefined ? [] : Array.isArray(v) ? v : v.split(/\r?\n/)).map((s) => s.trim()).filter(Boolean))])
    .pipe(
      z
        .array(z.string().max(max, `Each line at most ${max} characters.`).superRefine(refuseHostileText))
        .max(MAX_LINES, `At most ${MAX_LINES} lines.`),
    );
}

/** A record id (cuid, or an authority code). */
export function recordId(label = 'record') {
  return z
    .string({ error: typeError(`the id of a ${label}`) })
    .trim()
    .min(1, `Required: the id of a ${label}.`)
    .max(64, 'Not a valid id.')
    .regex(/^[A-Za-z0-9_-]+$/, 'Not a valid id.');
}

export function optionalRecordId(label = 'record') {
  return z
    .string({ error: typeError(`the id of a ${label}`) })
    .trim()
    .max(64, 'Not a valid id.')
    .regex(/^[A-Za-z0-9_-]*$/, 'Not a valid id.')
    .nullish()
    .transform((v) => (v ? v : null));
}

/** The version the editor loaded: every update and delete carries it (optimistic concurrency). */
const VERSION_MESSAGE = 'Missing or invalid record version: reload the page.';
export const versionField = z
  .union([z.number({ error: VERSION_MESSAGE }).int(VERSION_MESSAGE).min(1, VERSION_MESSAGE), z.string({ error: VERSION_MESSAGE }).trim().regex(/^\d+$/, VERSION_MESSAGE)], { error: VERSION_MESSAGE })
  .transform(Number);

export const idVersionSchema = z.object({ id: recordId(), version: versionField });
export type IdVersion = z.output<typeof idVersionSchema>;

/** For a pair of partial dates: the end may not lie before the start. */
export function endNotBeforeStart(start: PartialDate | null | undefined, end: PartialDate | null | undefined): boolean {
  return !isParsedDate(start) || !isParsedDate(end) || end.date.getTime() >= start.date.getTime();
}

/**
 * NOTE: zod 4 runs an object's refinements even when one of its fields failed (the issue does not
 * abort), and then that field holds the raw input, not the parsed date: cross-field checks must
 * skip values that did not parse (their own message is already there) instead of throwing.
 */
export function isParsedDate(v: unknown): v is PartialDate {
  return typeof v === 'object' && v !== null && (v as { date?: unknown }).date instanceof Date;
}
export const END_BEFORE_START = 'The end date lies before the start date.';

export function slugify(input: string): string {
  return input
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}
