// FollowTheMoney JSON lines (OpenSanctions `entities.ftm.json`): one entity per line, every property
// value a list of strings. Mapped: Person, Organization, Company, LegalEntity, Vessel, Airplane →
// Entity; Sanction → Designation; Ownership, Directorship, Family, UnknownLink, Associate, Employment,
// Membership → Relationship; Address, Identification, Passport → folded into their holder. Anything
// else (Position, Occupancy…) is counted in the run's report; unmapped properties are kept verbatim
// in Entity.extra / Relationship.extra — nothing is dropped silently.
// NOTE: an FtM file is an extract (a search result, a dataset slice), never a whole list: an entity
// missing from the next file is not taken as lifted; a Sanction's own endDate says when it ended.
import { parsePartialDate, type PartialDate } from '../dates';
import { authorityIdFor } from './authorities';
import { fileLabel, fileSize, readLines } from './read';
import {
  countInto,
  ImportFileError,
  type AliasKindName,
  type DesignationRecord,
  type EntityRecord,
  type EntitySchemaName,
  type ParseContext,
  type ParsedImport,
  type RelationshipRecord,
  type RelationshipTypeName,
  type SourceRecord,
} from './types';

export const FTM_SOURCE = 'opensanctions';
export const FTM_ORIGIN = 'opensanctions';

export type FtmEntity = { id: string; schema: string; caption?: string; properties: Record<string, string[]>; referents?: string[]; datasets?: string[]; [k: string]: unknown };

const ENTITY_SCHEMAS: readonly EntitySchemaName[] = ['Person', 'Organization', 'Company', 'LegalEntity', 'Vessel', 'Airplane'];
/** FtM interval schemas → (type, subject property, object property). */
export const RELATIONSHIP_SCHEMAS: Record<string, { type: RelationshipTypeName; subject: string; object: string }> = {
  Ownership: { type: 'OWNERSHIP', subject: 'owner', object: 'asset' },
  Directorship: { type: 'DIRECTORSHIP', subject: 'director', object: 'organization' },
  Family: { type: 'FAMILY', subject: 'person', object: 'relative' },
  Associate: { type: 'ASSOCIATE', subject: 'person', object: 'associate' },
  Employment: { type: 'EMPLOYMENT', subject: 'employee', object: 'employer' },
  Membership: { type: 'MEMBERSHIP', subject: 'member', object: 'organization' },
  UnknownLink: { type: 'UNKNOWN_LINK', subject: 'subject', object: 'object' },
};

/** Identifier properties of FtM's legal entities, people, vessels and aircraft. */
export const IDENTIFIER_PROPS = ['innCode', 'ogrnCode', 'kppCode', 'okpoCode', 'taxNumber', 'registrationNumber', 'idNumber', 'passportNumber', 'imoNumber', 'mmsi', 'leiCode', 'swiftBic', 'permId', 'uniqueEntityId', 'wikidataId', 'callSign', 'serialNumber'] as const;
const ENTITY_MAPPED = new Set<string>(['name', 'alias', 'weakAlias', 'previousName', 'country', 'nationality', 'citizenship', 'jurisdiction', 'address', 'addressEntity', 'birthDate', 'incorporationDate', 'notes', ...IDENTIFIER_PROPS]);
const SANCTION_MAPPED = new Set(['entity', 'authority', 'country', 'program', 'programId', 'listingDate', 'startDate', 'endDate', 'description', 'reason', 'provisions', 'summary', 'authorityId', 'recordId', 'unscId', 'sourceUrl']);

/**
 * Dates known only within bounds never go into FtM's exact `listingDate` / `endDate`: our export
 * states them in the Sanction's `description` (Interval's free text) as one of exactly these
 * sentences, which this import reads back — and nothing else:
 *   `listed on or before 2021-08-18`
 *   `lifted on or before 2023-07-11`
 *   `lifted after 2023-01-05, on or before 2023-07-11` (after: exclusive, a day)
 */
export type DateBounds = { listedOnOrBefore: PartialDate | null; liftedOnOrBefore: PartialDate | null; liftedAfter: PartialDate | null };

const PARTIAL = String.raw`\d{4}(?:-\d{2}(?:-\d{2})?)?`;
const LISTED_BOUND = new RegExp(`^listed on or before (${PARTIAL})$`);
const LIFTED_BOUND = new RegExp(String.raw`^lifted (?:after (\d{4}-\d{2}-\d{2}), )?on or before (${PARTIAL})$`);

export function listedBoundSentence(onOrBefore: string): string {
  return `listed on or before ${onOrBefore}`;
}

export function liftedBoundSentence(onOrBefore: string, after: string | null): string {
  return `lifted ${after ? `after ${after}, ` : ''}on or before ${onOrBefore}`;
}

/** The bounds one `description` value states, or null when it is not exactly one of the sentences. */
export function parseBoundSentence(text: string): Partial<DateBounds> | null {
  const listed = LISTED_BOUND.exec(text);
  if (listed) {
    const d = parsePartialDate(listed[1]);
    return d ? { listedOnOrBefore: d } : null;
  }
  const lifted = LIFTED_BOUND.exec(text);
  if (lifted) {
    const d = parsePartialDate(lifted[2]);
    const after = lifted[1] ? parsePartialDate(lifted[1]) : null;
    if (!d || (lifted[1] && !after)) return null;
    // A lower bound on or after the upper one bounds nothing: not one of our sentences.
    if (after && after.date.getTime() >= d.date.getTime()) return null;
    return { liftedOnOrBefore: d, liftedAfter: after };
  }
  return null;
}

export const ftmDate = (v: string | undefined): PartialDate | null => (v ? parsePartialDate(v.slice(0, 10)) ?? parsePartialDate(v.slice(0, 7)) ?? parsePartialDate(v.slice(0, 4)) : null);
const first = (p: Record<string, string[]>, k: string) => p[k]?.[0];
/** The trimmed, non-empty, distinct values of the properties, in order. */
function all(p: Record<string, string[]>, ...ks: string[]): string[] {
  // NOTE: a plain loop: an entity asks for ~25 properties, most absent, and the chained
  // flatMap/map/filter/Set took a tenth of an FtM import's Node time (npm run bench import).
  const out: string[] = [];
  for (const k of ks) {
    const values = p[k];
    if (!values) continue;
    for (const x of values) {
      const v = x.trim();
      if (v && !out.includes(v)) out.push(v);
    }
  }
  return out;
}
const rest = (p: Record<string, string[]>, mapped: Set<string>) => Object.fromEntries(Object.entries(p).filter(([k]) => !mapped.has(k)));

/**
 * FtM says every value is a list of strings; real exports sometimes hold a bare string or an object.
 * A bare string is taken as a list of one; anything else is kept verbatim in `nonStandard` and counted.
 */
export function normalizeProperties(e: FtmEntity, ctx: ParseContext): void {
  const clean: Record<string, string[]> = {};
  const odd: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e.properties as Record<string, unknown>)) {
    const values = Array.isArray(v) ? v : [v];
    const strings = values.filter((x): x is string => typeof x === 'string');
    if (strings.length) clean[k] = strings;
    if (strings.length !== values.length) {
      odd[k] = values.filter((x) => typeof x !== 'string');
      countInto(ctx.report.warnings, 'property values that are not strings (kept verbatim in extra.nonStandard)');
    } else if (!Array.isArray(v)) {
      countInto(ctx.report.warnings, 'property values given as a bare string instead of a list (read as a list of one)');
    }
  }
  e.properties = clean;
  if (Object.keys(odd).length) e.nonStandard = odd;
}

function toEntity(e: FtmEntity, addresses: Map<string, string>, ids: Map<string, EntityRecord['identifiers']>): EntityRecord {
  const p = e.properties;
  const name = first(p, 'name') ?? e.caption ?? e.id;
  const aliases: Array<{ name: string; kind: AliasKindName }> = [
    ...all(p, 'name').slice(1).map((n) => ({ name: n, kind: 'ALIAS' as const })),
    ...all(p, 'alias').map((n) => ({ name: n, kind: 'ALIAS' as const })),
    ...all(p, 'weakAlias').map((n) => ({ name: n, kind: 'WEAK_ALIAS' as const })),
    ...all(p, 'previousName').map((n) => ({ name: n, kind: 'PREVIOUS_NAME' as const })),
  ].filter((a) => a.name !== name);
  const extraProps = rest(p, ENTITY_MAPPED);
  const extra: Record<string, unknown> = {};
  if (Object.keys(extraProps).length) extra.properties = extraProps;
  for (const k of ['referents', 'datasets', 'first_seen', 'last_seen', 'last_change', 'target', 'nonStandard'] as const) {
    const v = e[k];
    if (v !== undefined && !(Array.isArray(v) && v.length === 0)) extra[k] = v;
  }
  // What an export of ours kept beyond FtM (lib/export/ftm.ts).
  if (e.extra && typeof e.extra === 'object' && !Array.isArray(e.extra)) Object.assign(extra, e.extra);
  const birth = all(p, 'birthDate', 'incorporationDate');
  if (birth.length > 1) extra.dates = birth;
  return {
    source: FTM_SOURCE,
    externalId: e.id,
    schema: e.schema as EntitySchemaName,
    name,
    aliases,
    countries: all(p, 'country', 'nationality', 'citizenship', 'jurisdiction'),
    addresses: [...new Set([...all(p, 'address'), ...all(p, 'addressEntity').map((id) => addresses.get(id)).filter((x): x is string => !!x)])],
    birthDate: ftmDate(birth[0]),
    identifiers: [...IDENTIFIER_PROPS.flatMap((k) => all(p, k).map((value) => ({ type: k, value, country: null }))), ...(ids.get(e.id) ?? [])],
    notes: all(p, 'notes').join('\n') || null,
    extra: Object.keys(extra).length ? extra : null,
  };
}

export function sanctionToDesignation(e: FtmEntity, ctx: ParseContext): DesignationRecord | null {
  const p = e.properties;
  const target = first(p, 'entity');
  if (!target) {
    countInto(ctx.report.warnings, 'Sanction without an entity (skipped)');
    return null;
  }
  // `description`: the bounds our export states there are read; any other text is not modelled.
  const bounds: DateBounds = { listedOnOrBefore: null, liftedOnOrBefore: null, liftedAfter: null };
  let otherDescription = false;
  for (const text of all(p, 'description')) {
    const b = parseBoundSentence(text);
    if (!b) otherDescription = true;
    else if ((b.listedOnOrBefore && bounds.listedOnOrBefore) || (b.liftedOnOrBefore && bounds.liftedOnOrBefore)) countInto(ctx.report.warnings, 'Sanction stating the same date bound twice in description (the first kept)');
    else Object.assign(bounds, b);
  }
  if (otherDescription) countInto(ctx.report.notModelled, 'Sanction.description');
  for (const k of Object.keys(rest(p, SANCTION_MAPPED))) countInto(ctx.report.notModelled, `Sanction.${k}`);
  const country = first(p, 'country') ?? null;
  const authority = all(p, 'authority').join('; ') || null;
  // A date the file states exactly wins over a bound (a file stating both is not ours).
  const listingText = first(p, 'listingDate');
  const endText = first(p, 'endDate');
  if ((listingText && bounds.listedOnOrBefore) || (endText && bounds.liftedOnOrBefore)) countInto(ctx.report.warnings, 'Sanction stating an exact date and a bound for it (the exact date kept)');
  const listedBound = listingText ? null : bounds.listedOnOrBefore;
  const liftedBound = endText ? null : bounds.liftedOnOrBefore;
  return {
    origin: FTM_ORIGIN,
    originKey: e.id,
    entity: { source: FTM_SOURCE, externalId: target },
    authorityId: authorityIdFor(country, authority),
    authority: { name: authority ?? country ?? 'unknown authority', country },
    programs: all(p, 'programId').length ? all(p, 'programId') : all(p, 'program'),
    listingDate: listedBound ?? ftmDate(listingText ?? first(p, 'startDate')),
    ...(listedBound ? { listingDateQualifier: 'ON_OR_BEFORE' as const } : {}),
    startDate: ftmDate(first(p, 'startDate')),
    endDate: liftedBound ?? ftmDate(endText),
    ...(liftedBound ? { endDateQualifier: 'ON_OR_BEFORE' as const, endDateAfter: bounds.liftedAfter } : {}),
    reason: all(p, 'reason').join('\n') || null,
    measures: all(p, 'provisions'),
    legalAct: all(p, 'summary').join('; ') || null,
    authorityRecordId: first(p, 'authorityId') ?? first(p, 'recordId') ?? first(p, 'unscId') ?? null,
    sourceUrl: first(p, 'sourceUrl') ?? '',
  };
}

function toRelationship(e: FtmEntity, ctx: ParseContext): RelationshipRecord | null {
  const spec = RELATIONSHIP_SCHEMAS[e.schema]!;
  const p = e.properties;
  const subject = first(p, spec.subject);
  const object = first(p, spec.object);
  if (!subject || !object) {
    countInto(ctx.report.warnings, `${e.schema} without both ends (skipped)`);
    return null;
  }
  const mapped = new Set([spec.subject, spec.object, 'role', 'relationship', 'startDate', 'endDate', 'sourceUrl']);
  const extraProps = rest(p, mapped);
  return {
    origin: FTM_ORIGIN,
    originKey: e.id,
    type: spec.type,
    subject: { source: FTM_SOURCE, externalId: subject },
    object: { source: FTM_SOURCE, externalId: object },
    role: all(p, 'role', 'relationship').join('; ') || null,
    startDate: ftmDate(first(p, 'startDate')),
    endDate: ftmDate(first(p, 'endDate')),
    sourceUrl: first(p, 'sourceUrl') ?? '',
    extra: Object.keys(extraProps).length || e.datasets?.length ? { ...(Object.keys(extraProps).length ? { properties: extraProps } : {}), ...(e.datasets?.length ? { datasets: e.datasets } : {}) } : null,
  };
}

export function parseFtm(files: string[], ctx: ParseContext): ParsedImport {
  const total = files.reduce((n, f) => n + fileSize(f), 0);

  // Addresses and documents fold into their holder, which may come earlier or later in the file.
  // NOTE: two passes keep memory bounded by the addresses and documents, not the file: the first
  // collects them (only lines that can hold one are parsed), the second yields each entity as read.
  const addresses = new Map<string, string>();
  const ids = new Map<string, EntityRecord['identifiers']>();
  const FOLDED = /"schema"\s*:\s*"(Address|Passport|Identification)"/;

  async function collectFolded(): Promise<void> {
    for (const file of files) {
      for await (const { text } of readLines(file)) {
        if (!FOLDED.test(text)) continue;
        let e: FtmEntity;
        try {
          e = JSON.parse(text) as FtmEntity;
        } catch {
          continue; // the second pass reports it, with its line
        }
        if (!e || typeof e !== 'object' || typeof e.id !== 'string' || !e.properties || typeof e.properties !== 'object') continue;
        normalizeProperties(e, { report: { notModelled: {}, warnings: {} } });
        if (e.schema === 'Address') {
          addresses.set(e.id, first(e.properties, 'full') ?? all(e.properties, 'street', 'postalCode', 'city', 'region', 'country').join(', '));
        } else if (e.schema === 'Passport' || e.schema === 'Identification') {
          const holder = first(e.properties, 'holder');
          const number = first(e.properties, 'number');
          if (holder && number) (ids.get(holder) ?? ids.set(holder, []).get(holder)!).push({ type: e.schema === 'Passport' ? 'passportNumber' : first(e.properties, 'type') ?? 'idNumber', value: number, country: first(e.properties, 'country') ?? null });
        }
      }
    }
  }

  async function* generate(): AsyncGenerator<SourceRecord> {
    await collectFolded();
    let before = 0;
    let records = 0;
    for (const file of files) {
      const label = fileLabel(file);
      for await (const { text, line } of readLines(file, { onBytes: (b) => ctx.onProgress?.({ bytesRead: before + b, bytesTotal: total, records }) })) {
        if (!text.trim()) continue;
        let e: FtmEntity;
        try {
          e = JSON.parse(text) as FtmEntity;
        } catch (err) {
          throw new ImportFileError(label, `line ${line}`, `not a JSON object (FtM JSON lines hold one entity per line): ${err instanceof Error ? err.message : String(err)}`);
        }
        if (!e || typeof e !== 'object' || typeof e.id !== 'string' || typeof e.schema !== 'string' || !e.properties || typeof e.properties !== 'object') {
          throw new ImportFileError(label, `line ${line}`, 'not an FtM entity: it needs "id", "schema" and "properties"');
        }
        normalizeProperties(e, ctx);
        records++;
        const at = `${label} line ${line}`;
        if (e.schema === 'Address') {
          countInto(ctx.report.warnings, 'Address entities folded into their holders’ addresses');
        } else if (e.schema === 'Passport' || e.schema === 'Identification') {
          if (!first(e.properties, 'holder') || !first(e.properties, 'number')) countInto(ctx.report.notModelled, `${e.schema} without holder or number`);
        } else if (e.schema === 'Sanction') {
          const d = sanctionToDesignation(e, ctx);
          if (d) yield { key: e.id, at, entity: null, designations: [d], relationships: [] };
        } else if (RELATIONSHIP_SCHEMAS[e.schema]) {
          const r = toRelationship(e, ctx);
          if (r) yield { key: e.id, at, entity: null, designations: [], relationships: [r] };
        } else if ((ENTITY_SCHEMAS as readonly string[]).includes(e.schema)) {
          yield { key: e.id, at, entity: toEntity(e, addresses, ids), designations: [], relationships: [] };
        } else {
          countInto(ctx.report.notModelled, `FtM schema ${e.schema}`);
        }
      }
      before += fileSize(file);
    }
  }

  return { records: generate(), liftScope: () => null, editionDate: () => null };
}
