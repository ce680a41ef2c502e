import { describe, expect, it } from 'vitest';
import { IDENTIFIER_TYPES, type IdentifierType } from './identifier-types';
import { identifierKey, identifierType, normalizeIdentifier, russianRegion, splitValueCountry, validInn, validOgrn } from './identifiers';

// The labels the importers emit, as the files write them (data/ and the formats' published types).
const LABELS: Record<IdentifierType, string[]> = {
  passportNumber: [
    'Passport', 'alt. Passport', 'Diplomatic Passport', 'Passport Booklet', 'British National Overseas Passport', 'Stateless Person Passport', 'Travel Document Number',
    'passport', 'national passport', 'Numéro de passeport ', 'Número de pasaporte', 'Pasaporte', 'Passeport',
  ],
  idNumber: [
    'National ID No.', 'alt. National ID No.', 'Cedula No.', 'C.U.R.P.', 'C.U.R.P. #', 'CURP', 'D.N.I.', 'Identification Number', 'Personal ID Card', 'National Foreign ID Number',
    'C.U.I.', 'C.U.I.P.', 'Credencial electoral', 'Electoral Registry No.', 'I.F.E.', "Citizen's Card Number", 'Turkish Identification Number', 'Numero de Identidad',
    'Moroccan Personal ID No.', 'Kenyan ID No.', 'Tazkira National ID Card', 'CNP (Personal Numerical Code)', 'UAE Identification', 'Stateless Person ID Card', 'Refugee ID Card',
    'Residency Number', 'Romanian Permanent Resident CAN', 'Birth Certificate Number', 'SSN', 'LE Number', 'Cartilla de Servicio Militar Nacional', 'Military Registration Number',
    'Immigration No.', "Driver's License No.", 'N.I.E.', "Seafarer's Identification Document",
    // UN (TYPE_OF_DOCUMENT, TYPE_OF_DOCUMENT2) in English, French and Spanish.
    'National Identification Number', 'National identification no.', 'Número nacional de identidad', "Numéro national d'identification", 'Certificate of Iraqi Nationality',
    'Identity document ("Bundespersonalausweis")', "Driver's Permit", 'United States Social Security Number:', 'Jordanian national number:', 'Voter ID', 'Yemeni identity card number',
    'civil identification number', 'Afghan national identification card (tazkira) number', 'Birth certificate', 'FARDC ID',
    // EU FSF identificationTypeCode; the UK list.
    'id', 'nrn', 'ssn', 'birthcert', 'nationcert', 'travelcardid', 'electionid', 'residentperm', 'drivinglicence', 'nationalId', 'idNumber',
  ],
  taxNumber: [
    'Tax ID No.', 'alt. Tax ID No.', 'NIT #', 'RFC', 'R.F.C.', 'R.F.C. #', 'RUC #', 'RIF #', 'RTN', 'C.U.I.T.', 'C.I.F.', 'US FEIN', 'Italian Fiscal Code', 'Fiscal Code',
    'Romanian Tax Registration', 'Paraguayan tax identification number', 'Numero Unico de Identificacao Tributaria (NUIT)', 'N.I.F.', 'RSIN', 'fiscalcode', 'taxNumber',
  ],
  registrationNumber: [
    'Registration Number', 'Business Registration Number', 'Business Registration Document #', 'Business Number', 'Company Number', 'UK Company Number', 'C.R. No.', 'Romanian C.R.',
    'Commercial Registry Number', 'Registration ID', 'Public Registration Number', 'Certificate of Incorporation Number', 'Folio Mercantil No.', 'Matricula Mercantil No',
    'Trade License No.', 'License', 'Chamber of Commerce Number', 'Istanbul Chamber of Comm. No.', 'Dubai Chamber of Commerce Membership No.', 'Central Registration System Number',
    'Enterprise Number', 'Branch Unit Number', 'Economic Register Number (CBLS)', 'Unified Social Credit Code (USCC)', 'United Social Credit Code Certificate (USCCC)',
    'Organization Code', 'File Number', 'Registered Charity No.', 'C.I.N.', 'MSB Registration Number', 'Registration Certificate Number (Dubai)', 'Tourism License No.',
    'Vessel Registration Identification', 'regnumber', 'tradelic', 'registrationNumber',
  ],
  innCode: ['INN', 'innCode', 'ИНН', 'Taxpayer Identification Number (INN)'],
  ogrnCode: ['OGRN', 'ogrnCode', 'ОГРН', 'OGRNIP', 'Russian State Individual Business Registration Number Pattern (OGRNIP)', 'Primary State Registration Number'],
  kppCode: ['KPP', 'kppCode', 'КПП'],
  okpoCode: ['OKPO', 'okpoCode', 'ОКПО', 'Government Gazette Number'],
  vatCode: ['V.A.T. Number', 'VAT', 'vatCode'],
  leiCode: ['LEI', 'Legal Entity Number', 'leiCode'],
  swiftBic: ['SWIFT/BIC', 'swiftbic', 'swiftBic', 'BIC', 'SWIFT'],
  imoNumber: ['IMO', 'imo', 'imoNumber', 'Vessel Registration Identification IMO', 'Identification Number IMO', 'Company Number IMO', 'International Maritime Organization No.'],
  mmsi: ['MMSI', 'mmsi'],
  callSign: ['Other Vessel Call Sign', 'Call Sign', 'callSign'],
  aircraftRegistration: ['Aircraft Tail Number', 'Previous Aircraft Tail Number', 'aircraftRegistration'],
  serialNumber: ["Aircraft Manufacturer's Serial Number (MSN)", 'Aircraft Serial Identification', 'Aircraft Construction Number (also called L/N or S/N or F/N)', 'serialNumber'],
  unReferenceNumber: ['unReferenceNumber', 'UN Reference Number'],
  cryptoWallet: ['Digital Currency Address - XBT', 'Digital Currency Address - ETH', 'Digital Currency Address - USDT', 'cryptoWallet'],
  other: [
    'D-U-N-S Number', 'ISIN', 'BIK (RU)', 'Aircraft Mode S Transponder Code', 'Pilot License Number', 'Permit Number', 'SRE Permit No.', 'VisaNumberID',
    'Afghan Money Service Provider License Number', 'Temporary suspension of deportation No.', 'Serial No.', 'Tarjeta Profesional', 'Trademark number', 'Ration card number:',
    'Student ID', 'document', 'identification', 'other', 'permId', 'wikidataId', 'uniqueEntityId', 'BPA', 'Something New',
  ],
};

describe('identifierType', () => {
  it.each(Object.entries(LABELS).flatMap(([type, labels]) => labels.map((label) => [label, type] as const)))('%j → %s', (label, type) => {
    expect(identifierType(label)).toBe(type);
  });

  it("maps the vocabulary's own names to themselves", () => {
    for (const t of IDENTIFIER_TYPES) expect(identifierType(t)).toBe(t);
  });

  it("an Airplane's registrationNumber is its tail number", () => {
    expect(identifierType('registrationNumber', { schema: 'Airplane' })).toBe('aircraftRegistration');
    expect(identifierType('registrationNumber', { schema: 'Vessel' })).toBe('registrationNumber');
  });
});

describe('splitValueCountry', () => {
  it.each([
    ['4433172081 (Iran)', '4433172081', 'Iran'],
    ['A123 (issued in Iran)', 'A123', 'Iran'],
    ['CH-217.0.135.719-4 (Switzerland)', 'CH-217.0.135.719-4', 'Switzerland'],
    ['HRA 738077 (Stuttgart)', 'HRA 738077 (Stuttgart)', null],
    ['IT022428/2014(G)', 'IT022428/2014(G)', null],
    ['186785 (Abogado)', '186785 (Abogado)', null],
    [' D9002780 ', 'D9002780', null],
  ])('%j → %j, %j', (raw, value, countryRaw) => {
    expect(splitValueCountry(raw)).toEqual({ value, countryRaw });
  });
});

describe('identifierKey', () => {
  it.each([
    ['passportNumber', 'D 900-2780', 'D9002780'],
    ['registrationNumber', '01074897', '01074897'],
    ['taxNumber', 'DIB-771110-HQ1', 'DIB771110HQ1'],
    ['idNumber', '2.194.575', '2194575'],
    ['imoNumber', 'IMO 9187629', '9187629'],
    ['imoNumber', '9187629', '9187629'],
    ['swiftBic', 'BMJIIRTHXXX', 'BMJIIRTH'],
    ['swiftBic', 'bmji ir th', 'BMJIIRTH'],
    ['innCode', '0274062111', '274062111'],
    ['okpoCode', '09804148', '9804148'],
    ['ogrnCode', '1037739709138', '1037739709138'],
    ['cryptoWallet', '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2'],
    ['cryptoWallet', '0x7F367cC41522cE07553e823bf3be79A889DEbe1B', '0x7f367cc41522ce07553e823bf3be79a889debe1b'],
  ] as const)('%s %j → %j', (type, value, key) => {
    expect(identifierKey(type, value)).toBe(key);
  });
});

describe('Russian codes', () => {
  // Real values of data/ofac-sdn/sdn-last-rows.csv and data/eu (2,559 of 2,587 OFAC INNs pass).
  it.each(['7743693291', '773407989940', '781012626436', '781005202108'])('INN %s is valid', (v) => expect(validInn(v)).toBe(true));
  it.each(['7704010041', '3050117961', '231701001', '5039441', '77436932911', 'abcdefghij'])('INN %s is not', (v) => expect(validInn(v)).toBe(false));
  it.each(['1087746669845', '1037825043200', '1037739709138', '315183100004295'])('OGRN %s is valid', (v) => expect(validOgrn(v)).toBe(true));
  it.each(['1167746288976', '1037739183892', '115774762381', '7722399997', '315183100004296'])('OGRN %s is not', (v) => expect(validOgrn(v)).toBe(false));

  it('russianRegion: INN and KPP digits 1–2, OGRN digits 4–5', () => {
    expect(russianRegion('innCode', '7743693291')).toBe('77');
    expect(russianRegion('innCode', '781012626436')).toBe('78');
    expect(russianRegion('kppCode', '231701001')).toBe('23');
    expect(russianRegion('ogrnCode', '1037825043200')).toBe('78');
    expect(russianRegion('ogrnCode', '315183100004295')).toBe('18');
    expect(russianRegion('innCode', '12345')).toBeNull();
    expect(russianRegion('taxNumber', '7743693291')).toBeNull();
  });
});

describe('normalizeIdentifier', () => {
  it("OFAC's Russian Tax ID No. with a valid checksum is an INN; an invalid one stays a tax number", () => {
    expect(normalizeIdentifier({ type: 'Tax ID No.', value: '7743693291', country: 'Russia' }, { source: 'ofac-sdn' })).toEqual({
      type: 'innCode', value: '7743693291', key: '7743693291', country: 'ru', countryRaw: 'Russia', label: 'Tax ID No.',
    });
    expect(normalizeIdentifier({ type: 'taxNumber', label: 'Tax ID No.', value: '7704010041', country: 'Russia' }).type).toBe('taxNumber');
    expect(normalizeIdentifier({ type: 'Tax ID No.', value: '7743693291', country: 'Kazakhstan' }).type).toBe('taxNumber');
  });

  it("OFAC's Russian Registration Number with a valid checksum is an OGRN", () => {
    expect(normalizeIdentifier({ type: 'registrationNumber', label: 'Business Registration Number', value: '1037739709138', country: 'Russia' })).toMatchObject({ type: 'ogrnCode', country: 'ru', label: 'Business Registration Number' });
  });

  it('takes the issuing country out of the value', () => {
    expect(normalizeIdentifier({ type: 'Passport', value: 'D9002780 (Iran)', country: null })).toEqual({
      type: 'passportNumber', value: 'D9002780', key: 'D9002780', country: 'ir', countryRaw: 'Iran', label: 'Passport',
    });
  });

  it('an IMO number under "Vessel Registration Identification"', () => {
    expect(normalizeIdentifier({ type: 'Vessel Registration Identification', value: 'IMO 9187629', country: null })).toMatchObject({ type: 'imoNumber', key: '9187629' });
  });

  it('keeps an unknown label as other, with the label', () => {
    expect(normalizeIdentifier({ type: 'Something New', value: 'X-1', country: 'Iraq' })).toEqual({
      type: 'other', value: 'X-1', key: 'X1', country: 'iq', countryRaw: 'Iraq', label: 'Something New',
    });
  });

  it('reads FtM and EU FSF countries as codes, others as names', () => {
    expect(normalizeIdentifier({ type: 'passportNumber', value: 'P1', country: 'na' }, { source: 'opensanctions' }).country).toBe('na');
    expect(normalizeIdentifier({ type: 'passport', value: 'P1', country: 'RU' }, { source: 'eu-fsf' }).country).toBe('ru');
    expect(normalizeIdentifier({ type: 'Passport', value: 'P1', country: 'na' }, { source: 'un-sc' })).toMatchObject({ country: null, countryRaw: 'na' });
    expect(normalizeIdentifier({ type: 'Passport', value: 'P1', country: 'Iran (Islamic Republic of)' }, { source: 'un-sc' }).country).toBe('ir');
  });

  it('an unresolved country is kept as written; an uncertain one is flagged', () => {
    expect(normalizeIdentifier({ type: 'Matricula Mercantil No', value: '1362098', country: 'Medellin' })).toMatchObject({ type: 'registrationNumber', country: null, countryRaw: 'Medellin' });
    expect(normalizeIdentifier({ type: 'Passport', value: 'P1', country: 'possibly Ethiopian' })).toMatchObject({ country: 'et', uncertainCountry: true });
  });

  it('an Airplane registrationNumber is its tail number', () => {
    expect(normalizeIdentifier({ type: 'registrationNumber', value: 'EP-ABC', country: null }, { schema: 'Airplane' })).toMatchObject({ type: 'aircraftRegistration', key: 'EPABC' });
  });
});
