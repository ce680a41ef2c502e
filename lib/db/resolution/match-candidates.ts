import 'server-only';
// The review queue of cross-list matches (the resolver, lib/db/resolution/resolve.ts, proposes them): an admin
// sees both entities side by side and accepts (the usual merge, version-guarded, one audit event)
// or rejects (remembered: the pair is never proposed or merged again).
import { Prisma } from '../generated/client';
import { prisma } from '../client';
import { writeAudit, type Actor } from '../audit';
import { AppError } from '../../errors';
import { mergeEntitiesInTx, type MergeReport } from '../admin/entities';
import { judgeEntities } from './judgements';
import { partialDateString } from '../admin/crud';
import { authorize } from '../../auth/verified';
import type { Principal } from '../../auth/permissions';

export const MATCH_PAGE_SIZE = 20;
export const MATCH_STATUSES = ['PENDING', 'MERGED', 'REJECTED'] as const;
export type MatchStatusName = (typeof MATCH_STATUSES)[number];

export type MatchQuery = { status: MatchStatusName; q?: string; schema?: string; minScore?: number; page: number };

export type MatchSide = {
  id: string;
  version: number;
  name: string;
  schema: string;
  countries: string[];
  birthDate: string | null;
  aliases: string[];
  identifiers: string[];
  sources: string[];
  designations: Array<{ authorityId: string; authority: string; listingDate: string | null; endDate: string | null; origin: string }>;
};
export type MatchRow = { id: string; score: number; reason: string; status: MatchStatusName; createdAt: string; decidedAt: string | null; a: MatchSide; b: MatchSide };

const sideInclude = {
  aliases: { orderBy: [{ kind: 'asc' }, { name: 'asc' }], take: 30 },
  identifiers: { orderBy: [{ type: 'asc' }, { value: 'asc' }] },
  externalIds: { select: { source: true, externalId: true } },
  designations: { where: { deletedAt: null }, orderBy: [{ listingDate: 'asc' }], include: { authority: { select: { shortName: true } } } },
} satisfies Prisma.EntityInclude;
type SideRow = Prisma.EntityGetPayload<{ include: typeof sideInclude }>;

function side(e: SideRow): MatchSide {
  return {
    id: e.id,
    version: e.version,
    name: e.name,
    schema: e.schema,
    countries: e.countries,
    birthDate: partialDateString(e.birthDate, e.birthDatePrecision),
    aliases: e.aliases.map((a) => (a.kind === 'ALIAS' ? a.name : `${a.name} (${a.kind.toLowerCase().replace('_', ' ')})`)),
    identifiers: e.identifiers.map((i) => `${i.type}: ${i.value}${i.country ? ` (${i.country})` : ''}`),
    sources: e.externalIds.map((x) => `${x.source} ${x.externalId}`),
    designations: e.designations.map((d) => ({ authorityId: d.authorityId, authority: d.authority.shortName, listingDate: partialDateString(d.listingDate, d.listingDatePrecision), endDate: partialDateString(d.endDate, d.endDatePrecision), origin: d.origin })),
  };
}

/**
 * Candidates of one status, best first. A pending pair whose entity was since merged or deleted
 * elsewhere is not shown (there is nothing left to decide).
 */
export async function listMatchCandidates(viewer: Principal, q: MatchQuery): Promise<{ items: MatchRow[]; total: number; page: number; pageSize: number }> {
  authorize(viewer, 'data:write');
  const conditions: Prisma.Sql[] = [Prisma.sql`m.status = ${q.status}::"MatchStatus"`];
  if (q.status === 'PENDING') conditions.push(Prisma.sql`ea.merged_into_id IS NULL AND eb.merged_into_id IS NULL AND ea.deleted_at IS NULL AND eb.deleted_at IS NULL`);
  if (q.schema) conditions.push(Prisma.sql`ea.schema::text = ${q.schema}`);
  if (q.minScore !== undefined) conditions.push(Prisma.sql`m.score >= ${q.minScore}`);
  if (q.q) conditions.push(Prisma.sql`(ea.name_norm LIKE '%' || st_normalize(${q.q}) || '%' OR eb.name_norm LIKE '%' || st_normalize(${q.q}) || '%' OR m.reason ILIKE '%' || ${q.q} || '%')`);
  const where = Prisma.join(conditions, ' AND ');
  const from = Prisma.sql`FROM match_candidate m JOIN entity ea ON ea.id = m.entity_a_id JOIN entity eb ON eb.id = m.entity_b_id WHERE ${where}`;
  const [rows, [count]] = await Promise.all([
    prisma.$queryRaw<Array<{ id: string; a: string; b: string; score: number; reason: string; status: MatchStatusName; created_at: Date; decided_at: Date | null }>>`
      SELECT m.id, m.entity_a_id AS a, m.entity_b_id AS b, m.score, m.reason, m.status::text AS status, m.created_at, m.decided_at
      ${from} ORDER BY m.score DESC, m.created_at, m.id LIMIT ${MATCH_PAGE_SIZE} OFFSET ${(q.page - 1) * MATCH_PAGE_SIZE}`,
    prisma.$queryRaw<Array<{ total: number }>>`SELECT count(*)::int AS total ${from}`,
  ]);
  const entities = new Map((await prisma.entity.findMany({ where: { id: { in: rows.flatMap((r) => [r.a, r.b]) } }, include: sideInclude })).map((e) => [e.id, side(e)]));
  return {
    items: rows.flatMap((r) => {
      const a = entities.get(r.a);
      const b = entities.get(r.b);
      return a && b ? [{ id: r.id, score: r.score, reason: r.reason, status: r.status, createdAt: r.created_at.toISOString(), decidedAt: r.decided_at?.toISOString() ?? null, a, b }] : [];
    }),
    total: count?.total ?? 0,
    page: q.page,
    pageSize: MATCH_PAGE_SIZE,
  };
}

export async function countPendingMatches(viewer: Principal): Promise<number> {
  authorize(viewer, 'data:write');
  const [row] = await prisma.$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n FROM match_candidate m JOIN entity ea ON ea.id = m.entity_a_id JOIN entity eb ON eb.id = m.entity_b_id
    WHERE m.status = 'PENDING' AND ea.merged_into_id IS NULL AND eb.merged_into_id IS NULL AND ea.deleted_at IS NULL AND eb.deleted_at IS NULL`;
  return row?.n ?? 0;
}

/** Locks the candidate row and refuses one that was decided meanwhile (409) or does not exist (404). */
async function lockPending(tx: Prisma.TransactionClient, id: string) {
  const [m] = await tx.$queryRaw<Array<{ id: string; entity_a_id: string; entity_b_id: string; status: string; reason: string; score: number }>>`
    SELECT id, entity_a_id, entity_b_id, status::text AS status, reason, score FROM match_candidate WHERE id = ${id} FOR UPDATE`;
  if (!m) throw new AppError('NOT_FOUND', 'This match candidate does not exist.');
  if (m.status !== 'PENDING') throw new AppError('CONFLICT', `This match was already decided (${m.status.toLowerCase()}) by someone else: nothing was changed. Reload the queue.`);
  return m;
}

export type AcceptInput = { id: string; survivorId: string; versionA: number; versionB: number };

/**
 * Accept: the usual merge (both entities' versions guarded, everything moved to the survivor, one
 * `entity.merge` audit event that names the candidate); the candidate becomes MERGED.
 */
export async function acceptMatchCandidate(actor: Actor, input: AcceptInput): Promise<MergeReport & { survivorId: string }> {
  return prisma.$transaction(async (tx) => {
    const m = await lockPending(tx, input.id);
    if (input.survivorId !== m.entity_a_id && input.survivorId !== m.entity_b_id) {
      throw new AppError('UNPROCESSABLE', 'The surviving entity must be one of the pair.', { survivorId: ['Choose one of the two entities.'] });
    }
    const mergedId = input.survivorId === m.entity_a_id ? m.entity_b_id : m.entity_a_id;
    const version = (id: string) => (id === m.entity_a_id ? input.versionA : input.versionB);
    // Remembered on the records (before the merge puts them in one entity): a later split of
    // other records, or a re-run of the resolver, keeps these together.
    await judgeEntities(tx, actor, { entityA: m.entity_a_id, entityB: m.entity_b_id, same: true, via: 'review', reason: m.reason });
    const report = await mergeEntitiesInTx(tx, actor, { survivorId: input.survivorId, mergedId, survivorVersion: version(input.survivorId), mergedVersion: version(mergedId) }, { via: 'review', matchCandidateId: m.id, reason: m.reason, score: m.score });
    // mergeEntitiesInTx marks the pair's pending candidate MERGED; this makes sure of it.
    await tx.matchCandidate.update({ where: { id: m.id }, data: { status: 'MERGED', decidedById: actor.userId, decidedAt: new Date() } });
    return { ...report, survivorId: input.survivorId };
  });
}

/** Reject: remembered, so the pair is never proposed (or merged by an import) again. One audit event. */
export async function rejectMatchCandidate(actor: Actor, input: { id: string }): Promise<{ id: string }> {
  return prisma.$transaction(async (tx) => {
    const m = await lockPending(tx, input.id);
    await tx.matchCandidate.update({ where: { id: m.id }, data: { status: 'REJECTED', decidedById: actor.userId, decidedAt: new Date() } });
    await judgeEntities(tx, actor, { entityA: m.entity_a_id, entityB: m.entity_b_id, same: false, via: 'review', reason: m.reason });
    await writeAudit(tx, {
      actor,
      action: 'match.reject',
      targetType: 'MatchCandidate',
      targetId: m.id,
      before: { status: 'PENDING' },
      after: { status: 'REJECTED' },
      meta: { entityAId: m.entity_a_id, entityBId: m.entity_b_id, reason: m.reason, score: m.score },
    });
    return { id: m.id };
  });
}
