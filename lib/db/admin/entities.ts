import 'server-only';
import { Prisma } from '../generated/client';
import { prisma } from '../client';
import { toAuditJson, writeAudit, type Actor } from '../audit';
import { AppError } from '../../errors';
import { formatIdentifierLine, type EntityInput, type IdentifierInput } from '../../validation/entity-records';
import type { FormValues } from '../../validation/form';
import { partialDateString, type RecordStore, type Tx } from './crud';
import { PAGE_SIZE, paging, type AdminListQuery, type AdminRow, type Page } from './list';
import { authorize } from '../../auth/verified';
import type { Principal } from '../../auth/permissions';

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

export async function listEntitiesForAdmin(viewer: Principal, q: AdminListQuery): Promise<Page<AdminRow>> {
  authorize(viewer, 'data:write');
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

export async function getEntityForm(viewer: Principal, id: string) {
  authorize(viewer, 'data:write');
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
export async function getEntitySummary(viewer: Principal, id: string) {
  authorize(viewer, 'data:write');
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
 * (lib/db/resolution/match-candidates.ts) and cross-list resolution during an import
 * (lib/db/import-resolution.ts) all merge this one way. `meta` adds to the audit event's meta
 * (why the merge happened: an import run, a review decision).
 */
export async function mergeEntitiesInTx(tx: Tx, actor: Actor, input: MergeInput, meta: Record<string, unknown> = {}): Promise<MergeReport> {
  // NOTE: the rollups' writer lock before the entity rows: moving designations takes it, then the
  // entities' rows (st_entity_summary_refresh); a merge holding both entities first could deadlock
  // with a designation edit of either (as lib/db/imports.ts does before it writes).
  await tx.$queryRaw`SELECT 1 FROM rollup_version WHERE id = 1 FOR UPDATE`;
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
    const aliasRows = [{ name: merged.name, kind: 'ALIAS' as const, sourceRecordId: null }, ...merged.aliases.map((a) => ({ name: a.name, kind: a.kind, sourceRecordId: a.sourceRecordId }))].filter((a) => a.name !== survivor.name || a.kind !== 'ALIAS');
    const aliases = (await tx.entityAlias.createMany({ data: aliasRows.map((a) => ({ entityId: to, ...a })), skipDuplicates: true })).count;
    await tx.entityAlias.deleteMany({ where: { entityId: from } });
    const identifiers = (await tx.identifier.createMany({ data: merged.identifiers.map((i) => ({ entityId: to, type: i.type, value: i.value, country: i.country, label: i.label, countryRaw: i.countryRaw, key: i.key, sourceRecordId: i.sourceRecordId })), skipDuplicates: true })).count;
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

export type BulkMerge = { mergedId: string; survivorId: string; meta: Record<string, unknown> };

/**
 * Many merges at once, with the same outcome as mergeEntitiesInTx for each pair: cross-list
 * resolution merges hundreds of entities per import (887 UK↔UN pairs on the seed), and one pair at
 * a time cost ~25 statements each — a minute per seed. Here each table is moved in one statement.
 * A survivor may take several merged entities; a survivor is never itself merged in the same call.
 * The caller holds the rows it read in this transaction, so versions are bumped, not compared; a
 * row found deleted or merged meanwhile aborts the whole call (the import rolls back).
 * Audit: one `entity.merge` event per merged entity, as the single merge writes; `moved` counts
 * designations, relationships, external ids, program roles and supply links per merged entity, and
 * aliases/identifiers as the merged entity's rows carried over (new to the survivor or already there).
 */
export async function mergeEntitiesBulkInTx(tx: Tx, actor: Actor, merges: BulkMerge[]): Promise<void> {
  if (!merges.length) return;
  const from = merges.map((m) => m.mergedId);
  const to = merges.map((m) => m.survivorId);
  const survivors = [...new Set(to)];
  if (new Set(from).size !== from.length || from.some((id) => survivors.includes(id))) {
    throw new Error('mergeEntitiesBulkInTx: an entity is merged twice, or is both merged and a survivor');
  }
  const all = [...new Set([...from, ...to])];
  const bumped = await tx.$executeRaw`UPDATE entity SET version = version + 1, updated_at = now() WHERE id = ANY(${all}::text[]) AND deleted_at IS NULL AND merged_into_id IS NULL`;
  if (bumped !== all.length) throw new AppError('CONFLICT', 'Some entities of the merge were deleted or merged meanwhile: nothing was merged.');
  const before = new Map((await tx.entity.findMany({ where: { id: { in: all } }, include })).map((e) => [e.id, e]));

  await tx.$executeRaw`CREATE TEMP TABLE st_merge_map (from_id text PRIMARY KEY, to_id text NOT NULL) ON COMMIT DROP`;
  await tx.$executeRaw`INSERT INTO st_merge_map SELECT * FROM unnest(${from}::text[], ${to}::text[])`;
  type Moved = { from_id: string; n: number };
  const perFrom = async (rows: Promise<Moved[]>) => new Map((await rows).map((r) => [r.from_id, Number(r.n)]));
  const designations = await perFrom(tx.$queryRaw<Moved[]>`
    WITH u AS (UPDATE designation d SET entity_id = m.to_id FROM st_merge_map m WHERE d.entity_id = m.from_id RETURNING m.from_id)
    SELECT from_id, count(*)::int AS n FROM u GROUP BY from_id`);
  const subjects = await perFrom(tx.$queryRaw<Moved[]>`
    WITH u AS (UPDATE relationship r SET subject_id = m.to_id FROM st_merge_map m WHERE r.subject_id = m.from_id RETURNING m.from_id)
    SELECT from_id, count(*)::int AS n FROM u GROUP BY from_id`);
  const objects = await perFrom(tx.$queryRaw<Moved[]>`
    WITH u AS (UPDATE relationship r SET object_id = m.to_id FROM st_merge_map m WHERE r.object_id = m.from_id RETURNING m.from_id)
    SELECT from_id, count(*)::int AS n FROM u GROUP BY from_id`);
  const externalIds = await perFrom(tx.$queryRaw<Moved[]>`
    WITH u AS (UPDATE external_id x SET entity_id = m.to_id FROM st_merge_map m WHERE x.entity_id = m.from_id RETURNING m.from_id)
    SELECT from_id, count(*)::int AS n FROM u GROUP BY from_id`);
  // The merged entity's name becomes an alias, unless it is the survivor's own name.
  await tx.$executeRaw`
    INSERT INTO entity_alias (id, entity_id, name, kind, source_record_id)
    SELECT gen_random_uuid()::text, m.to_id, x.name, x.kind, x.source_record_id FROM st_merge_map m
    JOIN entity s ON s.id = m.to_id
    JOIN LATERAL (SELECT e.name, 'ALIAS'::"AliasKind" AS kind, NULL::text AS source_record_id FROM entity e WHERE e.id = m.from_id
                  UNION ALL SELECT a.name, a.kind, a.source_record_id FROM entity_alias a WHERE a.entity_id = m.from_id) x ON true
    WHERE NOT (x.name = s.name AND x.kind = 'ALIAS')
    ON CONFLICT DO NOTHING`;
  await tx.$executeRaw`DELETE FROM entity_alias a USING st_merge_map m WHERE a.entity_id = m.from_id`;
  await tx.$executeRaw`
    INSERT INTO identifier (id, entity_id, type, value, country, label, country_raw, key, source_record_id)
    SELECT gen_random_uuid()::text, m.to_id, i.type, i.value, i.country, i.label, i.country_raw, i.key, i.source_record_id FROM identifier i JOIN st_merge_map m ON m.from_id = i.entity_id
    ON CONFLICT DO NOTHING`;
  await tx.$executeRaw`DELETE FROM identifier i USING st_merge_map m WHERE i.entity_id = m.from_id`;
  // Program roles and supply links: moved unless the survivor has (or another merged entity brings) the same one.
  const participations = await perFrom(tx.$queryRaw<Moved[]>`
    WITH pick AS (
      SELECT DISTINCT ON (m.to_id, p.weapons_program_id, p.role) p.id, m.from_id, m.to_id FROM program_participant p JOIN st_merge_map m ON m.from_id = p.entity_id
      WHERE NOT EXISTS (SELECT 1 FROM program_participant q WHERE q.entity_id = m.to_id AND q.weapons_program_id = p.weapons_program_id AND q.role = p.role)
      ORDER BY m.to_id, p.weapons_program_id, p.role, p.id),
    u AS (UPDATE program_participant p SET entity_id = pick.to_id FROM pick WHERE p.id = pick.id RETURNING pick.from_id)
    SELECT from_id, count(*)::int AS n FROM u GROUP BY from_id`);
  const supplyLinks = await perFrom(tx.$queryRaw<Moved[]>`
    WITH moved AS (
      SELECT s.id, coalesce(ms.from_id, mr.from_id) AS from_id, coalesce(ms.to_id, s.supplier_id) AS supplier_id, coalesce(mr.to_id, s.recipient_id) AS recipient_id,
        s.component_category, s.weapons_program_id
      FROM supply_link s LEFT JOIN st_merge_map ms ON ms.from_id = s.supplier_id LEFT JOIN st_merge_map mr ON mr.from_id = s.recipient_id
      WHERE ms.from_id IS NOT NULL OR mr.from_id IS NOT NULL),
    pick AS (
      SELECT DISTINCT ON (supplier_id, recipient_id, component_category, weapons_program_id) moved.* FROM moved
      WHERE supplier_id <> recipient_id AND NOT EXISTS (
        SELECT 1 FROM supply_link q WHERE q.supplier_id = moved.supplier_id AND q.recipient_id = moved.recipient_id AND q.component_category = moved.component_category
          AND q.weapons_program_id IS NOT DISTINCT FROM moved.weapons_program_id AND q.id NOT IN (SELECT id FROM moved))
      ORDER BY supplier_id, recipient_id, component_category, weapons_program_id, id),
    u AS (UPDATE supply_link s SET supplier_id = pick.supplier_id, recipient_id = pick.recipient_id FROM pick WHERE s.id = pick.id RETURNING pick.from_id)
    SELECT from_id, count(*)::int AS n FROM u GROUP BY from_id`);

  // Every fact of the merged entities is kept on the survivor (the survivor's own wins where both have one).
  const facts = survivors.map((id) => {
    const s = before.get(id)!;
    const ms = merges.filter((m) => m.survivorId === id).map((m) => before.get(m.mergedId)!);
    const withBirth = [s, ...ms].find((e) => e.birthDate);
    return {
      id,
      countries: [...new Set([s, ...ms].flatMap((e) => e.countries))],
      addresses: [...new Set([s, ...ms].flatMap((e) => e.addresses))],
      birthDate: withBirth?.birthDate?.toISOString().slice(0, 10) ?? null,
      birthDatePrecision: withBirth?.birthDatePrecision ?? null,
      notes: [s, ...ms].find((e) => e.notes)?.notes ?? null,
    };
  });
  await tx.$executeRaw`
    UPDATE entity e SET countries = ARRAY(SELECT jsonb_array_elements_text(f->'countries')), addresses = ARRAY(SELECT jsonb_array_elements_text(f->'addresses')),
      birth_date = (f->>'birthDate')::date, birth_date_precision = (f->>'birthDatePrecision')::"DatePrecision", notes = f->>'notes'
    FROM jsonb_array_elements(${JSON.stringify(facts)}::jsonb) f WHERE e.id = f->>'id'`;
  await tx.$executeRaw`UPDATE entity e SET merged_into_id = m.to_id FROM st_merge_map m WHERE e.id = m.from_id`;
  await tx.$executeRaw`
    UPDATE match_candidate c SET status = 'MERGED', decided_by_id = ${actor.userId}, decided_at = now() FROM st_merge_map m
    WHERE c.status = 'PENDING' AND ((c.entity_a_id = m.from_id AND c.entity_b_id = m.to_id) OR (c.entity_a_id = m.to_id AND c.entity_b_id = m.from_id))`;
  await tx.$executeRaw`DROP TABLE st_merge_map`;

  const after = new Map((await tx.entity.findMany({ where: { id: { in: survivors } }, include })).map((e) => [e.id, e]));
  const n = (m: Map<string, number>, id: string) => m.get(id) ?? 0;
  await tx.auditEvent.createMany({
    data: merges.map(({ mergedId: f, survivorId: t, meta }) => {
      const merged = before.get(f)!;
      const moved: MergeReport = {
        designations: n(designations, f),
        relationships: n(subjects, f) + n(objects, f),
        aliases: merged.aliases.length + 1,
        identifiers: merged.identifiers.length,
        externalIds: n(externalIds, f),
        participations: n(participations, f),
        supplyLinks: n(supplyLinks, f),
      };
      return {
        actorId: actor.userId,
        actorLabel: actor.label,
        action: 'entity.merge',
        targetType: 'Entity',
        targetId: f,
        before: toAuditJson({ merged: entityStore.snapshot(merged), survivor: entityStore.snapshot(before.get(t)!) }),
        after: toAuditJson({ merged: { mergedIntoId: t }, survivor: entityStore.snapshot(after.get(t)!) }),
        meta: toAuditJson({ ...meta, survivorId: t, moved, version: merged.version }),
      };
    }),
  });
}
