// The constructed files of the formats built to published schemas (test/fixtures/constructed),
// through the loader: they create what they list, re-import changes nothing, a newer edition lifts
// what it drops, and each converges with the format the repository's real files use for the same
// list (OFAC SDN.CSV, the normalised UK CSVs): same entities, same designations, no duplicates.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../db/generated/client';
import { connectDatabase } from '../db/imports';
import { systemActor } from '../db/audit';
import { runImport } from './run';
import { freshImportDatabase, type FreshDb } from './testing';
import type { ImportFormat } from './types';

const FIX = path.resolve('test/fixtures/constructed');
const actor = systemActor('test:import');
let fresh: FreshDb;
let db: PrismaClient;
let tmp: string;

beforeAll(async () => {
  fresh = await freshImportDatabase('st_lists');
  db = connectDatabase(fresh.url);
  tmp = mkdtempSync(path.join(tmpdir(), 'lists-'));
}, 300_000);
afterAll(async () => {
  await db?.$disconnect();
  await fresh?.drop();
});

const run = (format: ImportFormat, files: string[], extra: { allowMassLift?: boolean } = {}) => runImport({ format, files: files.map((f) => (path.isAbsolute(f) ? f : path.join(FIX, f))), actor, db, ...extra });
const counts = (r: { created: number; changed: number; lifted: number; unchanged: number }) => [r.created, r.changed, r.lifted, r.unchanged];
const iso = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;

/** The lines of a real data file whose first field is one of `ids` (plus its header when it has one). */
function subset(file: string, ids: string[], header: boolean, name: string): string {
  const lines = readFileSync(path.resolve('data', file), 'utf8').split(/\r?\n/);
  const keep = lines.filter((l, i) => (header && i === 0) || ids.some((id) => l.startsWith(`${id},`)));
  const out = path.join(tmp, name);
  writeFileSync(out, `${keep.join('\n')}\n`);
  return out;
}

describe('OFAC advanced XML', () => {
  it('converges with SDN.CSV on the same entries, and brings their entry dates', async () => {
    const csv = subset('ofac-sdn/editions/sdn-2024-05-03.csv', ['39637', '33674', '4238'], false, 'sdn-2024-05-03.csv');
    expect(counts(await run('ofac-sdn-csv', [csv]))).toEqual([3, 0, 0, 0]);
    const entities = await fresh.count('SELECT count(*) FROM entity');
    const fromXml = await run('ofac-sdn-xml', ['sdn-advanced.xml']);
    expect(fromXml.created).toBe(0);
    expect(fromXml.lifted).toBe(0);
    expect(await fresh.count('SELECT count(*) FROM entity')).toBe(entities);
    expect(await fresh.count(`SELECT count(*) FROM designation WHERE origin = 'ofac-sdn'`)).toBe(3);
    const rows = await db.designation.findMany({ where: { origin: 'ofac-sdn' }, orderBy: { originKey: 'asc' } });
    expect(rows.map((d) => [d.originKey, iso(d.listingDate)])).toEqual([
      ['33674', '2022-12-09'],
      ['39637', '2022-11-15'],
      // No entry date in the XML: the date it was first seen (the CSV edition's) stays.
      ['4238', '2024-05-03'],
    ]);
    expect(counts(await run('ofac-sdn-xml', ['sdn-advanced.xml']))).toEqual([0, 0, 0, 3]);
  }, 120_000);
});

describe('EU FSF XML', () => {
  it('creates its listings, changes nothing the second time, and lifts a listing a newer file drops', async () => {
    expect(counts(await run('eu-xml', ['eu-fsf.xml']))).toEqual([2, 0, 0, 0]);
    expect(counts(await run('eu-xml', ['eu-fsf.xml']))).toEqual([0, 0, 0, 2]);
    const newer = path.join(tmp, 'eu-fsf-newer.xml');
    writeFileSync(newer, readFileSync(path.join(FIX, 'eu-fsf.xml'), 'utf8').replace(/<sanctionEntity[^>]*logicalId="900102"[^]*?<\/sanctionEntity>/, ''));
    expect(counts(await run('eu-xml', [newer], { allowMassLift: true }))).toEqual([0, 0, 1, 1]);
    const lifted = await db.designation.findUniqueOrThrow({ where: { origin_originKey: { origin: 'eu-fsf', originKey: '900102' } } });
    expect(lifted.status).toBe('DELISTED');
    expect(lifted.endDate).not.toBeNull();
  }, 120_000);
});

describe('UK Sanctions List, government CSV and XML', () => {
  it('converges with the normalised subjects/names CSVs on the Unique ID', async () => {
    const subjects = subset('uk/subjects.csv', ['RUS1652', 'RUS1655'], true, 'subjects.csv');
    const lines = readFileSync(path.resolve('data/uk/subject_names.csv'), 'utf8').split(/\r?\n/);
    const names = path.join(tmp, 'subject_names.csv');
    writeFileSync(names, `${lines.filter((l, i) => i === 0 || /^\d+,RUS165[25],/.test(l)).join('\n')}\n`);
    expect(counts(await run('uk-csv', [subjects, names]))).toEqual([2, 0, 0, 0]);
    const entities = await fresh.count('SELECT count(*) FROM entity');
    const gov = await run('uk-csv', ['uk-sanctions-list.csv']);
    expect([gov.created, gov.lifted]).toEqual([0, 0]);
    expect(await fresh.count('SELECT count(*) FROM entity')).toBe(entities);
    expect(await fresh.count(`SELECT count(*) FROM designation WHERE origin = 'uk-list'`)).toBe(2);
    // The government file says more (sanctions imposed): the designations take it.
    const bagheri = await db.designation.findUniqueOrThrow({ where: { origin_originKey: { origin: 'uk-list', originKey: 'RUS1652' } } });
    expect([iso(bagheri.listingDate), bagheri.measures]).toEqual(['2022-10-20', ['Asset freeze', 'Travel Ban']]);
    // The XML of the same list says the same.
    expect(counts(await run('uk-xml', ['uk-sanctions-list.xml']))).toEqual([0, 0, 0, 2]);
  }, 120_000);
});
