import 'server-only';
import { programLabel } from '../programs/registry';
import { Prisma } from './generated/client';
import { prisma } from './client';
import { isoDay } from '../dates';
import { designationGrounds } from '../sources/legal-links';
import type { EntityListQuery } from '../validation/entities';
import { authorize } from '../auth/verified';
import type { Principal } from '../auth/permissions';

export type EntityListItem = { id: string; name: string; schema: string; countries: string[]; designations: number; authorities: string[] };

/** Entities (not deleted, not merged away), optionally matching a name or alias, with designation counts. */
export async function listEntities(viewer: Principal, q: EntityListQuery): Promise<{ items: EntityListItem[]; total: number }> {
  authorize(viewer, 'data:read');
  const conditions: Prisma.Sql[] = [Prisma.sql`e.deleted_at IS NULL`, Prisma.sql`e.merged_into_id IS NULL`];
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(Prisma.sql`(e.name_norm LIKE '%' || st_normalize(${q.q}) || '%' OR EXISTS (SELECT 1 FROM entity_alias a WHERE a.entity_id = e.id AND a.name_norm LIKE '%' || st_normalize(${q.q}) || '%') OR e.name ILIKE ${like})`);
  }
  if (q.authority.length) conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM designation d WHERE d.entity_id = e.id AND d.deleted_at IS NULL AND d.authority_id IN (${Prisma.join(q.authority)}))`);
  if (q.schema.length) conditions.push(Prisma.sql`e.schema::text IN (${Prisma.join(q.schema)})`);
  const where = Prisma.join(conditions, ' AND ');
  const offset = (q.page - 1) * q.pageSize;
  const [items, [count]] = await Promise.all([
    prisma.$queryRaw<EntityListItem[]>`
      SELECT e.id, e.name, e.schema::text AS schema, e.countries,
        (SELECT count(*)::int FROM designation d WHERE d.entity_id = e.id AND d.deleted_at IS NULL) AS designations,
        COALESCE((SELECT array_agg(DISTINCT d.authority_id ORDER BY d.authority_id) FROM designation d WHERE d.entity_id = e.id AND d.deleted_at IS NULL), '{}') AS authorities
      FROM entity e
      WHERE ${where}
      ORDER BY e.name_norm, e.id
      LIMIT ${q.pageSize} OFFSET ${offset}`,
    prisma.$queryRaw<Array<{ total: number }>>`SELECT count(*)::int AS total FROM entity e WHERE ${where}`,
  ]);
  return { items, total: count?.total ?? 0 };
}

export async function getEntity(viewer: Principal, id: string) {
  authorize(viewer, 'data:read');
  const entity = await prisma.entity.findFirst({
    where: { id, deletedAt: null },
    include: {
      aliases: { orderBy: { name: 'asc' } },
      identifiers: { orderBy: { type: 'asc' } },
      externalIds: { orderBy: { source: 'asc' } },
      designations: {
        where: { deletedAt: null },
        orderBy: [{ listingDate: 'asc' }],
        include: {
          authority: { select: { id: true, shortName: true } },
          programs: { include: { program: { select: { code: true, title: true, legalBasis: true, authorityId: true, url: true } } } },
          events: { orderBy: { date: 'asc' } },
          // The grounds (issue 26): the action that published it and the record that lists it.
          action: { select: { id: true, title: true, kind: true, sourceUrls: true, legalAct: true, scope: true } },
          sourceRecord: { select: { source: true, externalId: true, document: true, properties: true } },
        },
      },
      participations: { where: { deletedAt: null }, include: { weaponsProgram: { select: { slug: true, name: true } } } },
      suppliesTo: { where: { deletedAt: null }, orderBy: { componentCategory: 'asc' }, include: { recipient: { select: { id: true, name: true } }, weaponsProgram: { select: { slug: true, name: true } } } },
      suppliedBy: { where: { deletedAt: null }, orderBy: { componentCategory: 'asc' }, include: { supplier: { select: { id: true, name: true } }, weaponsProgram: { select: { slug: true, name: true } } } },
      relationsOut: { where: { deletedAt: null }, orderBy: [{ type: 'asc' }, { id: 'asc' }], include: { object: { select: { id: true, name: true } } } },
      relationsIn: { where: { deletedAt: null }, orderBy: [{ type: 'asc' }, { id: 'asc' }], include: { subject: { select: { id: true, name: true } } } },
    },
  });
  if (!entity) return null;
  return {
    ...entity,
    birthDate: entity.birthDate ? isoDay(entity.birthDate) : null,
    designations: entity.designations.map((d) => ({
      ...d,
      listingDate: d.listingDate ? isoDay(d.listingDate) : null,
      startDate: d.startDate ? isoDay(d.startDate) : null,
      endDate: d.endDate ? isoDay(d.endDate) : null,
      endDateAfter: d.endDateAfter ? isoDay(d.endDateAfter) : null,
      programs: d.programs.map((p) => ({ ...p, removedOn: p.removedOn ? isoDay(p.removedOn) : null, label: programLabel(p.program) })),
      events: d.events.map((e) => ({ ...e, date: isoDay(e.date) })),
      grounds: designationGrounds({
        authorityId: d.authorityId,
        legalAct: d.legalAct,
        origin: d.origin,
        originKey: d.originKey,
        sourceUrl: d.sourceUrl,
        eventUrls: d.events.map((e) => e.sourceUrl),
        action: d.action,
        sourceRecord: d.sourceRecord ? { document: d.sourceRecord.document, urls: recordUrls(d.sourceRecord.properties) } : null,
        programs: d.programs.map((p) => p.program),
      }),
    })),
  };
}

const objectOf = (v: Prisma.JsonValue | undefined): Prisma.JsonObject | null => (v && typeof v === 'object' && !Array.isArray(v) ? v : null);

/** URLs a source record states of itself: an FtM record's `sourceUrl` (kept under `extra.properties`); none for the lists' own rows. */
function recordUrls(properties: Prisma.JsonValue | null): string[] {
  const extra = objectOf(objectOf(properties ?? undefined)?.extra);
  const values = [extra?.sourceUrl, objectOf(extra?.properties)?.sourceUrl].flatMap((v) => (Array.isArray(v) ? v : [v]));
  return values.filter((v): v is string => typeof v === 'string');
}

/** Where a merged entity now lives (issue: merged records stay as redirects). */
export async function getMergeTarget(viewer: Principal, id: string): Promise<string | null> {
  authorize(viewer, 'data:read');
  const e = await prisma.entity.findUnique({ where: { id }, select: { mergedIntoId: true } });
  return e?.mergedIntoId ?? null;
}
