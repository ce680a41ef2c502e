// Identifiers as the lists label them → the controlled vocabulary (identifier-types.ts), the
// issuing country as a code (countries.ts) and a comparison key (issue 24). Pure: no database.
// Labels come from every importer: the FtM property names themselves (FtM, the EU annex CSVs),
// OFAC's (SDN.CSV Remarks, the XML's IDRegDocType), the UN's in English, French and Spanish, the
// EU FSF's type codes (passport, regnumber, fiscalcode…), the UK's (passport, nationalId…).
import anyAscii from 'any-ascii';
import { resolveCountry } from './countries';
import { IDENTIFIER_TYPES, type IdentifierType } from './identifier-types';

export type IdentifierContext = {
  /** The holder's FtM schema: an Airplane's registrationNumber is its tail number. */
  schema?: string;
  /** The record's source (EntityRecord.source): FtM and the EU FSF write issuing countries as codes. */
  source?: string;
  /** Overrides what `source` says about the country field holding codes. */
  countryCodes?: boolean;
};

export type NormalizedIdentifier = {
  type: IdentifierType;
  value: string;
  key: string;
  /** The issuing country as a code (resolveCountry), null when none is given or it does not resolve. */
  country: string | null;
  countryRaw: string | null;
  /** The list's own label for the type, kept beside the vocabulary's (essential for `other`). */
  label: string;
  uncertainCountry?: boolean;
};

/** Lower-case ASCII words: 'passportNumber' → 'passport number', 'V.A.T. No.' → 'vat no'. */
function words(label: string): string {
  return anyAscii(label)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/\./g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const VOCABULARY = new Map<string, IdentifierType>(IDENTIFIER_TYPES.map((t) => [words(t).replace(/ /g, ''), t]));

/**
 * Whole labels that are codes or abbreviations: the EU FSF's identificationTypeCode values, the
 * UK list's types, the UN parser's fallback. Keys as `words()` writes them, without spaces.
 */
const CODES: Record<string, IdentifierType> = {
  // EU FSF (xmlFullSanctionsList_1_1 identificationTypeCode).
  passport: 'passportNumber',
  id: 'idNumber',
  nrn: 'idNumber',
  ssn: 'idNumber',
  birthcert: 'idNumber',
  nationcert: 'idNumber',
  travelcardid: 'idNumber',
  electionid: 'idNumber',
  residentperm: 'idNumber',
  drivinglicence: 'idNumber',
  regnumber: 'registrationNumber',
  tradelic: 'registrationNumber',
  fiscalcode: 'taxNumber',
  swiftbic: 'swiftBic',
  imo: 'imoNumber',
  // UK list (lib/import/uk-gov.ts).
  nationalid: 'idNumber',
  // FtM properties outside the vocabulary (database and register ids, not documents).
  permid: 'other',
  uniqueentityid: 'other',
  wikidataid: 'other',
  icijid: 'other',
  bikcode: 'other',
  usccode: 'registrationNumber',
  // A document or identification the list gives no type for.
  document: 'other',
  identification: 'other',
  other: 'other',
};

/**
 * Rules over the label's words, first match wins: the narrow and global types first, then the
 * kinds a broad word would swallow ('Tax ID' is a tax number, not an id; 'Military Registration
 * Number' a person's id, not a company's registration).
 */
const RULES: ReadonlyArray<readonly [RegExp, IdentifierType]> = [
  [/\bimo\b|international maritime organi[sz]ation/, 'imoNumber'],
  [/\bmmsi\b|maritime mobile service/, 'mmsi'],
  [/\bswift\b|\bbic\b/, 'swiftBic'],
  [/\blei\b|legal entity (?:identifier|number)/, 'leiCode'],
  [/\bogrn(?:ip)?\b|primary state registration|state (?:individual )?business registration number/, 'ogrnCode'],
  [/\binn\b|taxpayer identification number \(?inn/, 'innCode'],
  [/\bkpp\b|tax registration reason/, 'kppCode'],
  // NOTE: OFAC writes Russia's OKPO code (8 digits) as "Government Gazette Number".
  [/\bokpo\b|government gazette/, 'okpoCode'],
  [/\bvat\b|value added tax|\btva\b/, 'vatCode'],
  [/\btail number\b|\baircraft registration\b/, 'aircraftRegistration'],
  [/\b(?:manufacturer s|aircraft) serial\b|\bmsn\b|\bconstruction number\b/, 'serialNumber'],
  [/\bcall ?sign\b/, 'callSign'],
  [/\bun reference\b|\bun ref\b|united nations reference/, 'unReferenceNumber'],
  [/\bdigital currency\b|\bcrypto|\bwallet\b/, 'cryptoWallet'],
  [/\bpass?(?:port|eport|aporte)\b|\btravel document\b/, 'passportNumber'],
  // Documents of a person, whatever else their label says (registry, licence, certificate).
  [/\bresiden|\brefugee\b|\bbirth cert|\bdriv(?:er|ing)\b|\belectoral\b|\belection\b|\bvoter\b|\bmilitary\b|\bseafarer|\bimmigration\b|\bcitizen s card\b|\bnationality\b/, 'idNumber'],
  // Kept as `other` with their label: no vocabulary type says what they are (OFAC's choices too).
  [/\bpilot licen|\bpermit\b|\bvisa\b|\btrademark\b|\btarjeta profesional\b|\bd u n s\b|\bduns\b|\bisin\b|\bbik\b|\btransponder\b|\bdeportation\b|\bmoney service provider\b|\bration card\b|\bstudent\b|^serial (?:no|number)$/, 'other'],
  [/\btax\b|\bfiscal\b|\btribut|\bcontribuyente|\brfc\b|\bnit\b|\bruc\b|\brif\b|\brtn\b|\bcuit\b|\bcif\b|\bnif\b|\bnuit\b|\bfein\b|\bein\b|\btin\b|\brsin\b/, 'taxNumber'],
  [
    /\bregist|\bregnumber\b|\bcompany (?:number|no)\b|\bbusiness (?:number|no)\b|\benterprise number\b|\bchamber of comm|\bcommerc|\bincorporat|\bmercantil|\blicen[cs]e\b|\bcr\b|\bsocial credit\b|\buscc\b|\bcin\b|\borgani[sz]ation code\b|\bbranch unit\b|\bcharity\b|\bfile number\b|\bcbls\b/,
    'registrationNumber',
  ],
  [
    /\bid\b|\bidenti|\bcedula\b|\bcurp\b|\bdni\b|\bcuip?\b|\bife\b|\bnie\b|\bcnic\b|\bnic\b|\bcnp\b|\bnrn\b|\bssn\b|\bsocial security\b|\btazkira\b|\bpersonal (?:number|code|no)\b|\bnational (?:number|no)\b|\bcredencial\b|\bcartilla\b|\ble number\b|\bpersonalausweis\b|\bnational card\b|\bcivil\b|\bcarte\b|\bdocumento\b/,
    'idNumber',
  ],
];

/**
 * A list's label → the vocabulary, case- and punctuation-insensitively; unknown → 'other' (the
 * caller keeps the label). The vocabulary's own names (FtM property names) map to themselves.
 */
export function identifierType(label: string, ctx: IdentifierContext = {}): IdentifierType {
  const w = words(label).replace(/^(?:alt|alternate|alternative)\s+/, '');
  const compact = w.replace(/ /g, '');
  const type = VOCABULARY.get(compact) ?? CODES[compact] ?? RULES.find(([re]) => re.test(w))?.[1] ?? 'other';
  return type === 'registrationNumber' && ctx.schema === 'Airplane' ? 'aircraftRegistration' : type;
}

/**
 * An issuing country left inside the value: '4433172081 (Iran)', 'A123 (issued in Iran)'. Only a
 * parenthesis that resolves as a country is taken out; anything else stays part of the value.
 */
export function splitValueCountry(value: string): { value: string; countryRaw: string | null } {
  const m = /^(.*?\S)\s*\(\s*(?:issued\s+(?:in|by)\s+)?([^()]+?)\s*\)\s*$/i.exec(value.trim());
  if (m && m[1] && m[2] && resolveCountry(m[2])?.code) return { value: m[1].trim(), countryRaw: m[2] };
  return { value: value.trim(), countryRaw: null };
}

/**
 * The comparison form of a value: ASCII upper case, without spaces, punctuation and dashes. IMO
 * numbers lose their 'IMO'; a SWIFT/BIC compares on its first 8 characters (bank, country,
 * location: the branch code, 'XXX' for the head office, is optional).
 * Leading zeros are kept — they are part of passport, registration and company numbers (UK company
 * numbers are 8 characters, '01074897') — except for INN, KPP and OKPO: fixed-length Russian codes
 * starting with a region or office code from 01, whose leading zero sources lose when the number
 * passes through a spreadsheet.
 * Digital currency addresses are compared as written: base58 (Bitcoin) is case-sensitive; only
 * hexadecimal 0x… addresses (Ethereum), which are not, are lower-cased.
 */
export function identifierKey(type: IdentifierType, value: string): string {
  if (type === 'cryptoWallet') {
    const v = value.replace(/\s+/g, '');
    return /^0x[0-9a-f]+$/i.test(v) ? v.toLowerCase() : v;
  }
  const k = anyAscii(value).toUpperCase().replace(/[^A-Z0-9]/g, '');
  switch (type) {
    case 'imoNumber':
      return k.replace(/^IMO/, '');
    case 'swiftBic':
      return k.slice(0, 8);
    case 'innCode':
    case 'kppCode':
    case 'okpoCode':
      return k.replace(/^0+(?=\d)/, '');
    default:
      return k;
  }
}

const digitsOf = (value: string) => value.replace(/\s+/g, '');
const checkDigit = (digits: string, weights: number[]) => (weights.reduce((s, w, i) => s + w * Number(digits[i]), 0) % 11) % 10;

/** A Russian INN: 10 digits (an organisation) or 12 (a person), with their check digits. */
export function validInn(value: string): boolean {
  const d = digitsOf(value);
  if (/^\d{10}$/.test(d)) return checkDigit(d, [2, 4, 10, 3, 5, 9, 4, 6, 8]) === Number(d[9]);
  if (/^\d{12}$/.test(d)) {
    return checkDigit(d, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === Number(d[10]) && checkDigit(d, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === Number(d[11]);
  }
  return false;
}

/** A Russian OGRN (13 digits, the first 12 mod 11) or OGRNIP (15 digits, the first 14 mod 13); the last digit of the remainder. */
export function validOgrn(value: string): boolean {
  const d = digitsOf(value);
  if (/^\d{13}$/.test(d)) return Number((BigInt(d.slice(0, 12)) % 11n) % 10n) === Number(d[12]);
  if (/^\d{15}$/.test(d)) return Number((BigInt(d.slice(0, 14)) % 13n) % 10n) === Number(d[14]);
  return false;
}

/**
 * The Russian region (federal subject code, '77' Moscow) a number was issued in: an INN's and a
 * KPP's first two digits, an OGRN's 4th and 5th. Of two records carrying one number with different
 * regions in their addresses, this tells which one the number belongs to. null: not such a number.
 */
export function russianRegion(type: IdentifierType, value: string): string | null {
  const d = digitsOf(value);
  if (type === 'innCode' && /^(?:\d{10}|\d{12})$/.test(d)) return d.slice(0, 2);
  if (type === 'kppCode' && /^\d{9}$/.test(d)) return d.slice(0, 2);
  if (type === 'ogrnCode' && /^(?:\d{13}|\d{15})$/.test(d)) return d.slice(3, 5);
  return null;
}

const CODE_SOURCES = new Set(['opensanctions', 'eu-fsf']);

/**
 * The type a value shows once its country is known. OFAC labels Russia's INN 'Tax ID No.' and its
 * OGRN 'Registration Number': with the country Russia and a valid checksum they are those codes
 * (a checksum alone passes one number in ten by chance). 'Vessel Registration Identification'
 * holding 'IMO 9187629' is an IMO number.
 */
function refine(type: IdentifierType, value: string, country: string | null): IdentifierType {
  if ((type === 'registrationNumber' || type === 'other') && /^IMO\s*\d{7}$/i.test(value)) return 'imoNumber';
  if (country === 'ru' && type === 'taxNumber' && validInn(value)) return 'innCode';
  if (country === 'ru' && type === 'registrationNumber' && validOgrn(value)) return 'ogrnCode';
  return type;
}

/**
 * One identifier as a parser gives it → typed, keyed, its issuing country as a code. `type` is the
 * parser's (a vocabulary name or the list's label), `label` the list's own words when the parser
 * already mapped the type; a country left in the value ('123 (Iran)') is taken out when the item
 * has none.
 */
export function normalizeIdentifier(item: { type: string; value: string; country: string | null; label?: string }, ctx: IdentifierContext = {}): NormalizedIdentifier {
  const label = (item.label ?? item.type).trim();
  let type = identifierType(item.type, ctx);
  if (type === 'other' && item.label) type = identifierType(item.label, ctx);
  const split = splitValueCountry(item.value);
  const given = item.country?.trim() || null;
  const countryRaw = given ?? split.countryRaw;
  const codeField = ctx.countryCodes ?? (!!ctx.source && CODE_SOURCES.has(ctx.source));
  // NOTE: a country given by the item is read as its field holds it; one found in the value is a name.
  const resolved = given ? resolveCountry(given, { codeField }) : countryRaw ? resolveCountry(countryRaw) : null;
  const country = resolved?.code ?? null;
  const value = split.value;
  type = refine(type, value, country);
  return {
    type,
    value,
    key: identifierKey(type, value),
    country,
    countryRaw,
    label,
    ...(resolved?.code && resolved.uncertain ? { uncertainCountry: true } : {}),
  };
}
