// The controlled vocabulary of identifier types (issue 24). The names are FollowTheMoney's property
// names (https://followthemoney.tech/explorer/), so an identifier exports to FtM as itself; a type
// FtM has no property for is kept under the nearest one, with the source's own label beside it.
// Every importer maps its labels onto this list (lib/normalize/identifiers.ts); an unknown label is
// kept as `other` with its label, and counted in the import report.

export const IDENTIFIER_TYPES = [
  'passportNumber',
  'idNumber',
  'taxNumber',
  'registrationNumber',
  'innCode',
  'ogrnCode',
  'kppCode',
  'okpoCode',
  'vatCode',
  'leiCode',
  'swiftBic',
  'imoNumber',
  'mmsi',
  'callSign',
  // Aircraft: FtM Airplane.registrationNumber is the tail number; serialNumber the MSN.
  'aircraftRegistration',
  'serialNumber',
  'unReferenceNumber',
  'cryptoWallet',
  'other',
] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

/** Which FtM property each type exports as (FtM has one registrationNumber for companies and aircraft). */
export const FTM_PROPERTY: Record<IdentifierType, string | null> = {
  passportNumber: 'passportNumber',
  idNumber: 'idNumber',
  taxNumber: 'taxNumber',
  registrationNumber: 'registrationNumber',
  innCode: 'innCode',
  ogrnCode: 'ogrnCode',
  kppCode: 'kppCode',
  okpoCode: 'okpoCode',
  vatCode: 'vatCode',
  leiCode: 'leiCode',
  swiftBic: 'swiftBic',
  imoNumber: 'imoNumber',
  mmsi: 'mmsi',
  callSign: 'callSign',
  aircraftRegistration: 'registrationNumber',
  serialNumber: 'serialNumber',
  unReferenceNumber: null,
  cryptoWallet: null,
  other: null,
};

export const IDENTIFIER_TYPE_LABELS: Record<IdentifierType, string> = {
  passportNumber: 'Passport',
  idNumber: 'National ID',
  taxNumber: 'Tax number',
  registrationNumber: 'Registration number',
  innCode: 'INN',
  ogrnCode: 'OGRN',
  kppCode: 'KPP',
  okpoCode: 'OKPO',
  vatCode: 'VAT number',
  leiCode: 'LEI',
  swiftBic: 'SWIFT/BIC',
  imoNumber: 'IMO number',
  mmsi: 'MMSI',
  callSign: 'Call sign',
  aircraftRegistration: 'Aircraft registration (tail number)',
  serialNumber: 'Serial number (MSN)',
  unReferenceNumber: 'UN reference number',
  cryptoWallet: 'Digital currency address',
  other: 'Other identifier',
};

/**
 * How much a shared value says (lib/resolution): `global` values name one thing worldwide (IMO,
 * LEI, BIC, MMSI, aircraft MSN and tail number); `national` ones only together with the issuing
 * country (passports, ids, tax and registration numbers); `weak` ones are often shared or reused.
 */
export const IDENTIFIER_STRENGTH: Record<IdentifierType, 'global' | 'national' | 'weak'> = {
  passportNumber: 'national',
  idNumber: 'national',
  taxNumber: 'national',
  registrationNumber: 'national',
  innCode: 'national',
  ogrnCode: 'national',
  kppCode: 'weak',
  okpoCode: 'national',
  vatCode: 'national',
  leiCode: 'global',
  swiftBic: 'global',
  imoNumber: 'global',
  mmsi: 'global',
  callSign: 'weak',
  aircraftRegistration: 'global',
  serialNumber: 'weak',
  unReferenceNumber: 'global',
  cryptoWallet: 'global',
  other: 'weak',
};

export const isIdentifierType = (v: string): v is IdentifierType => (IDENTIFIER_TYPES as readonly string[]).includes(v);
