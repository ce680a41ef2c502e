import 'server-only';
// Decisions on source records (docs/adr/0014): an admin's accept or reject in the review queue, and
// a split. They are logged per pair of source records (resolution_judgement), never per entity, so
// they outlive every merge, split and re-import: the resolver never joins two records judged
// different, nor separates two judged the same.
import type { Prisma } from '../generated/client';
import { writeAudit, type Actor } from '../audit';
import { AppError } from '../../errors';

type Tx = Prisma.TransactionClient;

const ordered = (x: string, y: string): [string, string] => (x < y ? [x, y] : [y, x]);

/** Every record of `entityA` against every record of `entityB`: judged `same` (or not). */
export async function judgeEntities(tx: Tx, actor: Actor, input: { entityA: string; entityB: string; same: boolean; via: 'review' | 'split' | 'merge'; reason?: string | null }): Promise<number> {
  const records = await tx.externalId.findMany({ where: { entityId: { in: [input.entityA, input.entityB] } }, select: { id: true, entityId: true } });
  const a = records.filter((r) => r.entityId === input.entityA).map((r) => r.id);
  const b = records.filter((r) => r.entityId === input.entityB).map((r) => r.id);
  return writeJudgements(tx, actor, a.flatMap((x) => b.map((y) => ordered(x, y))), input.same, input.via, input.reason ?? null);
}

export async function writeJudgements(tx: Tx, actor: Actor, pairs: Array<[string, string]>, same: boolean, via: string, reason: string | null): Promise<number> {
  if (!pairs.length) return 0;
  const [as, bs] = [pairs.map((p) => ordered(...p)[0]), pairs.map((p) => ordered(...p)[1])];
  // A later decision replaces an earlier one on the same pair.
  return tx.$executeRaw`
    INSERT INTO resolution_judgement (id, record_a_id, record_b_id, same, via, reason, decided_by_id, decided_at)
    SELECT gen_random_uuid()::text, a, b, ${same}, ${via}, ${reason}, ${actor.userId}, now() FROM unnest(${as}::text[], ${bs}::text[]) AS t(a, b)
    ON CONFLICT (record_a_id, record_b_id) DO UPDATE SET same = EXCLUDED.same, via = EXCLUDED.via, reason = EXCLUDED.reason, decided_by_id = EXCLUDED.decided_by_id, decided_at = now()`;
}

export async function loadJudgements(tx: Tx | { $queryRaw: Tx['$queryRaw'] }): Promise<Array<{ a: string; b: string; same: boolean }>> {
  return (tx as Tx).$queryRaw<Array<{ a: string; b: string; same: boolean }>>`SELECT record_a_id AS a, record_b_id AS b, same FROM resolution_judgement`;
}

export type SplitResult = { entityId: string; newEntityId: string; revived: boolean; records: number; designations: number; judgements: number };

/**
 * Takes `recordIds` out of `entityId` into an entity of their own, with the designations they list
 * and the names and identifiers they gave. The new entity is the records' original one when that
 * id still redirects here (its URL works again), else a new one. Every pair across the cut is
 * judged different, so the next resolution run or import does not merge them back. One audit event.
 */
export async function splitEntity(tx: Tx, actor: Actor, input: { entityId: string; recordIds: string[]; reason?: string | null }): Promise<SplitResult> {
  const ids = [...new Set(input.recordIds)];
  const [entity] = await tx.$queryRaw<Array<{ id: string; version: number; merged_into_id: string | null; deleted_at: Date | null }>>`
    SELECT id, version, merged_into_id, deleted_at FROM entity WHERE id = ${input.entityId} FOR UPDATE`;
  if (!entity || entity.deleted_at || entity.merged_into_id) throw new AppError('NOT_FOUND', 'This entity does not exist (or was merged or deleted meanwhile).');
  const records = await tx.externalId.findMany({ where: { entityId: input.entityId }, orderBy: { createdAt: 'asc' } });
  const leaving = records.filter((r) => ids.includes(r.id));
  if (leaving.length !== ids.length) throw new AppError('UNPROCESSABLE', 'Some of the chosen records are not records of this entity: nothing was split.', { recordIds: ['Choose records of this entity.'] });
  if (!leaving.length || leaving.length === records.length) throw new AppError('UNPROCESSABLE', 'Choose some of the records, not none or all of them.', { recordIds: ['Leave at least one record with the entity.'] });
  const staying = records.filter((r) => !ids.includes(r.id));

  // The records' original entity, if they share one that now redirects here: it comes back.
  const originals = [...new Set(leaving.map((r) => r.originalEntityId))];
  const original = originals.length === 1 && originals[0] && originals[0] !== input.entityId ? await tx.entity.findUnique({ where: { id: originals[0] } }) : null;
  const revived = !!original && original.mergedIntoId === input.entityId && !original.deletedAt;
  const first = leaving[0]!;
  const props = (first.properties ?? {}) as { countries?: string[]; birthDate?: { date: string; precision: 'YEAR' | 'MONTH' | 'DAY' } | null };
  let newId: string;
  if (revived) {
    newId = original!.id;
    await tx.entity.update({ where: { id: newId }, data: { mergedIntoId: null, version: { increment: 1 } } });
  } else {
    const source = await tx.entity.findUniqueOrThrow({ where: { id: input.entityId } });
    const created = await tx.entity.create({
      data: {
        schema: first.schema ?? source.schema, name: first.name ?? source.name,
        countries: [...new Set(leaving.flatMap((r) => ((r.properties ?? {}) as { countries?: string[] }).countries ?? []))],
        birthDate: props.birthDate ? new Date(props.birthDate.date) : null, birthDatePrecision: props.birthDate?.precision ?? null,
      },
    });
    newId = created.id;
  }
  await tx.externalId.updateMany({ where: { id: { in: ids } }, data: { entityId: newId } });
  const designations = (await tx.designation.updateMany({ where: { entityId: input.entityId, sourceRecordId: { in: ids } }, data: { entityId: newId } })).count;
  await tx.entityAlias.updateMany({ where: { entityId: input.entityId, sourceRecordId: { in: ids } }, data: { entityId: newId } });
  await tx.identifier.updateMany({ where: { entityId: input.entityId, sourceRecordId: { in: ids } }, data: { entityId: newId } });
  // What a record gave that the other side had first (one row per entity and value) is added again
  // from the record's own values, so each side shows all its records say.
  await restoreRecordValues(tx, newId, ids);
  await restoreRecordValues(tx, input.entityId, staying.map((r) => r.id));
  await tx.entity.update({ where: { id: input.entityId }, data: { version: { increment: 1 } } });

  const judgements = await writeJudgements(tx, actor, leaving.flatMap((l) => staying.map((s) => [l.id, s.id] as [string, string])), false, 'split', input.reason ?? null);
  // A pending review of the two halves is decided by the split.
  await tx.matchCandidate.updateMany({ where: { status: 'PENDING', OR: [{ entityAId: input.entityId, entityBId: newId }, { entityAId: newId, entityBId: input.entityId }] }, data: { status: 'REJECTED', decidedById: actor.userId, decidedAt: new Date() } });
  await writeAudit(tx, {
    actor, action: 'entity.split', targetType: 'Entity', targetId: input.entityId,
    before: { records: records.map((r) => `${r.source} ${r.externalId}`) },
    after: { records: staying.map((r) => `${r.source} ${r.externalId}`), newEntity: { id: newId, records: leaving.map((r) => `${r.source} ${r.externalId}`) } },
    meta: { newEntityId: newId, revived, designations, judgements, reason: input.reason ?? null },
  });
  return { entityId: input.entityId, newEntityId: newId, revived, records: leaving.length, designations, judgements };
}

/** The names and identifiers `recordIds` state (their `properties`), added to `entityId` where missing. */
async function restoreRecordValues(tx: Tx, entityId: string, recordIds: string[]): Promise<void> {
  if (!recordIds.length) return;
  await tx.$executeRaw`
    INSERT INTO entity_alias (id, entity_id, name, kind, source_record_id)
    SELECT gen_random_uuid()::text, ${entityId}, n.name, n.kind::"AliasKind", n.rid FROM (
      SELECT x.id AS rid, a->>'name' AS name, a->>'kind' AS kind FROM external_id x CROSS JOIN LATERAL jsonb_array_elements(coalesce(x.properties->'aliases', '[]')) a WHERE x.id = ANY(${recordIds}::text[])
      UNION ALL SELECT x.id, x.name, 'ALIAS' FROM external_id x WHERE x.id = ANY(${recordIds}::text[]) AND x.name IS NOT NULL) n
    JOIN entity e ON e.id = ${entityId}
    WHERE n.name IS NOT NULL AND NOT (n.kind = 'ALIAS' AND n.name = e.name)
    ON CONFLICT DO NOTHING`;
  await tx.$executeRaw`
    INSERT INTO identifier (id, entity_id, type, value, country, label, country_raw, key, source_record_id)
    SELECT gen_random_uuid()::text, ${entityId}, i->>'type', i->>'value', nullif(i->>'country', ''), i->>'label', nullif(i->>'countryRaw', ''), i->>'key', x.id
    FROM external_id x CROSS JOIN LATERAL jsonb_array_elements(coalesce(x.properties->'identifiers', '[]')) i WHERE x.id = ANY(${recordIds}::text[])
    ON CONFLICT DO NOTHING`;
}
