import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvPreamble, wantsPreamble } from './csv-preamble';

describe('the CSV preamble', () => {
  const p = {
    title: 'New designations per quarter, by authority',
    filters: 'EU, UK · listing date · 2022-01 to 2023-12',
    asOf: 'Data as of: OFAC SDN 2024-05-03 · EU 2026-07-30',
    sources: 'Sources: EU Official Journal annexes; UK Sanctions List',
    generatedAt: new Date('2026-12-07T12:00:00Z'),
  };

  it('gives title, filters, as-of and sources as "# field,value" lines, then an empty line before the header', () => {
    const text = csvPreamble(p) + 'kind,period\r\n';
    const lines = text.split('\r\n');
    expect(lines.slice(0, 6)).toEqual([
      '# title,"New designations per quarter, by authority"',
      '# filters,"EU, UK · listing date · 2022-01 to 2023-12"',
      '# data_as_of,Data as of: OFAC SDN 2024-05-03 · EU 2026-07-30',
      '# sources,Sources: EU Official Journal annexes; UK Sanctions List',
      '# generated,2026-12-07T12:00:00.000Z',
      '',
    ]);
    expect(lines[6]).toBe('kind,period');
    // A reader that skips "#" comments gets the header and rows only.
    expect(parse(text, { comment: '#', skip_empty_lines: true })).toEqual([['kind', 'period']]);
  });

  it('escapes formulas and quotes in what it repeats', () => {
    const text = csvPreamble({ ...p, title: '=HYPERLINK("http://x")', filters: '+cmd', frozen: '@SUM(A1)' });
    const rows = parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
    expect(rows.find((r) => r[0] === '# title')![1]).toBe('\'=HYPERLINK("http://x")');
    expect(rows.find((r) => r[0] === '# filters')![1]).toBe("'+cmd");
    expect(rows.find((r) => r[0] === '# frozen')![1]).toBe("'@SUM(A1)");
  });

  it('is asked for with preamble=1 (or true, yes) only', () => {
    expect([null, undefined, '', '0', 'no', 'false', '2'].map(wantsPreamble)).toEqual([false, false, false, false, false, false, false]);
    expect(['1', 'true', 'yes'].map(wantsPreamble)).toEqual([true, true, true]);
  });
});
