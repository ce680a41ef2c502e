// The parsers of the formats no real file here exists for (OFAC advanced XML, EU FSF XML, the UK
// government's CSV and XML), on the small files test/fixtures/constructed holds: real entries of
// data/ written in each published layout (README there). Parsing only; the loader is tested in
// list-formats.int.test.ts.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFiles } from './run';
import { emptyReport, type ImportFormat, type SourceRecord } from './types';
import { parseUkDob } from './uk-gov';

const FIX = path.resolve('test/fixtures/constructed');
const iso = (d: { date: Date } | null | undefined) => d?.date.toISOString().slice(0, 10) ?? null;

async function parse(format: ImportFormat, files: string[]) {
  const report = emptyReport();
  const parsed = parseFiles(format, files.map((f) => (path.isAbsolute(f) ? f : path.join(FIX, f))), { report });
  const records: SourceRecord[] = [];
  for await (const r of parsed.records) records.push(r);
  return { records, report, scope: parsed.liftScope() };
}

describe('OFAC advanced XML (SDN_ADVANCED.XML layout)', () => {
  it('reads parties through the reference tables, with the entry dates SDN.CSV lacks', async () => {
    const { records, report, scope } = await parse('ofac-sdn-xml', ['sdn-advanced.xml']);
    expect(records.map((r) => [r.key, r.entity?.schema, r.entity?.name, r.designations[0]?.programs.join('+'), iso(r.designations[0]?.listingDate)])).toEqual([
      ['39637', 'Organization', 'SHAHED AVIATION INDUSTRIES RESEARCH CENTER', 'NPWMD+IRGC+IFSR', '2022-11-15'],
      ['33674', 'Person', 'ZHUO, Xinrong', 'GLOMAG', '2022-12-09'],
      ['4238', 'Vessel', 'MAR AZUL', 'CUBA', null],
    ]);
    const [sairc, zhuo, vessel] = records;
    expect(sairc?.entity?.aliases).toEqual([{ name: 'SAIRC', kind: 'ALIAS' }, { name: 'SAIC', kind: 'ALIAS' }]);
    expect(zhuo?.entity).toMatchObject({
      aliases: [{ name: 'ZHUO, Longxiong', kind: 'ALIAS' }],
      countries: ['Hong Kong'],
      addresses: ['Flat B, 27th Floor, Ko On Mansion, Taikoo Shing, Hong Kong, China'],
      identifiers: [{ type: 'Passport', value: 'D00579743', country: 'Hong Kong' }, { type: 'National ID No.', value: 'R4016407', country: 'Hong Kong' }],
      extra: { Gender: ['Male'] },
    });
    expect(iso(zhuo?.entity?.birthDate)).toBe('1964-11-10');
    // No entry date: listed on the edition's date, as with SDN.CSV.
    expect(vessel?.designations[0]?.listingFromEdition).toBe(true);
    expect(vessel?.entity?.countries).toEqual(['Cuba']);
    // The same keys as SDN.CSV: ent_num under ofac-sdn.
    expect(records.every((r) => r.entity?.source === 'ofac-sdn' && r.designations[0]?.origin === 'ofac-sdn' && r.designations[0]?.originKey === r.key)).toBe(true);
    expect(scope).toEqual({ origin: 'ofac-sdn', keyPrefixes: null });
    expect(report.notModelled).toEqual({ 'OFAC XML ProfileRelationship (links between parties)': 1 });
  });

  it('names the entry whose profile is missing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ofacxml-'));
    const file = path.join(dir, 'orphan.xml');
    writeFileSync(file, readFileSync(path.join(FIX, 'sdn-advanced.xml'), 'utf8').replace('ID="33674" ProfileID="33674"', 'ID="33674" ProfileID="99999"'));
    await expect(parse('ofac-sdn-xml', [file])).rejects.toThrow(/orphan\.xml \(SanctionsEntry 2, line \d+\): SanctionsEntry 33674 names profile 99999, which no DistinctParty defines/);
  });
});

describe('EU Financial Sanctions Files XML', () => {
  it('reads listings, names, birth dates and the date the listing act took effect', async () => {
    const { records, scope } = await parse('eu-xml', ['eu-fsf.xml']);
    expect(records.map((r) => [r.key, r.entity?.schema, r.entity?.name, r.designations[0]?.programs.join('+'), iso(r.designations[0]?.listingDate), r.designations[0]?.authorityRecordId])).toEqual([
      ['900101', 'Organization', 'Shahed Aviation Industries', 'UKR', '2022-10-20', 'EU.9001.01'],
      ['900102', 'Person', 'Yousef ABOUTALEBI', 'UKR', '2022-12-12', 'EU.9002.02'],
    ]);
    expect(records[0]?.entity?.aliases.map((a) => a.name)).toEqual(['Shahed Aviation Industries Research Centre', 'صنایع هوایی شاهد']);
    expect(iso(records[1]?.entity?.birthDate)).toBe('1983-05-29');
    expect(records[1]?.designations[0]?.legalAct).toBe('Regulation 2022/2432 (OJ L318)');
    expect(scope).toEqual({ origin: 'eu-fsf', keyPrefixes: null });
  });
});

describe('UK Sanctions List, the government formats', () => {
  it('gives the same records from its CSV (taken by --format uk-csv) and its XML', async () => {
    const csv = await parse('uk-csv', ['uk-sanctions-list.csv']);
    const xml = await parse('uk-xml', ['uk-sanctions-list.xml']);
    const strip = (rs: SourceRecord[]) => rs.map(({ at: _at, ...r }) => (void _at, r));
    expect(strip(xml.records)).toEqual(strip(csv.records));
    expect(csv.records.map((r) => [r.key, r.entity?.schema, r.entity?.name, r.designations[0]?.programs.join('+'), iso(r.designations[0]?.listingDate), r.designations[0]?.measures.join('+')])).toEqual([
      ['RUS1652', 'Person', 'Mohammad BAGHERI', 'RUS', '2022-10-20', 'Asset freeze+Travel Ban'],
      ['RUS1655', 'Organization', 'Shahed Aviation Industries', 'RUS', '2022-10-20', 'Asset freeze'],
    ]);
    // The normalised CSVs of data/uk key a subject the same way (Unique ID under uk-list).
    expect(csv.scope).toEqual({ origin: 'uk-list', keyPrefixes: null });
  });

  it('reads dates of birth with unknown parts written as 00', () => {
    expect(parseUkDob('00/00/1975')).toMatchObject({ precision: 'YEAR' });
    expect(parseUkDob('00/06/1975')).toMatchObject({ precision: 'MONTH' });
    expect(iso(parseUkDob('29/05/1983'))).toBe('1983-05-29');
  });

  it("refuses OFSI's retired ConList layout and a CSV of neither UK layout, naming the problem", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ukcsv-'));
    const conlist = path.join(dir, 'ConList.csv');
    writeFileSync(conlist, 'Last Updated,01/05/2025\nName 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,Group Type,Regime,Listed On,Group ID\n');
    await expect(parse('uk-csv', [conlist])).rejects.toThrow(/ConList\.csv: this is OFSI's Consolidated List/);
    const other = path.join(dir, 'other.csv');
    writeFileSync(other, 'a,b,c\n1,2,3\n');
    await expect(parse('uk-csv', [other])).rejects.toThrow(/other\.csv \(line 1\): wrong header for the UK list: expected the FCDO UK Sanctions List CSV/);
  });
});
