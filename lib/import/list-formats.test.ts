// The parsers of the formats no real file here exists for (OFAC advanced XML, EU FSF XML, the UK
// government's CSV and XML), on the small files test/fixtures/constructed holds: real entries of
// data/ written in each published layout (README there). Parsing only; the loader is tested in
// list-formats.int.test.ts. Last, the edition date every format states (tiny files built here from
// those layouts, and the real UN and UK files of data/).
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
  const before = parsed.editionDate();
  const records: SourceRecord[] = [];
  for await (const r of parsed.records) records.push(r);
  // The edition date is read once the records are: the loader's order.
  return { records, report, scope: parsed.liftScope(), before, edition: parsed.editionDate() };
}

/** Writes `text` as `name` in a fresh directory; returns its path. */
function tmpFile(name: string, text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'edition-')), name);
  writeFileSync(file, text);
  return file;
}

const fixture = (name: string) => readFileSync(path.join(FIX, name), 'utf8');

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
    // Countries as codes and identifiers in the vocabulary (lib/import/normalize.ts), the file's words beside them.
    expect(zhuo?.entity).toMatchObject({
      aliases: [{ name: 'ZHUO, Longxiong', kind: 'ALIAS' }],
      countries: ['hk'],
      addresses: ['Flat B, 27th Floor, Ko On Mansion, Taikoo Shing, Hong Kong, China'],
      identifiers: [
        { type: 'passportNumber', value: 'D00579743', country: 'hk', label: 'Passport', countryRaw: 'Hong Kong', key: 'D00579743' },
        { type: 'idNumber', value: 'R4016407', country: 'hk', label: 'National ID No.', countryRaw: 'Hong Kong', key: 'R4016407' },
      ],
      extra: { Gender: ['Male'], countriesAsListed: ['Hong Kong'] },
    });
    expect(iso(zhuo?.entity?.birthDate)).toBe('1964-11-10');
    // No entry date: listed on the edition's date, as with SDN.CSV.
    expect(vessel?.designations[0]?.listingFromEdition).toBe(true);
    expect(vessel?.entity?.countries).toEqual(['cu']);
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

describe('the edition date each file states, known once its records are read', () => {
  it('OFAC advanced XML: <DateOfIssue> (Year, Month, Day), else a date in the file name, else none', async () => {
    const xml = fixture('sdn-advanced.xml');
    const stated = await parse('ofac-sdn-xml', ['sdn-advanced.xml']);
    expect(stated.records).toHaveLength(3);
    expect([stated.before, stated.edition]).toEqual([null, '2024-05-03']);
    // The file's own date wins over its name's.
    expect((await parse('ofac-sdn-xml', [tmpFile('sdn_advanced-2024-05-07.xml', xml)])).edition).toBe('2024-05-03');
    const undated = xml.replace(/<DateOfIssue>.*<\/DateOfIssue>/, '');
    expect((await parse('ofac-sdn-xml', [tmpFile('sdn_advanced.xml', undated)])).edition).toBeNull();
    expect((await parse('ofac-sdn-xml', [tmpFile('sdn_advanced-2024-05-07.xml', undated)])).edition).toBe('2024-05-07');
    // Not a date (30 February), not fatal: none, so the loader asks for --date.
    const malformed = await parse('ofac-sdn-xml', [tmpFile('sdn_advanced.xml', xml.replace('<Month>5</Month><Day>3</Day>', '<Month>2</Month><Day>30</Day>'))]);
    expect([malformed.records.length, malformed.edition]).toEqual([3, null]);
  });

  it("EU FSF XML: the root's generationDate, its date part as written (no conversion to UTC)", async () => {
    const xml = fixture('eu-fsf.xml');
    const stated = await parse('eu-xml', ['eu-fsf.xml']);
    expect([stated.records.length, stated.before, stated.edition]).toEqual([2, null, '2026-05-01']);
    const withZone = xml.replace('generationDate="2026-05-01T10:00:00.000+02:00"', 'generationDate="2024-05-03T23:30:00.000-05:00"');
    expect((await parse('eu-xml', [tmpFile('export.xml', withZone)])).edition).toBe('2024-05-03');
    expect((await parse('eu-xml', [tmpFile('export.xml', xml.replace(/ generationDate="[^"]*"/, ''))])).edition).toBeNull();
    const malformed = await parse('eu-xml', [tmpFile('export.xml', xml.replace(/generationDate="[^"]*"/, 'generationDate="2024-02-30T10:00:00"'))]);
    expect([malformed.records.length, malformed.edition]).toEqual([2, null]);
  });

  it("UN consolidated list XML: the root's dateGenerated; the real 2018 file states 2018-08-24", async () => {
    const un = (root: string) =>
      `<?xml version="1.0" encoding="UTF-8"?><CONSOLIDATED_LIST xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="https://www.un.org/sc/resources/sc-sanctions.xsd"${root}>
<INDIVIDUALS><INDIVIDUAL><DATAID>6908555</DATAID><VERSIONNUM>1</VERSIONNUM><FIRST_NAME>RI</FIRST_NAME><SECOND_NAME>WON HO</SECOND_NAME><UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPi.033</REFERENCE_NUMBER><LISTED_ON>2016-11-30</LISTED_ON></INDIVIDUAL></INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>`;
    const stated = await parse('un-xml', [tmpFile('consolidated.xml', un(' dateGenerated="2018-08-24T19:40:35.913-04:00"'))]);
    expect([stated.records.map((r) => r.key), stated.edition]).toEqual([['KPi.033'], '2018-08-24']);
    expect((await parse('un-xml', [tmpFile('consolidated.xml', un(''))])).edition).toBeNull();
    expect((await parse('un-xml', [tmpFile('consolidated.xml', un(' dateGenerated="24/08/2018"'))])).edition).toBeNull();

    const real = await parse('un-xml', [path.resolve('data/un/consolidated-2018-08-27.xml')]);
    // The date the file states, not the one in its name (the day it was downloaded).
    expect([real.before, real.edition]).toEqual([null, '2018-08-24']);
    expect(real.records.length).toBeGreaterThan(900);
  });

  it('UK Sanctions List XML: <DateGenerated> under <Designations> (DD/MM/YYYY)', async () => {
    const xml = fixture('uk-sanctions-list.xml');
    const stated = await parse('uk-xml', ['uk-sanctions-list.xml']);
    expect([stated.records.length, stated.edition]).toEqual([2, '2026-05-01']);
    expect((await parse('uk-xml', [tmpFile('UK_Sanctions_List.xml', xml.replace(/<DateGenerated>.*<\/DateGenerated>/, ''))])).edition).toBeNull();
    const malformed = await parse('uk-xml', [tmpFile('UK_Sanctions_List.xml', xml.replace('<DateGenerated>01/05/2026', '<DateGenerated>31/02/2026'))]);
    expect([malformed.records.length, malformed.edition]).toEqual([2, null]);
  });

  it("UK Sanctions List CSV (FCDO's own): its first line, `Report Date: 01-May-2026`", async () => {
    const csv = fixture('uk-sanctions-list.csv');
    const stated = await parse('uk-csv', ['uk-sanctions-list.csv']);
    expect([stated.records.length, stated.edition]).toEqual([2, '2026-05-01']);
    expect((await parse('uk-csv', [tmpFile('UK-Sanctions-List.csv', csv.replace('Report Date: 01-May-2026', 'Report Date: 29/04/2026'))])).edition).toBe('2026-04-29');
    expect((await parse('uk-csv', [tmpFile('UK-Sanctions-List.csv', csv.replace(/^Report Date:[^\n]*\n/, ''))])).edition).toBeNull();
    const malformed = await parse('uk-csv', [tmpFile('UK-Sanctions-List.csv', csv.replace('Report Date: 01-May-2026', 'Report Date: 31-Feb-2026'))]);
    expect([malformed.records.length, malformed.edition]).toEqual([2, null]);
  });

  it("UK subjects.csv + subject_names.csv: the latest last_updated; the real files' is 2026-04-29", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'edition-uk-'));
    const names = path.join(dir, 'subject_names.csv');
    writeFileSync(names, 'name_id,unique_id,name_type,alias_strength,full_name\n00000,AFG0001,primary,,HAJI KHAIRULLAH HAJI SATTAR MONEY EXCHANGE\n00002,AFG0002,primary,,ROSHAN MONEY EXCHANGE\n00003,RUS1652,primary,,Mohammad BAGHERI\n');
    const subjects = (updated: [string, string, string]) => {
      const file = path.join(dir, 'subjects.csv');
      writeFileSync(file, `unique_id,subject_type,un_reference_number,ofsi_group_id,date_designated,last_updated\nAFG0001,entity,TAe.010,12703,29/06/2012,${updated[0]}\nAFG0002,entity,TAe.011,12704,29/06/2012,${updated[1]}\nRUS1652,individual,,15604,20/10/2022,${updated[2]}\n`);
      return file;
    };
    const latest = await parse('uk-csv', [subjects(['16/04/2026', '29/04/2026', '12/01/2022']), names]);
    expect([latest.records.length, latest.before, latest.edition]).toEqual([3, null, '2026-04-29']);
    // A value that is not a date is skipped, not fatal.
    expect((await parse('uk-csv', [subjects(['16/04/2026', '2026-13-45', '']), names])).edition).toBe('2026-04-16');
    expect((await parse('uk-csv', [subjects(['', 'unknown', '']), names])).edition).toBeNull();

    const real = await parse('uk-csv', [path.resolve('data/uk/subjects.csv'), path.resolve('data/uk/subject_names.csv')]);
    expect([real.before, real.edition]).toEqual([null, '2026-04-29']);
    expect(real.records.length).toBeGreaterThan(6000);
  });

  it('EU annex CSV: the format states none; a date all its file names hold', async () => {
    const header = 'celex,recordId,programKey,annex,measure,startDate,reason,schema,name';
    const csv = `${header}\n32012R0267,1,EU-IRN,VIII.A.PERSONS,Asset freeze,24.3.2007,,Person,Fereidoun Abbasi-Davani\n`;
    const undated = await parse('eu-csv', [tmpFile('32012R0267.csv', csv)]);
    expect([undated.records.length, undated.edition]).toEqual([1, null]);
    expect((await parse('eu-csv', [tmpFile('32012R0267-2024-05-03.csv', csv)])).edition).toBe('2024-05-03');
    const other = `${header}\n32023R1529,1,EU-IRN,I.A,Asset freeze,20.7.2023,,Person,Yousef ABOUTALEBI\n`;
    expect((await parse('eu-csv', [tmpFile('32012R0267-2024-05-03.csv', csv), tmpFile('32023R1529-2024-05-03.csv', other)])).edition).toBe('2024-05-03');
    expect((await parse('eu-csv', [tmpFile('32012R0267-2024-05-03.csv', csv), tmpFile('32023R1529-2024-06-01.csv', other)])).edition).toBeNull();
    expect((await parse('eu-csv', [tmpFile('32012R0267-2024-05-03.csv', csv), tmpFile('32023R1529.csv', other)])).edition).toBeNull();
  });

  it('EU annex CSV: the country an address ends with is the entity\'s, marked as read off the address', async () => {
    const header = 'celex,recordId,programKey,annex,measure,startDate,reason,schema,name,country,address';
    const csv = `${header}\n32014R0269,199,EU-UKR,I.ENTITIES,Asset freeze,25.2.2023,,LegalEntity,Public joint-stock company Rosbank,,"9 ul. Bolshaya Yakimanka, Moscow, 119180, Russian Federation; Moscow"\n` +
      `32012R0267,9,EU-IRN,IX.II.B,Asset freeze,23.1.2012,,LegalEntity,Mehr Bank,Iran,"Tehran, Iran"\n`;
    const { records } = await parse('eu-csv', [tmpFile('32014R0269.csv', csv)]);
    expect(records.map((r) => [r.entity?.countries, r.entity?.extra?.countriesFromAddresses ?? null])).toEqual([[['ru'], ['ru']], [['ir'], null]]);
  });

  it('FtM: an extract, never an edition (even with a dated file name)', async () => {
    const line = JSON.stringify({ id: 'Q1', schema: 'Person', properties: { name: ['Jane Doe'] } });
    const ftm = await parse('ftm', [tmpFile('sa_wiki_peps-2024-03-22.ftm.json', `${line}\n`)]);
    expect([ftm.records.length, ftm.edition]).toEqual([1, null]);
  });
});
