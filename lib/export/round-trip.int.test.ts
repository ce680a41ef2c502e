// Export → import into an empty database reproduces the same entities, designations and
// relationships (FtM JSON lines is the exchange format) — dates known only within bounds included;
// the CSV export has a row per designation.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../db/generated/client';
import { connectDatabase } from '../db/imports';
import { systemActor } from '../db/audit';
import { runImport } from '../import/run';
import { freshImportDatabase, type FreshDb } from '../import/testing';
import { exportFtm } from './ftm';
import { CSV_COLUMNS, exportCsv } from './csv';

const actor = systemActor('test:round-trip');
const data = (f: string) => path.resolve('data', f);

const ENTITIES = `
  SELECT e.schema::text, e.name, array_to_string(ARRAY(SELECT unnest(e.countries) ORDER BY 1), '|') countries,
    array_to_string(ARRAY(SELECT unnest(e.addresses) ORDER BY 1), '|') addresses, e.birth_date::text, e.birth_date_precision::text, e.notes,
    (SELECT string_agg(a.kind || ':' || a.name, '|' ORDER BY a.kind, a.name) FROM entity_alias a WHERE a.entity_id = e.id) aliases,
    (SELECT string_agg(i.type || ':' || i.value || ':' || coalesce(i.country, ''), '|' ORDER BY i.type, i.value) FROM identifier i WHERE i.entity_id = e.id) identifiers
  FROM entity e ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9`;
const DESIGNATIONS = `
  SELECT d.authority_id, e.name, (SELECT string_agg(p.code, '|' ORDER BY p.code) FROM designation_program dp JOIN sanctions_program p ON p.id = dp.program_id WHERE dp.designation_id = d.id) programs,
    d.listing_date::text, d.listing_date_precision::text, d.listing_date_qualifier::text, d.start_date::text, d.end_date::text, d.end_date_qualifier::text, d.end_date_after::text,
    d.status::text, d.reason, array_to_string(d.measures, '|') measures, d.legal_act, d.authority_record_id, d.source_url
  FROM designation d JOIN entity e ON e.id = d.entity_id ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16`;
const RELATIONSHIPS = `
  SELECT r.type::text, s.name subject, o.name object, r.role, r.start_date::text, r.end_date::text, r.source_url
  FROM relationship r JOIN entity s ON s.id = r.subject_id JOIN entity o ON o.id = r.object_id ORDER BY 1, 2, 3, 4, 5, 6, 7`;

let a: FreshDb;
let b: FreshDb;
let dbA: PrismaClient;
let dbB: PrismaClient;
let dir: string;

beforeAll(async () => {
  a = await freshImportDatabase('st_rt_a');
  b = await freshImportDatabase('st_rt_b');
  dbA = connectDatabase(a.url);
  dbB = connectDatabase(b.url);
  dir = mkdtempSync(path.join(tmpdir(), 'round-trip-'));
  await runImport({ format: 'ftm', files: [data('opensanctions-ftm/zala_entities.ftm.json')], actor, db: dbA });
  // Files whose content and name state no edition date (an apply needs one): the EU annex as of its
  // latest listing (8.6.2026), the OFAC file of March 2025 as of that month's last day.
  await runImport({ format: 'eu-csv', files: [data('eu/32023R1529.csv')], actor, db: dbA, editionDate: '2026-06-08' });
  await runImport({ format: 'ofac-sdn-csv', files: [data('ofac-cons/cons_prim-2025-03.csv')], actor, db: dbA, editionDate: '2025-03-31' });
  await runImport({ format: 'un-xml', files: [data('un/consolidated-2018-08-27.xml')], actor, db: dbA });
  await createBoundedDates(dbA);
}, 600_000);

// Dates known only within bounds, as the OFAC history holds them: an entry already on the list
// when the history starts (listed on or before), and liftings found between two editions (after the
// last edition holding the entry, on or before the first without it), with and without a lower bound.
const BOUNDS_ENTITY = 'ROUND TRIP BOUNDS TRADING LLC';
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
async function createBoundedDates(db: PrismaClient) {
  const program = await db.sanctionsProgram.create({ data: { authorityId: 'US-OFAC', code: 'RT-BOUNDS', title: 'Round-trip bounds' } });
  const entity = await db.entity.create({ data: { schema: 'Company', name: BOUNDS_ENTITY, countries: ['ir'] } });
  const base = { entityId: entity.id, authorityId: 'US-OFAC', sourceUrl: 'https://example.org/sdn', origin: 'test-bounds', programs: { create: [{ programId: program.id }] } };
  await db.designation.create({ data: { ...base, originKey: 'listed', listingDate: day('2021-08-18'), listingDatePrecision: 'DAY', listingDateQualifier: 'ON_OR_BEFORE' } });
  await db.designation.create({
    data: { ...base, originKey: 'lifted', listingDate: day('2022-03-01'), listingDatePrecision: 'DAY', endDate: day('2023-07-11'), endDatePrecision: 'DAY', endDateQualifier: 'ON_OR_BEFORE', endDateAfter: day('2023-01-05'), status: 'DELISTED' },
  });
  await db.designation.create({
    data: { ...base, originKey: 'lifted-open', listingDate: day('2021-08-18'), listingDatePrecision: 'DAY', listingDateQualifier: 'ON_OR_BEFORE', endDate: day('2022-01-04'), endDatePrecision: 'DAY', endDateQualifier: 'ON_OR_BEFORE', status: 'DELISTED' },
  });
}
afterAll(async () => {
  await dbA?.$disconnect();
  await dbB?.$disconnect();
  await a?.drop();
  await b?.drop();
});

async function collect(gen: AsyncGenerator<string>): Promise<string> {
  let out = '';
  for await (const chunk of gen) out += chunk;
  return out;
}

describe('export → import round trip', () => {
  it('FtM JSON lines into an empty database: the same entities, designations and relationships', async () => {
    const file = path.join(dir, 'export.ftm.json');
    writeFileSync(file, await collect(exportFtm({}, dbA)));
    const r = await runImport({ format: 'ftm', files: [file], actor, db: dbB });
    expect(r.lifted).toBe(0);
    expect(r.report.warnings).not.toHaveProperty(['designations whose entity is neither in the file nor in the database (skipped)']);
    for (const sql of [ENTITIES, DESIGNATIONS, RELATIONSHIPS]) {
      const [left, right] = [await a.query(sql), await b.query(sql)];
      expect(left.length).toBeGreaterThan(0);
      expect(right).toEqual(left);
    }
    expect(await b.count('SELECT count(*) FROM designation')).toBe(41 + 49 + 443 + 1098 + 3);
    // The bounds survive: no exact date where only a bound is known, in the file or in B.
    const sanctions = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; schema: string; properties: Record<string, string[]> });
    const bounded = sanctions.filter((o) => o.id.startsWith('st-test-bounds-')).sort((x, y) => x.id.localeCompare(y.id));
    expect(bounded.map((o) => [o.id, o.properties.listingDate, o.properties.endDate, o.properties.description, o.properties.programId, o.properties.program])).toEqual([
      ['st-test-bounds-lifted', ['2022-03-01'], undefined, ['lifted after 2023-01-05, on or before 2023-07-11'], ['RT-BOUNDS'], ['US — Round-trip bounds (RT-BOUNDS)']],
      ['st-test-bounds-lifted-open', undefined, undefined, ['listed on or before 2021-08-18', 'lifted on or before 2022-01-04'], ['RT-BOUNDS'], ['US — Round-trip bounds (RT-BOUNDS)']],
      ['st-test-bounds-listed', undefined, undefined, ['listed on or before 2021-08-18'], ['RT-BOUNDS'], ['US — Round-trip bounds (RT-BOUNDS)']],
    ]);
    expect(sanctions.some((o) => o.schema === 'Sanction' && o.properties.description?.some((t) => !/^(listed|lifted) /.test(t)))).toBe(false);
    const BOUNDS = `SELECT d.origin_key, d.listing_date::text, d.listing_date_qualifier::text, d.end_date::text, d.end_date_qualifier::text, d.end_date_after::text
      FROM designation d JOIN entity e ON e.id = d.entity_id WHERE e.name = $1 ORDER BY 1`;
    expect(await b.query(BOUNDS, [BOUNDS_ENTITY])).toEqual([
      { origin_key: 'st-test-bounds-lifted', listing_date: '2022-03-01', listing_date_qualifier: 'EXACT', end_date: '2023-07-11', end_date_qualifier: 'ON_OR_BEFORE', end_date_after: '2023-01-05' },
      { origin_key: 'st-test-bounds-lifted-open', listing_date: '2021-08-18', listing_date_qualifier: 'ON_OR_BEFORE', end_date: '2022-01-04', end_date_qualifier: 'ON_OR_BEFORE', end_date_after: null },
      { origin_key: 'st-test-bounds-listed', listing_date: '2021-08-18', listing_date_qualifier: 'ON_OR_BEFORE', end_date: null, end_date_qualifier: 'EXACT', end_date_after: null },
    ]);
    // Importing the same export again changes nothing; exporting B gives the same file.
    expect(await runImport({ format: 'ftm', files: [file], actor, db: dbB })).toMatchObject({ created: 0, changed: 0, lifted: 0 });
    const again = (await collect(exportFtm({}, dbB))).split('\n').map((l) => (l ? (JSON.parse(l) as { id: string }).id : '')).sort();
    const first = readFileSync(file, 'utf8').split('\n').map((l) => (l ? (JSON.parse(l) as { id: string }).id : '')).sort();
    expect(again).toEqual(first);
  }, 600_000);

  it('CSV: a header and one row per designation, filtered by authority', async () => {
    const csv = await collect(exportCsv({ authorityId: 'EU' }, dbA));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    // Reasons may hold line breaks inside quotes: count records by their origin key column instead.
    expect(csv.match(/,eu-journal,32023R1529#/g)).toHaveLength(49);
  });
});
