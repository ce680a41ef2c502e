// The one parser of OFAC SDN.CSV's `Remarks` column (issue 24). OFAC packs an entry's facts there as
// fragments `Label value` separated by `; `, the whole ending with `.`:
//   DOB 21 Jan 1971; POB Tehran, Iran; nationality Iran; Passport A1234567 (Iran) expires 2020;
//   a.k.a. 'FOO'; Linked To: ISLAMIC REVOLUTIONARY GUARD CORPS.
// A closed table (REMARK_LABELS) says what each known label becomes. Nothing is dropped: a fragment
// the table does not map is kept, as written, in `notes`, and a label-like head of such a fragment is
// listed in `unmappedLabels` so a run's report can count it. Pure and deterministic: the same string
// always gives the same output, arrays in the order of the fragments.
import { parsePartialDate, type PartialDate } from '../dates';
import type { IdentifierType } from '../normalize/identifier-types';

/** SDN.CSV cuts Remarks at this many characters (the trailing space trimmed: 999 or 1,000 left). */
export const OFAC_REMARKS_MAX = 1000;

export type RemarkTarget =
  | { kind: 'birthDate' | 'birthPlace' | 'nationality' | 'citizenship' | 'gender' | 'website' | 'email' | 'phone' | 'linkedTo' | 'sanctionsInfo' | 'fact' }
  | { kind: 'identifier'; type: IdentifierType }
  | { kind: 'alias'; aliasKind: 'ALIAS' | 'PREVIOUS_NAME' };

const id = (type: IdentifierType): RemarkTarget => ({ kind: 'identifier', type });
const FACT: RemarkTarget = { kind: 'fact' };
const SANCTIONS: RemarkTarget = { kind: 'sanctionsInfo' };
const PHONE: RemarkTarget = { kind: 'phone' };

/**
 * Every label the SDN.CSV Remarks use (counted over the last row of all 15,892 entries of 2021–2024,
 * scripts/ofac-remarks-report.ts), as OFAC spells it. Matched case-insensitively, longest first, at
 * the start of a fragment (after an `alt.`), followed by a space, `:`, `,` or the end. A key ending
 * with `:` needs the colon (`Position:`; a note may begin "Position also referred to as …").
 */
export const REMARK_LABELS: Readonly<Record<string, RemarkTarget>> = {
  DOB: { kind: 'birthDate' },
  POB: { kind: 'birthPlace' },
  nationality: { kind: 'nationality' },
  citizen: { kind: 'citizenship' },
  Gender: { kind: 'gender' },
  'a.k.a.': { kind: 'alias', aliasKind: 'ALIAS' },
  'f.k.a.': { kind: 'alias', aliasKind: 'PREVIOUS_NAME' },
  // "now known as": the entry's current name, an alias of the listed one.
  'n.k.a.': { kind: 'alias', aliasKind: 'ALIAS' },
  'Linked To': { kind: 'linkedTo' },
  Website: { kind: 'website' },
  'Email Address': { kind: 'email' },
  Email: { kind: 'email' },
  'Phone Number': PHONE,
  'Phone No.': PHONE,
  Phone: PHONE,
  Telephone: PHONE,
  'Telephone No.': PHONE,
  'Telephone Number': PHONE,

  // Measures and the legal basis of the listing.
  'Additional Sanctions Information': SANCTIONS,
  'Secondary sanctions risk': SANCTIONS,
  'Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions': SANCTIONS,
  'Executive Order': SANCTIONS,
  'CAATSA Section': SANCTIONS,
  'IFCA Determination': SANCTIONS,
  'Listing Date': SANCTIONS,
  'Effective Date': SANCTIONS,
  'PEESA Information': SANCTIONS,

  // Identifiers. FtM has no property for a driver's licence, a birth certificate or a residence
  // permit: they go under the nearest type (identifier-types.ts), their label beside them.
  Passport: id('passportNumber'),
  'Diplomatic Passport': id('passportNumber'),
  'Passport Booklet': id('passportNumber'),
  'British National Overseas Passport': id('passportNumber'),
  'Stateless Person Passport': id('passportNumber'),
  'Travel Document Number': id('passportNumber'),

  'National ID No.': id('idNumber'),
  'Cedula No.': id('idNumber'),
  'C.U.R.P.': id('idNumber'),
  'C.U.R.P. #': id('idNumber'),
  CURP: id('idNumber'),
  'Kenyan ID No.': id('idNumber'),
  'D.N.I.': id('idNumber'),
  'Identification Number': id('idNumber'),
  'Personal ID Card': id('idNumber'),
  'National Foreign ID Number': id('idNumber'),
  'C.U.I.': id('idNumber'),
  'C.U.I.P.': id('idNumber'),
  'Credencial electoral': id('idNumber'),
  'Electoral Registry No.': id('idNumber'),
  'I.F.E.': id('idNumber'),
  "Citizen's Card Number": id('idNumber'),
  'Turkish Identification Number': id('idNumber'),
  'Numero de Identidad': id('idNumber'),
  'Moroccan Personal ID No.': id('idNumber'),
  'Bosnian Personal ID No.': id('idNumber'),
  'Tazkira National ID Card': id('idNumber'),
  'CNP (Personal Numerical Code)': id('idNumber'),
  'UAE Identification': id('idNumber'),
  'Stateless Person ID Card': id('idNumber'),
  'Refugee ID Card': id('idNumber'),
  'Residency Number': id('idNumber'),
  'Romanian Permanent Resident CAN': id('idNumber'),
  'Birth Certificate Number': id('idNumber'),
  SSN: id('idNumber'),
  'LE Number': id('idNumber'),
  'Cartilla de Servicio Militar Nacional': id('idNumber'),
  'Military Registration Number': id('idNumber'),
  'Immigration No.': id('idNumber'),
  'Public Security and Immigration No.': id('idNumber'),
  "Driver's License No.": id('idNumber'),
  'N.I.E.': id('idNumber'),
  "Seafarer's Identification Document": id('idNumber'),

  'Tax ID No.': id('taxNumber'),
  'NIT #': id('taxNumber'),
  RFC: id('taxNumber'),
  'R.F.C.': id('taxNumber'),
  'R.F.C. #': id('taxNumber'),
  'RUC #': id('taxNumber'),
  'RIF #': id('taxNumber'),
  RTN: id('taxNumber'),
  'C.U.I.T.': id('taxNumber'),
  'C.I.F.': id('taxNumber'),
  'US FEIN': id('taxNumber'),
  'Italian Fiscal Code': id('taxNumber'),
  'Fiscal Code': id('taxNumber'),
  'Romanian Tax Registration': id('taxNumber'),
  'Paraguayan tax identification number': id('taxNumber'),
  'Numero Unico de Identificacao Tributaria (NUIT)': id('taxNumber'),
  'N.I.F.': id('taxNumber'),
  RSIN: id('taxNumber'),
  'V.A.T. Number': id('vatCode'),

  'Registration Number': id('registrationNumber'),
  'Business Registration Number': id('registrationNumber'),
  'Business Registration Document #': id('registrationNumber'),
  'Business Number': id('registrationNumber'),
  'Company Number': id('registrationNumber'),
  'UK Company Number': id('registrationNumber'),
  'C.R. No.': id('registrationNumber'),
  'Romanian C.R.': id('registrationNumber'),
  'Commercial Registry Number': id('registrationNumber'),
  'Registration ID': id('registrationNumber'),
  'Public Registration Number': id('registrationNumber'),
  'Certificate of Incorporation Number': id('registrationNumber'),
  'Folio Mercantil No.': id('registrationNumber'),
  'Matricula Mercantil No': id('registrationNumber'),
  'Trade License No.': id('registrationNumber'),
  License: id('registrationNumber'),
  'Chamber of Commerce Number': id('registrationNumber'),
  'Istanbul Chamber of Comm. No.': id('registrationNumber'),
  'Dubai Chamber of Commerce Membership No.': id('registrationNumber'),
  'Central Registration System Number': id('registrationNumber'),
  'Enterprise Number': id('registrationNumber'),
  'Branch Unit Number': id('registrationNumber'),
  'Economic Register Number (CBLS)': id('registrationNumber'),
  'Unified Social Credit Code (USCC)': id('registrationNumber'),
  'United Social Credit Code Certificate (USCCC)': id('registrationNumber'),
  'Organization Code': id('registrationNumber'),
  'File Number': id('registrationNumber'),
  'Registered Charity No.': id('registrationNumber'),
  'C.I.N.': id('registrationNumber'),
  'MSB Registration Number': id('registrationNumber'),
  'Registration Certificate Number (Dubai)': id('registrationNumber'),
  'Tourism License No.': id('registrationNumber'),
  'Russian State Individual Business Registration Number Pattern (OGRNIP)': id('ogrnCode'),
  'Vessel Registration Identification': id('registrationNumber'),
  // Russia's OKPO code (8 or 10 digits), under the name of the gazette that publishes it.
  'Government Gazette Number': id('okpoCode'),
  'Legal Entity Number': id('leiCode'),
  LEI: id('leiCode'),
  'SWIFT/BIC': id('swiftBic'),
  // A shipping company's IMO number is as global as a ship's.
  'Vessel Registration Identification IMO': id('imoNumber'),
  'Identification Number IMO': id('imoNumber'),
  'Company Number IMO': id('imoNumber'),
  'International Maritime Organization No.': id('imoNumber'),
  MMSI: id('mmsi'),
  'Other Vessel Call Sign': id('callSign'),
  'Aircraft Tail Number': id('aircraftRegistration'),
  'Previous Aircraft Tail Number': id('aircraftRegistration'),
  "Aircraft Manufacturer's Serial Number (MSN)": id('serialNumber'),
  'Aircraft Serial Identification': id('serialNumber'),
  'Digital Currency Address': id('cryptoWallet'),
  'D-U-N-S Number': id('other'),
  ISIN: id('other'),
  'BIK (RU)': id('other'),
  'Aircraft Mode S Transponder Code': id('other'),
  'Pilot License Number': id('other'),
  'Permit Number': id('other'),
  'SRE Permit No.': id('other'),
  VisaNumberID: id('other'),
  'Afghan Money Service Provider License Number': id('other'),
  'Temporary suspension of deportation No.': id('other'),
  'Serial No.': id('other'),
  'Tarjeta Profesional': id('other'),
  'Trademark number': id('other'),

  // Facts about a vessel, an aircraft or an organisation (and a few about people), by label.
  'Organization Established Date': FACT,
  'Organization Type': FACT,
  'Organization:': FACT,
  'Target Type': FACT,
  'Nationality of Registration': FACT,
  'Vessel Year of Build': FACT,
  'Former Vessel Flag': FACT,
  'Other Vessel Flag': FACT,
  'Other Vessel Type': FACT,
  'Aircraft Model': FACT,
  'Aircraft Operator': FACT,
  'Aircraft Manufacture Date': FACT,
  'Aircraft Construction Number (also called L/N or S/N or F/N)': FACT,
  'Chinese Commercial Code': FACT,
  'Position:': FACT,
  'Alternate Title': FACT,
  'Occupation:': FACT,
  'Tribe:': FACT,
  'Subtribe:': FACT,
  'Interpol:': FACT,
  Fax: FACT,
  'Fax No.': FACT,
  TELEX: FACT,
};

export type OfacBirthDate = { value: string; circa?: boolean; to?: string };

export type OfacIdentifier = { type: IdentifierType; label: string; value: string; countryRaw: string | null; details: string | null };

export type OfacRemarks = {
  birthDates: OfacBirthDate[];
  birthPlaces: string[];
  nationalities: string[];
  citizenships: string[];
  gender: string | null;
  identifiers: OfacIdentifier[];
  aliases: Array<{ name: string; kind: 'ALIAS' | 'PREVIOUS_NAME' }>;
  websites: string[];
  emails: string[];
  phones: string[];
  linkedTo: string[];
  sanctionsInfo: string[];
  /** By the table's label (`Aircraft Model`, `Organization Type`…), values in file order. */
  facts: Record<string, string[]>;
  /** The fragments the table does not map, as written. */
  notes: string[];
  /** Label-like heads of notes (`Company ID`), one per fragment: what the table could learn. */
  unmappedLabels: string[];
  /** The column reached OFAC's 1,000 characters: what followed is lost, a last fragment cut short is a note. */
  truncated: boolean;
};

/** One fragment and what the table made of it; `key` is the table's label, null for a note. */
export type RemarkFragment = { text: string; key: string | null; label: string | null; value: string; target: RemarkTarget | null };

const LABELS = Object.entries(REMARK_LABELS)
  .map(([key, target]) => ({ key, target, match: key.replace(/:$/, '').toLowerCase(), colon: key.endsWith(':') }))
  .sort((a, b) => b.match.length - a.match.length || (a.match < b.match ? -1 : 1));

/**
 * The fragments of a Remarks string, as written. Splits at `;` outside parentheses (one entry holds
 * a parenthesised aside with its own `;`s), drops the closing `.`, and rejoins an `a.k.a. '…` whose
 * quote closes in a later piece (no real name holds `; ` today, but a name is free text).
 */
export function splitRemarks(remarks: string): { fragments: string[]; truncated: boolean; lastCut: boolean } {
  const text = remarks.trim();
  if (!text) return { fragments: [], truncated: false, lastCut: false };
  const truncated = text.length >= OFAC_REMARKS_MAX - 1;
  const pieces: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ';' && depth === 0) {
      pieces.push(text.slice(from, i));
      from = i + 1;
    }
  }
  pieces.push(text.slice(from));
  const fragments = joinOpenQuotes(pieces)
    .map((p) => p.trim())
    .filter(Boolean);
  const last = fragments.length - 1;
  // NOTE: a cut column may end in mid-word with a `.` of its own ("By U.S."): only a whole column
  // loses its closing full stop.
  if (last >= 0 && !truncated) fragments[last] = dropClosingStop(fragments[last] ?? '');
  // Cut right after a `;`, the last fragment is whole (what followed is lost).
  return { fragments: fragments.filter(Boolean), truncated, lastCut: truncated && !/;\s*$/.test(text) };
}

const ALIAS_START = /^(?:alt\.\s+)?[afn]\.k\.a\.,?\s+'/i;

/** Pieces as split (untrimmed, so a rejoined name keeps its spaces). */
function joinOpenQuotes(pieces: string[]): string[] {
  const out: string[] = [];
  const closes = (p: string | undefined) => /'\.?$/.test((p ?? '').trim());
  const isLabel = (p: string | undefined) => matchLabel((p ?? '').trim()) !== null;
  for (let i = 0; i < pieces.length; i++) {
    let piece = pieces[i] ?? '';
    if (ALIAS_START.test(piece.trim()) && !closes(piece)) {
      // Only when a later piece closes the quote before anything that starts like a label.
      let j = i + 1;
      while (j < pieces.length && !closes(pieces[j]) && !isLabel(pieces[j])) j++;
      if (j < pieces.length && closes(pieces[j]) && !isLabel(pieces[j])) {
        piece = pieces.slice(i, j + 1).join(';');
        i = j;
      }
    }
    out.push(piece);
  }
  return out;
}

// NOTE: the closing `.` also ends an abbreviation the name needs ("… S.A.", "… LTD."): OFAC writes
// one stop for both. Dotted initials keep it always; LTD./CO./LTDA. keep it too, as most names
// that end the column with them carry it (331 of 478 in the 2021–2024 history).
const KEEPS_STOP = /(?:^|[\s,(])(?:(?:[A-Z]{1,3}\.){2,}|(?:[a-z]\.){2,}|LTD\.|Ltd\.|CO\.|Co\.|LTDA\.|Ltda\.)$/;

function dropClosingStop(fragment: string): string {
  if (!fragment.endsWith('.') || KEEPS_STOP.test(fragment)) return fragment;
  return fragment.slice(0, -1).trimEnd();
}

function matchLabel(fragment: string): { key: string; label: string; value: string; target: RemarkTarget } | null {
  const alt = /^alt\.\s+/i.exec(fragment);
  const body = alt ? fragment.slice(alt[0].length) : fragment;
  const lower = body.toLowerCase();
  for (const l of LABELS) {
    if (!lower.startsWith(l.match)) continue;
    let end = l.match.length;
    const next = body[end];
    if (next !== undefined && next !== ':' && next !== ',' && !/\s/.test(next)) continue;
    if (l.colon && next !== ':') continue;
    const label = body.slice(0, end);
    if (next === ':' || next === ',') end++;
    return { key: l.key.replace(/:$/, ''), label, value: body.slice(end).trim(), target: l.target };
  }
  return null;
}

/** Each fragment of a Remarks string with its label and target; null target: kept as a note. */
export function classifyRemarks(remarks: string): { fragments: RemarkFragment[]; truncated: boolean; lastCut: boolean } {
  const { fragments, truncated, lastCut } = splitRemarks(remarks);
  const out = fragments.map((text, i): RemarkFragment => {
    const cut = lastCut && i === fragments.length - 1;
    const m = cut ? null : matchLabel(text);
    if (!m || !isValid(m.target, m.value)) return { text, key: null, label: null, value: text, target: null };
    return { text, ...m };
  });
  return { fragments: out, truncated, lastCut };
}

function isValid(target: RemarkTarget, value: string): boolean {
  if (!value) return false;
  switch (target.kind) {
    case 'birthDate':
      return parseDob(value) !== null;
    case 'gender':
      return /^(Male|Female)$/i.test(value);
    case 'alias':
      return /^'.*'$/s.test(value) && value.length > 2;
    case 'website':
      return !/\s/.test(value);
    case 'email':
      return /^\S+@\S+$/.test(value);
    case 'phone':
      return /\d/.test(value);
    case 'identifier':
      return parseIdentifier(target.type, '', value) !== null;
    default:
      return true;
  }
}

const MONTHS: Record<string, string> = { jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06', jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12' };

/** '21 Jan 1971' → '1971-01-21', 'Jan 1971' → '1971-01', '1971' → '1971'; null if not a real date. */
function ofacDate(text: string): string | null {
  const m = /^(?:(\d{1,2})\s+)?(?:([A-Za-z]{3})\s+)?(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const [, d, mon, y] = m;
  const mm = mon ? MONTHS[mon.toLowerCase()] : undefined;
  if (mon && !mm) return null;
  if (d && !mm) return null;
  const value = d ? `${y}-${mm}-${d.padStart(2, '0')}` : mm ? `${y}-${mm}` : (y ?? '');
  return parsePartialDate(value) ? value : null;
}

/** 'circa 1957', '1960 to 1962', '01 Jan 1961 to 31 Dec 1962', 'circa 1979-1982', 'Mar 1970'. */
export function parseDob(text: string): OfacBirthDate | null {
  let rest = text.trim();
  const circa = /^circa\s+/i.exec(rest);
  if (circa) rest = rest.slice(circa[0].length);
  const range = /^(.+?)\s+to\s+(.+)$/i.exec(rest) ?? /^(\d{4})-(\d{4})$/.exec(rest);
  const from = ofacDate(range ? (range[1] ?? '') : rest);
  const to = range ? ofacDate(range[2] ?? '') : null;
  if (!from || (range && !to)) return null;
  return { value: from, ...(circa ? { circa: true } : {}), ...(to ? { to } : {}) };
}

/**
 * The entity's birth date from its first DOB. A range gives its start at the precision the range
 * is stated in: '01 Jan 1961 to 31 Dec 1962' is 1961 (YEAR), not 1 January 1961.
 */
export function birthDateOf(dob: OfacBirthDate | undefined): PartialDate | null {
  if (!dob) return null;
  let value = dob.value;
  if (dob.to) value = value.replace(/-01-01$/, '').replace(/^(\d{4}-\d{2})-01$/, '$1');
  return parsePartialDate(value);
}

// Global identifiers merge entities across lists (identifier-types.ts): a value of another shape
// under their label is kept as `other` ("Legal Entity Number 851683897 (Netherlands)" is no LEI).
const SHAPES: Partial<Record<IdentifierType, RegExp>> = {
  leiCode: /^[0-9A-Z]{18}[0-9]{2}$/,
  swiftBic: /^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/,
  mmsi: /^\d{9}$/,
};

const DETAILS = /\s+(?=(?:issued|expires|expired|Issue Date)\b)/i;

function parseIdentifier(type: IdentifierType, label: string, text: string): OfacIdentifier | null {
  let rest = text.trim();
  if (type === 'cryptoWallet') {
    // 'Digital Currency Address - XBT 1Kuf…': the currency belongs to the label.
    const m = /^-\s*(\S+)\s+(\S+)$/.exec(rest);
    if (!m) return null;
    return { type, label: `${label} - ${m[1]}`, value: m[2] ?? '', countryRaw: null, details: null };
  }
  let details: string | null = null;
  const d = DETAILS.exec(rest);
  if (d) {
    details = rest.slice(d.index).trim().replace(/^,\s*/, '');
    rest = rest.slice(0, d.index);
  }
  let countryRaw: string | null = null;
  // Only a group after a space: 'D489833(9)' is a Hong Kong id with its check digit.
  const c = /\s+\(([^()]+)\)$/.exec(rest);
  if (c && c.index > 0) {
    countryRaw = (c[1] ?? '').trim();
    rest = rest.slice(0, c.index);
  }
  // 'International Maritime Organization No. (5777731)'
  const value = rest.trim().replace(/,$/, '').replace(/^\((.+)\)$/, '$1');
  // A value is a code: it has a digit (tail numbers, BICs and call signs may not), and few words
  // ("Passport OR801168 and Kuwaiti National ID No. 281020505755 issued under the name …" is prose).
  const codeLike = /\d/.test(value) || (['aircraftRegistration', 'swiftBic', 'callSign'].includes(type) && /^[A-Z0-9-]+$/.test(value));
  if (!value || !codeLike || value.split(/\s+/).filter((w) => !/\d/.test(w)).length > 3) return null;
  const shape = SHAPES[type];
  return { type: shape && !shape.test(value) ? 'other' : type, label, value, countryRaw, details };
}

// A note that starts like `Label value` ("Company ID: No. 59 531", "Foo Number 123"): its label.
const ID_WORD = /(?:No\.?|Number|Numbers|ID|#|Code|Card|Certificate|Licen[cs]e|Permit|Document|Identification|Registration|Register|Registry|Date|Address)$/i;

function unmappedLabelOf(text: string): string | null {
  const words = text.replace(/^alt\.\s+/i, '').split(/\s+/);
  const head: string[] = [];
  for (const w of words) {
    if (/\d/.test(w) || head.length === 6) break;
    head.push(w);
    if (w.endsWith(':')) return /^[A-Z]/.test(head[0] ?? '') ? head.join(' ').slice(0, -1) : null;
  }
  const label = head.join(' ');
  const hasValue = head.length < words.length && head.length > 0;
  return hasValue && /^[A-Z]/.test(label) && ID_WORD.test(label) ? label : null;
}

/** The whole Remarks column, parsed. Empty input → empty output. */
export function parseOfacRemarks(remarks: string | null | undefined): OfacRemarks {
  const out: OfacRemarks = {
    birthDates: [],
    birthPlaces: [],
    nationalities: [],
    citizenships: [],
    gender: null,
    identifiers: [],
    aliases: [],
    websites: [],
    emails: [],
    phones: [],
    linkedTo: [],
    sanctionsInfo: [],
    facts: {},
    notes: [],
    unmappedLabels: [],
    truncated: false,
  };
  const { fragments, truncated, lastCut } = classifyRemarks(remarks ?? '');
  out.truncated = truncated;
  fragments.forEach((f, i) => {
    const note = () => {
      out.notes.push(f.text);
      const label = lastCut && i === fragments.length - 1 ? null : unmappedLabelOf(f.text);
      if (label) out.unmappedLabels.push(label);
    };
    const t = f.target;
    if (!t || !f.key || f.label === null) return note();
    switch (t.kind) {
      case 'birthDate': {
        const dob = parseDob(f.value);
        if (!dob) return note();
        out.birthDates.push(dob);
        return;
      }
      case 'birthPlace':
        out.birthPlaces.push(f.value);
        return;
      case 'nationality':
        out.nationalities.push(f.value);
        return;
      case 'citizenship':
        out.citizenships.push(f.value);
        return;
      case 'gender':
        // One gender per entry; a second statement stays visible as a note.
        if (out.gender !== null) return note();
        out.gender = f.value;
        return;
      case 'identifier': {
        const ident = parseIdentifier(t.type, f.label, f.value);
        if (!ident) return note();
        out.identifiers.push(ident);
        return;
      }
      case 'alias':
        out.aliases.push({ name: f.value.slice(1, -1).trim(), kind: t.aliasKind });
        return;
      case 'website':
        out.websites.push(f.value);
        return;
      case 'email':
        out.emails.push(f.value);
        return;
      case 'phone':
        out.phones.push(f.value);
        return;
      case 'linkedTo':
        out.linkedTo.push(f.value);
        return;
      case 'sanctionsInfo':
        // The label is half the meaning ("Secondary sanctions risk: …"): the fragment as written.
        out.sanctionsInfo.push(f.text.replace(/^alt\.\s+/i, ''));
        return;
      case 'fact':
        (out.facts[f.key] ??= []).push(f.value);
        return;
    }
  });
  return out;
}

/** How many of the fragments `parseOfacRemarks` placed outside `notes` (for reports and tests). */
export function countMapped(r: OfacRemarks): number {
  const facts = Object.values(r.facts).reduce((n, v) => n + v.length, 0);
  return (
    r.birthDates.length +
    r.birthPlaces.length +
    r.nationalities.length +
    r.citizenships.length +
    (r.gender === null ? 0 : 1) +
    r.identifiers.length +
    r.aliases.length +
    r.websites.length +
    r.emails.length +
    r.phones.length +
    r.linkedTo.length +
    r.sanctionsInfo.length +
    facts
  );
}
