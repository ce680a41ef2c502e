// OFAC's "classic" SDN.CSV set (https://ofac.treasury.gov/sdn-list-data-formats-data-schemas):
// SDN.CSV (or CONS_PRIM.CSV) + ADD.CSV + ALT.CSV, no header, 12 / 6 / 5 columns, `-0-` for empty,
// CRLF and a final 0x1A byte. The files carry no dates: an entry's listing date is the edition's date
// (taken from the file name `sdn-YYYY-MM-DD.csv`, or given), like the seed's first-seen history.
import path from 'node:path';
import { birthDateOf, parseDob, parseOfacRemarks } from './ofac-remarks';
import { fileLabel, fileSize, readCsvRows } from './read';
import { countInto, ImportFileError, type EntityRecord, type EntitySchemaName, type ParseContext, type ParsedImport, type RelationshipRecord, type SourceRecord } from './types';
import { ofacAddressCountry } from '../normalize/countries';

export const OFAC_AUTHORITY = 'US-OFAC';
export const OFAC_SDN_ORIGIN = 'ofac-sdn';
export const OFAC_CONS_ORIGIN = 'ofac-cons';

export const ofacEntryUrl = (entNum: string) => `https://sanctionssearch.ofac.treas.gov/Details.aspx?id=${entNum}`;

const SCHEMA_BY_TYPE: Record<string, EntitySchemaName> = { individual: 'Person', vessel: 'Vessel', aircraft: 'Airplane', entity: 'Organization', '': 'Organization' };

/** 'NPWMD] [IFSR' → ['NPWMD', 'IFSR']. */
export function splitPrograms(value: string): string[] {
  return value.split(/\]\s*\[|;/).map((p) => p.replace(/[[\]]/g, '').trim()).filter(Boolean);
}

const nul = (v: string | undefined) => {
  const t = (v ?? '').trim();
  return t === '-0-' ? '' : t;
};

type FileKind = 'sdn' | 'add' | 'alt';
const COLUMNS: Record<FileKind, number> = { sdn: 12, add: 6, alt: 5 };

function kindOf(file: string): FileKind {
  const base = path.basename(file).toLowerCase();
  if (/(^|[^a-z])add([^a-z]|$)|_add\b/.test(base)) return 'add';
  if (/(^|[^a-z])alt([^a-z]|$)|_alt\b/.test(base)) return 'alt';
  return 'sdn';
}

/** What the Remarks column gives an EntityRecord; the rest of it goes under `extra.remarks`. */
export type OfacRemarksForEntity = Pick<EntityRecord, 'aliases' | 'identifiers' | 'countries' | 'birthDate'> & {
  /** birthDates, birthPlaces, gender, websites, emails, phones, linkedTo, sanctionsInfo, facts, notes, unmappedLabels, truncated: the non-empty ones. */
  extra: Record<string, unknown> | null;
  unmappedLabels: string[];
  truncated: boolean;
};

/** The Remarks column through the one parser (ofac-remarks.ts), shaped for an EntityRecord. */
export function parseRemarks(remarks: string, schema: EntitySchemaName = 'Person'): OfacRemarksForEntity {
  const r = parseOfacRemarks(remarks);
  const identifiers: EntityRecord['identifiers'] = r.identifiers.map((i) => ({ type: i.type, value: i.value, country: i.countryRaw, label: i.label, details: i.details }));
  // Linked To stays a name here: the link to the other entry is made where both are known.
  const rest: Record<string, unknown> = {
    birthDates: r.birthDates,
    birthPlaces: r.birthPlaces,
    gender: r.gender,
    websites: r.websites,
    emails: r.emails,
    phones: r.phones,
    linkedTo: r.linkedTo,
    sanctionsInfo: r.sanctionsInfo,
    facts: r.facts,
    notes: r.notes,
    unmappedLabels: r.unmappedLabels,
    truncated: r.truncated,
  };
  const extra = Object.fromEntries(Object.entries(rest).filter(([, v]) => !isEmpty(v)));
  return {
    aliases: r.aliases,
    // One per (type, value), the database's key; the first (its country, details) wins.
    identifiers: dedupe(identifiers, (i) => `${i.type}|${i.value}`),
    countries: [...new Set([...r.nationalities, ...r.citizenships])],
    // An organisation's date is the one it was founded (the EU's incorporationDate): "Organization
    // Established Date 18 Oct 2002", as OFAC writes DOBs.
    birthDate: schema === 'Person' ? birthDateOf(r.birthDates[0]) : ORG_SCHEMAS.has(schema) ? establishedDate(r.facts) : null,
    extra: Object.keys(extra).length ? extra : null,
    unmappedLabels: r.unmappedLabels,
    truncated: r.truncated,
  };
}

const ORG_SCHEMAS = new Set<EntitySchemaName>(['Organization', 'Company', 'LegalEntity']);

export function establishedDate(facts: Record<string, string[]>): EntityRecord['birthDate'] {
  for (const v of facts['Organization Established Date'] ?? []) {
    const d = parseDob(v);
    if (d) return birthDateOf(d);
  }
  return null;
}

const isEmpty = (v: unknown) => v === null || v === false || (Array.isArray(v) ? v.length === 0 : typeof v === 'object' && Object.keys(v as object).length === 0);

/** A name as `Linked To:` compares it: case, spacing and a final full stop do not count. */
const linkKey = (name: string) => name.trim().replace(/\.$/, '').replace(/\s+/g, ' ').toUpperCase();

function dedupe<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => (seen.has(key(t)) ? false : (seen.add(key(t)), true)));
}

type Extras = { addresses: string[]; countries: string[]; aliases: EntityRecord['aliases'] };

export function parseOfacSdnCsv(files: string[], ctx: ParseContext, opts: { editionDate?: string | null; list?: 'sdn' | 'cons' } = {}): ParsedImport {
  const sdnFiles = files.filter((f) => kindOf(f) === 'sdn');
  if (sdnFiles.length !== 1 || !sdnFiles[0]) {
    throw new ImportFileError(files.map(fileLabel).join(', '), null, `an OFAC SDN.CSV import needs exactly one main file (sdn.csv or cons_prim.csv) plus optional add.csv and alt.csv; got ${sdnFiles.length}`);
  }
  const main: string = sdnFiles[0];
  const list = opts.list ?? (/cons/i.test(path.basename(main)) ? 'cons' : 'sdn');
  const origin = list === 'cons' ? OFAC_CONS_ORIGIN : OFAC_SDN_ORIGIN;
  const editionDate = opts.editionDate ?? /(\d{4}-\d{2}-\d{2})/.exec(path.basename(main))?.[1] ?? null;
  const total = files.reduce((n, f) => n + fileSize(f), 0);
  let doneBefore = 0;

  async function* rows(file: string, kind: FileKind) {
    const label = fileLabel(file);
    let first = true;
    for await (const { fields, line } of readCsvRows(file, { onBytes: (b) => ctx.onProgress?.({ bytesRead: doneBefore + b, bytesTotal: total, records }) })) {
      // The DOS end-of-file byte on a line of its own.
      if (fields.length === 1 && ((fields[0] ?? '') === '\x1a' || (fields[0] ?? '').trim() === '')) continue;
      if (fields.length !== COLUMNS[kind]) {
        throw new ImportFileError(label, `line ${line}`, `expected ${COLUMNS[kind]} fields (OFAC ${kind.toUpperCase()}.CSV layout, no header), found ${fields.length}${first ? ': is this the right file and format?' : ''}`);
      }
      if (!/^\d+$/.test((fields[0] ?? '').trim())) {
        throw new ImportFileError(label, `line ${line}`, `the first field must be the entry number (ent_num), found "${(fields[0] ?? '').slice(0, 40)}"${first ? ': a header row or another format?' : ''}`);
      }
      first = false;
      yield { fields, line };
    }
    doneBefore += fileSize(file);
  }

  let records = 0;
  const seen = new Set<string>();
  async function* generate(): AsyncGenerator<SourceRecord> {
    // Companion files first (small): their rows attach to the main file's entries.
    const extras = new Map<string, Extras>();
    const get = (ent: string) => extras.get(ent) ?? extras.set(ent, { addresses: [], countries: [], aliases: [] }).get(ent)!;
    for (const file of files.filter((f) => f !== main)) {
      const kind = kindOf(file);
      for await (const { fields } of rows(file, kind)) {
        const ent = (fields[0] ?? '').trim();
        if (kind === 'add') {
          const parts = [nul(fields[2]), nul(fields[3]), nul(fields[4])].filter(Boolean);
          if (parts.length) get(ent).addresses.push(parts.join(', '));
          if (nul(fields[4])) get(ent).countries.push(ofacAddressCountry(nul(fields[3]), nul(fields[4])));
        } else {
          const name = nul(fields[3]);
          const type = nul(fields[2]).toLowerCase();
          if (name) get(ent).aliases.push({ name, kind: type === 'fka' ? 'PREVIOUS_NAME' : type === 'aka' ? 'ALIAS' : 'WEAK_ALIAS' });
        }
      }
    }
    // `Linked To: NAME.` names another entry of the list by its name: a first pass over the main file
    // (names only) resolves those names to entry numbers. A name two entries share links to neither.
    const byName = new Map<string, string | null>();
    for await (const { fields } of readCsvRows(main)) {
      const [e, n] = [(fields[0] ?? '').trim(), nul(fields[1])];
      if (!/^\d+$/.test(e) || !n) continue;
      const k = linkKey(n);
      byName.set(k, byName.has(k) && byName.get(k) !== e ? null : e);
    }
    for await (const { fields, line } of rows(main, 'sdn')) {
      const [entRaw = '', nameRaw = '', typeRaw = '', programRaw = '', title = '', callSign = '', vessType = '', tonnage = '', grt = '', vessFlag = '', vessOwner = '', remarksRaw = ''] = fields.map(nul);
      const ent = entRaw;
      const label = fileLabel(main);
      if (seen.has(ent)) throw new ImportFileError(label, `line ${line}`, `entry ${ent} appears twice`);
      seen.add(ent);
      if (!nameRaw) throw new ImportFileError(label, `line ${line}`, `entry ${ent} has no name`);
      const schema = SCHEMA_BY_TYPE[typeRaw.toLowerCase()];
      if (!schema) throw new ImportFileError(label, `line ${line}`, `unknown SDN_Type "${typeRaw}" (expected individual, vessel, aircraft or empty)`);
      const programs = splitPrograms(programRaw);
      if (!programs.length) throw new ImportFileError(label, `line ${line}`, `entry ${ent} has no program`);
      const remarks = remarksRaw;
      const parsed = parseRemarks(remarks, schema);
      for (const l of parsed.unmappedLabels) countInto(ctx.report.warnings, `remarks: unmapped label "${l}"`);
      if (parsed.truncated) countInto(ctx.report.warnings, 'remarks: cut at 1,000 characters by OFAC (a last fragment cut short kept as a note)');
      const more = extras.get(ent);
      extras.delete(ent);
      const vessel = Object.fromEntries(Object.entries({ title, callSign, vesselType: vessType, tonnage, grossRegisteredTonnage: grt, vesselFlag: vessFlag, vesselOwner: vessOwner }).filter(([, v]) => v));
      const extra = { ...vessel, ...(parsed.extra ? { remarks: parsed.extra } : {}) };
      const linksOf = (subject: string, names: string[]): RelationshipRecord[] =>
        [...new Set(names)].flatMap((n) => {
          const target = byName.get(linkKey(n));
          if (!target || target === subject) {
            countInto(ctx.report.warnings, target === null ? 'remarks: Linked To names two entries (kept as text)' : 'remarks: Linked To names no entry of this file (kept as text)');
            return [];
          }
          return [{ origin, originKey: `${subject}~linked~${target}`, type: 'UNKNOWN_LINK' as const, subject: { source: origin, externalId: subject }, object: { source: origin, externalId: target },
            role: 'Linked To', startDate: null, endDate: null, sourceUrl: ofacEntryUrl(subject), extra: null }];
        });
      records++;
      yield {
        key: ent,
        at: `line ${line}`,
        entity: {
          source: origin,
          externalId: ent,
          schema,
          name: nameRaw,
          aliases: dedupe([...parsed.aliases, ...(more?.aliases ?? [])].filter((a) => a.name !== nameRaw), (a) => `${a.kind}|${a.name}`),
          countries: [...new Set([...parsed.countries, ...(more?.countries ?? []), ...(vessFlag ? [vessFlag] : [])])],
          addresses: [...new Set(more?.addresses ?? [])],
          birthDate: parsed.birthDate,
          identifiers: parsed.identifiers,
          notes: remarks || null,
          extra: Object.keys(extra).length ? extra : null,
        },
        designations: [
          {
            origin,
            originKey: ent,
            entity: { source: origin, externalId: ent },
            authorityId: OFAC_AUTHORITY,
            programs,
            listingDate: null,
            listingFromEdition: true,
            startDate: null,
            endDate: null,
            reason: null,
            measures: [],
            legalAct: null,
            authorityRecordId: ent,
            sourceUrl: ofacEntryUrl(ent),
          },
        ],
        relationships: linksOf(ent, (parsed.extra?.linkedTo as string[] | undefined) ?? []),
      };
    }
    // NOTE: companion rows of entries not in this edition (ADD/ALT of another date) are reported, not dropped silently.
    for (const [, x] of extras) {
      if (x.addresses.length) countInto(ctx.report.warnings, 'ADD.CSV rows for entries not in the main file', x.addresses.length);
      if (x.aliases.length) countInto(ctx.report.warnings, 'ALT.CSV rows for entries not in the main file', x.aliases.length);
    }
  }

  return { records: generate(), liftScope: () => ({ origin, keyPrefixes: null }), editionDate: () => editionDate };
}
