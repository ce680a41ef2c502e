import 'server-only';
import { Prisma } from '../generated/client';
import { prisma } from '../client';
import { writeAudit, type Actor } from '../audit';
import { AppError } from '../../errors';
import { formatIdentifierLine, type EntityInput, type IdentifierInput } from '../../validation/entity-records';
import type { FormValues } from '../../validation/form';
import { partialDateString, type RecordStore, type Tx } from './crud';
import { PAGE_SIZE, paging, type AdminListQuery, type AdminRow, type Page } from './list';

const include = { aliases: { orderBy: [{ kind: 'asc' }, { name: 'asc' }] }, identifiers: { orderBy: [{ type: 'asc' }, { value: 'asc' }] } } satisfies Prisma.EntityInclude;
export type EntityRow = Prisma.EntityGetPayload<{ include: typeof include }>;

export type EntityMatch = { id: string; name: string; schema: string; countries: string[]; score: number; via: string[] };

/** Identifier values compared without case, spaces or punctuation: "IMO 912-3456" = "imo9123456". */
const normIdentifier = (v: string) => v.toUpperCase().replace(/[^A-Z0-9]/g, '');

/**
 * Likely existing records for a new entity: trigram-similar names or aliases (pg_trgm on the
 * normalised columns, GIN-indexed) and identical identifier values. Live, unmerged entities only.
 */
export async function findEntityMatches(db: Tx | typeof prisma, q: { name: string; aliases: string[]; identifiers: IdentifierInput[]; excludeId?: string | null }): Promise<EntityMatch[]> {
  const names = [q.name, ...q.aliases].map((n) => n.trim()).filter(Boolean);
  const ids = q.identifiers.map((i) => normIdentifier(i.value)).filter((v) => v.length >= 4);
  if (!names.length && !ids.length) return [];
  const rows = await db.$queryRaw<EntityMatch[]>`
    WITH q AS MATERIALIZED (SELECT DISTINCT st_normalize(n) AS n FROM unnest(${names}::text[]) AS n WHERE st_normalize(n) <> ''),
    hits AS MATERIALIZED (
      SELECT e.id AS entity_id, similarity(e.name_norm, q.n) AS score, 'name' AS via FROM entity e JOIN q ON e.name_norm % q.n
      UNION ALL
      SELECT a.entity_id, similarity(a.name_norm, q.n), 'alias' FROM entity_alias a JOIN q ON a.name_norm % q.n
      UNION ALL
      SELECT i.entity_id, 1.0, 'identifier ' || i.type FROM identifier i
        WHERE upper(regexp_replace(i.value, '[^A-Za-z0-9]', '', 'g')) = ANY(${ids}::text[])
    ),
    -- NOTE: aggregated before the join, so the planner never re-runs the search per entity row.
    best AS MATERIALIZED (SELECT entity_id, max(score) AS score, array_agg(DISTINCT via) AS via FROM hits WHERE score >= 0.45 GROUP BY entity_id)
    SELECT e.id, e.name, e.schema::text AS schema, e.countries, round(b.score::numeric, 2)::float8 AS score, b.via
    FROM best b JOIN entity e ON e.id = b.entity_id
    WHERE e.deleted_at IS NULL AND e.merged_into_id IS NULL AND e.id <> ${q.excludeId ?? ''}
    ORDER BY b.score DESC, e.name
    LIMIT 10`;
  return rows;
}

/** The duplicate guard's question, outside a transaction (the form asks it before saving). */
export function checkEntityMatches(q: { name: string; aliases: string[]; identifiers: IdentifierInput[]; excludeId?: string | null }): Promise<EntityMatch[]> {
  return findEntityMatches(prisma, q);
}

async function writeAliasesAndIdentifiers(tx: Tx, entityId: string, input: EntityInput) {
  await tx.entityAlias.deleteMany({ where: { entityId, kind: 'ALIAS' } });
  if (input.aliases.length) await tx.entityAlias.createMany({ data: input.aliases.filter((a) => a !== input.name).map((name) => ({ entityId, name, kind: 'ALIAS' as const })), skipDuplicates: true });
  await tx.identifier.deleteMany({ where: { entityId } });
  if (input.identifiers.length) await tx.identifier.createMany({ data: input.identifiers.map((i) => ({ entityId, ...i })), skipDuplicates: true });
}

const scalarData = (input: EntityInput) => ({ schema: input.schema, name: input.name, countries: input.countries, birthDate: input.birthDate?.date ?? null, birthDatePrecision: input.birthDate?.precision ?? null, notes: input.notes });

export const entityStore: RecordStore<EntityRow, EntityInput, EntityInput> = {
  targetType: 'Entity',
  action: 'entity',
  table: 'entity',
  label: 'entity',
  find: (tx, id) => tx.entity.findUnique({ where: { id }, include }),
  insert: async (tx, input) => {
    if (!input.acknowledgeDuplicates) {
      const matches = await findEntityMatches(tx, { name: input.name, aliases: input.aliases, identifiers: input.identifiers });
      if (matches.length) {
        throw new AppError('CONFLICT', `${matches.length === 1 ? 'An entity like this exists' : `${matches.length} entities like this exist`} already. Check the list: open a match to edit it, or confirm that this is a different entity.`, undefined, { duplicates: matches });
      }
    }
    const row = await tx.entity.create({ data: scalarData(input), select: { id: true } });
    await writeAliasesAndIdentifiers(tx, row.id, input);
    return row;
  },
  update: async (tx, before, input) => {
    await tx.entity.update({ where: { id: before.id }, data: scalarData(input) });
    await writeAliasesAndIdentifiers(tx, before.id, input);
  },
  snapshot: (e) => ({
    schema: e.schema,
    name: e.name,
    aliases: e.aliases.map((a) => (a.kind === 'ALIAS' ? a.name : `${a.name} (${a.kind.toLowerCase().replace('_', ' ')})`)),
    countries: e.countries,
    birthDate: partialDateString(e.birthDate, e.birthDatePrecision),
    identifiers: e.identifiers.map(formatIdentifierLine),
    notes: e.notes,
    mergedIntoId: e.mergedIntoId,
    deletedAt: e.deletedAt,
  }),
};

export async function listEntitiesForAdmin(q: AdminListQuery): Promise<Page<AdminRow>> {
  const conditions: Prisma.Sql[] = [q.deleted ? Prisma.sql`e.deleted_at IS NOT NULL` : Prisma.sql`e.deleted_at IS NULL`, Prisma.sql`e.merged_into_id IS NULL`];
  if (q.q) {
    conditions.push(Prisma.sql`(e.id = ${q.q} OR e.name_norm LIKE '%' || st_normalize(${q.q}) || '%' OR EXISTS (SELECT 1 FROM entity_alias a WHERE a.entity_id = e.id AND a.name_norm LIKE '%' || st_normalize(${q.q}) || '%'))`);
  }
  const where = Prisma.join(conditions, ' AND ');
  const { skip, take } = paging(q);
  const [rows, [count]] = await Promise.all([
    prisma.$queryRaw<Array<{ id: string; version: number; deleted: boolean; name: string; schema: string; countries: string[]; designations: number }>>`
      SELECT e.id, e.version, e.deleted_at IS NOT NULL AS deleted, e.name, e.schema::text AS schema, e.countries,
        (SELECT count(*)::int FROM designation d WHERE d.entity_id = e.id AND d.deleted_at IS NULL) AS designations
      FROM entity e WHERE ${where} ORDER BY e.name_norm, e.id LIMIT ${take} OFFSET ${skip}`,
    prisma.$queryRaw<Array<{ total: number }>>`SELECT count(*)::int AS total FROM entity e WHERE ${where}`,
  ]);
  return {
    items: rows.map((r) => ({ id: r.id, version: r.version, deleted: r.deleted, cells: [r.name, r.schema, r.countries.join(', ').toUpperCase() || '—', String(r.designations), r.id] })),
    total: count?.total ?? 0,
    page: q.page,
    pageSize: PAGE_SIZE,
  };
}

export async function getEntityForm(id: string) {
  const e = await prisma.entity.findUnique({ where: { id }, include });
  if (!e) return null;
  const values: FormValues = {
    schema: e.schema,
    name: e.name,
    aliases: e.aliases.filter((a) => a.kind === 'ALIAS').map((a) => a.name).join('\n'),
    countries: e.countries.map((c) => c.toUpperCase()).join('\n'),
    birthDate: partialDateString(e.birthDate, e.birthDatePrecision) ?? '',
    identifiers: e.identifiers.map(formatIdentifierLine).join('\n'),
    notes: e.notes ?? '',
  };
  return { id: e.id, version: e.version, deleted: !!e.deletedAt, mergedIntoId: e.mergedIntoId, otherAliases: e.aliases.filter((a) => a.kind !== 'ALIAS').map((a) => `${a.name} (${a.kind.toLowerCase().replace('_', ' ')})`), values };
}

/** A short summary of an entity for the merge page. */
export async function getEntitySummary(id: string) {
  const e = await prisma.entity.findUnique({
    where: { id },
    select: { id: true, name: true, schema: true, version: true, deletedAt: true, mergedIntoId: true, countries: true, _count: { select: { designations: true, aliases: true, identifiers: true, externalIds: true, relationsIn: true, relationsOut: true, participations: true, suppliesTo: true, suppliedBy: true } } },
  });
  return e;
}

export type MergeReport = { designations: number; relationships: number; aliases: number; identifiers: number; externalIds: number; participations: number; supplyLinks: number };

/**
 * Merges `mergedId` into `survivorId`: designations, relationships, aliases (with the merged
 * entity's name as an alias), identifiers, external ids, program roles and supply links move to the
 * survivor; the merged entity stays as a redirect (mergedIntoId). Both versions are checked; one
 * audit event records the whole merge.
 */
export async function mergeEntities(actor: Actor, input: MergeInput): Promise<MergeReport> {
  return prisma.$transaction((tx) => mergeEntitiesInTx(tx, actor, input));
}

export type MergeInput = { survivorId: string; mergedId: string; survivorVersion: number; mergedVersion: number };

/**
 * The merge itself, inside a transaction the caller owns: the admin merge page, the review queue
 * (lib/db/match-candidates.ts) and cross-list resolution during an import
 * (lib/db/import-resolution.ts) all merge this one way. `meta` adds to the audit event's meta
 * (why the merge happened: an import run, a review decision).
 */
export async function mergeEntitiesInTx(tx: Tx, actor: Actor, input: MergeInput, meta: Record<string, unknown> = {}): Promise<MergeReport> {
  {
    const guard = async (id: string, version: number, label: string) => {
      const n = await tx.$executeRaw`UPDATE entity SET version = version + 1, updated_at = now() WHERE id = ${id} AND version = ${version} AND deleted_at IS NULL AND merged_into_id IS NULL`;
      if (n !== 1) {
        const e = await tx.entity.findUnique({ where: { id }, select: { version: true, deletedAt: true, mergedIntoId: true } });
        if (!e) throw new AppError('NOT_FOUND', `The ${label} entity does not exist.`);
        if (e.deletedAt || e.mergedIntoId) throw new AppError('CONFLICT', `The ${label} entity is deleted or already merged: nothing was changed.`);
        throw new AppError('CONFLICT', `The ${label} entity was changed by someone else since you opened this page (version ${version} → ${e.version}). Nothing was merged: reload and check again.`);
      }
    };
    await guard(input.survivorId, input.survivorVersion, 'surviving');
    await guard(input.mergedId, input.mergedVersion, 'merged');
    const [survivor, merged] = await Promise.all([entityStore.find(tx, input.survivorId), entityStore.find(tx, input.mergedId)]);
    if (!survivor || !merged) throw new AppError('NOT_FOUND', 'An entity of the merge does not exist.');
    const from = input.mergedId;
    const to = input.survivorId;

    const designations = (await tx.designation.updateMany({ where: { entityId: from }, data: { entityId: to } })).count;
    const relationships = (await tx.relationship.updateMany({ where: { subjectId: from }, data: { subjectId: to } })).count + (await tx.relationship.updateMany({ where: { objectId: from }, data: { objectId: to } })).count;
    const externalIds = (await tx.externalId.updateMany({ where: { entityId: from }, data: { entityId: to } })).count;

    // Aliases and identifiers the survivor already has stay once (unique per entity).
    // Only the survivor's own name as a plain alias is redundant (a weak or previous name is kept).
    const aliasRows = [{ name: merged.name, kind: 'ALIAS' as const }, ...merged.aliases.map((a) => ({ name: a.name, kind: a.kind }))].filter((a) => a.name !== survivor.name || a.kind !== 'ALIAS');
    const aliases = (await tx.entityAlias.createMany({ data: aliasRows.map((a) => ({ entityId: to, ...a })), skipDuplicates: true })).count;
    await tx.entityAlias.deleteMany({ where: { entityId: from } });
    const identifiers = (await tx.identifier.createMany({ data: merged.identifiers.map((i) => ({ entityId: to, type: i.type, value: i.value, country: i.country })), skipDuplicates: true })).count;
    await tx.identifier.deleteMany({ where: { entityId: from } });

    // Program roles and supply links: moved unless the survivor has the same one already.
    let participations = 0;
    for (const p of await tx.programParticipant.findMany({ where: { entityId: from } })) {
      const dup = await tx.programParticipant.findUnique({ where: { entityId_weaponsProgramId_role: { entityId: to, weaponsProgramId: p.weaponsProgramId, role: p.role } } });
      if (!dup) participations += (await tx.programParticipant.updateMany({ where: { id: p.id }, data: { entityId: to } })).count;
    }
    let supplyLinks = 0;
    for (const s of await tx.supplyLink.findMany({ where: { OR: [{ supplierId: from }, { recipientId: from }] } })) {
      const supplierId = s.supplierId === from ? to : s.supplierId;
      const recipientId = s.recipientId === from ? to : s.recipientId;
      if (supplierId === recipientId) continue;
      const dup = await tx.supplyLink.findFirst({ where: { supplierId, recipientId, componentCategory: s.componentCategory, weaponsProgramId: s.weaponsProgramId, id: { not: s.id } } });
      if (!dup) supplyLinks += (await tx.supplyLink.updateMany({ where: { id: s.id }, data: { supplierId, recipientId } })).count;
    }

    // NOTE: every fact of the merged entity is kept on the survivor (the survivor's own wins where
    // both have one): a list re-imported after the merge then finds nothing to add.
    const countries = [...new Set([...survivor.countries, ...merged.countries])];
    const addresses = [...new Set([...survivor.addresses, ...merged.addresses])];
    await tx.entity.update({
      where: { id: to },
      data: {
        countries,
        addresses,
        ...(survivor.birthDate ? {} : { birthDate: merged.birthDate, birthDatePrecision: merged.birthDatePrecision }),
        ...(survivor.notes ? {} : { notes: merged.notes }),
      },
    });
    await tx.entity.update({ where: { id: from }, data: { mergedIntoId: to } });
    await tx.matchCandidate.updateMany({ where: { OR: [{ entityAId: from, entityBId: to }, { entityAId: to, entityBId: from }], status: 'PENDING' }, data: { status: 'MERGED', decidedById: actor.userId, decidedAt: new Date() } });

    const report: MergeReport = { designations, relationships, aliases, identifiers, externalIds, participations, supplyLinks };
    const survivorAfter = (await entityStore.find(tx, to)) as EntityRow;
    await writeAudit(tx, {
      actor,
      action: 'entity.merge',
      targetType: 'Entity',
      targetId: from,
      before: { merged: entityStore.snapshot(merged), survivor: entityStore.snapshot(survivor) },
      after: { merged: { mergedIntoId: to }, survivor: entityStore.snapshot(survivorAfter) },
      meta: { ...meta, survivorId: to, moved: report, version: merged.version },
    });
    return report;
  }
}
