// The one parser of SDN.CSV Remarks (ofac-remarks.ts) on real strings: each is an entry's Remarks in
// data/ofac-sdn/sdn-last-rows.csv, copied as is (the ent_num beside it; a test checks they still
// are), then the whole file, then the importer that uses it (ofac-sdn-csv.ts). No real remark holds
// `(individual)`/`[SDGT]` tags or a `;` inside an a.k.a. quote: the one case built here says so.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { birthDateOf, classifyRemarks, countMapped, parseOfacRemarks, REMARK_LABELS, splitRemarks } from './ofac-remarks';
import { parseOfacSdnCsv } from './ofac-sdn-csv';
import { readCsvRows } from './read';
import { emptyReport, type SourceRecord } from './types';

const FILE = path.resolve('data/ofac-sdn/sdn-last-rows.csv');
const iso = (d: { date: Date; precision: string } | null) => (d ? `${d.date.toISOString().slice(0, 10)} ${d.precision}` : null);

/** Remarks as the file has them, by ent_num. */
const REAL = {
  6717: 'DOB 07 Oct 1954; POB Cartago, Valle, Colombia; Cedula No. 16215230 (Colombia); Passport 16215230 (Colombia); NIT # 16215230-1 (Colombia).',
  6924: "DOB 23 Jun 1976; POB Cairo, Egypt; citizen Egypt; alt. citizen Kenya; Kenyan ID No. 12773667; Serial No. 201735161; a.k.a. 'HUSSEIN'; a.k.a. 'ANIS, Abu'; a.k.a. 'YUSSRR, Abu'; a.k.a. 'KHALID'.",
  6925: "DOB 14 Mar 1974; alt. DOB 13 Apr 1974; alt. DOB 14 Apr 1974; alt. DOB 01 Aug 1970; POB Zanzibar, Tanzania; citizen Tanzania; a.k.a. 'AHMED, A.'; a.k.a. 'KHABAR, Abu'; a.k.a. 'BAKR, Abu'; a.k.a. ''FOOPIE''; a.k.a. ''FUPI''; a.k.a. ''AHMED THE TANZANIAN''.",
  7203: 'DOB 11 Dec 1974; POB Tunisia; nationality Tunisia; Passport L 191609 issued 28 Feb 1996 expires 27 Feb 2001; Italian Fiscal Code DAOMMD74T11Z352Z.',
  7846: "DOB circa 1957; POB al-Awja, near Tikrit, Iraq; nationality Iraq; Saddam Hussein al-Tikriti's presidential secretary and key advisor.",
  7929: 'DOB circa 07 Jul 1966; POB Lanao del Sur, Philippines.',
  7940: "DOB 01 Feb 1966; POB Hashmija, Iraq; nationality possibly Palestinian;arrested 23 Apr 2002; a.k.a. 'ABU ALI'.",
  8594: 'DOB Aug 1946; nationality Sudan; Gender Male; Secretary General, IARA Headquarters.',
  9340: "DOB 18 Mar 1961; alt. DOB 21 Apr 1945; alt. DOB 25 Jan 1947; alt. DOB 08 Feb 1955; alt. DOB 03 Aug 1958; alt. DOB 08 Aug 1958; POB China; nationality China; citizen China; alt. citizen Cambodia; Passport 611657479 (China); alt. Passport 2355009C (China); National ID No. D489833(9) (Hong Kong); British National Overseas Passport 750200421 (United Kingdom); a.k.a. 'CHI BANG'.",
  9610: 'Additional Sanctions Information - Subject to Secondary Sanctions Pursuant to the Hizballah Financial Sanctions Regulations; Company ID: No. 59 531 at Commercial Registry of the Civil Court of First Instance at Baabda, Lebanon.',
  10692: "DOB 17 Aug 1943; alt. DOB 1943; alt. DOB 1944; alt. DOB 21 Jun 1944; POB India; nationality Saudi Arabia; citizen Saudi Arabia; Passport C284181 (Saudi Arabia) issued 12 Aug 2000 expires 19 Jun 2005; National ID No. 1004860324 (Saudi Arabia); Registration ID 4-6032-0048-1 (Saudi Arabia); a.k.a. 'ABU 'ABD AL-'AZIZ'; a.k.a. 'ABU ABDUL AZIZ'; a.k.a. 'SHAYKH SAHIB'.",
  11313: "DOB 1969; alt. DOB 10 Oct 1969; POB Xudur, Somalia; alt. POB Keren, Eritrea; nationality Eritrea; Passport 0310857 (Eritrea) issued 21 Aug 2006 expires 20 Aug 2008; National ID No. 1372584 (Kenya); (Following data derived from an Eritrean passport issued under the alias name of Mukhtar Abdullahi Ali: Alt. DOB: 10 October 1969; Alt. POB: Keren Eritrea; nationality: Eritrean; National ID No.: 1372584, Kenya; Passport No.: 0310857, Eritrea, Issue Date 21 August 2006, Expire Date 20 August 2008); a.k.a. 'ABU MANSUR'; a.k.a. 'ABU MANSOUR'.",
  11748: "nationality Somalia; DOB circa 1979-1982; alt. DOB 1982; a.k.a. 'MUSCAB, Abu'; a.k.a. 'QORGAB'.",
  12057:
    'DOB 1951 to 1953; alt. DOB 1960 to 1962; alt. DOB Apr 1961; alt. DOB 1953; POB Najaf, Iraq; alt. POB Tehran, Iran; nationality Iran; Additional Sanctions Information - Subject to Secondary Sanctions; Gender Male; Brigadier General and Commander of the IRGC Basij Resistance Force; President of the Organization of the Basij of the Oppressed; Chief of the Mobilization of the Oppressed Organization; Head of the Basij.',
  12803:
    'Website www.tidewaterco.com; Email Address info@tidewaterco.com; alt. Email Address info@tidewaterco.ir; IFCA Determination - Port Operator; Additional Sanctions Information - Subject to Secondary Sanctions; Business Registration Document # 18745 (Iran); Telephone: 982188553321; Alt. Telephone: 982188554432; Fax: 982188717367; Alt. Fax: 982188708761; Alt. Fax: 982188708911.',
  12929:
    "DOB 15 Mar 1955; alt. DOB 06 Mar 1955; POB Iran; citizen United States; Additional Sanctions Information - Subject to Secondary Sanctions; Passport C2002515 (Iran); alt. Passport 477845448 (United States); Driver's License No. 07442833 (United States) expires 15 Mar 2016; Driver's License is issued by the State of Texas.",
  15036:
    "Former Vessel Flag Malta; alt. Former Vessel Flag Tuvalu; alt. Former Vessel Flag None Identified; alt. Former Vessel Flag Tanzania; Additional Sanctions Information - Subject to Secondary Sanctions; Vessel Registration Identification IMO 9187629; MMSI 572469210; f.k.a. 'ALPHA'; Linked To: NATIONAL IRANIAN TANKER COMPANY.",
  15431:
    "Aircraft Construction Number (also called L/N or S/N or F/N) 8401; Aircraft Manufacture Date 1992; Aircraft Model IL76-TD; Aircraft Operator YAS AIR; Aircraft Manufacturer's Serial Number (MSN) 1023409321; Linked To: POUYA AIR.",
  15962:
    'DOB 01 Jan 1961 to 31 Dec 1962; nationality Iran; Additional Sanctions Information - Subject to Secondary Sanctions; Passport U14624657 (Iran); Finance Director, National Iranian Oil Company; Director, Hong Kong Intertrade Company; Director, Petro Suisse Intertrade Company.',
  16329:
    'DOB 05 Oct 1985; POB Medellin, Colombia; citizen Colombia; Cedula No. 98772126 (Colombia); Linked To: CANTERAS COPACABANA S.A.; Linked To: PROMOTORA TURISTICA SOL PLAZA S.A.; Linked To: TRITCON S.A.S.',
  16681:
    'SWIFT/BIC ROSYRU2P; Website www.abr.ru; Email Address bank@abr.ru; Secondary sanctions risk: Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201 and/or 589.209; Registration ID 1027800000084 (Russia); Tax ID No. 7831000122 (Russia); Government Gazette Number 09804148 (Russia).',
  18151:
    "Aircraft Manufacture Date 2002; Aircraft Model Airbus A340-642; Previous Aircraft Tail Number YI-NAE; Aircraft Manufacturer's Serial Number (MSN) 449; Additional Sanctions Information - Subject to Secondary Sanctions; Linked To: MAHAN AIR.",
  18291:
    'SWIFT/BIC BELBBY2X; Website bveb.by; Executive Order 13662 Directive Determination - Subject to Directive 1; Secondary sanctions risk: Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201 and/or 589.209; Organization Established Date 23 Dec 1991; Target Type Financial Institution; Tax ID No. 7750004150 (Russia); Legal Entity Number 25340038P8SYW80B9W34 (Russia); All offices worldwide; for more information on directives, please visit the following link: http://www.treasury.gov/resource-center/sanctions/Programs/Pages/ukraine.aspx#directives.; Linked To: STATE CORPORATION BANK FOR DEVELOPMENT AND FOREIGN ECONOMIC AFFAIRS VNESHECONOMBANK.',
  23257: 'Chamber of Commerce Number 55389694 (Netherlands); Legal Entity Number 851683897 (Netherlands); Linked To: FLEURETTE PROPERTIES LIMITED.',
  23470: 'DOB Mar 1962 to Feb 1963; POB Isfahan Province; Additional Sanctions Information - Subject to Secondary Sanctions; Gender Male; Judge, Head of Tehran Revolutionary Court, Branch 15.',
  26137:
    "DOB 21 Sep 1979; POB Tehran, Iran; nationality Iran; Email Address iranvisacart@yahoo.com; alt. Email Address mastercartaria@yahoo.com; alt. Email Address alikhorashadi@yahoo.com; alt. Email Address toppglasses@gmail.com; alt. Email Address iranian_boy5@yahoo.com; Additional Sanctions Information - Subject to Secondary Sanctions; Gender Male; Digital Currency Address - XBT 149w62rY42aZBox8fGcmqNsXUzSStKeq8C; Passport T14553558 (Iran) issued 28 Oct 2008 expires 29 Oct 2013; a.k.a. 'Mastercartaria'; a.k.a. 'Iranvisacart'.",
  27197:
    'Aircraft Manufacture Date 01 Dec 2000; Aircraft Mode S Transponder Code 140AE7; Aircraft Model Hawker 800XP; Aircraft Operator Beratex Group Limited; Nationality of Registration Russia; Secondary sanctions risk: Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201 and/or 589.209; Aircraft Serial Identification 258512; Linked To: BERATEX GROUP LIMITED.',
  27307:
    "Digital Currency Address - ETH 0x098B716B8Aaf21512996dC57EB0615e2383E2f96; alt. Digital Currency Address - ETH 0xa0e1c89Ef1a489c9C7dE96311eD5Ce5D32c20E4B; alt. Digital Currency Address - ETH 0x3Cffd56B47B7b41c56258D9C7731ABaDc360E073; alt. Digital Currency Address - ETH 0x53b6936513e738f44FB50d2b9476730C0Ab3Bfc1; alt. Digital Currency Address - ETH 0x35fB6f6DB4fb05e6A4cE86f2C93691425626d4b1; alt. Digital Currency Address - ETH 0xF7B31119c2682c88d88D455dBb9d5932c65Cf1bE; alt. Digital Currency Address - ETH 0x3e37627dEAA754090fBFbb8bd226c1CE66D255e9; alt. Digital Currency Address - ETH 0x08723392Ed15743cc38513C4925f5e6be5c17243; Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210; Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions: North Korea Sanctions Regulations section 510.214; a.k.a. 'HIDDEN COBRA'; a.k.a. 'OFFICE 91'; a.k.a. 'GUARDIANS OF PEACE'; a.k.a. 'THE NEW ROMANTIC CYBER ARMY TEAM'; a.k.a. 'WHOIS HACKIN",
  39688:
    'Secondary sanctions risk: section 1(b) of Executive Order 13224, as amended by Executive Order 13886; Vessel Registration Identification IMO 9233208; MMSI 518998461; Linked To: BLUE BERRI SHIPPING INC.',
  41920:
    "Organization Established Date 1971; Organization Type: Mining of iron ores; Tax ID No. 3127000014 (Russia); Registration Number 1023102257914 (Russia); n.k.a. 'LGOK'; Linked To: HOLDINGOVAYA KOMPANIYA METALLOINVEST AO.",
} as const;

const parse = (ent: keyof typeof REAL) => parseOfacRemarks(REAL[ent]);

/** Every row of the file: [ent_num, SDN_Type, Remarks ('' for -0-)]. */
async function readAll(): Promise<Array<{ ent: string; type: string; remarks: string; line: string[] }>> {
  const out: Array<{ ent: string; type: string; remarks: string; line: string[] }> = [];
  for await (const { fields } of readCsvRows(FILE)) {
    if (fields.length !== 12) continue;
    const remarks = (fields[11] ?? '').trim();
    out.push({ ent: (fields[0] ?? '').trim(), type: (fields[2] ?? '').trim(), remarks: remarks === '-0-' ? '' : remarks, line: fields });
  }
  return out;
}
const all = readAll();

describe('the label table', () => {
  it('maps every identifier label to the vocabulary, each label once', () => {
    const keys = Object.keys(REMARK_LABELS).map((k) => k.replace(/:$/, '').toLowerCase());
    expect(new Set(keys).size).toBe(keys.length);
    expect(REMARK_LABELS['Passport']).toEqual({ kind: 'identifier', type: 'passportNumber' });
    expect(REMARK_LABELS['Kenyan ID No.']).toEqual({ kind: 'identifier', type: 'idNumber' });
    expect(REMARK_LABELS['NIT #']).toEqual({ kind: 'identifier', type: 'taxNumber' });
    expect(REMARK_LABELS['C.R. No.']).toEqual({ kind: 'identifier', type: 'registrationNumber' });
    expect(REMARK_LABELS['Digital Currency Address']).toEqual({ kind: 'identifier', type: 'cryptoWallet' });
  });

  it('holds the strings of these tests as the file has them', async () => {
    const byEnt = new Map((await all).map((r) => [r.ent, r.remarks]));
    for (const [ent, remarks] of Object.entries(REAL)) expect(byEnt.get(ent), ent).toBe(remarks);
  });
});

describe('dates of birth', () => {
  it('reads exact, month and year dates; the first is the birth date', () => {
    // 10692
    const r = parse(10692);
    expect(r.birthDates).toEqual([{ value: '1943-08-17' }, { value: '1943' }, { value: '1944' }, { value: '1944-06-21' }]);
    expect(iso(birthDateOf(r.birthDates[0]))).toBe('1943-08-17 DAY');
    // 8594
    expect(parse(8594).birthDates).toEqual([{ value: '1946-08' }]);
    expect(iso(birthDateOf(parse(8594).birthDates[0]))).toBe('1946-08-01 MONTH');
  });

  it('flags circa dates and keeps ranges whole; a range gives its start at the precision it is stated in', () => {
    expect(parse(7846).birthDates).toEqual([{ value: '1957', circa: true }]); // 7846
    expect(parse(7929).birthDates).toEqual([{ value: '1966-07-07', circa: true }]); // 7929
    expect(parse(11748).birthDates).toEqual([{ value: '1979', circa: true, to: '1982' }, { value: '1982' }]); // 11748
    // 12057: four dates of birth, two of them ranges
    expect(parse(12057).birthDates).toEqual([{ value: '1951', to: '1953' }, { value: '1960', to: '1962' }, { value: '1961-04' }, { value: '1953' }]);
    // 15962
    const days = parse(15962).birthDates;
    expect(days).toEqual([{ value: '1961-01-01', to: '1962-12-31' }]);
    expect(iso(birthDateOf(days[0]))).toBe('1961-01-01 YEAR');
    // 23470
    const months = parse(23470).birthDates;
    expect(months).toEqual([{ value: '1962-03', to: '1963-02' }]);
    expect(iso(birthDateOf(months[0]))).toBe('1962-03-01 MONTH');
  });
});

describe('a person', () => {
  it('unpacks every family of an entry (26137)', () => {
    expect(parse(26137)).toEqual({
      birthDates: [{ value: '1979-09-21' }],
      birthPlaces: ['Tehran, Iran'],
      nationalities: ['Iran'],
      citizenships: [],
      gender: 'Male',
      identifiers: [
        { type: 'cryptoWallet', label: 'Digital Currency Address - XBT', value: '149w62rY42aZBox8fGcmqNsXUzSStKeq8C', countryRaw: null, details: null },
        { type: 'passportNumber', label: 'Passport', value: 'T14553558', countryRaw: 'Iran', details: 'issued 28 Oct 2008 expires 29 Oct 2013' },
      ],
      aliases: [
        { name: 'Mastercartaria', kind: 'ALIAS' },
        { name: 'Iranvisacart', kind: 'ALIAS' },
      ],
      websites: [],
      emails: ['iranvisacart@yahoo.com', 'mastercartaria@yahoo.com', 'alikhorashadi@yahoo.com', 'toppglasses@gmail.com', 'iranian_boy5@yahoo.com'],
      phones: [],
      linkedTo: [],
      sanctionsInfo: ['Additional Sanctions Information - Subject to Secondary Sanctions'],
      facts: {},
      notes: [],
      unmappedLabels: [],
      truncated: false,
    });
  });

  it('keeps several passports with their countries, and a sentence about one as a note (12929, 9340)', () => {
    const r = parse(12929);
    expect(r.identifiers).toEqual([
      { type: 'passportNumber', label: 'Passport', value: 'C2002515', countryRaw: 'Iran', details: null },
      { type: 'passportNumber', label: 'Passport', value: '477845448', countryRaw: 'United States', details: null },
      { type: 'idNumber', label: "Driver's License No.", value: '07442833', countryRaw: 'United States', details: 'expires 15 Mar 2016' },
    ]);
    expect(r.citizenships).toEqual(['United States']);
    expect(r.notes).toEqual(["Driver's License is issued by the State of Texas"]);
    expect(r.unmappedLabels).toEqual([]);
    const w = parse(9340);
    expect(w.identifiers.map((i) => [i.type, i.label, i.value, i.countryRaw])).toEqual([
      ['passportNumber', 'Passport', '611657479', 'China'],
      ['passportNumber', 'Passport', '2355009C', 'China'],
      // The check digit in brackets is part of a Hong Kong id, not a country.
      ['idNumber', 'National ID No.', 'D489833(9)', 'Hong Kong'],
      ['passportNumber', 'British National Overseas Passport', '750200421', 'United Kingdom'],
    ]);
    expect(w.nationalities).toEqual(['China']);
    expect(w.citizenships).toEqual(['China', 'Cambodia']);
    expect(w.birthDates).toHaveLength(6);
  });

  it('reads Latin American and other national identifiers (6717, 6924, 7203)', () => {
    expect(parse(6717).identifiers.map((i) => [i.type, i.label, i.value, i.countryRaw])).toEqual([
      ['idNumber', 'Cedula No.', '16215230', 'Colombia'],
      ['passportNumber', 'Passport', '16215230', 'Colombia'],
      ['taxNumber', 'NIT #', '16215230-1', 'Colombia'],
    ]);
    const k = parse(6924);
    expect(k.identifiers.map((i) => [i.type, i.label, i.value, i.countryRaw])).toEqual([
      ['idNumber', 'Kenyan ID No.', '12773667', null],
      ['other', 'Serial No.', '201735161', null],
    ]);
    expect(k.citizenships).toEqual(['Egypt', 'Kenya']);
    expect(parse(7203).identifiers).toEqual([
      { type: 'passportNumber', label: 'Passport', value: 'L 191609', countryRaw: null, details: 'issued 28 Feb 1996 expires 27 Feb 2001' },
      { type: 'taxNumber', label: 'Italian Fiscal Code', value: 'DAOMMD74T11Z352Z', countryRaw: null, details: null },
    ]);
  });
});

describe('aliases', () => {
  it('keeps the name between the outer quotes, apostrophes included (6925, 10692)', () => {
    expect(parse(6925).aliases.map((a) => a.name)).toEqual(['AHMED, A.', 'KHABAR, Abu', 'BAKR, Abu', "'FOOPIE'", "'FUPI'", "'AHMED THE TANZANIAN'"]);
    expect(parse(10692).aliases.map((a) => a.name)).toEqual(["ABU 'ABD AL-'AZIZ", 'ABU ABDUL AZIZ', 'SHAYKH SAHIB']);
  });

  it('f.k.a. is a previous name, n.k.a. the current one (15036, 41920)', () => {
    expect(parse(15036).aliases).toEqual([{ name: 'ALPHA', kind: 'PREVIOUS_NAME' }]);
    expect(parse(41920).aliases).toEqual([{ name: 'LGOK', kind: 'ALIAS' }]);
  });

  it('a `;` inside the quotes does not split the name (built from 6925: no real name holds one)', () => {
    const built = REAL[6925].replace("''AHMED THE TANZANIAN''", "'AHMED; THE TANZANIAN'");
    const r = parseOfacRemarks(built);
    expect(r.aliases.at(-1)).toEqual({ name: 'AHMED; THE TANZANIAN', kind: 'ALIAS' });
    expect(r.notes).toEqual([]);
  });
});

describe('vessels and aircraft', () => {
  it('reads IMO and MMSI, former flags as facts, the owner as Linked To (15036, 39688)', () => {
    const r = parse(15036);
    expect(r.identifiers).toEqual([
      { type: 'imoNumber', label: 'Vessel Registration Identification IMO', value: '9187629', countryRaw: null, details: null },
      { type: 'mmsi', label: 'MMSI', value: '572469210', countryRaw: null, details: null },
    ]);
    expect(r.facts).toEqual({ 'Former Vessel Flag': ['Malta', 'Tuvalu', 'None Identified', 'Tanzania'] });
    expect(r.linkedTo).toEqual(['NATIONAL IRANIAN TANKER COMPANY']);
    const s = parse(39688);
    expect(s.identifiers.map((i) => [i.type, i.value])).toEqual([
      ['imoNumber', '9233208'],
      ['mmsi', '518998461'],
    ]);
    // The column's closing stop is not part of the name ("BLUE BERRI SHIPPING INC" is listed so).
    expect(s.linkedTo).toEqual(['BLUE BERRI SHIPPING INC']);
    expect(s.sanctionsInfo).toEqual(['Secondary sanctions risk: section 1(b) of Executive Order 13224, as amended by Executive Order 13886']);
  });

  it('reads aircraft identifiers and facts (15431, 18151, 27197)', () => {
    const r = parse(15431);
    expect(r.identifiers).toEqual([{ type: 'serialNumber', label: "Aircraft Manufacturer's Serial Number (MSN)", value: '1023409321', countryRaw: null, details: null }]);
    expect(r.facts).toEqual({
      'Aircraft Construction Number (also called L/N or S/N or F/N)': ['8401'],
      'Aircraft Manufacture Date': ['1992'],
      'Aircraft Model': ['IL76-TD'],
      'Aircraft Operator': ['YAS AIR'],
    });
    expect(r.linkedTo).toEqual(['POUYA AIR']);
    expect(parse(18151).identifiers.map((i) => [i.type, i.label, i.value])).toEqual([
      ['aircraftRegistration', 'Previous Aircraft Tail Number', 'YI-NAE'],
      ['serialNumber', "Aircraft Manufacturer's Serial Number (MSN)", '449'],
    ]);
    const h = parse(27197);
    expect(h.identifiers.map((i) => [i.type, i.label, i.value])).toEqual([
      ['other', 'Aircraft Mode S Transponder Code', '140AE7'],
      ['serialNumber', 'Aircraft Serial Identification', '258512'],
    ]);
    expect(h.facts['Nationality of Registration']).toEqual(['Russia']);
    expect(h.nationalities).toEqual([]);
  });
});

describe('organisations', () => {
  it('reads bank codes, registers, website and e-mail (16681)', () => {
    const r = parse(16681);
    expect(r.identifiers.map((i) => [i.type, i.label, i.value, i.countryRaw])).toEqual([
      ['swiftBic', 'SWIFT/BIC', 'ROSYRU2P', null],
      ['registrationNumber', 'Registration ID', '1027800000084', 'Russia'],
      ['taxNumber', 'Tax ID No.', '7831000122', 'Russia'],
      ['okpoCode', 'Government Gazette Number', '09804148', 'Russia'],
    ]);
    expect(r.websites).toEqual(['www.abr.ru']);
    expect(r.emails).toEqual(['bank@abr.ru']);
    expect(r.sanctionsInfo).toEqual(['Secondary sanctions risk: Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201 and/or 589.209']);
  });

  it('keeps organisation facts, directive information and an LEI; a number of another shape is not an LEI (18291, 23257, 41920)', () => {
    const r = parse(18291);
    expect(r.facts).toEqual({ 'Organization Established Date': ['23 Dec 1991'], 'Target Type': ['Financial Institution'] });
    expect(r.identifiers.map((i) => [i.type, i.value])).toEqual([
      ['swiftBic', 'BELBBY2X'],
      ['taxNumber', '7750004150'],
      ['leiCode', '25340038P8SYW80B9W34'],
    ]);
    expect(r.sanctionsInfo).toEqual(['Executive Order 13662 Directive Determination - Subject to Directive 1', 'Secondary sanctions risk: Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201 and/or 589.209']);
    expect(r.notes).toEqual(['All offices worldwide', 'for more information on directives, please visit the following link: http://www.treasury.gov/resource-center/sanctions/Programs/Pages/ukraine.aspx#directives.']);
    expect(r.websites).toEqual(['bveb.by']);
    expect(parse(23257).identifiers.map((i) => [i.type, i.label, i.value])).toEqual([
      ['registrationNumber', 'Chamber of Commerce Number', '55389694'],
      ['other', 'Legal Entity Number', '851683897'],
    ]);
    expect(parse(41920).facts).toEqual({ 'Organization Established Date': ['1971'], 'Organization Type': ['Mining of iron ores'] });
  });

  it('reads telephones; faxes are facts (12803)', () => {
    const r = parse(12803);
    expect(r.phones).toEqual(['982188553321', '982188554432']);
    expect(r.facts).toEqual({ Fax: ['982188717367', '982188708761', '982188708911'] });
    expect(r.sanctionsInfo).toEqual(['IFCA Determination - Port Operator', 'Additional Sanctions Information - Subject to Secondary Sanctions']);
    expect(r.identifiers).toEqual([{ type: 'registrationNumber', label: 'Business Registration Document #', value: '18745', countryRaw: 'Iran', details: null }]);
    expect(r.emails).toEqual(['info@tidewaterco.com', 'info@tidewaterco.ir']);
  });
});

describe('Linked To', () => {
  it('keeps the other entry name as written; dotted initials keep the closing stop (16329)', () => {
    expect(parse(16329).linkedTo).toEqual(['CANTERAS COPACABANA S.A.', 'PROMOTORA TURISTICA SOL PLAZA S.A.', 'TRITCON S.A.S.']);
  });
});

describe('nothing is dropped', () => {
  it('keeps unknown fragments as notes and counts a label-like one (9610)', () => {
    const r = parse(9610);
    expect(r.notes).toEqual(['Company ID: No. 59 531 at Commercial Registry of the Civil Court of First Instance at Baabda, Lebanon']);
    expect(r.unmappedLabels).toEqual(['Company ID']);
    expect(r.sanctionsInfo).toEqual(['Additional Sanctions Information - Subject to Secondary Sanctions Pursuant to the Hizballah Financial Sanctions Regulations']);
  });

  it('keeps free text as notes, without a label (7846, 12057, 7940)', () => {
    expect(parse(7846).notes).toEqual(["Saddam Hussein al-Tikriti's presidential secretary and key advisor"]);
    expect(parse(12057).notes).toHaveLength(4);
    // 7940: a `;` without its space still separates
    const r = parse(7940);
    expect(r.nationalities).toEqual(['possibly Palestinian']);
    expect(r.notes).toEqual(['arrested 23 Apr 2002']);
    expect(r.aliases).toEqual([{ name: 'ABU ALI', kind: 'ALIAS' }]);
    expect(r.unmappedLabels).toEqual([]);
  });

  it('keeps a parenthesised aside with its own `;`s as one note (11313)', () => {
    const r = parse(11313);
    expect(r.notes).toHaveLength(1);
    expect(r.notes[0]).toMatch(/^\(Following data derived .* Expire Date 20 August 2008\)$/);
    expect(r.birthDates).toEqual([{ value: '1969' }, { value: '1969-10-10' }]);
    expect(r.aliases.map((a) => a.name)).toEqual(['ABU MANSUR', 'ABU MANSOUR']);
  });

  it('marks a column OFAC cut at 1,000 characters and keeps its broken last fragment as a note (27307)', () => {
    const r = parse(27307);
    expect(REAL[27307]).toHaveLength(1000);
    expect(r.truncated).toBe(true);
    expect(r.notes).toEqual(["a.k.a. 'WHOIS HACKIN"]);
    expect(r.unmappedLabels).toEqual([]);
    expect(r.aliases).toHaveLength(4);
    expect(r.identifiers.filter((i) => i.type === 'cryptoWallet' && i.label === 'Digital Currency Address - ETH')).toHaveLength(8);
  });

  it('gives an empty result for empty remarks', () => {
    for (const empty of ['', '   ', null, undefined]) {
      const r = parseOfacRemarks(empty);
      expect(countMapped(r) + r.notes.length).toBe(0);
      expect(r).toMatchObject({ gender: null, facts: {}, truncated: false, notes: [], identifiers: [] });
    }
  });
});

describe('the whole file (data/ofac-sdn/sdn-last-rows.csv)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('places every fragment of every row, reads every DOB, prints nothing, and is deterministic', async () => {
    const spies = (['log', 'warn', 'error', 'info', 'debug'] as const).map((m) => vi.spyOn(console, m));
    const rows = await all;
    expect(rows).toHaveLength(15892);
    const norm = (s: string) => s.replace(/\s*;\s*/g, '; ').replace(/[\s;.]+$/, '');
    let fragments = 0;
    let mapped = 0;
    let dobRows = 0;
    let birthDateRows = 0;
    for (const row of rows) {
      const { fragments: parts, truncated } = splitRemarks(row.remarks);
      // The splitter loses nothing but the separators and the closing stop.
      expect(norm(parts.join('; ')), row.ent).toBe(norm(row.remarks));
      const r = parseOfacRemarks(row.remarks);
      expect(countMapped(r) + r.notes.length, row.ent).toBe(parts.length);
      // The notes are exactly the fragments the table did not map.
      expect(r.notes, row.ent).toEqual(classifyRemarks(row.remarks).fragments.filter((f) => f.target === null).map((f) => f.text));
      expect(r.truncated, row.ent).toBe(truncated);
      fragments += parts.length;
      mapped += countMapped(r);
      if (parts.some((p) => /^(?:alt\.\s+)?DOB\b/i.test(p))) dobRows++;
      if (r.birthDates.length && birthDateOf(r.birthDates[0])) birthDateRows++;
      // The same row, parsed again, gives the same output, key order included.
      expect(JSON.stringify(parseOfacRemarks(row.remarks))).toBe(JSON.stringify(r));
    }
    expect(dobRows).toBe(birthDateRows);
    expect(dobRows).toBeGreaterThan(7000);
    // Coverage: a fall here means the table stopped matching labels it knows.
    expect(mapped / fragments).toBeGreaterThan(0.95);
    for (const s of spies) expect(s).not.toHaveBeenCalled();
  });
});

describe('the importer (ofac-sdn-csv.ts) on real rows', () => {
  async function importRows(ents: string[]) {
    const rows = await all;
    const lines = ents.map((e) => rows.find((r) => r.ent === e)?.line);
    const csv = lines.map((fields) => (fields ?? []).map((f) => `"${f.replace(/"/g, '""')}"`).join(',')).join('\r\n');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sdn-remarks-')), 'sdn.csv');
    writeFileSync(file, csv);
    const ctx = { report: emptyReport() };
    const out: SourceRecord[] = [];
    for await (const r of parseOfacSdnCsv([file], ctx, { editionDate: '2024-05-03' }).records) out.push(r);
    return { records: out, report: ctx.report, csv: readFileSync(file, 'utf8') };
  }

  it('fills aliases, identifiers, countries and the birth date; the rest under extra.remarks; unmapped labels in the report', async () => {
    const { records, report } = await importRows(['26137', '9610', '15036', '15431']);
    const [person, org, vessel, aircraft] = records.map((r) => r.entity);
    expect(person).toMatchObject({
      schema: 'Person',
      aliases: [
        { name: 'Mastercartaria', kind: 'ALIAS' },
        { name: 'Iranvisacart', kind: 'ALIAS' },
      ],
      countries: ['Iran'],
      identifiers: [
        { type: 'cryptoWallet', value: '149w62rY42aZBox8fGcmqNsXUzSStKeq8C', country: null, label: 'Digital Currency Address - XBT', details: null },
        { type: 'passportNumber', value: 'T14553558', country: 'Iran', label: 'Passport', details: 'issued 28 Oct 2008 expires 29 Oct 2013' },
      ],
      notes: REAL[26137],
      extra: {
        remarks: {
          birthDates: [{ value: '1979-09-21' }],
          birthPlaces: ['Tehran, Iran'],
          gender: 'Male',
          emails: ['iranvisacart@yahoo.com', 'mastercartaria@yahoo.com', 'alikhorashadi@yahoo.com', 'toppglasses@gmail.com', 'iranian_boy5@yahoo.com'],
          sanctionsInfo: ['Additional Sanctions Information - Subject to Secondary Sanctions'],
        },
      },
    });
    expect(iso(person?.birthDate ?? null)).toBe('1979-09-21 DAY');
    expect(Object.keys((person?.extra as { remarks: object }).remarks)).toEqual(['birthDates', 'birthPlaces', 'gender', 'emails', 'sanctionsInfo']);
    expect(org?.extra).toEqual({
      remarks: {
        sanctionsInfo: ['Additional Sanctions Information - Subject to Secondary Sanctions Pursuant to the Hizballah Financial Sanctions Regulations'],
        notes: ['Company ID: No. 59 531 at Commercial Registry of the Civil Court of First Instance at Baabda, Lebanon'],
        unmappedLabels: ['Company ID'],
      },
    });
    // The entries these rows are Linked To are not among them: counted, kept as names.
    expect(report.warnings).toEqual({ 'remarks: unmapped label "Company ID"': 1, 'remarks: Linked To names no entry of this file (kept as text)': 2 });
    expect(vessel?.extra).toMatchObject({ remarks: { linkedTo: ['NATIONAL IRANIAN TANKER COMPANY'], facts: { 'Former Vessel Flag': ['Malta', 'Tuvalu', 'None Identified', 'Tanzania'] } } });
    expect(vessel?.identifiers.map((i) => i.type)).toEqual(['imoNumber', 'mmsi']);
    expect(records.every((r) => r.relationships.length === 0)).toBe(true);
    expect(aircraft).toMatchObject({ schema: 'Airplane', birthDate: null, extra: { remarks: { facts: { 'Aircraft Model': ['IL76-TD'] } } } });
  });

  it('gives the same records for the same rows (re-importing an edition changes nothing)', async () => {
    const a = await importRows(['12929', '9340', '27307', '18291']);
    const b = await importRows(['12929', '9340', '27307', '18291']);
    expect(JSON.stringify(b.records)).toBe(JSON.stringify(a.records));
    expect(a.report.warnings).toEqual({ 'remarks: cut at 1,000 characters by OFAC (a last fragment cut short kept as a note)': 1, 'remarks: Linked To names no entry of this file (kept as text)': 1 });
  });

  it('links an entry to the entry its `Linked To:` names, when the file holds both (ent 15036 → 15117)', async () => {
    const { records, report } = await importRows(['15036', '15117']);
    const tanker = records.find((r) => r.key === '15036')!;
    expect(tanker.relationships).toEqual([
      expect.objectContaining({ origin: 'ofac-sdn', type: 'UNKNOWN_LINK', role: 'Linked To', subject: { source: 'ofac-sdn', externalId: '15036' }, object: { source: 'ofac-sdn', externalId: '15117' } }),
    ]);
    // 15117's own links point outside these two rows: counted, not made.
    expect(report.warnings['remarks: Linked To names no entry of this file (kept as text)']).toBe(records.find((r) => r.key === '15117')!.entity!.extra ? 1 : 0);
  });
});
