// Every real file in data/ imports with the counts the file itself states; a re-import changes
// nothing; the seven OFAC editions in order reproduce the lifted entries and first-seen dates.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../db/generated/client';
import { connectDatabase } from '../db/imports';
import { systemActor } from '../db/audit';
import { runImport } from './run';
import { seedPrograms } from '../../prisma/seed/programs';
import { freshImportDatabase, type FreshDb } from './testing';
import type { ImportFormat } from './types';

const DATA = path.resolve('data');
const actor = systemActor('test:import');
const csvRows = (file: string, columns = true) => parse(readFileSync(file), { columns, bom: true, skip_empty_lines: true, relax_column_count: true }) as unknown as Array<Record<string, string>>;
const ofacIds = (file: string) => new Set((parse(readFileSync(file), { relax_column_count: true, skip_empty_lines: true }) as string[][]).filter((r) => r.length === 12).map((r) => r[0]!));

let fresh: FreshDb;
let db: PrismaClient;
const importFiles = (format: ImportFormat, files: string[], extra: { dryRun?: boolean; editionDate?: string; allowOlder?: boolean } = {}) => runImport({ format, files: files.map((f) => path.join(DATA, f)), actor, db, ...extra });

beforeAll(async () => {
  fresh = await freshImportDatabase();
  db = connectDatabase(fresh.url);
});
afterAll(async () => {
  await db?.$disconnect();
  await fresh?.drop();
});

describe('real lists import with the counts the files state', () => {
  it('EU annex CSVs: one designation per row, scoped per act', async () => {
    const files = ['eu/32023R1529.csv', 'eu/32014R0269.csv', 'eu/32012R0267.csv'];
    const rows = files.map((f) => csvRows(path.join(DATA, f)).length);
    expect(rows).toEqual([49, 2802, 339]); // data/eu/README.md
    // The format states no edition date: an apply without one is refused and writes nothing.
    await expect(importFiles('eu-csv', files)).rejects.toThrow(/state no edition date.*--date YYYY-MM-DD/);
    expect(await fresh.count(`SELECT count(*) n FROM designation`)).toBe(0);
    const first = await importFiles('eu-csv', files, { editionDate: '2026-07-30' });
    expect(first).toMatchObject({ created: 2802 + 49 + 339, changed: 0, lifted: 0, unchanged: 0 });
    const n = await fresh.count(`SELECT count(*) n FROM designation WHERE origin = 'eu-journal' AND authority_id = 'EU'`);
    expect(n).toBe(3190);
    // A listing date the annex gives in words (18 April 2012) and one left empty.
    const [dates] = await fresh.query<{ missing: string; earliest: string }>(`SELECT count(*) FILTER (WHERE listing_date IS NULL) missing, min(listing_date)::text earliest FROM designation WHERE origin = 'eu-journal'`);
    expect(Number(dates!.missing)).toBe(1);
    const again = await importFiles('eu-csv', ['eu/32023R1529.csv'], { editionDate: '2026-07-30' });
    // One registry row per act (its lift scope).
    expect((await fresh.query<{ scope: string }>(`SELECT DISTINCT scope FROM list_edition ORDER BY 1`)).map((r) => r.scope)).toEqual(['eu-journal:32012R0267', 'eu-journal:32014R0269', 'eu-journal:32023R1529']);
    expect(again).toMatchObject({ created: 0, changed: 0, lifted: 0, unchanged: 49 });
  }, 300_000);

  it('UK list: 6,046 subjects with their names and date designated', async () => {
    const subjects = csvRows(path.join(DATA, 'uk/subjects.csv'));
    expect(subjects).toHaveLength(6046);
    const r = await importFiles('uk-csv', ['uk/subjects.csv', 'uk/subject_names.csv']);
    expect(r).toMatchObject({ created: 6046, changed: 0, lifted: 0, unchanged: 0 });
    const [row] = await fresh.query<{ name: string; listing: string; program: string }>(
      `SELECT e.name, d.listing_date::text listing, p.code program FROM designation d JOIN entity e ON e.id = d.entity_id JOIN designation_program dp ON dp.designation_id = d.id JOIN sanctions_program p ON p.id = dp.program_id WHERE d.origin = 'uk-list' AND d.origin_key = 'RUS1655'`,
    );
    expect(row).toEqual({ name: expect.stringMatching(/shahed/i), listing: '2022-10-20', program: 'RUS' });
    expect(await importFiles('uk-csv', ['uk/subjects.csv', 'uk/subject_names.csv'])).toMatchObject({ created: 0, changed: 0, lifted: 0, unchanged: 6046 });
  }, 300_000);

  it('UN consolidated XML: 701 individuals and 397 entities with LISTED_ON', async () => {
    const xml = readFileSync(path.join(DATA, 'un/consolidated-2018-08-27.xml'), 'utf8');
    const individuals = xml.match(/<INDIVIDUAL>/g)!.length;
    const entities = xml.match(/<ENTITY>/g)!.length;
    expect([individuals, entities]).toEqual([701, 397]);
    const r = await importFiles('un-xml', ['un/consolidated-2018-08-27.xml']);
    expect(r).toMatchObject({ created: individuals + entities, changed: 0, lifted: 0 });
    // The UN's own records (a UN entity merged with the EU's or the UK's keeps its record's schema).
    const rows = await fresh.query<{ schema: string; n: string }>(`SELECT x.schema::text, count(*) n FROM designation d JOIN external_id x ON x.id = d.source_record_id WHERE d.origin = 'un-sc' AND d.listing_date IS NOT NULL GROUP BY 1 ORDER BY 1`);
    expect(rows.map((x) => [x.schema, Number(x.n)])).toEqual([['Organization', 397], ['Person', 701]]);
    expect(await importFiles('un-xml', ['un/consolidated-2018-08-27.xml'])).toMatchObject({ created: 0, changed: 0, lifted: 0, unchanged: 1098 });
  }, 300_000);

  it('FtM: every modelled entity, sanction and relationship; the rest reported with counts', async () => {
    const lines = readFileSync(path.join(DATA, 'opensanctions-ftm/zala_entities.ftm.json'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { schema: string });
    const by = (s: string) => lines.filter((l) => l.schema === s).length;
    expect(by('Sanction')).toBe(41);
    const r = await importFiles('ftm', ['opensanctions-ftm/zala_entities.ftm.json']);
    const entities = by('Company') + by('Person');
    const relationships = by('Ownership') + by('Directorship') + by('Family');
    expect(r).toMatchObject({ created: entities + 41 + relationships, changed: 0, lifted: 0 });
    const [c] = await fresh.query<{ d: string; r: string; authorities: string }>(
      `SELECT (SELECT count(*) FROM designation WHERE origin = 'opensanctions') d, (SELECT count(*) FROM relationship WHERE origin = 'opensanctions') r, (SELECT count(DISTINCT authority_id) FROM designation WHERE origin = 'opensanctions') authorities`,
    );
    expect([Number(c!.d), Number(c!.r)]).toEqual([41, relationships]);
    expect(Number(c!.authorities)).toBeGreaterThanOrEqual(12);
    // Addresses are folded into their holders, never lost.
    const [addr] = await fresh.query<{ n: string }>(`SELECT count(*) n FROM entity e JOIN external_id x ON x.entity_id = e.id WHERE x.source = 'opensanctions' AND cardinality(e.addresses) > 0`);
    expect(Number(addr!.n)).toBeGreaterThan(0);

    const peps = await importFiles('ftm', ['opensanctions-ftm/sa_wiki_peps_v2-2024-03-22.ftm.json']);
    expect(peps.report.notModelled).toMatchObject({ 'FtM schema Position': 100, 'FtM schema Occupancy': 102 });
    expect(peps.created).toBe(1565 - 100 - 102);
    expect(await importFiles('ftm', ['opensanctions-ftm/zala_entities.ftm.json'])).toMatchObject({ created: 0, changed: 0, unchanged: entities + 41 + relationships });
  }, 300_000);

  it('OFAC consolidated (non-SDN) list: its own origin', async () => {
    const ids = ofacIds(path.join(DATA, 'ofac-cons/cons_prim-2025-03.csv'));
    expect(ids.size).toBe(443);
    // The file name holds only the month (data/ofac-cons/README.md: 2025-03): its first day is stated.
    const r = await importFiles('ofac-sdn-csv', ['ofac-cons/cons_prim-2025-03.csv'], { editionDate: '2025-03-01' });
    expect(r).toMatchObject({ created: 443, changed: 0, lifted: 0 });
    const n = await fresh.count(`SELECT count(*) n FROM designation WHERE origin = 'ofac-cons'`);
    expect(n).toBe(443);
  }, 300_000);

  it('the run log and the audit trail record each applied run with its counts', async () => {
    const runs = await fresh.query<{ status: string; format: string; created: number; file_sha256: string }>(`SELECT status::text, format, created, file_sha256 FROM import_run ORDER BY started_at`);
    expect(runs.length).toBeGreaterThanOrEqual(10);
    const applied = runs.filter((x) => x.status === 'APPLIED');
    expect(applied.every((x) => /^[0-9a-f]{64}/.test(x.file_sha256))).toBe(true);
    // The one failure so far is the undated EU apply, logged with its reason.
    expect(runs.filter((x) => x.status !== 'APPLIED').map((x) => x.format)).toEqual(['eu-csv']);
    const n = await fresh.count(`SELECT count(*) n FROM audit_event WHERE action = 'import.apply'`);
    expect(n).toBe(applied.length);
  });
});

describe('OFAC SDN editions in order', () => {
  const editions = readdirSync(path.join(DATA, 'ofac-sdn/editions')).filter((f) => /^sdn-\d{4}-\d{2}-\d{2}\.csv$/.test(f)).sort();
  const ids = new Map(editions.map((f) => [f.slice(4, 14), ofacIds(path.join(DATA, 'ofac-sdn/editions', f))]));

  it('reproduce new, lifted and first-seen at the editions’ granularity; re-import changes nothing', async () => {
    expect(editions).toHaveLength(7);
    await seedPrograms(db);
    const dates = [...ids.keys()];
    // The edition counts of editions.txt (the scraper's own count of each edition).
    const stated = new Map(readFileSync(path.join(DATA, 'ofac-sdn/editions.txt'), 'utf8').split('\n').filter((l) => /^\d{4}-\d{2}-\d{2} [0-9a-f]+ \d+$/.test(l)).map((l) => [l.slice(0, 10), Number(l.split(' ')[2])]));
    let prev: Set<string> | null = null;
    for (const date of dates) {
      const cur = ids.get(date)!;
      expect(cur.size).toBe(stated.get(date));
      const r = await importFiles('ofac-sdn-csv', [`ofac-sdn/editions/sdn-${date}.csv`]);
      const added = prev ? [...cur].filter((x) => !prev!.has(x)).length : cur.size;
      const gone = prev ? [...prev].filter((x) => !cur.has(x)).length : 0;
      expect({ date, created: r.created, lifted: r.lifted, total: r.created + r.changed + r.unchanged }).toEqual({ date, created: added, lifted: gone, total: cur.size });
      if (prev) expect(r.changed).toBeGreaterThan(0); // names, remarks and programs amended between editions
      prev = cur;
    }
    expect(await importFiles('ofac-sdn-csv', [`ofac-sdn/editions/sdn-${dates.at(-1)}.csv`])).toMatchObject({ created: 0, changed: 0, lifted: 0, unchanged: prev!.size });

    // First-seen (sdn-first-seen.csv, from all 308 editions) at the granularity of these seven.
    const firstSeen = csvRows(path.join(DATA, 'ofac-sdn/sdn-first-seen.csv'));
    const byKey = new Map((await fresh.query<{ k: string; listing: string; qualifier: string; end_date: string | null; end_after: string | null; end_qualifier: string }>(`SELECT origin_key k, listing_date::text listing, listing_date_qualifier::text qualifier, end_date::text end_date, end_date_after::text end_after, end_date_qualifier::text end_qualifier FROM designation WHERE origin = 'ofac-sdn' AND origin_key NOT LIKE '%@%'`)).map((r) => [r.k, r]));
    let checked = 0;
    for (const e of firstSeen) {
      const i = dates.findIndex((d) => ids.get(d)!.has(e.ent_num!));
      if (i === -1) continue; // listed and lifted between two of our editions
      const row = byKey.get(e.ent_num!)!;
      expect(row.listing).toBe(dates[i]);
      expect(e.first_seen! <= dates[i]! && (i === 0 || e.first_seen! > dates[i - 1]!)).toBe(true);
      expect(row.qualifier).toBe(i === 0 ? 'ON_OR_BEFORE' : 'EXACT');
      // Lifted: gone from a later edition → ended on that edition's date; still listed → open.
      const lastWith = dates.findLastIndex((d) => ids.get(d)!.has(e.ent_num!));
      expect(row.end_date).toBe(lastWith === dates.length - 1 ? null : dates[lastWith + 1]);
      // …a bound: after the last edition that held it, on or before the first without it.
      if (row.end_date) expect([row.end_qualifier, row.end_after]).toEqual(['ON_OR_BEFORE', dates[lastWith]]);
      if (e.still_listed === 'no') expect(row.end_date).not.toBeNull();
      checked++;
    }
    expect(checked).toBe(new Set([...ids.values()].flatMap((s) => [...s])).size);

    // A program rename (data/programs/successions.csv, loaded before the first edition) is not a
    // designation: ILLICIT-DRUGS-EO → ILLICIT-DRUGS-EO14059 (2022-09-22) falls between the editions
    // of 2022-07-06 and 2023-01-05; the 43 of its 44 entries already in the 2022-07-06 edition keep
    // their designation under the new code (the 44th is new in 2023-01-05, listed under it).
    const [renamed] = await fresh.query<{ holders: number; new_designations: number; events: number }>(
      `SELECT
         (SELECT count(DISTINCT d.id)::int FROM designation d JOIN designation_program dp ON dp.designation_id = d.id JOIN sanctions_program p ON p.id = dp.program_id
            JOIN designation_program old ON old.designation_id = d.id JOIN sanctions_program op ON op.id = old.program_id
          WHERE d.origin = 'ofac-sdn' AND p.code = 'ILLICIT-DRUGS-EO14059' AND op.code = 'ILLICIT-DRUGS-EO' AND old.removed_on = '2023-01-05') AS holders,
         (SELECT count(*)::int FROM designation d WHERE d.origin = 'ofac-sdn' AND d.origin_key LIKE '%@2023-01-05'
            AND NOT EXISTS (SELECT 1 FROM designation_program dp JOIN sanctions_program p ON p.id = dp.program_id WHERE dp.designation_id = d.id AND p.code <> 'ILLICIT-DRUGS-EO14059')) AS new_designations,
         (SELECT count(*)::int FROM designation_event WHERE note LIKE 'program ILLICIT-DRUGS-EO renamed ILLICIT-DRUGS-EO14059%') AS events`,
    );
    expect(renamed).toEqual({ holders: 43, new_designations: 0, events: 43 });

    // A program added to a listed entry is a new designation on that edition's date. (By OFAC's own
    // record: the entity, one across the lists, may carry an older list's name.)
    const [qods] = await fresh.query<{ keys: string[] }>(
      `SELECT array_agg(d.origin_key || ':' || p.code ORDER BY d.origin_key, p.code) keys FROM designation d JOIN designation_program dp ON dp.designation_id = d.id JOIN sanctions_program p ON p.id = dp.program_id JOIN external_id x ON x.id = d.source_record_id WHERE d.origin = 'ofac-sdn' AND x.name = 'QODS AVIATION INDUSTRIES'`,
    );
    expect(qods!.keys.some((k) => /@2023-01-05:RUSSIA-EO14024$/.test(k))).toBe(true);
  }, 900_000);

  it('refuses a truncated or empty edition instead of lifting most of the list', async () => {
    const before = await fresh.counts();
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const dir = mkdtempSync(path.join((await import('node:os')).tmpdir(), 'sdn-'));
    const full = readFileSync(path.join(DATA, 'ofac-sdn/editions/sdn-2024-05-03.csv'), 'latin1').split('\n');
    const truncated = path.join(dir, 'sdn-2024-05-04.csv');
    writeFileSync(truncated, `${full.slice(0, 2000).join('\n')}\n`, 'latin1');
    await expect(runImport({ format: 'ofac-sdn-csv', files: [truncated], actor, db })).rejects.toThrow(/refusing to lift 1[0-9]{4} of 14965 entries/);
    const empty = path.join(dir, 'sdn-2024-05-05.csv');
    writeFileSync(empty, '');
    await expect(runImport({ format: 'ofac-sdn-csv', files: [empty], actor, db })).rejects.toThrow(/the file is empty/);
    expect(await fresh.counts()).toEqual(before);
    const failed = await fresh.query<{ error: string }>(`SELECT error FROM import_run WHERE status = 'FAILED' ORDER BY started_at`);
    expect(failed.map((f) => f.error)).toEqual([expect.stringMatching(/edition date/), expect.stringMatching(/refusing to lift/), expect.stringMatching(/empty/)]);
  }, 300_000);

  it('refuses an older edition after a newer one, in a dry run and an apply, and changes nothing', async () => {
    const before = await fresh.counts();
    // Going back to 2022: the 2024 entries would be "lifted" before they were listed, lifted ones listed again.
    for (const dryRun of [true, false]) {
      await expect(importFiles('ofac-sdn-csv', ['ofac-sdn/editions/sdn-2022-01-05.csv'], { dryRun })).rejects.toThrow(
        /edition of 2022-01-05, older than what the database holds for ofac-sdn \(edition of 2024-05-03\).*Nothing was written.*--allow-older/,
      );
    }
    expect(await fresh.counts()).toEqual(before);
    // Rebuilding history on purpose (--allow-older): an entry listed after the old edition is not
    // "missing" from it, and one lifted since is not listed again by it. A dry run: nothing written.
    const r = await importFiles('ofac-sdn-csv', ['ofac-sdn/editions/sdn-2024-01-11.csv'], { dryRun: true, allowOlder: true });
    expect(r).toMatchObject({ dryRun: true, runId: null, created: 0, lifted: 0 });
    expect(Object.keys(r.report.warnings).some((k) => k.startsWith('applied with --allow-older'))).toBe(true);
    expect(await fresh.counts()).toEqual(before);
  }, 300_000);
});
