import { describe, expect, it } from 'vitest';
import { MAX_LONG_TEXT, checkbox, hasNoControlChars, lines, optionalPartialDate, optionalText, requiredPartialDate, requiredText, requiredUrl, slugify, versionField } from './fields';
import { milestoneCreateSchema } from './milestones';
import { parseIdentifierLine } from './entity-records';

describe('admin field rules', () => {
  it('keeps the precision of a partial date and refuses impossible dates', () => {
    expect(requiredPartialDate().parse('2022')).toEqual({ date: new Date('2022-01-01T00:00:00Z'), precision: 'YEAR' });
    expect(requiredPartialDate().parse(' 2022-11 ')).toMatchObject({ precision: 'MONTH' });
    expect(requiredPartialDate().parse('2024-02-29')).toMatchObject({ precision: 'DAY' });
    for (const bad of ['2023-02-30', '2023-13', '22-11-15', '15.11.2022', '', 'tomorrow']) expect(requiredPartialDate().safeParse(bad).success, bad).toBe(false);
    expect(optionalPartialDate().parse('')).toBeNull();
    expect(optionalPartialDate().parse(undefined)).toBeNull();
  });

  it('accepts only http and https URLs', () => {
    expect(requiredUrl().parse(' https://ofac.treasury.gov/x ')).toBe('https://ofac.treasury.gov/x');
    for (const bad of ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'ftp://x.org', '//x.org', 'x.org', 'http://']) {
      expect(requiredUrl().safeParse(bad).success, bad).toBe(false);
    }
  });

  it('refuses markup, overlong and non-text values with a message', () => {
    expect(requiredText().safeParse('<script>alert(1)</script>').error?.issues[0]?.message).toMatch(/HTML/);
    expect(requiredText().parse('A < B and C > D')).toBe('A < B and C > D');
    expect(requiredText(10).safeParse('x'.repeat(11)).error?.issues[0]?.message).toBe('At most 10 characters.');
    expect(requiredText().safeParse(42).error?.issues[0]?.message).toBe('Must be text.');
    expect(requiredText().safeParse(undefined).error?.issues[0]?.message).toBe('Required.');
    expect(requiredText().safeParse('   ').error?.issues[0]?.message).toBe('Required.');
    expect(optionalText().parse('  ')).toBeNull();
  });

  it('refuses markup as an HTML parser sees it, closed or not, and keeps comparisons', () => {
    const message = (r: { error?: { issues: Array<{ message: string }> } }) => r.error?.issues.map((i) => i.message) ?? [];
    // Unclosed: no ">" is needed for a browser to run it (issue 22).
    for (const v of ['<img src=x onerror=alert(1)', '</b', '<!-- x', '<?php x', '<svg/onload=alert(1)>'])
      expect(message(requiredText().safeParse(v)), v).toEqual([expect.stringMatching(/HTML markup/)]);
    expect(message(optionalText().safeParse('<img src=x onerror=alert(1)'))).toEqual([expect.stringMatching(/HTML markup/)]);
    expect(message(lines().safeParse('ok\n<img src=x onerror=alert(1)'))).toEqual([expect.stringMatching(/HTML markup/)]);
    expect(requiredText().parse('a < b')).toBe('a < b');
    expect(requiredText().parse('x <3')).toBe('x <3');
  });

  it('refuses invisible and text-direction controls, keeps ZWNJ (Persian names need it)', () => {
    const persian = 'حسین شریعت\u200Cمداری';
    expect(requiredText().parse(persian)).toBe(persian);
    expect(lines().parse([persian])).toEqual([persian]);
    expect(requiredText().safeParse('evil\u202Etxt.exe').error?.issues[0]?.message).toMatch(/invisible control characters that change the text direction/);
    for (const c of ['\u202A', '\u202E', '\u2066', '\u2069', '\u200E', '\u200F', '\u061C']) {
      expect(requiredText().safeParse(`a${c}b`).success, JSON.stringify(c)).toBe(false);
      expect(hasNoControlChars(`a${c}b`), JSON.stringify(c)).toBe(false);
    }
    for (const c of ['\u0000', '\u0007', '\u001B', '\u007F', '\u0080', '\u0085', '\u009F']) {
      expect(requiredText().safeParse(`a${c}b`).error?.issues[0]?.message, JSON.stringify(c)).toMatch(/invisible control characters/);
      expect(optionalText().safeParse(`a${c}b`).success, JSON.stringify(c)).toBe(false);
      expect(lines().safeParse([`a${c}b`]).success, JSON.stringify(c)).toBe(false);
      expect(hasNoControlChars(`a${c}b`), JSON.stringify(c)).toBe(false);
    }
    // A textarea holds lines and tabs.
    expect(requiredText(MAX_LONG_TEXT).parse('line 1\r\nline\t2')).toBe('line 1\r\nline\t2');
    expect(hasNoControlChars('line 1\r\nline\t2')).toBe(true);
  });

  it('reads lists, checkboxes and versions as forms send them', () => {
    expect(lines().parse('a\r\n\n b \na')).toEqual(['a', 'b']);
    expect(lines().parse(['x', ' y '])).toEqual(['x', 'y']);
    expect(checkbox().parse('on')).toBe(true);
    expect(checkbox().parse(undefined)).toBe(false);
    expect(checkbox().parse(false)).toBe(false);
    expect(versionField.parse('3')).toBe(3);
    expect(versionField.safeParse('3abc').success).toBe(false);
    expect(versionField.safeParse(0).success).toBe(false);
  });

  it('puts "end before start" on the end date', () => {
    const r = milestoneCreateSchema.safeParse({ title: 'x', category: 'DIPLOMATIC', date: '2023-05', endDate: '2023-01-31', sourceUrl: 'https://x.org' });
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['endDate', 'The end date lies before the start date.']]);
    // Same month at different precisions is not "before".
    expect(milestoneCreateSchema.safeParse({ title: 'x', category: 'DIPLOMATIC', date: '2023-05', endDate: '2023-05-01', sourceUrl: 'https://x.org' }).success).toBe(true);
  });

  it('parses identifier lines and makes slugs', () => {
    expect(parseIdentifierLine('IMO: 9123456')).toEqual({ type: 'IMO', value: '9123456', country: null });
    expect(parseIdentifierLine('Registration Number: 1234 (RU)')).toEqual({ type: 'Registration Number', value: '1234', country: 'ru' });
    expect(parseIdentifierLine('no colon here')).toBeNull();
    expect(slugify('2022-11 Iran–Saudi talks: Beijing!')).toBe('2022-11-iran-saudi-talks-beijing');
  });
});
