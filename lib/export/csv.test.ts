import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ExportEntity } from '../db/exports';
import { CSV_COLUMNS, csvCell, entityToCsvRows } from './csv';

describe('csvCell', () => {
  it('quotes separators, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
  });
  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('-1+cmd|" /C calc"!A0')).toBe('"\'-1+cmd|"" /C calc""!A0"');
  });
  it('leaves a plain negative number a number', () => {
    expect(csvCell('-2')).toBe('-2');
    expect(csvCell('-2.5')).toBe('-2.5');
  });
});

describe('entityToCsvRows', () => {
  const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
  const designation = (over: Record<string, unknown>) => ({
    authorityId: 'US-OFAC',
    programs: [
      { program: { authorityId: 'US-OFAC', code: 'SDGT', title: 'Global terrorism', legalBasis: null } },
      { program: { authorityId: 'US-OFAC', code: 'XYZ', title: null, legalBasis: null } },
    ],
    listingDate: day('2021-08-18'),
    listingDatePrecision: 'DAY',
    listingDateQualifier: 'ON_OR_BEFORE',
    startDate: null,
    startDatePrecision: null,
    endDate: day('2023-07-11'),
    endDatePrecision: 'DAY',
    endDateQualifier: 'ON_OR_BEFORE',
    endDateAfter: day('2023-01-05'),
    status: 'LIFTED',
    reason: null,
    measures: [],
    legalAct: null,
    authorityRecordId: '36',
    sourceUrl: 'https://example.org/sdn',
    origin: 'ofac-sdn',
    originKey: '36',
    ...over,
  });
  const entity = (designations: unknown[]) =>
    ({ id: 'e1', schema: 'Company', name: 'ACME', aliases: [], countries: [], birthDate: null, birthDatePrecision: null, identifiers: [], externalIds: [], designations }) as unknown as ExportEntity;
  const cells = (line: string) => parse(line, { relax_column_count: false })[0] as string[];
  const row = (line: string) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, cells(line)[i]]));

  it('keeps the column order, new columns next to their relatives', () => {
    const at = (c: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(c);
    expect(at('program_titles')).toBe(at('programs') + 1);
    expect([at('end_date_qualifier'), at('end_date_after')]).toEqual([at('end_date') + 1, at('end_date') + 2]);
    expect(CSV_COLUMNS.slice(0, at('programs') + 1)).toEqual(['entity_id', 'schema', 'name', 'aliases', 'countries', 'birth_or_incorporation_date', 'identifiers', 'source_ids', 'authority', 'programs']);
  });

  it('carries program codes and labels in the same order, and the bounds of a lifting', () => {
    const [line] = entityToCsvRows(entity([designation({})]));
    const r = row(line!);
    expect(cells(line!)).toHaveLength(CSV_COLUMNS.length);
    expect(r.programs).toBe('SDGT | XYZ');
    expect(r.program_titles).toBe('US — Global terrorism (SDGT) | US — XYZ (untitled)');
    expect([r.listing_date, r.listing_date_qualifier]).toEqual(['2021-08-18', 'ON_OR_BEFORE']);
    expect([r.end_date, r.end_date_qualifier, r.end_date_after]).toEqual(['2023-07-11', 'ON_OR_BEFORE', '2023-01-05']);
  });

  it('leaves the end qualifier and bound empty when there is no end date; an exact end is EXACT', () => {
    const [listed] = entityToCsvRows(entity([designation({ endDate: null, endDatePrecision: null, endDateQualifier: 'EXACT', endDateAfter: null })]));
    expect([row(listed!).end_date, row(listed!).end_date_qualifier, row(listed!).end_date_after]).toEqual(['', '', '']);
    const [exact] = entityToCsvRows(entity([designation({ endDateQualifier: 'EXACT', endDateAfter: null })]));
    expect([row(exact!).end_date_qualifier, row(exact!).end_date_after]).toEqual(['EXACT', '']);
  });

  it('gives an entity without designations one row of the full width', () => {
    const [line] = entityToCsvRows(entity([]));
    expect(cells(line!)).toHaveLength(CSV_COLUMNS.length);
  });
});
