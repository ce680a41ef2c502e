// The import's text policy on whole records (lib/import/sanitize.ts): which fields it reaches, the
// warnings it counts, where it keeps the originals. The database side (dry run, apply, the run's
// report, a 5 MB name) is in malformed.int.test.ts.
import { describe, expect, it } from 'vitest';
import { ORIGINAL_NOT_KEPT, sanitizeRecord, sanitizeRecords } from './sanitize';
import { emptyReport, type DesignationRecord, type EntityRecord, type SourceRecord } from './types';

const RLO = '\u202E';
const ref = { source: 'test', externalId: 'e1' };

const entity = (over: Partial<EntityRecord> = {}): EntityRecord => ({
  ...ref,
  schema: 'Person',
  name: 'Clean Name',
  aliases: [],
  countries: [],
  addresses: [],
  birthDate: null,
  identifiers: [],
  notes: null,
  extra: null,
  ...over,
});
const designation = (over: Partial<DesignationRecord> = {}): DesignationRecord => ({
  origin: 'test',
  originKey: 'd1',
  entity: ref,
  authorityId: 'UN',
  programs: ['P1'],
  listingDate: null,
  startDate: null,
  endDate: null,
  reason: null,
  measures: [],
  legalAct: null,
  authorityRecordId: null,
  sourceUrl: 'https://example.org',
  ...over,
});
const record = (over: Partial<SourceRecord> = {}): SourceRecord => ({ key: 'k', at: 'line 1', entity: entity(), designations: [], relationships: [], ...over });

describe('sanitizeRecord', () => {
  it('cleans every text field of an entity and keeps each original under extra.original, by path', () => {
    const report = emptyReport();
    const out = sanitizeRecord(
      record({
        entity: entity({
          name: `Name${RLO}`,
          aliases: [{ name: 'Fine', kind: 'ALIAS' }, { name: `Bad\u0000`, kind: 'WEAK_ALIAS' }, { name: RLO, kind: 'ALIAS' }],
          countries: [`ir${RLO}`],
          addresses: ['Street 1\u0007'],
          identifiers: [{ type: 'Passport', value: `X1\u0085`, country: null }],
          notes: `two\nlines${RLO}`,
          extra: { remark: `a\u0000b`, nested: [{ 'k\u0000ey': 'v' }] },
        }),
      }),
      report,
    );
    const e = out.entity!;
    expect(e).toMatchObject({ name: 'Name', countries: ['ir'], addresses: ['Street 1'], identifiers: [{ type: 'Passport', value: 'X1', country: null }], notes: 'two\nlines' });
    // An alias left empty is dropped; the others keep their kind.
    expect(e.aliases).toEqual([{ name: 'Fine', kind: 'ALIAS' }, { name: 'Bad', kind: 'WEAK_ALIAS' }]);
    expect(e.extra).toMatchObject({ remark: 'ab', nested: [{ key: 'v' }] });
    const original = e.extra!.original as Record<string, { value?: string; base64?: string }>;
    expect(Object.keys(original).sort()).toEqual(['aliases.1.name', 'aliases.2.name', 'addresses.0', 'countries.0', 'extra.remark', 'identifiers.0.value', 'name', 'notes'].sort());
    expect(original.name?.value).toBe(`Name${RLO}`);
    expect(Buffer.from(original['aliases.1.name']!.base64!, 'base64').toString()).toBe('Bad\u0000');
    expect(report.warnings).toEqual({
      'name: right-to-left/bidi controls removed': 1,
      'alias: control characters removed': 1,
      'alias: right-to-left/bidi controls removed': 1,
      'country: right-to-left/bidi controls removed': 1,
      'address: control characters removed': 1,
      'identifier: control characters removed': 1,
      'notes: right-to-left/bidi controls removed': 1,
      'extra: control characters removed': 2,
    });
  });

  it('flags markup and formulas in modelled fields, not in the verbatim extra', () => {
    const report = emptyReport();
    const out = sanitizeRecord(record({ entity: entity({ name: '<b>x</b>', aliases: [{ name: '@handle', kind: 'ALIAS' }], extra: { html: '<p>source text</p>', f: '=1+1' } }) }), report);
    expect(out.entity).toMatchObject({ name: '<b>x</b>', extra: { html: '<p>source text</p>', f: '=1+1' } });
    expect(out.entity!.extra).not.toHaveProperty('original');
    expect(report.warnings).toEqual({ 'name: markup kept as text': 1, 'alias: spreadsheet formula prefix kept as text': 1 });
  });

  it('cleans designations (a cleaned program code keeps its facts); their originals go to the entity of the record', () => {
    const report = emptyReport();
    const out = sanitizeRecord(
      record({
        designations: [
          designation({
            programs: [`SDGT${RLO}`, 'SDGT'],
            programInfo: { [`SDGT${RLO}`]: { legalBasis: `EO 13224${RLO}`, url: 'https://x.org' } },
            reason: `why${RLO}`,
            measures: ['asset freeze\u0000'],
            legalAct: `act${RLO}`,
            authority: { name: `Authority${RLO}`, country: null },
          }),
        ],
      }),
      report,
    );
    expect(out.designations[0]).toMatchObject({
      programs: ['SDGT'],
      programInfo: { SDGT: { legalBasis: 'EO 13224', url: 'https://x.org' } },
      reason: 'why',
      measures: ['asset freeze'],
      legalAct: 'act',
      authority: { name: 'Authority' },
    });
    expect(Object.keys(out.entity!.extra!.original as object).sort()).toEqual(
      ['designations.0.authority.name', 'designations.0.legalAct', 'designations.0.measures.0', 'designations.0.programInfo.SDGT.legalBasis', 'designations.0.programs.0', 'designations.0.reason'].sort(),
    );
    expect(report.warnings['reason: right-to-left/bidi controls removed']).toBe(1);
    expect(report.warnings['program: right-to-left/bidi controls removed']).toBe(1);
  });

  it('counts the originals a record without its entity cannot keep (an FtM Sanction)', () => {
    const report = emptyReport();
    const out = sanitizeRecord(record({ entity: null, designations: [designation({ reason: `why${RLO}` })] }), report);
    expect(out.designations[0]?.reason).toBe('why');
    expect(report.warnings).toEqual({ 'reason: right-to-left/bidi controls removed': 1, [ORIGINAL_NOT_KEPT]: 1 });
  });

  it('keeps a relationship role original in the relationship extra', () => {
    const report = emptyReport();
    const rel = { origin: 'test', originKey: 'r1', type: 'OWNERSHIP' as const, subject: ref, object: { ...ref, externalId: 'e2' }, role: `owner${RLO}`, startDate: null, endDate: null, sourceUrl: '', extra: { datasets: ['x'] } };
    const out = sanitizeRecord(record({ entity: null, relationships: [rel] }), report);
    expect(out.relationships[0]).toMatchObject({ role: 'owner', extra: { datasets: ['x'], original: { role: { value: `owner${RLO}` } } } });
    expect(report.warnings).toEqual({ 'role: right-to-left/bidi controls removed': 1 });
  });

  it('re-imported originals (an export of ours) are kept as they are, and added to', () => {
    const report = emptyReport();
    const kept = { name: { value: `Old${RLO}`, length: 4, sha256: 'x' } };
    const out = sanitizeRecord(record({ entity: entity({ name: 'Old', notes: `n${RLO}`, extra: { original: kept } }) }), report);
    expect(out.entity!.extra!.original).toMatchObject({ name: kept.name, notes: { value: `n${RLO}` } });
    expect(report.warnings).toEqual({ 'notes: right-to-left/bidi controls removed': 1 });
  });

  it('leaves a clean record as it was, with no warning', async () => {
    const report = emptyReport();
    const clean = record({ entity: entity({ name: 'حسین شریعت\u200Cمداری', extra: { a: 1 } }), designations: [designation({ reason: 'Listed.' })] });
    const out: SourceRecord[] = [];
    for await (const r of sanitizeRecords((async function* () { yield clean; })(), report)) out.push(r);
    expect(out).toEqual([clean]);
    expect(report.warnings).toEqual({});
  });

  it('refuses a record whose key holds a control character, naming it (keys are never cleaned)', () => {
    expect(() => sanitizeRecord(record({ entity: entity({ externalId: 'e\u00001' }) }), emptyReport())).toThrow(/entity id holds invisible control characters.*nothing was written/);
    expect(() => sanitizeRecord(record({ designations: [designation({ originKey: `d${RLO}1` })] }), emptyReport())).toThrow(/designation key/);
    expect(() => sanitizeRecord(record({ designations: [designation({ sourceUrl: 'https://example.org/\u0000' })] }), emptyReport())).toThrow(/source URL/);
  });
});
