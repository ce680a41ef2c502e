// The UK government's own UK Sanctions List (FCDO, https://sanctionslist.fcdo.gov.uk/docs/): the CSV
// (`Report Date: …` line, then a header `Last Updated,Unique ID,OFSI Group ID,…,Name 6,Name 1…`,
// one line per name or address of an entry) and the XML (<Designations><Designation> with
// <UniqueID>, <Names><Name>, <DateDesignated>, <RegimeName>, <IndividualEntityShip>…).
// NOTE: no real file of these formats is stored here; the parsers follow the published layout and
// are tested on small files the tests construct. An entry is keyed by its Unique ID (RUS1652), the
// same key as the normalised subjects.csv in data/uk, so both converge on one designation.
//
// Edition date: the CSV's first line `Report Date: 01-May-2026`; the XML's <DateGenerated> under
// <Designations> (DD/MM/YYYY). Either is handed to the caller's `onEditionDate` as YYYY-MM-DD;
// one that is not a date is passed as null (not fatal: the loader then asks for the date).
import { parsePartialDate, parseSlashedDate, type PartialDate } from '../dates';
import { fileLabel, fileSize, readCsvRows } from './read';
import { ImportFileError, type AliasKindName, type EntitySchemaName, type ParseContext, type SourceRecord } from './types';
import { drainXml, xmlFind, xmlKid, xmlKids, xmlText, xmlVal, type XmlElement } from './xml';

export const UK_AUTHORITY = 'UK';
export const UK_ORIGIN = 'uk-list';
export const UK_LIST_URL = 'https://www.gov.uk/government/publications/the-uk-sanctions-list';

const SCHEMA: Record<string, EntitySchemaName> = { individual: 'Person', entity: 'Organization', ship: 'Vessel' };

/** The columns the CSV parser needs; the FCDO header has ~58. */
export const UK_GOV_COLUMNS = ['Unique ID', 'Name 6', 'Name type', 'Regime Name', 'Designation Type', 'Date Designated'] as const;

type Name = { full: string; type: string; strength: string };

/** One entry of the list, gathered from its lines (CSV) or its element (XML). */
export type UkGovEntry = {
  id: string;
  at: string;
  type: string;
  designated: string;
  names: Name[];
  regime: string;
  unRef: string;
  ofsiGroupId: string;
  lastUpdated: string;
  measures: string[];
  reason: string;
  otherInfo: string;
  addresses: string[];
  countries: string[];
  dobs: string[];
  identifiers: Array<{ type: string; value: string; country: string | null }>;
};

const uniq = <T>(xs: T[]) => [...new Set(xs)];
const joinNonEmpty = (parts: Array<string | undefined>, sep = ', ') => parts.map((p) => (p ?? '').trim()).filter(Boolean).join(sep);

/** 'dd/mm/yyyy' where unknown parts are 00 ('00/00/1975', '00/06/1975') → a partial date. */
export function parseUkDob(value: string): PartialDate | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  if (!m) return parsePartialDate(value.trim());
  const [, d = '', mo = '', y = ''] = m;
  if (Number(mo) === 0) return parsePartialDate(y);
  if (Number(d) === 0) return parsePartialDate(`${y}-${mo.padStart(2, '0')}`);
  return parseSlashedDate(value.trim());
}

export function ukGovEntryToRecord(e: UkGovEntry): SourceRecord {
  const regime = /^([A-Z]+)\d+$/.exec(e.id)?.[1];
  if (!regime) throw new Error(`"${e.id}" is not a UK unique id (letters then digits, e.g. RUS1652)`);
  const schema = SCHEMA[e.type.trim().toLowerCase()];
  if (!schema) throw new Error(`entry ${e.id}: unknown designation type "${e.type}" (expected Individual, Entity or Ship)`);
  const designated = parseSlashedDate(e.designated.trim()) ?? parsePartialDate(e.designated.trim().slice(0, 10));
  if (!designated) throw new Error(`entry ${e.id}: the date designated "${e.designated}" is not a DD/MM/YYYY date`);
  const names = e.names.filter((n) => n.full);
  const primary = names.find((n) => /^primary name$/i.test(n.type)) ?? names.find((n) => /^primary/i.test(n.type)) ?? names[0];
  if (!primary) throw new Error(`entry ${e.id} has no name`);
  const aliases: Array<{ name: string; kind: AliasKindName }> = [];
  for (const n of names) if (n.full !== primary.full && !aliases.some((a) => a.name === n.full)) aliases.push({ name: n.full, kind: /low/i.test(n.strength) ? 'WEAK_ALIAS' : 'ALIAS' });
  let birthDate: PartialDate | null = null;
  for (const d of e.dobs) if ((birthDate = parseUkDob(d))) break;
  const extra: Record<string, unknown> = {};
  if (e.ofsiGroupId) extra.ofsiGroupId = e.ofsiGroupId;
  if (e.lastUpdated) extra.lastUpdated = e.lastUpdated;
  if (e.regime) extra.regimeName = e.regime;
  if (e.otherInfo) extra.otherInformation = e.otherInfo;
  const identifiers = [...(e.unRef ? [{ type: 'unReferenceNumber', value: e.unRef, country: null }] : []), ...e.identifiers];
  return {
    key: e.id,
    at: e.at,
    entity: {
      source: UK_ORIGIN,
      externalId: e.id,
      schema,
      name: primary.full,
      aliases,
      countries: uniq(e.countries.filter(Boolean)),
      addresses: uniq(e.addresses.filter(Boolean)),
      birthDate: schema === 'Person' ? birthDate : null,
      identifiers: identifiers.filter((i, k) => identifiers.findIndex((j) => j.type === i.type && j.value === i.value) === k),
      notes: null,
      extra: Object.keys(extra).length ? extra : null,
    },
    designations: [
      {
        origin: UK_ORIGIN,
        originKey: e.id,
        entity: { source: UK_ORIGIN, externalId: e.id },
        authorityId: UK_AUTHORITY,
        // NOTE: the regime is the Unique ID's letters, as for the normalised CSV (same program codes).
        programs: [regime],
        listingDate: designated,
        startDate: designated,
        endDate: null,
        reason: e.reason || null,
        measures: uniq(e.measures),
        legalAct: null,
        authorityRecordId: e.id,
        sourceUrl: UK_LIST_URL,
      },
    ],
    relationships: [],
  };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * A date as the UK list writes its edition's: '01/05/2026', '01-May-2026', '1 May 2026' or
 * '2026-05-01', a time after it ignored → '2026-05-01'; null when it is none of these or not a
 * real date.
 */
export function ukEditionDate(value: string): string | null {
  const v = value.trim();
  let parts: [string, string, string] | null = null;
  const slashed = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\b/.exec(v);
  const worded = /^(\d{1,2})[-\s]([A-Za-z]{3,9})\.?[-\s](\d{4})\b/.exec(v);
  const iso = /^(\d{4})-(\d{2})-(\d{2})\b/.exec(v);
  if (slashed) parts = [slashed[3] ?? '', slashed[2] ?? '', slashed[1] ?? ''];
  else if (worded) {
    const month = MONTHS.indexOf((worded[2] ?? '').slice(0, 3).toLowerCase()) + 1;
    if (month) parts = [worded[3] ?? '', String(month), worded[1] ?? ''];
  } else if (iso) parts = [iso[1] ?? '', iso[2] ?? '', iso[3] ?? ''];
  if (!parts) return null;
  const date = `${parts[0]}-${parts[1].padStart(2, '0')}-${parts[2].padStart(2, '0')}`;
  return parsePartialDate(date) ? date : null;
}

/** Told the edition date the file states (YYYY-MM-DD), or null when the date it states is not one. */
export type OnEditionDate = (date: string | null) => void;

const splitMeasures = (v: string) => v.split(/\||;/).map((m) => m.replace(/^\s*\d+\.\s*/, '').trim()).filter(Boolean);

/** What the first lines of a UK CSV say it is. */
export type UkCsvKind = 'subjects' | 'names' | 'gov' | 'ofsi-conlist';

export async function ukCsvKind(file: string): Promise<{ kind: UkCsvKind | null; header: string[] }> {
  let n = 0;
  for await (const { fields } of readCsvRows(file)) {
    const f = fields.map((x) => x.trim());
    if (f.includes('name_id')) return { kind: 'names', header: f };
    if (f.includes('subject_type')) return { kind: 'subjects', header: f };
    if (f.includes('Unique ID') && f.includes('Name 6')) return { kind: 'gov', header: f };
    if (f.includes('Group ID') && f.includes('Name 6')) return { kind: 'ofsi-conlist', header: f };
    // The FCDO file starts with `Report Date: …`, OFSI's with `Last Updated,DD/MM/YYYY`: one line, then the header.
    if (++n >= 2 || !(/^report date/i.test(f[0] ?? '') || /^last updated$/i.test(f[0] ?? ''))) return { kind: null, header: f };
  }
  throw new ImportFileError(fileLabel(file), null, 'the file is empty');
}

/** The FCDO CSV: lines grouped into entries by Unique ID, yielded in the order they first appear; the `Report Date:` line is the edition's date. */
export async function* parseUkGovCsv(file: string, ctx: ParseContext, onEditionDate?: OnEditionDate): AsyncGenerator<SourceRecord> {
  const label = fileLabel(file);
  const total = fileSize(file);
  let records = 0;
  let header: string[] | null = null;
  const entries = new Map<string, UkGovEntry>();
  for await (const { fields, line } of readCsvRows(file, { onBytes: (b) => ctx.onProgress?.({ bytesRead: b, bytesTotal: total, records }) })) {
    if (!header) {
      const f = fields.map((x) => x.trim());
      // `Report Date: 01-May-2026` (or `Report Date:,01-May-2026`), the line before the header.
      const reported = /^report date\s*:?\s*(.*)$/i.exec(f.filter(Boolean).join(' '));
      if (reported) onEditionDate?.(ukEditionDate(reported[1] ?? ''));
      if (f.includes('Unique ID')) {
        const missing = UK_GOV_COLUMNS.filter((c) => !f.includes(c));
        if (missing.length) throw new ImportFileError(label, `line ${line}`, `wrong header for the UK Sanctions List CSV: missing column(s) ${missing.join(', ')}`);
        header = f;
      }
      continue;
    }
    if (fields.length !== header.length) throw new ImportFileError(label, `line ${line}`, `expected ${header.length} fields as in the header, found ${fields.length}`);
    const row: Record<string, string> = {};
    header.forEach((h, i) => (row[h] = (fields[i] ?? '').trim()));
    const id = row['Unique ID'] ?? '';
    if (!id) throw new ImportFileError(label, `line ${line}`, 'the Unique ID is empty');
    let e = entries.get(id);
    if (!e) {
      e = { id, at: `${label} line ${line}`, type: row['Designation Type'] ?? '', designated: row['Date Designated'] ?? '', names: [], regime: row['Regime Name'] ?? '', unRef: row['UN Reference Number'] ?? '', ofsiGroupId: row['OFSI Group ID'] ?? '', lastUpdated: row['Last Updated'] ?? '', measures: [], reason: '', otherInfo: '', addresses: [], countries: [], dobs: [], identifiers: [] };
      entries.set(id, e);
      records++;
    }
    const full = joinNonEmpty(['Name 1', 'Name 2', 'Name 3', 'Name 4', 'Name 5', 'Name 6'].map((c) => row[c]), ' ');
    if (full) e.names.push({ full, type: row['Name type'] ?? '', strength: row['Alias strength'] ?? '' });
    e.measures.push(...splitMeasures(row['Sanctions Imposed'] ?? ''));
    e.reason ||= row['UK Statement of Reasons'] ?? '';
    e.otherInfo ||= row['Other Information'] ?? '';
    const address = joinNonEmpty(['Address Line 1', 'Address Line 2', 'Address Line 3', 'Address Line 4', 'Address Line 5', 'Address Line 6', 'Address Postal Code', 'Address Country'].map((c) => row[c]));
    if (address) e.addresses.push(address);
    e.countries.push(...(row['Nationality(/ies)'] ?? '').split(/[|;]/).map((c) => c.trim()), row['Address Country'] ?? '');
    if (row['D.O.B']) e.dobs.push(...(row['D.O.B'] ?? '').split(/[|;]/).map((d) => d.trim()).filter(Boolean));
    for (const [col, type] of [['Passport number', 'passport'], ['National Identifier number', 'nationalId'], ['IMO number', 'IMO'], ['Business registration number (s)', 'registrationNumber']] as const) {
      for (const value of (row[col] ?? '').split(/[|;]/).map((v) => v.trim()).filter(Boolean)) {
        if (!e.identifiers.some((i) => i.type === type && i.value === value)) e.identifiers.push({ type, value, country: null });
      }
    }
  }
  if (!header) throw new ImportFileError(label, null, 'no header row with "Unique ID": not a UK Sanctions List CSV');
  for (const e of entries.values()) {
    try {
      yield ukGovEntryToRecord(e);
    } catch (err) {
      throw new ImportFileError(label, e.at.replace(`${label} `, ''), err instanceof Error ? err.message : String(err));
    }
  }
}

function ukXmlEntry(el: XmlElement, at: string): UkGovEntry {
  const all = (name: string) => xmlFind(el, name).map(xmlText).filter(Boolean);
  const names = xmlKids(xmlKid(el, 'Names'), 'Name').map((n) => ({
    full: joinNonEmpty(['Name1', 'Name2', 'Name3', 'Name4', 'Name5', 'Name6'].map((c) => xmlVal(n, c)), ' '),
    type: xmlVal(n, 'NameType'),
    strength: xmlVal(n, 'AliasStrength'),
  }));
  const addresses = xmlFind(el, 'Address').map((a) => joinNonEmpty(['AddressLine1', 'AddressLine2', 'AddressLine3', 'AddressLine4', 'AddressLine5', 'AddressLine6', 'AddressPostalCode', 'AddressCountry'].map((c) => xmlVal(a, c))));
  const ids = (name: string, type: string) => all(name).map((value) => ({ type, value, country: null }));
  return {
    id: xmlVal(el, 'UniqueID'),
    at,
    type: xmlVal(el, 'IndividualEntityShip'),
    designated: xmlVal(el, 'DateDesignated'),
    names,
    regime: xmlVal(el, 'RegimeName'),
    unRef: xmlVal(el, 'UNReferenceNumber'),
    ofsiGroupId: xmlVal(el, 'OFSIGroupID'),
    lastUpdated: xmlVal(el, 'LastUpdated'),
    measures: splitMeasures(all('SanctionsImposed').join('|')),
    reason: xmlVal(el, 'UKStatementofReasons'),
    otherInfo: xmlVal(el, 'OtherInformation'),
    addresses,
    countries: [...all('Nationality'), ...xmlFind(el, 'Address').map((a) => xmlVal(a, 'AddressCountry'))],
    dobs: all('DOB'),
    identifiers: [...ids('PassportNumber', 'passport'), ...ids('NationalIdentifierNumber', 'nationalId'), ...ids('IMONumber', 'IMO'), ...ids('BusinessRegistrationNumber', 'registrationNumber')],
  };
}

/** The FCDO XML: one <Designation> at a time; <DateGenerated> is the edition's date. */
export async function* parseUkGovXml(file: string, ctx: ParseContext, onEditionDate?: OnEditionDate): AsyncGenerator<SourceRecord> {
  const label = fileLabel(file);
  const ready: SourceRecord[] = [];
  let n = 0;
  yield* drainXml({
    file,
    ctx,
    roots: ['Designations'],
    formatName: 'a UK Sanctions List XML (<Designations>)',
    capture: (name, path) => path.length === 1 && (name === 'Designation' || name === 'DateGenerated'),
    onElement: (el, _path, where) => {
      if (el.name === 'DateGenerated') {
        onEditionDate?.(ukEditionDate(xmlText(el)));
        return;
      }
      const at = `Designation ${++n}, ${where}`;
      try {
        const entry = ukXmlEntry(el, at);
        if (!entry.id) throw new Error('a Designation without a UniqueID');
        ready.push(ukGovEntryToRecord(entry));
      } catch (err) {
        throw new ImportFileError(label, at, err instanceof Error ? err.message : String(err));
      }
    },
  }, ready);
}
