import 'server-only';
// Queries of the read API (/api/v1): keyset-paginated lists with stable JSON shapes. Each list is
// ordered by a unique key (sort value, id), so that paging is complete and never repeats an item.
import { Prisma } from './generated/client';
import { prisma } from './client';
import { endOfPartialDate, parsePartialDate } from '../dates';
import { programLabel, type ProgramLike } from '../programs/registry';
import { getEntity } from './entities';
import type { Keyset } from '../api/cursor';
import type { DesignationDto, DesignationsQuery, EntitiesQuery, EntityDetailDto, EntitySummaryDto, MilestoneApiDto, MilestonesQuery, SavedViewApiDto } from '../validation/api-v1';
import { getSavedViewReport } from './accounts/saved-views';
import { getDesignationCountsJson } from './metrics';
import { getDataAsOf } from './sources/data-as-of';
import { frozenChartOf } from '../saved-views/snapshot';
import { parseDashboardQuery } from '../validation/dashboard';
import { searchParamsToObject } from '../validation/search-params';
import { authorize } from '../auth/verified';
import type { Principal } from '../auth/permissions';

export type KeysetPage<T> = { items: T[]; nextKey: Keyset | null };

// NOTE: a designation without a listing date sorts last; this sentinel stands for "no date" in keys.
const NO_DATE = '9999-12-31';

function pageOf<R extends { sort_key: string; id: string }, T>(rows: R[], limit: number, map: (r: R) => T): KeysetPage<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept[kept.length - 1];
  return { items: kept.map(map), nextKey: more && last ? [last.sort_key, last.id] : null };
}

function likeNormalized(q: string): Prisma.Sql {
  return Prisma.sql`'%' || st_normalize(${q}) || '%'`;
}

function rangeBounds(from: string | undefined, to: string | undefined): { from: Date | null; to: Date | null } {
  const f = parsePartialDate(from);
  const t = parsePartialDate(to);
  return { from: f?.date ?? null, to: t ? endOfPartialDate(t.date, t.precision) : null };
}

export async function listEntitiesPage(viewer: Principal, q: EntitiesQuery, after: Keyset | null): Promise<KeysetPage<EntitySummaryDto>> {
  authorize(viewer, 'data:read');
  const where: Prisma.Sql[] = [Prisma.sql`e.deleted_at IS NULL`, Prisma.sql`e.merged_into_id IS NULL`];
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(Prisma.sql`(e.name_norm LIKE ${likeNormalized(q.q)} OR EXISTS (SELECT 1 FROM entity_alias a WHERE a.entity_id = e.id AND a.name_norm LIKE ${likeNormalized(q.q)}) OR e.name ILIKE ${like})`);
  }
  if (q.schema.length) where.push(Prisma.sql`e.schema::text IN (${Prisma.join(q.schema)})`);
  // Countries are stored as lower-case codes (FtM's convention, lib/normalize/countries.ts); matched case-insensitively.
  if (q.country.length) where.push(Prisma.sql`lower(e.countries::text)::text[] && ${q.country.map((c) => c.toLowerCase())}::text[]`);
  if (q.authority.length) where.push(Prisma.sql`EXISTS (SELECT 1 FROM designation d WHERE d.entity_id = e.id AND d.deleted_at IS NULL AND d.authority_id IN (${Prisma.join(q.authority)}))`);
  if (after) where.push(Prisma.sql`(e.name_norm, e.id) > (${after[0]}, ${after[1]})`);
  const rows = await prisma.$queryRaw<Array<EntitySummaryDto & { sort_key: string }>>`
    SELECT e.id, e.name, e.schema::text AS schema, e.countries, e.name_norm AS sort_key,
      COALESCE((SELECT array_agg(DISTINCT d.authority_id ORDER BY d.authority_id) FROM designation d WHERE d.entity_id = e.id AND d.deleted_at IS NULL), '{}') AS authorities,
      (SELECT count(*)::int FROM designation d WHERE d.entity_id = e.id AND d.deleted_at IS NULL) AS designations
    FROM entity e
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY e.name_norm, e.id
    LIMIT ${q.limit + 1}`;
  return pageOf(rows, q.limit, (r) => ({ id: r.id, name: r.name, schema: r.schema, countries: r.countries, authorities: r.authorities, designations: r.designations }));
}

type DesignationRow = Omit<DesignationDto, 'programs' | 'programDetails'> & { programs: ProgramLike[] | null; sort_key: string };

/** A designation's programs as the API gives them: by code, each with its sourced title and its label. */
function toPrograms(programs: ProgramLike[]): DesignationDto['programDetails'] {
  return [...programs].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)).map((p) => ({ code: p.code, title: p.title, label: programLabel(p) }));
}

// Constant SQL only; every value below goes through a bind parameter.
const DESIGNATION_COLUMNS = Prisma.sql`
  d.id, d.entity_id AS "entityId", e.name AS "entityName", d.authority_id AS "authorityId",
  (SELECT json_agg(json_build_object('authorityId', sp.authority_id, 'code', sp.code, 'title', sp.title, 'legalBasis', sp.legal_basis))
    FROM designation_program dp JOIN sanctions_program sp ON sp.id = dp.program_id WHERE dp.designation_id = d.id) AS programs,
  to_char(d.listing_date, 'YYYY-MM-DD') AS "listingDate", d.listing_date_precision::text AS "listingDatePrecision", d.listing_date_qualifier::text AS "listingDateQualifier",
  to_char(d.start_date, 'YYYY-MM-DD') AS "startDate", d.start_date_precision::text AS "startDatePrecision",
  to_char(d.end_date, 'YYYY-MM-DD') AS "endDate", d.end_date_precision::text AS "endDatePrecision",
  d.end_date_qualifier::text AS "endDateQualifier", to_char(d.end_date_after, 'YYYY-MM-DD') AS "endDateAfter",
  d.status::text AS status, d.reason, d.measures, d.legal_act AS "legalAct", d.source_url AS "sourceUrl", d.is_uncertain AS "isUncertain"`;

function toDesignation(r: DesignationRow): DesignationDto {
  const { sort_key: _sortKey, ...rest } = r;
  void _sortKey;
  // NOTE: `programs` stays the list of codes v1 clients read; the titles come beside it.
  const programDetails = toPrograms(r.programs ?? []);
  return { ...rest, programs: programDetails.map((p) => p.code), programDetails };
}

export async function listDesignationsPage(viewer: Principal, q: DesignationsQuery, after: Keyset | null): Promise<KeysetPage<DesignationDto>> {
  authorize(viewer, 'data:read');
  const sortDate = Prisma.sql`COALESCE(d.listing_date, ${NO_DATE}::date)`;
  const where: Prisma.Sql[] = [Prisma.sql`d.deleted_at IS NULL`, Prisma.sql`e.deleted_at IS NULL`];
  if (q.authority.length) where.push(Prisma.sql`d.authority_id IN (${Prisma.join(q.authority)})`);
  if (q.entity.length) where.push(Prisma.sql`d.entity_id IN (${Prisma.join(q.entity)})`);
  if (q.program.length) where.push(Prisma.sql`EXISTS (SELECT 1 FROM designation_program dp JOIN sanctions_program sp ON sp.id = dp.program_id WHERE dp.designation_id = d.id AND sp.code IN (${Prisma.join(q.program)}))`);
  const { from, to } = rangeBounds(q.from, q.to);
  if (from) where.push(Prisma.sql`d.listing_date >= ${from}::date`);
  if (to) where.push(Prisma.sql`d.listing_date <= ${to}::date`);
  if (after) where.push(Prisma.sql`(${sortDate}, d.id) > (${after[0]}::date, ${after[1]})`);
  const rows = await prisma.$queryRaw<DesignationRow[]>`
    SELECT ${DESIGNATION_COLUMNS}, to_char(${sortDate}, 'YYYY-MM-DD') AS sort_key
    FROM designation d JOIN entity e ON e.id = d.entity_id
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY ${sortDate}, d.id
    LIMIT ${q.limit + 1}`;
  return pageOf(rows, q.limit, toDesignation);
}

export async function listMilestonesPage(viewer: Principal, q: MilestonesQuery, after: Keyset | null): Promise<KeysetPage<MilestoneApiDto>> {
  authorize(viewer, 'data:read');
  const where: Prisma.Sql[] = [Prisma.sql`m.deleted_at IS NULL`];
  if (q.category.length) where.push(Prisma.sql`m.category::text IN (${Prisma.join(q.category)})`);
  const { from, to } = rangeBounds(q.from, q.to);
  if (from) where.push(Prisma.sql`m.date >= ${from}::date`);
  if (to) where.push(Prisma.sql`m.date <= ${to}::date`);
  if (after) where.push(Prisma.sql`(m.date, m.id) > (${after[0]}::date, ${after[1]})`);
  const rows = await prisma.$queryRaw<Array<MilestoneApiDto & { sort_key: string }>>`
    SELECT m.id, m.slug, m.code, to_char(m.date, 'YYYY-MM-DD') AS date, m.date_precision::text AS "datePrecision",
      to_char(m.end_date, 'YYYY-MM-DD') AS "endDate", m.end_date_precision::text AS "endDatePrecision",
      m.title, m.category::text AS category, m.description, m.quote, m.note, m.source_url AS "sourceUrl",
      to_char(m.date, 'YYYY-MM-DD') AS sort_key
    FROM milestone m
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY m.date, m.id
    LIMIT ${q.limit + 1}`;
  return pageOf(rows, q.limit, (r) => {
    const { sort_key: _sortKey, ...rest } = r;
    void _sortKey;
    return rest;
  });
}

/** One entity with its aliases, identifiers and designations; null when unknown or deleted. */
export async function getEntityDetail(viewer: Principal, id: string): Promise<EntityDetailDto | null> {
  authorize(viewer, 'data:read');
  const e = await getEntity(viewer, id);
  if (!e) return null;
  // The same columns as the designation list, so both endpoints give a designation one shape.
  const designations = (
    await prisma.$queryRaw<DesignationRow[]>`
      SELECT ${DESIGNATION_COLUMNS}, d.id AS sort_key
      FROM designation d JOIN entity e ON e.id = d.entity_id
      WHERE d.entity_id = ${e.id} AND d.deleted_at IS NULL
      ORDER BY d.listing_date, d.id`
  ).map(toDesignation);
  return {
    id: e.id,
    name: e.name,
    schema: e.schema,
    countries: e.countries,
    addresses: e.addresses,
    birthDate: e.birthDate,
    birthDatePrecision: e.birthDatePrecision,
    notes: e.notes,
    mergedIntoId: e.mergedIntoId,
    aliases: e.aliases.map((a) => ({ name: a.name, kind: a.kind })),
    identifiers: e.identifiers.map((i) => ({ type: i.type, value: i.value, country: i.country })),
    externalIds: e.externalIds.map((x) => ({ source: x.source, externalId: x.externalId })),
    designations,
  };
}


/**
 * GET /api/v1/views/{id}: a saved view the caller may open (their own, or shared), with its series
 * — a frozen view's stored series and as-of (what the view shows, whatever was imported since), or
 * a live overview view's series computed now, exactly as GET /api/v1/series answers its query.
 */
export async function getSavedViewApi(viewer: Principal, id: string): Promise<SavedViewApiDto | null> {
  authorize(viewer, 'data:read');
  const report = await getSavedViewReport(viewer, id);
  if (!report) return null;
  const { view, snapshot } = report;
  const base = { id: view.id, name: view.name, path: view.path, query: view.query, isShared: view.isShared, ownerName: view.ownerName, frozenAt: view.frozenAt };
  if (snapshot) return { ...base, asOf: snapshot.asOf, series: snapshot.series };
  const [asOf, series] = await Promise.all([
    getDataAsOf(viewer),
    frozenChartOf(view.path) === 'overview'
      ? getDesignationCountsJson(viewer, parseDashboardQuery(searchParamsToObject(new URLSearchParams(view.query))).query).then((s) => JSON.parse(s) as SavedViewApiDto['series'])
      : Promise.resolve(null),
  ]);
  return { ...base, asOf, series };
}
