// The UN Security Council Consolidated List, official XML (sc-sanctions.xsd: CONSOLIDATED_LIST →
// INDIVIDUALS/INDIVIDUAL, ENTITIES/ENTITY with REFERENCE_NUMBER, UN_LIST_TYPE, LISTED_ON…).
// Streamed with saxes: only the current INDIVIDUAL or ENTITY is held in memory.
// Edition date: the root's dateGenerated="2018-08-24T19:40:35.913-04:00", its date part as written
// (the UN's own calendar day, no conversion to UTC).
import { SaxesParser } from 'saxes';
import { parsePartialDate } from '../dates';
import { fileLabel, fileSize, readTextChunks } from './read';
import { countInto, ImportFileError, type AliasKindName, type ParseContext, type ParsedImport, type SourceRecord } from './types';

export const UN_AUTHORITY = 'UN';
export const UN_ORIGIN = 'un-sc';
export const UN_LIST_URL = 'https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list';

/** A small element tree for one list entry. */
export type XmlNode = { name: string; text: string; children: XmlNode[] };

const kids = (n: XmlNode | undefined, name: string) => n?.children.filter((c) => c.name === name) ?? [];
const kid = (n: XmlNode | undefined, name: string) => n?.children.find((c) => c.name === name);
const txt = (n: XmlNode | undefined) => (n?.text ?? '').replace(/\s+/g, ' ').trim();
const val = (n: XmlNode | undefined, name: string) => txt(kid(n, name));

const MODELLED = new Set([
  'DATAID', 'VERSIONNUM', 'FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME', 'UN_LIST_TYPE', 'REFERENCE_NUMBER', 'LISTED_ON', 'COMMENTS1',
  'NAME_ORIGINAL_SCRIPT', 'NATIONALITY', 'INDIVIDUAL_ALIAS', 'ENTITY_ALIAS', 'INDIVIDUAL_ADDRESS', 'ENTITY_ADDRESS', 'INDIVIDUAL_DATE_OF_BIRTH', 'INDIVIDUAL_DOCUMENT',
  'DESIGNATION', 'TITLE', 'LIST_TYPE', 'LAST_DAY_UPDATED', 'INDIVIDUAL_PLACE_OF_BIRTH', 'GENDER', 'SUBMITTED_BY', 'SORT_KEY', 'SORT_KEY_LAST_MOD', 'NOTE',
]);

export function unEntryToRecord(node: XmlNode, at: string, ctx: ParseContext): SourceRecord {
  const ref = val(node, 'REFERENCE_NUMBER');
  if (!ref) throw new Error('no REFERENCE_NUMBER');
  const isPerson = node.name === 'INDIVIDUAL';
  const name = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((f) => val(node, f)).filter(Boolean).join(' ');
  if (!name) throw new Error(`entry ${ref} has no name`);
  const aliases: Array<{ name: string; kind: AliasKindName }> = [];
  for (const a of kids(node, isPerson ? 'INDIVIDUAL_ALIAS' : 'ENTITY_ALIAS')) {
    const n = val(a, 'ALIAS_NAME');
    if (n && n !== name) aliases.push({ name: n, kind: /low/i.test(val(a, 'QUALITY')) ? 'WEAK_ALIAS' : 'ALIAS' });
  }
  const original = val(node, 'NAME_ORIGINAL_SCRIPT');
  if (original && original !== name) aliases.push({ name: original, kind: 'ALIAS' });
  const countries = kids(kid(node, 'NATIONALITY'), 'VALUE').map(txt).filter(Boolean);
  const addresses = kids(node, isPerson ? 'INDIVIDUAL_ADDRESS' : 'ENTITY_ADDRESS')
    .map((a) => ['STREET', 'CITY', 'STATE_PROVINCE', 'ZIP_CODE', 'COUNTRY'].map((f) => val(a, f)).filter(Boolean).join(', '))
    .filter(Boolean);
  let birthDate = null;
  for (const d of kids(node, 'INDIVIDUAL_DATE_OF_BIRTH')) {
    birthDate = parsePartialDate(val(d, 'DATE').slice(0, 10)) ?? parsePartialDate(val(d, 'YEAR')) ?? parsePartialDate(val(d, 'FROM_YEAR'));
    if (birthDate) break;
  }
  const identifiers = kids(node, 'INDIVIDUAL_DOCUMENT')
    .map((d) => ({ type: val(d, 'TYPE_OF_DOCUMENT') || 'document', value: val(d, 'NUMBER'), country: val(d, 'ISSUING_COUNTRY') || val(d, 'COUNTRY_OF_ISSUE') || null }))
    .filter((d) => d.value);
  const extra: Record<string, unknown> = { dataId: val(node, 'DATAID') };
  const designation = kids(kid(node, 'DESIGNATION'), 'VALUE').map(txt).filter(Boolean);
  if (designation.length) extra.designation = designation;
  const title = kids(kid(node, 'TITLE'), 'VALUE').map(txt).filter(Boolean);
  if (title.length) extra.title = title;
  const pob = kids(node, 'INDIVIDUAL_PLACE_OF_BIRTH').map((p) => ['CITY', 'STATE_PROVINCE', 'COUNTRY'].map((f) => val(p, f)).filter(Boolean).join(', ')).filter(Boolean);
  if (pob.length) extra.birthPlace = pob;
  const gender = val(node, 'GENDER');
  if (gender) extra.gender = gender;
  const updated = kids(kid(node, 'LAST_DAY_UPDATED'), 'VALUE').map(txt).filter(Boolean);
  if (updated.length) extra.lastDayUpdated = updated;
  for (const c of node.children) if (!MODELLED.has(c.name)) countInto(ctx.report.notModelled, `UN XML element ${c.name}`);
  const listed = parsePartialDate(val(node, 'LISTED_ON').slice(0, 10));
  return {
    key: ref,
    at,
    entity: { source: UN_ORIGIN, externalId: ref, schema: isPerson ? 'Person' : 'Organization', name, aliases, countries: [...new Set(countries)], addresses: [...new Set(addresses)], birthDate, identifiers, notes: null, extra },
    designations: [
      {
        origin: UN_ORIGIN,
        originKey: ref,
        entity: { source: UN_ORIGIN, externalId: ref },
        authorityId: UN_AUTHORITY,
        programs: [val(node, 'UN_LIST_TYPE') || 'UN'],
        listingDate: listed,
        startDate: null,
        endDate: null,
        reason: val(node, 'COMMENTS1') || null,
        measures: [],
        legalAct: null,
        authorityRecordId: ref,
        sourceUrl: UN_LIST_URL,
      },
    ],
    relationships: [],
  };
}

/** dateGenerated="2018-08-24T19:40:35.913-04:00" → '2018-08-24' (as written); null when it is not a date. */
export function unDateGenerated(value: string | undefined): string | null {
  const d = /^(\d{4}-\d{2}-\d{2})/.exec((value ?? '').trim())?.[1];
  return d && parsePartialDate(d) ? d : null;
}

export function parseUnXml(files: string[], ctx: ParseContext): ParsedImport {
  if (files.length !== 1 || !files[0]) throw new ImportFileError(files.map(fileLabel).join(', ') || '(none)', null, 'a UN list import takes exactly one XML file');
  const file: string = files[0];
  const label = fileLabel(file);
  const total = fileSize(file);
  let generated: string | null = null;

  async function* generate(): AsyncGenerator<SourceRecord> {
    const parser = new SaxesParser({ xmlns: false, position: true });
    const ready: SourceRecord[] = [];
    const stack: XmlNode[] = [];
    let depth = 0;
    let root: string | null = null;
    let records = 0;
    let entries = 0;
    let failure: Error | null = null;
    const where = () => `line ${parser.line}`;
    parser.on('opentag', (tag) => {
      depth++;
      if (depth === 1) {
        root = tag.name;
        if (root !== 'CONSOLIDATED_LIST') failure = new ImportFileError(label, where(), `the root element is <${root}>, not <CONSOLIDATED_LIST>: not a UN consolidated list`);
        // A malformed dateGenerated is not fatal: the loader then asks for the edition date.
        else generated = unDateGenerated(tag.attributes.dateGenerated);
        return;
      }
      if (stack.length || (depth === 3 && (tag.name === 'INDIVIDUAL' || tag.name === 'ENTITY'))) {
        const node: XmlNode = { name: tag.name, text: '', children: [] };
        stack.at(-1)?.children.push(node);
        stack.push(node);
      }
    });
    parser.on('text', (t) => {
      const top = stack.at(-1);
      if (top) top.text += t;
    });
    parser.on('cdata', (t) => {
      const top = stack.at(-1);
      if (top) top.text += t;
    });
    parser.on('closetag', () => {
      depth--;
      const node = stack.pop();
      if (node && stack.length === 0) {
        entries++;
        try {
          ready.push(unEntryToRecord(node, `${node.name.toLowerCase()} ${entries}, ${where()}`, ctx));
        } catch (err) {
          failure ??= new ImportFileError(label, `${node.name.toLowerCase()} ${entries}, ${where()}`, err instanceof Error ? err.message : String(err));
        }
      }
    });
    const xmlError = (err: unknown) => new ImportFileError(label, where(), `malformed XML: ${(err instanceof Error ? err.message : String(err)).replace(/^[^:]*:\d+:\d+: /, '')}`);
    for await (const chunk of readTextChunks(file, { maxLineLength: null, onBytes: (b) => ctx.onProgress?.({ bytesRead: b, bytesTotal: total, records }) })) {
      try {
        parser.write(chunk);
      } catch (err) {
        throw xmlError(err);
      }
      if (failure) throw failure;
      while (ready.length) {
        records++;
        yield ready.shift()!;
      }
    }
    try {
      parser.close();
    } catch (err) {
      throw new ImportFileError(label, where(), `the XML ends before it is complete (truncated file?): ${(err instanceof Error ? err.message : String(err)).replace(/^[^:]*:\d+:\d+: /, '')}`);
    }
    if (failure) throw failure;
    if (!root) throw new ImportFileError(label, null, 'no XML element found: not a UN consolidated list');
    for (const r of ready) yield r;
  }

  return { records: generate(), liftScope: () => ({ origin: UN_ORIGIN, keyPrefixes: null }), editionDate: () => generated };
}
