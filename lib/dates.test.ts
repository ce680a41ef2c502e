import { describe, expect, it } from 'vitest';
import { endOfPartialDate, formatPartialDate, parseDottedDate, parsePartialDate, parseSlashedDate, toPartialDateString } from './dates';

describe('parsePartialDate', () => {
  it('keeps the precision the string carries', () => {
    expect(parsePartialDate('2022')).toEqual({ date: new Date('2022-01-01T00:00:00Z'), precision: 'YEAR' });
    expect(parsePartialDate('2022-08')).toEqual({ date: new Date('2022-08-01T00:00:00Z'), precision: 'MONTH' });
    expect(parsePartialDate('2022-02-24')).toEqual({ date: new Date('2022-02-24T00:00:00Z'), precision: 'DAY' });
  });

  it('refuses dates that do not exist instead of rolling them over', () => {
    expect(parsePartialDate('2023-02-30')).toBeNull();
    expect(parsePartialDate('2023-13')).toBeNull();
    expect(parsePartialDate('2024-02-29')?.precision).toBe('DAY'); // leap day exists
    expect(parsePartialDate('2023-02-29')).toBeNull();
  });

  it('refuses other shapes', () => {
    for (const bad of ['', '22', '2022-1', '2022/01/01', '01.02.2022', '2022-01-01T00:00', ' ', 'abcd']) expect(parsePartialDate(bad)).toBeNull();
  });
});

describe('list-specific formats', () => {
  it('reads the EU D.M.YYYY and the UK DD/MM/YYYY', () => {
    expect(parseDottedDate('20.10.2022')?.date.toISOString()).toBe('2022-10-20T00:00:00.000Z');
    expect(parseDottedDate('1.2.2023')?.date.toISOString()).toBe('2023-02-01T00:00:00.000Z');
    expect(parseSlashedDate('08/08/2023')?.date.toISOString()).toBe('2023-08-08T00:00:00.000Z');
    expect(parseDottedDate('31.2.2023')).toBeNull();
    expect(parseSlashedDate('2023-08-08')).toBeNull();
  });
});

describe('formatting says the precision', () => {
  it('never shows more than is known', () => {
    const d = new Date('2022-11-15T00:00:00Z');
    expect(formatPartialDate(d, 'YEAR')).toBe('2022');
    expect(formatPartialDate(d, 'MONTH')).toBe('Nov 2022');
    expect(formatPartialDate(d, 'DAY')).toBe('15 Nov 2022');
    expect(formatPartialDate(null, 'DAY')).toBe('—');
    expect(toPartialDateString(d, 'MONTH')).toBe('2022-11');
  });

  it('knows where a partial date ends', () => {
    expect(endOfPartialDate(new Date('2022-01-01T00:00:00Z'), 'YEAR').toISOString().slice(0, 10)).toBe('2022-12-31');
    expect(endOfPartialDate(new Date('2024-02-01T00:00:00Z'), 'MONTH').toISOString().slice(0, 10)).toBe('2024-02-29');
  });
});
