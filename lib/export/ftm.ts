// Export as FollowTheMoney JSON lines — the field's standard, and what `--format ftm` imports, so
// export → import into an empty database reproduces the entities, designations and relationships.
// Entity → Person/Organization/…; Designation → Sanction; Relationship → Ownership/Directorship/…;
// an identifier FtM has no property for → an Identification entity. Source ids of other lists go
// in `referents` (`ofac-sdn-36`); what we keep beyond FtM goes in a top-level `extra` object.
// A Sanction's program codes go in `programId`, their labels (when the program has a sourced title)
// in `program`. A listing or lifting date known only as a bound (qualifier ON_OR_BEFORE) is never
// written to `listingDate` / `endDate`: the Sanction's `description` (FtM Interval's free text, see
// followthemoney/schema/Interval.yaml) states it as `listed on or before 2021-08-18` or `lifted
// after 2023-01-05, on or before 2023-07-11`, sentences lib/import/ftm.ts reads back.
import type { PrismaClient } from '../db/generated/client';
import { listEntitiesForExport, listFtmIdsByEntity, listRelationshipsForExport, type ExportEntity, type ExportFilter, type ExportRelationship } from '../db/exports';
import { toPartialDateString, type DatePrecision } from '../dates';
import { RELATIONSHIP_SCHEMAS, FTM_SOURCE, liftedBoundSentence, listedBoundSentence } from '../import/ftm';
import { FTM_PROPERTY } from '../normalize/identifier-types';
import { programLabel } from '../programs/registry';

type FtmOut = { id: string; schema: string; caption: string; properties: Record<string, string[]>; referents?: string[]; datasets?: string[]; extra?: Record<string, unknown> };

const fmt = (d: Date | null, p: DatePrecision | null) => (d ? [toPartialDateString(d, p ?? 'DAY')] : undefined);
/**
 * The identifier properties each schema has in the FollowTheMoney model (checked against the
 * published model in lib/export/ftm-model.int.test.ts): a value the schema cannot hold (an IMO
 * number on a LegalEntity, a KPP on an Organization) is exported as an Identification instead.
 */
export const FTM_SCHEMA_IDENTIFIERS: Record<string, ReadonlySet<string>> = {
  Person: new Set(['innCode', 'ogrnCode', 'okpoCode', 'taxNumber', 'registrationNumber', 'idNumber', 'passportNumber', 'leiCode', 'swiftBic', 'uniqueEntityId', 'wikidataId', 'vatCode']),
  Organization: new Set(['innCode', 'ogrnCode', 'okpoCode', 'taxNumber', 'registrationNumber', 'idNumber', 'imoNumber', 'leiCode', 'swiftBic', 'permId', 'uniqueEntityId', 'wikidataId', 'vatCode']),
  Company: new Set(['innCode', 'ogrnCode', 'kppCode', 'okpoCode', 'taxNumber', 'registrationNumber', 'idNumber', 'imoNumber', 'leiCode', 'swiftBic', 'permId', 'uniqueEntityId', 'wikidataId', 'vatCode']),
  LegalEntity: new Set(['innCode', 'ogrnCode', 'okpoCode', 'taxNumber', 'registrationNumber', 'idNumber', 'leiCode', 'swiftBic', 'uniqueEntityId', 'wikidataId', 'vatCode']),
  Vessel: new Set(['registrationNumber', 'imoNumber', 'mmsi', 'wikidataId', 'callSign']),
  Airplane: new Set(['registrationNumber', 'wikidataId', 'serialNumber']),
};
/** A country code as FtM writes it (ISO alpha-2, or a territory code such as `suhh`, `ua-cri`), lower case. */
const FTM_COUNTRY = /^[a-z]{2}(-[a-z]+)?$|^[a-z]{4}$/;
const RELATIONSHIP_BY_TYPE = Object.fromEntries(Object.entries(RELATIONSHIP_SCHEMAS).map(([schema, spec]) => [spec.type, { schema, ...spec }]));

export const ftmEntityId = (entityId: string, ftmIds: Map<string, string>) => ftmIds.get(entityId) ?? `st-${entityId}`;
export const ftmSanctionId = (origin: string, originKey: string) => (origin === FTM_SOURCE ? originKey : `st-${origin}-${originKey}`);

function put(props: Record<string, string[]>, key: string, values: Array<string | null | undefined> | undefined) {
  const clean = (values ?? []).filter((v): v is string => !!v);
  if (clean.length) props[key] = [...(props[key] ?? []), ...clean];
}

export function entityToFtm(e: ExportEntity, ftmIds: Map<string, string>): FtmOut[] {
  const id = ftmEntityId(e.id, ftmIds);
  const extra = (e.extra && typeof e.extra === 'object' && !Array.isArray(e.extra) ? { ...(e.extra as Record<string, unknown>) } : {}) as Record<string, unknown>;
  const properties: Record<string, string[]> = {};
  // Properties an FtM import kept verbatim go back where they came from.
  const kept = extra.properties as Record<string, string[]> | undefined;
  delete extra.properties;
  put(properties, 'name', [e.name]);
  put(properties, 'alias', e.aliases.filter((a) => a.kind === 'ALIAS').map((a) => a.name));
  put(properties, 'weakAlias', e.aliases.filter((a) => a.kind === 'WEAK_ALIAS').map((a) => a.name));
  put(properties, 'previousName', e.aliases.filter((a) => a.kind === 'PREVIOUS_NAME').map((a) => a.name));
  // Codes only: a value no library resolved stays in `extra` (as the list wrote it), never as a country.
  const countries = e.countries.map((c) => c.toLowerCase());
  put(properties, 'country', countries.filter((c) => FTM_COUNTRY.test(c)));
  const unresolved = e.countries.filter((c) => !FTM_COUNTRY.test(c.toLowerCase()));
  if (unresolved.length) extra.countriesUnresolved = [...new Set([...((extra.countriesUnresolved as string[] | undefined) ?? []), ...unresolved])];
  put(properties, 'address', e.addresses);
  put(properties, e.schema === 'Person' ? 'birthDate' : 'incorporationDate', fmt(e.birthDate, e.birthDatePrecision));
  put(properties, 'notes', e.notes ? [e.notes] : undefined);
  const out: FtmOut[] = [];
  for (const i of e.identifiers) {
    // The vocabulary's names are FtM's (lib/normalize/identifier-types.ts); an aircraft's tail number is its registrationNumber.
    const prop = (FTM_PROPERTY as Record<string, string | null | undefined>)[i.type] ?? i.type;
    if (FTM_SCHEMA_IDENTIFIERS[e.schema]?.has(prop) && !i.country) put(properties, prop, [i.value]);
    else out.push({ id: `${id}-id-${out.length + 1}`, schema: 'Identification', caption: i.value, properties: { holder: [id], number: [i.value], type: [i.type], ...(i.country ? { country: [i.country] } : {}) } });
  }
  for (const [k, v] of Object.entries(kept ?? {})) put(properties, k, v);
  const referents = [...(Array.isArray(extra.referents) ? (extra.referents as string[]) : []), ...e.externalIds.filter((x) => x.source !== FTM_SOURCE).map((x) => `${x.source}-${x.externalId}`)];
  const datasets = Array.isArray(extra.datasets) ? (extra.datasets as string[]) : undefined;
  delete extra.referents;
  delete extra.datasets;
  const entity: FtmOut = { id, schema: e.schema, caption: e.name, properties, ...(referents.length ? { referents } : {}), ...(datasets ? { datasets } : {}), ...(Object.keys(extra).length ? { extra } : {}) };
  const sanctions = e.designations.map((d): FtmOut => {
    const p: Record<string, string[]> = { entity: [id] };
    put(p, 'authority', [d.authority.name]);
    put(p, 'country', [d.authority.country ? d.authority.country.toLowerCase() : d.authority.id === 'EU' ? 'eu' : d.authority.id === 'UN' ? 'un' : null]);
    // Codes in `programId` (what the import reads); the sourced names in FtM's free-text `program`.
    put(p, 'programId', d.programs.map((x) => x.program.code));
    put(p, 'program', d.programs.filter((x) => x.program.title).map((x) => programLabel(x.program)));
    // A date known only as a bound is never written as an exact date: `description` states it.
    const listed = fmt(d.listingDate, d.listingDatePrecision);
    const ended = fmt(d.endDate, d.endDatePrecision);
    if (d.listingDateQualifier === 'ON_OR_BEFORE') put(p, 'description', listed && [listedBoundSentence(listed[0]!)]);
    else put(p, 'listingDate', listed);
    put(p, 'startDate', fmt(d.startDate, d.startDatePrecision));
    if (d.endDateQualifier === 'ON_OR_BEFORE') put(p, 'description', ended && [liftedBoundSentence(ended[0]!, d.endDateAfter ? toPartialDateString(d.endDateAfter, 'DAY') : null)]);
    else put(p, 'endDate', ended);
    put(p, 'reason', [d.reason]);
    put(p, 'provisions', d.measures);
    put(p, 'summary', [d.legalAct]);
    put(p, 'authorityId', [d.authorityRecordId]);
    put(p, 'sourceUrl', [d.sourceUrl]);
    return { id: ftmSanctionId(d.origin, d.originKey), schema: 'Sanction', caption: d.programs.map((x) => programLabel(x.program)).join(', ') || d.authority.name, properties: p };
  });
  return [entity, ...out, ...sanctions];
}

export function relationshipToFtm(r: ExportRelationship, ftmIds: Map<string, string>): FtmOut {
  const spec = RELATIONSHIP_BY_TYPE[r.type]!;
  const extra = (r.extra && typeof r.extra === 'object' && !Array.isArray(r.extra) ? (r.extra as Record<string, unknown>) : {}) as Record<string, unknown>;
  const properties: Record<string, string[]> = { [spec.subject]: [ftmEntityId(r.subjectId, ftmIds)], [spec.object]: [ftmEntityId(r.objectId, ftmIds)] };
  put(properties, spec.type === 'FAMILY' ? 'relationship' : 'role', r.role ? [r.role] : undefined);
  put(properties, 'startDate', fmt(r.startDate, r.startDatePrecision));
  put(properties, 'endDate', fmt(r.endDate, r.endDatePrecision));
  put(properties, 'sourceUrl', r.sourceUrl ? [r.sourceUrl] : undefined);
  for (const [k, v] of Object.entries((extra.properties as Record<string, string[]> | undefined) ?? {})) put(properties, k, v);
  const datasets = Array.isArray(extra.datasets) ? (extra.datasets as string[]) : undefined;
  return { id: r.origin === FTM_SOURCE ? r.originKey : `st-${r.origin}-${r.originKey}`, schema: spec.schema, caption: spec.schema, properties, ...(datasets ? { datasets } : {}) };
}

/** The export, line by line (each a JSON object and a newline). */
export async function* exportFtm(filter: ExportFilter = {}, db?: PrismaClient): AsyncGenerator<string> {
  const ftmIds = await listFtmIdsByEntity(db);
  for await (const e of listEntitiesForExport(filter, db)) for (const o of entityToFtm(e, ftmIds)) yield `${JSON.stringify(o)}\n`;
  for await (const r of listRelationshipsForExport(filter, db)) yield `${JSON.stringify(relationshipToFtm(r, ftmIds))}\n`;
}
