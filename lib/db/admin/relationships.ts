import 'server-only';
import { randomUUID } from 'node:crypto';
import { prisma } from '../client';
import type { Relationship } from '../generated/client';
import type { RelationshipInput } from '../../validation/relationships';
import type { FormValues } from '../../validation/form';
import { mustExist, partialDateString, type RecordStore, type Tx } from './crud';
import { PAGE_SIZE, deletedFilter, paging, type AdminListQuery, type AdminRow, type Page } from './list';
import { authorize } from '../../auth/verified';
import type { Principal } from '../../auth/permissions';

const ENTITY_MISSING = 'No live entity has this id: copy it from the admin entity list.';
const liveEntity = (tx: Tx, id: string) => tx.entity.findFirst({ where: { id, deletedAt: null, mergedIntoId: null }, select: { id: true } });

async function check(tx: Tx, input: RelationshipInput) {
  await mustExist(liveEntity(tx, input.subjectId), 'subjectId', ENTITY_MISSING);
  await mustExist(liveEntity(tx, input.objectId), 'objectId', ENTITY_MISSING);
}

const data = (input: RelationshipInput) => ({
  type: input.type,
  subjectId: input.subjectId,
  objectId: input.objectId,
  role: input.role,
  startDate: input.startDate?.date ?? null,
  startDatePrecision: input.startDate?.precision ?? null,
  endDate: input.endDate?.date ?? null,
  endDatePrecision: input.endDate?.precision ?? null,
  sourceUrl: input.sourceUrl,
});

export const relationshipStore: RecordStore<Relationship, RelationshipInput, RelationshipInput> = {
  targetType: 'Relationship',
  action: 'relationship',
  table: 'relationship',
  label: 'relationship',
  find: (tx, id) => tx.relationship.findUnique({ where: { id } }),
  insert: async (tx, input) => {
    await check(tx, input);
    // Imported rows are keyed by their source's id (origin + originKey keep imports idempotent);
    // a row typed in by an admin has no such id, so it gets its own.
    return tx.relationship.create({ data: { ...data(input), origin: 'admin', originKey: randomUUID() }, select: { id: true } });
  },
  update: async (tx, before, input) => {
    await check(tx, input);
    await tx.relationship.update({ where: { id: before.id }, data: data(input) });
  },
  snapshot: (r) => ({
    type: r.type,
    subjectId: r.subjectId,
    objectId: r.objectId,
    role: r.role,
    startDate: partialDateString(r.startDate, r.startDatePrecision),
    endDate: partialDateString(r.endDate, r.endDatePrecision),
    sourceUrl: r.sourceUrl,
    deletedAt: r.deletedAt,
  }),
};

const words = (s: string) => s.toLowerCase().replace(/_/g, ' ');

export async function listRelationshipsForAdmin(viewer: Principal, q: AdminListQuery): Promise<Page<AdminRow>> {
  authorize(viewer, 'data:write');
  const like = q.q ? { contains: q.q, mode: 'insensitive' as const } : undefined;
  const where = { ...deletedFilter(q), ...(like ? { OR: [{ subject: { name: like } }, { object: { name: like } }] } : {}) };
  const [rows, total] = await Promise.all([
    prisma.relationship.findMany({ where, orderBy: { id: 'asc' }, include: { subject: { select: { name: true } }, object: { select: { name: true } } }, ...paging(q) }),
    prisma.relationship.count({ where }),
  ]);
  return {
    items: rows.map((r) => ({ id: r.id, version: r.version, deleted: !!r.deletedAt, cells: [r.subject.name, words(r.type), r.object.name, r.role ?? '—'] })),
    total,
    page: q.page,
    pageSize: PAGE_SIZE,
  };
}

export async function getRelationshipForm(viewer: Principal, id: string) {
  authorize(viewer, 'data:write');
  const r = await prisma.relationship.findUnique({ where: { id } });
  if (!r) return null;
  const s = relationshipStore.snapshot(r);
  const values: FormValues = {
    subjectId: r.subjectId,
    type: r.type,
    objectId: r.objectId,
    role: r.role ?? '',
    startDate: (s.startDate as string | null) ?? '',
    endDate: (s.endDate as string | null) ?? '',
    sourceUrl: r.sourceUrl,
  };
  return { id: r.id, version: r.version, deleted: !!r.deletedAt, values };
}
