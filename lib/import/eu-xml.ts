// The EU's own Financial Sanctions Files (FSF) XML, "xmlFullSanctionsList_1_1", namespace
// http://eu.europa.ec/fpi/fsd/export: <export generationDate=…> holds one <sanctionEntity logicalId=…
// euReferenceNumber=… designationDate=…> per listing, with <regulation publicationDate=…
// entryIntoForceDate=… numberTitle=… programme=…>, <subjectType code=person|enterprise>, <nameAlias>,
// <citizenship>, <birthdate>, <identification>, <address> — all facts in attributes.
// NOTE: no real FSF file is stored here; this parser follows the published schema and is tested
// on small files the tests construct (lib/import/list-xml.test.ts, test/fixtures/malformed).
//
// Identity: a listing is keyed by the FSF's own logicalId under its own origin `eu-fsf`. The annex
// CSVs (eu-csv) key a listing by act + annex section + number in that section; the FSF carries
// neither the annex section nor that number, and the CSVs carry no FSF id, so the two EU formats
// cannot be keyed alike. A database should take its EU listings from one of the two (the seed uses
// the annex CSVs, which give the Official Journal's dates of listing); cross-list resolution
// (strong identifiers) is what joins their entities.
//
// Edition date: the root's generationDate="2024-05-03T17:03:46.123+02:00", its date part as written
// (the file's own calendar day, no conversion to UTC). The root's attributes are read from the head
// of the file (its first chunk) once the stream has read the entries: streamXml hands out captured
// elements, never the root.
import { SaxesParser } from 'saxes';
import { parsePartialDate, type PartialDate } from '../dates';
import { fileLabel, readTextChunks } from './read';
import { countInto, ImportFileError, type AliasKindName, type EntitySchemaName, type ParseContext, type ParsedImport, type SourceRecord } from './types';
import { drainXml, xmlAttr, xmlKids, xmlText, xsDate, type XmlElement } from './xml';

export const EU_AUTHORITY = 'EU';
export const EU_FSF_ORIGIN = 'eu-fsf';
export const EU_FSF_URL = 'https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content';

const SCHEMA: Record<string, EntitySchemaName> = { person: 'Person', P: 'Person', enterprise: 'Organization', E: 'Organization' };
const MODELLED = new Set(['remark', 'regulation', 'subjectType', 'nameAlias', 'citizenship', 'birthdate', 'identification', 'address']);

const joinNonEmpty = (parts: string[], sep = ', ') => parts.map((p) => p.trim()).filter(Boolean).join(sep);

function aliasName(a: XmlElement): string {
  return xmlAttr(a, 'wholeName') || joinNonEmpty([xmlAttr(a, 'firstName'), xmlAttr(a, 'middleName'), xmlAttr(a, 'lastName')], ' ');
}

/** <birthdate birthdate="1937-04-28"> or year / monthOfYear / dayOfMonth parts → a partial date. */
function birthDateOf(b: XmlElement): PartialDate | null {
  const full = xsDate(xmlAttr(b, 'birthdate'));
  if (full) return parsePartialDate(full);
  const y = xmlAttr(b, 'year');
  if (!/^\d{4}$/.test(y)) return null;
  const m = xmlAttr(b, 'monthOfYear');
  const d = xmlAttr(b, 'dayOfMonth');
  if (m && d) return parsePartialDate(`${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);
  if (m) return parsePartialDate(`${y}-${m.padStart(2, '0')}`);
  return parsePartialDate(y);
}

export function euSanctionEntityToRecord(el: XmlElement, at: string, ctx: ParseContext): SourceRecord {
  const id = xmlAttr(el, 'logicalId');
  if (!/^\d+$/.test(id)) throw new Error(`a sanctionEntity without a numeric logicalId ("${id}")`);
  const subject = xmlKids(el, 'subjectType')[0];
  const code = xmlAttr(subject, 'code') || xmlAttr(subject, 'classificationCode');
  const schema = SCHEMA[code];
  if (!schema) throw new Error(`sanctionEntity ${id}: unknown subjectType "${code}" (expected person or enterprise)`);
  const names = xmlKids(el, 'nameAlias').map((a) => ({ name: aliasName(a), strong: xmlAttr(a, 'strong') !== 'false', el: a }));
  const primary = names.find((n) => n.name && n.strong) ?? names.find((n) => n.name);
  if (!primary) throw new Error(`sanctionEntity ${id} has no name (nameAlias wholeName)`);
  const aliases: Array<{ name: string; kind: AliasKindName }> = [];
  for (const n of names) if (n !== primary && n.name && n.name !== primary.name && !aliases.some((a) => a.name === n.name)) aliases.push({ name: n.name, kind: n.strong ? 'ALIAS' : 'WEAK_ALIAS' });
  const countries = [...new Set([...xmlKids(el, 'citizenship'), ...xmlKids(el, 'address')].map((c) => xmlAttr(c, 'countryDescription') || xmlAttr(c, 'countryIso2Code')).filter((c) => c && c !== '00' && c.toUpperCase() !== 'UNKNOWN'))];
  const addresses = xmlKids(el, 'address')
    .map((a) => joinNonEmpty(['street', 'poBox', 'city', 'zipCode', 'region', 'place', 'countryDescription'].map((k) => xmlAttr(a, k))))
    .filter(Boolean);
  let birthDate: PartialDate | null = null;
  for (const b of xmlKids(el, 'birthdate')) if ((birthDate = birthDateOf(b))) break;
  const identifiers = xmlKids(el, 'identification')
    .map((i) => ({ type: xmlAttr(i, 'identificationTypeCode') || xmlAttr(i, 'identificationTypeDescription') || 'identification', value: xmlAttr(i, 'number') || xmlAttr(i, 'latinNumber'), country: xmlAttr(i, 'countryIso2Code') && xmlAttr(i, 'countryIso2Code') !== '00' ? xmlAttr(i, 'countryIso2Code') : null }))
    .filter((i) => i.value);

  // The listing: its acts, their programmes, and the earliest date one of them took effect.
  const regulations = xmlKids(el, 'regulation').map((r) => ({
    date: xsDate(xmlAttr(r, 'entryIntoForceDate')) || xsDate(xmlAttr(r, 'publicationDate')),
    programme: xmlAttr(r, 'programme'),
    title: xmlAttr(r, 'numberTitle'),
    type: xmlAttr(r, 'regulationType'),
    url: xmlText(xmlKids(r, 'publicationUrl')[0]),
  }));
  const designated = xsDate(xmlAttr(el, 'designationDate'));
  const dated = regulations.filter((r) => r.date).sort((a, b) => a.date.localeCompare(b.date));
  const listedOn = designated || dated[0]?.date || '';
  const listing = listedOn ? parsePartialDate(listedOn) : null;
  if (listedOn && !listing) throw new Error(`sanctionEntity ${id}: the date "${listedOn}" is not a date`);
  const first = dated[0] ?? regulations[0];
  const programs = [...new Set(regulations.map((r) => r.programme).filter(Boolean))];
  if (!programs.length) throw new Error(`sanctionEntity ${id} names no programme (regulation programme="…")`);
  const functions = [...new Set(names.map((n) => xmlAttr(n.el, 'function')).filter(Boolean))];
  const extra: Record<string, unknown> = { logicalId: id };
  const ref = xmlAttr(el, 'euReferenceNumber');
  if (ref) extra.euReferenceNumber = ref;
  if (xmlAttr(el, 'unitedNationId')) extra.unitedNationId = xmlAttr(el, 'unitedNationId');
  if (functions.length) extra.function = functions;
  const gender = names.map((n) => xmlAttr(n.el, 'gender')).find(Boolean);
  if (gender) extra.gender = gender;
  if (regulations.length) extra.regulations = regulations.map(({ date, programme, title, type }) => ({ date, programme, title, type }));
  for (const c of el.children) if (!MODELLED.has(c.name)) countInto(ctx.report.notModelled, `EU FSF element ${c.name}`);
  const remarks = xmlKids(el, 'remark').map(xmlText).filter(Boolean);
  const url = first?.url && /^https?:\/\//.test(first.url) ? first.url.replace(/^http:/, 'https:') : EU_FSF_URL;
  return {
    key: id,
    at,
    entity: { source: EU_FSF_ORIGIN, externalId: id, schema, name: primary.name, aliases, countries, addresses: [...new Set(addresses)], birthDate, identifiers, notes: remarks.join('\n') || null, extra },
    designations: [
      {
        origin: EU_FSF_ORIGIN,
        originKey: id,
        entity: { source: EU_FSF_ORIGIN, externalId: id },
        authorityId: EU_AUTHORITY,
        // NOTE: FSF programme codes (UKR, IRN…) name regimes; one code can cover several acts (IRN:
        // three regimes), so they are kept as the FSF states them, not guessed into a CELEX.
        programs,
        listingDate: listing,
        startDate: listing,
        endDate: null,
        reason: xmlAttr(el, 'designationDetails') || null,
        measures: [],
        legalAct: first?.title ? `Regulation ${first.title}` : null,
        authorityRecordId: ref || id,
        sourceUrl: url,
      },
    ],
    relationships: [],
  };
}

/** generationDate="2024-05-03T17:03:46.123+02:00" → '2024-05-03' (as written); null when it is not a date. */
export function euGenerationDate(value: string | undefined): string | null {
  const d = xsDate(value ?? '');
  return d && parsePartialDate(d) ? d : null;
}

/**
 * The attributes of the root element (prefixes dropped), read from the head of the file: parsing
 * stops at the root's start tag, so this reads one chunk, not the file. {} when there is none
 * (the stream itself names a broken file).
 */
async function rootAttributes(file: string): Promise<Record<string, string>> {
  const parser = new SaxesParser({ xmlns: false });
  let attrs: Record<string, string> | null = null;
  parser.on('opentag', (tag) => {
    attrs ??= Object.fromEntries(Object.entries(tag.attributes).map(([k, v]) => [k.slice(k.indexOf(':') + 1), String(v)]));
  });
  try {
    for await (const chunk of readTextChunks(file, { maxLineLength: null })) {
      parser.write(chunk);
      if (attrs) break;
    }
  } catch {
    // Not readable or not XML: the records' stream has already said so.
  }
  return attrs ?? {};
}

export function parseEuXml(files: string[], ctx: ParseContext): ParsedImport {
  if (files.length !== 1 || !files[0]) throw new ImportFileError(files.map(fileLabel).join(', ') || '(none)', null, 'an EU FSF import takes exactly one XML file');
  const file: string = files[0];
  const label = fileLabel(file);
  let generated: string | null = null;

  async function* generate(): AsyncGenerator<SourceRecord> {
    const ready: SourceRecord[] = [];
    let entries = 0;
    yield* drainXml({
      file,
      ctx,
      roots: ['export'],
      formatName: 'an EU Financial Sanctions Files export',
      capture: (name, path) => path.length === 1 && name === 'sanctionEntity',
      onElement: (el, _path, where) => {
        const at = `sanctionEntity ${++entries}, ${where}`;
        try {
          ready.push(euSanctionEntityToRecord(el, at, ctx));
        } catch (err) {
          throw new ImportFileError(label, at, err instanceof Error ? err.message : String(err));
        }
      },
    }, ready);
    // A malformed generationDate is not fatal: the loader then asks for the edition date.
    generated = euGenerationDate((await rootAttributes(file)).generationDate);
  }

  return { records: generate(), liftScope: () => ({ origin: EU_FSF_ORIGIN, keyPrefixes: null }), editionDate: () => generated };
}
