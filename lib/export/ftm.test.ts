// The FtM export states a date known only as a bound in the Sanction's `description`, never as an
// exact `listingDate` / `endDate`, and the FtM import reads exactly those sentences back.
import { describe, expect, it } from 'vitest';
import type { ExportEntity } from '../db/exports';
import { parseBoundSentence, sanctionToDesignation, type FtmEntity } from '../import/ftm';
import { emptyReport } from '../import/types';
import { entityToFtm } from './ftm';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const designation = (over: Record<string, unknown>) => ({
  authorityId: 'US-OFAC',
  authority: { id: 'US-OFAC', name: 'OFAC', country: 'US' },
  programs: [
    { program: { authorityId: 'US-OFAC', code: 'SDGT', title: 'Global terrorism', legalBasis: null } },
    { program: { authorityId: 'US-OFAC', code: 'XYZ', title: null, legalBasis: null } },
  ],
  listingDate: day('2021-08-18'),
  listingDatePrecision: 'DAY',
  listingDateQualifier: 'EXACT',
  startDate: null,
  startDatePrecision: null,
  endDate: null,
  endDatePrecision: null,
  endDateQualifier: 'EXACT',
  endDateAfter: null,
  status: 'LISTED',
  reason: null,
  measures: [],
  legalAct: 'EO 13224',
  authorityRecordId: '36',
  sourceUrl: 'https://example.org/sdn',
  origin: 'ofac-sdn',
  originKey: '36',
  ...over,
});
const entity = (designations: unknown[]) =>
  ({ id: 'e1', schema: 'Company', name: 'ACME', aliases: [], countries: [], addresses: [], birthDate: null, birthDatePrecision: null, notes: null, extra: null, identifiers: [], externalIds: [], designations }) as unknown as ExportEntity;
const sanction = (over: Record<string, unknown>) => entityToFtm(entity([designation(over)]), new Map()).find((o) => o.schema === 'Sanction')!;

describe('FtM Sanction dates', () => {
  it('writes an exact listing and lifting as FtM dates, with no description', () => {
    const s = sanction({ endDate: day('2023-07-11'), endDatePrecision: 'DAY' });
    expect(s.properties.listingDate).toEqual(['2021-08-18']);
    expect(s.properties.endDate).toEqual(['2023-07-11']);
    expect(s.properties.description).toBeUndefined();
  });

  it('never writes a bound as an exact date: description states it', () => {
    const s = sanction({ listingDateQualifier: 'ON_OR_BEFORE', endDate: day('2023-07-11'), endDatePrecision: 'DAY', endDateQualifier: 'ON_OR_BEFORE', endDateAfter: day('2023-01-05') });
    expect(s.properties.listingDate).toBeUndefined();
    expect(s.properties.endDate).toBeUndefined();
    expect(s.properties.description).toEqual(['listed on or before 2021-08-18', 'lifted after 2023-01-05, on or before 2023-07-11']);
    expect(s.properties.summary).toEqual(['EO 13224']);
    const open = sanction({ endDate: day('2023-07-11'), endDatePrecision: 'DAY', endDateQualifier: 'ON_OR_BEFORE' });
    expect(open.properties.description).toEqual(['lifted on or before 2023-07-11']);
    expect(open.properties.listingDate).toEqual(['2021-08-18']);
  });

  it('keeps codes in programId and puts the labels of titled programs in program', () => {
    const s = sanction({});
    expect(s.properties.programId).toEqual(['SDGT', 'XYZ']);
    expect(s.properties.program).toEqual(['US — Global terrorism (SDGT)']);
    expect(sanction({ programs: [] }).properties.program).toBeUndefined();
  });

  it('reads the bounds back: export → import keeps them', () => {
    const ctx = { report: emptyReport() };
    const s = sanction({ listingDateQualifier: 'ON_OR_BEFORE', endDate: day('2023-07-11'), endDatePrecision: 'DAY', endDateQualifier: 'ON_OR_BEFORE', endDateAfter: day('2023-01-05') });
    const d = sanctionToDesignation(s as FtmEntity, ctx)!;
    expect(d.programs).toEqual(['SDGT', 'XYZ']);
    expect(d.listingDate).toEqual({ date: day('2021-08-18'), precision: 'DAY' });
    expect(d.listingDateQualifier).toBe('ON_OR_BEFORE');
    expect(d.endDate).toEqual({ date: day('2023-07-11'), precision: 'DAY' });
    expect(d.endDateQualifier).toBe('ON_OR_BEFORE');
    expect(d.endDateAfter).toEqual({ date: day('2023-01-05'), precision: 'DAY' });
    expect(ctx.report).toEqual(emptyReport());
    // The keys the loader reads from the staged JSON.
    expect(Object.keys(JSON.parse(JSON.stringify(d)) as object)).toEqual(expect.arrayContaining(['listingDateQualifier', 'endDateQualifier', 'endDateAfter']));
    const noLower = sanctionToDesignation(sanction({ endDate: day('2023-07-11'), endDatePrecision: 'DAY', endDateQualifier: 'ON_OR_BEFORE' }) as FtmEntity, ctx)!;
    expect([noLower.endDateQualifier, noLower.endDateAfter, noLower.listingDateQualifier]).toEqual(['ON_OR_BEFORE', null, undefined]);
  });

  it('sets no qualifier for exact dates (the loader decides, as before)', () => {
    const d = sanctionToDesignation(sanction({ endDate: day('2023-07-11'), endDatePrecision: 'DAY' }) as FtmEntity, { report: emptyReport() })!;
    expect(d).not.toHaveProperty('listingDateQualifier');
    expect(d).not.toHaveProperty('endDateQualifier');
    expect(d).not.toHaveProperty('endDateAfter');
    expect(d.endDate).toEqual({ date: day('2023-07-11'), precision: 'DAY' });
  });

  it('reads only the exact sentences; other description text is counted as not modelled', () => {
    expect(parseBoundSentence('listed on or before 2021-08')).toEqual({ listedOnOrBefore: { date: day('2021-08-01'), precision: 'MONTH' } });
    for (const text of ['Listed on or before 2021-08-18', 'listed before 2021-08-18', 'listed on or before 2021-02-30', 'listed on or before 18 Aug 2021', 'lifted after 2023-07-11, on or before 2023-01-05', 'lifted after 2023-01, on or before 2023-07-11', 'lifted on or before 2023-07-11.', 'the entry was listed on or before 2021-08-18']) {
      expect(parseBoundSentence(text)).toBeNull();
    }
    const ctx = { report: emptyReport() };
    const d = sanctionToDesignation({ id: 's', schema: 'Sanction', properties: { entity: ['e'], description: ['A note on the designation.'], listingDate: ['2020-01-02'] } }, ctx)!;
    expect([d.listingDate?.precision, d.listingDateQualifier]).toEqual(['DAY', undefined]);
    expect(ctx.report.notModelled).toEqual({ 'Sanction.description': 1 });
  });

  it('keeps an exact date a file states next to a bound, and says so', () => {
    const ctx = { report: emptyReport() };
    const d = sanctionToDesignation({ id: 's', schema: 'Sanction', properties: { entity: ['e'], description: ['listed on or before 2021-08-18', 'lifted on or before 2023-07-11'], listingDate: ['2020-01-02'], endDate: ['2023-05-01'] } }, ctx)!;
    expect(d.listingDate).toEqual({ date: day('2020-01-02'), precision: 'DAY' });
    expect(d.endDate).toEqual({ date: day('2023-05-01'), precision: 'DAY' });
    expect(d).not.toHaveProperty('listingDateQualifier');
    expect(d).not.toHaveProperty('endDateQualifier');
    expect(Object.keys(ctx.report.warnings)).toEqual(['Sanction stating an exact date and a bound for it (the exact date kept)']);
  });
});
