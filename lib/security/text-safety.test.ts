import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { charLength, findTextProblems, firstChars, formTextErrors, importWarning, sanitizeImported } from './text-safety';

// A real Persian name spelt with ZWNJ (U+200C) between "شریعت" and "مداری": Hossein Shariatmadari.
const PERSIAN_ZWNJ = 'حسین شریعت\u200Cمداری';
// An Arabic-script name with ZWJ (U+200D) joining a letter shown alone (as in some transcriptions).
const WITH_ZWJ = 'ه\u200D';
const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];
const CONTROLS = ['\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\u001B', '\u001F', '\u007F', '\u0080', '\u0085', '\u009F'];
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('the detector', () => {
  it('finds every invisible control, and tab/newline/CR only in one-line fields', () => {
    for (const c of CONTROLS) expect(findTextProblems(`Ivan${c}Petrov`), JSON.stringify(c)).toEqual(['control-chars']);
    for (const c of ['\t', '\n', '\r']) {
      expect(findTextProblems(`a${c}b`), JSON.stringify(c)).toEqual(['control-chars']);
      expect(findTextProblems(`a${c}b`, { lineBreaks: true }), JSON.stringify(c)).toEqual([]);
    }
  });

  it('finds every bidi control, and keeps ZWNJ and ZWJ', () => {
    for (const c of BIDI) expect(findTextProblems(`abc${c}def`), JSON.stringify(c)).toEqual(['bidi']);
    expect(findTextProblems(PERSIAN_ZWNJ)).toEqual([]);
    expect(findTextProblems(WITH_ZWJ)).toEqual([]);
  });

  it('finds markup, closed or not, and leaves comparisons alone', () => {
    for (const v of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)', 'x</b', 'a<!-- c', '<?xml', '<B>bold'])
      expect(findTextProblems(v), v).toContain('markup');
    for (const v of ['a < b', 'x <3', '1<2', '<', 'A < B and C > D', '<<', '< script>']) expect(findTextProblems(v), v).not.toContain('markup');
  });

  it('finds a formula prefix at the start only, as the CSV export does', () => {
    for (const v of ['=HYPERLINK("http://x","y")', '+1', '-1+cmd|" /C calc"!A0', '@SUM(A1)', '\tx', '\rx']) expect(findTextProblems(v, { lineBreaks: true }), v).toContain('formula');
    for (const v of ['a=b', 'Ivan-Petrov', '-2', '-2.5', 'x@y']) expect(findTextProblems(v), v).not.toContain('formula');
  });

  it('counts length in characters: an emoji is one', () => {
    expect(charLength('a😀b')).toBe(3);
    expect(findTextProblems('😀😀😀', { max: 3 })).toEqual([]);
    expect(findTextProblems('😀😀😀😀', { max: 3 })).toEqual(['too-long']);
    expect(firstChars('😀😀😀', 2)).toBe('😀😀');
  });
});

describe('the form policy: refuse, one message per problem', () => {
  it('names each problem', () => {
    expect(formTextErrors('\u202Eevil')).toEqual([expect.stringMatching(/invisible control characters that change the text direction/)]);
    expect(formTextErrors('a\u0000b')).toEqual([expect.stringMatching(/invisible control characters/)]);
    expect(formTextErrors('<img src=x onerror=alert(1)')).toEqual([expect.stringMatching(/HTML markup/)]);
    expect(formTextErrors('<b>\u202E</b>\u0000')).toHaveLength(3);
  });
  it('accepts what a real name holds, and formula prefixes (the CSV export defuses them)', () => {
    for (const v of [PERSIAN_ZWNJ, 'a < b', 'x <3', '+7 Group', 'two\nlines']) expect(formTextErrors(v, { lineBreaks: true }), v).toEqual([]);
  });
});

describe('the import policy: keep the record, clean or flag', () => {
  it('removes bidi controls, keeps the original', () => {
    const r = sanitizeImported('ACME\u202E LTD', 'name');
    expect(r.value).toBe('ACME LTD');
    expect(r.changes).toEqual([{ kind: 'bidi-removed', count: 1 }]);
    expect(r.original).toEqual({ value: 'ACME\u202E LTD', length: 9, sha256: sha('ACME\u202E LTD') });
  });

  it('removes NUL, C0 and C1 controls; a NUL original is kept as base64 (PostgreSQL stores no NUL)', () => {
    const r = sanitizeImported('Ivan\u0000 Petrov\u0085', 'name');
    expect(r.value).toBe('Ivan Petrov');
    expect(r.changes).toEqual([{ kind: 'control-chars-removed', count: 2 }]);
    expect(r.original?.value).toBeUndefined();
    expect(Buffer.from(r.original!.base64!, 'base64').toString('utf8')).toBe('Ivan\u0000 Petrov\u0085');
    expect(r.original?.sha256).toBe(sha('Ivan\u0000 Petrov\u0085'));
  });

  it('turns a line break in a one-line field into a space; keeps it in text', () => {
    expect(sanitizeImported('Ivan\nPetrov', 'name').value).toBe('Ivan Petrov');
    expect(sanitizeImported('line 1\nline 2', 'long-text')).toEqual({ value: 'line 1\nline 2', changes: [] });
  });

  it('keeps ZWNJ and ZWJ: a Persian name is untouched, with no change', () => {
    expect(sanitizeImported(PERSIAN_ZWNJ, 'name')).toEqual({ value: PERSIAN_ZWNJ, changes: [] });
    expect(sanitizeImported(WITH_ZWJ, 'name')).toEqual({ value: WITH_ZWJ, changes: [] });
  });

  it('keeps markup and formula prefixes as text, flagged, with no original (nothing changed)', () => {
    expect(sanitizeImported('<script>alert(1)</script>', 'name')).toEqual({ value: '<script>alert(1)</script>', changes: [{ kind: 'markup-kept' }] });
    expect(sanitizeImported('=HYPERLINK("http://evil.example","x")', 'name')).toEqual({ value: '=HYPERLINK("http://evil.example","x")', changes: [{ kind: 'formula-kept' }] });
  });

  it('truncates to the first N characters, keeping the original length and SHA-256', () => {
    const huge = 'A'.repeat(5 * 1024 * 1024);
    const r = sanitizeImported(huge, 'name');
    expect(r.value).toBe('A'.repeat(1000));
    expect(r.changes).toEqual([{ kind: 'truncated', limit: 1000, unit: 'characters', length: 5 * 1024 * 1024 }]);
    expect(r.original).toEqual({ value: 'A'.repeat(1000), length: 5 * 1024 * 1024, sha256: sha(huge) });
    expect(sanitizeImported('abcdef', 'name', 3).value).toBe('abc');
  });

  it('keeps an indexed field within its byte budget (an index entry is at most 2,704 bytes)', () => {
    const cjk = '中'.repeat(1000);
    const r = sanitizeImported(cjk, 'name');
    expect(Buffer.byteLength(r.value)).toBeLessThanOrEqual(2000);
    expect(r.value).toBe('中'.repeat(666));
    expect(r.changes).toEqual([{ kind: 'truncated', limit: 2000, unit: 'bytes', length: 1000 }]);
    // Never half a surrogate pair.
    expect(sanitizeImported('😀'.repeat(600), 'name').value).toBe('😀'.repeat(500));
  });

  it('leaves a clean value alone', () => {
    expect(sanitizeImported('SHAHED AVIATION INDUSTRIES', 'name')).toEqual({ value: 'SHAHED AVIATION INDUSTRIES', changes: [] });
  });

  it('names each warning', () => {
    expect(importWarning('name', { kind: 'bidi-removed', count: 1 })).toBe('name: right-to-left/bidi controls removed');
    expect(importWarning('alias', { kind: 'control-chars-removed', count: 2 })).toBe('alias: control characters removed');
    expect(importWarning('name', { kind: 'markup-kept' })).toBe('name: markup kept as text');
    expect(importWarning('name', { kind: 'formula-kept' })).toBe('name: spreadsheet formula prefix kept as text');
    expect(importWarning('name', { kind: 'truncated', limit: 1000, unit: 'characters', length: 5 })).toBe('name: truncated to 1,000 characters');
    expect(importWarning('name', { kind: 'truncated', limit: 2000, unit: 'bytes', length: 5 })).toBe('name: truncated to 2,000 bytes of UTF-8');
  });
});
