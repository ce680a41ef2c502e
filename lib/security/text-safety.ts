// One detector for hostile text, two policies (issue 22). Typed data and imported data meet the same
// rules: the forms REFUSE a value that breaks them (the person typing can fix it), the importers KEEP
// the record and clean or flag it (a list entry is a fact we must not drop because its file is odd).
//
// What it finds:
// - invisible controls: NUL and the other C0 controls (tab, newline and CR are allowed where a field
//   holds several lines), DEL, the C1 controls U+0080–U+009F;
// - bidirectional controls (U+202A–202E embeddings/overrides, U+2066–2069 isolates, U+200E/200F
//   marks, U+061C the Arabic letter mark): they make a name display as something it is not
//   ("Trojan Source" spoofing in tables and exports). ZWNJ and ZWJ (U+200C, U+200D) are NOT among
//   them: Persian and Arabic names need them to be spelt right;
// - markup: "<" followed by an ASCII letter, "/", "!" or "?" — what an HTML parser takes for the start
//   of a tag, comment or declaration, closed or not ("<img src=x onerror=…" needs no ">");
//   "a < b" and "x <3" are text;
// - a spreadsheet formula prefix at the start (lib/export/csv-cell.ts has the one definition);
// - a value over the field's length cap.
import { createHash } from 'node:crypto';
import { startsLikeFormula } from '../export/csv-cell';

export type TextProblem = 'control-chars' | 'bidi' | 'markup' | 'formula' | 'too-long';

// NOTE: \u escapes, never the characters themselves: a reviewer cannot see a U+202E in the source.
const CONTROLS_EXCEPT_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const CONTROLS_ALL = /[\u0000-\u001F\u007F-\u009F]/;
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const MARKUP = /<[A-Za-z/!?]/;
// The same sets, to remove every occurrence.
const CONTROLS_EXCEPT_BREAKS_G = new RegExp(CONTROLS_EXCEPT_BREAKS.source, 'g');
const CONTROLS_ALL_G = new RegExp(CONTROLS_ALL.source, 'g');
const BIDI_G = new RegExp(BIDI.source, 'g');
/** One test for the common case, a value with nothing to clean or flag (an import reads millions). */
const ANY_HIDDEN = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

export type TextCheckOptions = {
  /** Tab, newline and CR are allowed (multi-line fields; forms trim the ends). Default false. */
  lineBreaks?: boolean;
  /** Cap in characters (Unicode code points). */
  max?: number;
};

export const hasHiddenControls = (value: string, lineBreaks = false): boolean => (lineBreaks ? CONTROLS_EXCEPT_BREAKS : CONTROLS_ALL).test(value);
export const hasBidiControls = (value: string): boolean => BIDI.test(value);
export const hasMarkup = (value: string): boolean => MARKUP.test(value);
export { startsLikeFormula };

/** Every problem of the value, in a fixed order. */
export function findTextProblems(value: string, opts: TextCheckOptions = {}): TextProblem[] {
  const out: TextProblem[] = [];
  if (hasHiddenControls(value, opts.lineBreaks ?? false)) out.push('control-chars');
  if (hasBidiControls(value)) out.push('bidi');
  if (hasMarkup(value)) out.push('markup');
  if (startsLikeFormula(value)) out.push('formula');
  if (opts.max !== undefined && value.length > opts.max && charLength(value) > opts.max) out.push('too-long');
  return out;
}

// ---------------------------------------------------------------- form policy: refuse

/**
 * What a form refuses, each with a message saying what to do. A formula prefix is accepted: names
 * like "+7 Group" or "@Home" exist, and every CSV export defuses it (lib/export/csv-cell.ts).
 */
export const FORM_MESSAGES = {
  'control-chars': 'Remove the invisible control characters (such as NUL or other non-printing characters).',
  bidi: 'Remove the invisible control characters that change the text direction (right-to-left or left-to-right overrides, embeddings, isolates or marks).',
  markup: 'Remove the HTML markup: a "<" directly followed by a letter, "/", "!" or "?" (write "< " with a space for a comparison).',
} as const satisfies Partial<Record<TextProblem, string>>;

/** The form's messages for the value (none: accepted). Length is the schema's own `max`. */
export function formTextErrors(value: string, opts: { lineBreaks?: boolean } = {}): string[] {
  const out: string[] = [];
  for (const p of findTextProblems(value, { lineBreaks: opts.lineBreaks })) if (p in FORM_MESSAGES) out.push(FORM_MESSAGES[p as keyof typeof FORM_MESSAGES]);
  return out;
}

// ---------------------------------------------------------------- import policy: clean or flag

/**
 * Field kinds of imported records and their caps. `maxBytes` guards the fields PostgreSQL indexes
 * with a btree or by words (alias (entity_id, name, kind), identifier (type, value), program code,
 * name_word.word): an index entry may not exceed 2,704 bytes, and 1,000 characters of CJK or
 * emoji are 3,000–4,000 bytes of UTF-8. NOTE: 1,000 characters, not fewer: a real EU alias is 627
 * characters long (a run of names joined by commas), and a cap must not cut real entries.
 */
export const IMPORT_TEXT_KINDS = {
  name: { maxChars: 1_000, maxBytes: 2_000, lineBreaks: false },
  code: { maxChars: 300, maxBytes: 1_000, lineBreaks: false },
  text: { maxChars: 2_000, maxBytes: null, lineBreaks: true },
  'long-text': { maxChars: 10_000, maxBytes: null, lineBreaks: true },
} as const satisfies Record<string, { maxChars: number; maxBytes: number | null; lineBreaks: boolean }>;
export type ImportTextKind = keyof typeof IMPORT_TEXT_KINDS;

export type ImportChange =
  | { kind: 'control-chars-removed'; count: number }
  | { kind: 'bidi-removed'; count: number }
  | { kind: 'markup-kept' }
  | { kind: 'formula-kept' }
  | { kind: 'truncated'; limit: number; unit: 'characters' | 'bytes'; length: number };

/**
 * The value as the file gave it, kept when the import changed it: its first `cap` characters (all of
 * it unless truncated) as `value` — or as `base64` (UTF-8) when those hold a NUL, which PostgreSQL
 * can store neither in text nor in jsonb — with the whole original's length in characters and the
 * SHA-256 (hex) of its UTF-8 bytes, which identify it exactly.
 */
export type OriginalText = { value?: string; base64?: string; length: number; sha256: string };
export type SanitizedText = { value: string; changes: ImportChange[]; original?: OriginalText };

/**
 * The import policy: removes NUL, C0/C1 and bidi controls (in one-line kinds a tab or line break
 * becomes a space, so words stay apart), caps the length (first N characters, then the kind's byte
 * budget), and keeps markup and formula prefixes as text, flagged. ZWNJ/ZWJ are kept.
 */
export function sanitizeImported(value: string, field: ImportTextKind, cap: number = IMPORT_TEXT_KINDS[field].maxChars): SanitizedText {
  const spec = IMPORT_TEXT_KINDS[field];
  const changes: ImportChange[] = [];
  let v = value;
  if (ANY_HIDDEN.test(v)) {
    let controls = 0;
    v = v.replace(spec.lineBreaks ? CONTROLS_EXCEPT_BREAKS_G : CONTROLS_ALL_G, (c) => {
      controls++;
      return c === '\t' || c === '\n' || c === '\r' ? ' ' : '';
    });
    let bidi = 0;
    v = v.replace(BIDI_G, () => {
      bidi++;
      return '';
    });
    if (controls) changes.push({ kind: 'control-chars-removed', count: controls });
    if (bidi) changes.push({ kind: 'bidi-removed', count: bidi });
    // A control at either end leaves a space there (parsers give trimmed values).
    if (controls || bidi) v = v.trim();
  }
  if (v.length > cap) {
    const length = charLength(value);
    const kept = firstChars(v, cap);
    if (kept.length < v.length) {
      v = kept;
      changes.push({ kind: 'truncated', limit: cap, unit: 'characters', length });
    }
  }
  if (spec.maxBytes !== null && v.length * 3 > spec.maxBytes && Buffer.byteLength(v, 'utf8') > spec.maxBytes) {
    v = firstBytes(v, spec.maxBytes);
    changes.push({ kind: 'truncated', limit: spec.maxBytes, unit: 'bytes', length: charLength(value) });
  }
  if (hasMarkup(v)) changes.push({ kind: 'markup-kept' });
  if (startsLikeFormula(v)) changes.push({ kind: 'formula-kept' });
  if (v === value) return { value: v, changes };
  return { value: v, changes, original: originalOf(value, cap) };
}

/** The warning an import counts for a change of the field `label` ("name", "alias", "reason"…). */
export function importWarning(label: string, change: ImportChange): string {
  switch (change.kind) {
    case 'control-chars-removed':
      return `${label}: control characters removed`;
    case 'bidi-removed':
      return `${label}: right-to-left/bidi controls removed`;
    case 'markup-kept':
      return `${label}: markup kept as text`;
    case 'formula-kept':
      return `${label}: spreadsheet formula prefix kept as text`;
    case 'truncated':
      return `${label}: truncated to ${change.limit.toLocaleString('en')} ${change.unit === 'bytes' ? 'bytes of UTF-8' : 'characters'}`;
  }
}

function originalOf(value: string, cap: number): OriginalText {
  const kept = firstChars(value, cap);
  const sha256 = createHash('sha256').update(value, 'utf8').digest('hex');
  const length = charLength(value);
  return kept.includes('\u0000') ? { base64: Buffer.from(kept, 'utf8').toString('base64'), length, sha256 } : { value: kept, length, sha256 };
}

// ---------------------------------------------------------------- characters (code points)

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Length in characters (code points): an emoji is one, not two UTF-16 units. */
export function charLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    if (isHigh(s.charCodeAt(i)) && isLow(s.charCodeAt(i + 1))) {
      n--;
      i++;
    }
  }
  return n;
}

/** The first `n` characters; a surrogate pair is never cut in half. */
export function firstChars(s: string, n: number): string {
  if (s.length <= n) return s;
  let i = 0;
  for (let count = 0; count < n && i < s.length; count++) i += isHigh(s.charCodeAt(i)) && isLow(s.charCodeAt(i + 1)) ? 2 : 1;
  return s.slice(0, i);
}

/** The longest prefix of whole characters whose UTF-8 fits in `maxBytes`. */
function firstBytes(s: string, maxBytes: number): string {
  let bytes = 0;
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    const pair = isHigh(c) && isLow(s.charCodeAt(i + 1));
    const size = pair ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    if (bytes + size > maxBytes) break;
    bytes += size;
    i += pair ? 2 : 1;
  }
  return s.slice(0, i);
}
