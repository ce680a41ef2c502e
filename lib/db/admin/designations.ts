import 'server-only';
import { randomUUID } from 'node:crypto';
import { type Prisma } from '../generated/client';
import { prisma } from '../client';
import type { DesignationInput } from '../../validation/designations';
import type { FormValues } from '../../validation/form';
import { invalidField, mustExist, partialDateString, type RecordStore, type Tx } from './crud';
import { PAGE_SIZE, paging, type AdminListQuery, type AdminRow, type Page } from './list';
import { groupDesignation } from '../sanctions-actions/grouping';
import { authorize } from '../../auth/verified';
import type { Principal } from '../../auth/permissions';

const include = {
  programs: { include: { program: { select: { code: true } } }, orderBy: { programId: 'asc' } },
  events: { orderBy: [{ date: 'asc' }, { createdAt: 'asc' }] },
} satisfies Prisma.DesignationInclude;
export type DesignationRow = Prisma.DesignationGetPayload<{ include: typeof include }>;

/** Checks the references and turns program codes into ids (each must exist for the authority). */
async function resolve(tx: Tx, input: DesignationInput): Promise<string[]> {
  await mustExist(tx.entity.findFirst({ where: { id: input.entityId, deletedAt: null, mergedIntoId: null }, select: { id: true } }), 'entityId', 'No live entity has this id: copy it from the admin entity list.');
  await mustExist(tx.authority.findFirst({ where: { id: input.authorityId, deletedAt: null }, select: { id: true } }), 'authorityId', 'Choose an existing authority.');
  if (!input.programs.length) return [];
  const found = await tx.sanctionsProgram.findMany({ where: { authorityId: input.authorityId, code: { in: input.programs }, deletedAt: null }, select: { id: true, code: true } });
  const missing = input.programs.filter((c) => !found.some((f) => f.code === c));
  if (missing.length) throw invalidField('programs', `${input.authorityId} has no program ${missing.join(', ')}: check the code or add the program first.`);
  return found.map((f) => f.id);
}

const scalarData = (input: DesignationInput) => ({
  entityId: input.entityId,
  authorityId: input.authorityId,
  listingDate: input.listingDate.date,
  listingDatePrecision: input.listingDate.precision,
  listingDateQualifier: input.listingDateQualifier,
  startDate: input.startDate?.date ?? null,
  startDatePrecision: input.startDate?.precision ?? null,
  endDate: input.endDate?.date ?? null,
  endDatePrecision: input.endDate?.precision ?? null,
  status: input.status,
  reason: input.reason,
  measures: input.measures,
  legalAct: input.legalAct,
  authorityRecordId: input.authorityRecordId,
  sourceUrl: input.sourceUrl,
  isUncertain: input.isUncertain,
  note: input.note,
});

/** The status history: one event per status change, dated when it took effect. */
async function recordStatus(tx: Tx, designationId: string, input: DesignationInput, fallback: DesignationInput['listingDate']) {
  const when = input.statusDate ?? (input.status === 'DELISTED' ? input.endDate : null) ?? fallback;
  await tx.designationEvent.createMany({ data: [{ designationId, status: input.status, date: when.date, datePrecision: when.precision, sourceUrl: input.sourceUrl }], skipDuplicates: true });
}

export const designationStore: RecordStore<DesignationRow, DesignationInput, DesignationInput> = {
  targetType: 'Designation',
  action: 'designation',
  table: 'designation',
  label: 'designation',
  find: (tx, id) => tx.designation.findUnique({ where: { id }, include }),
  insert: async (tx, input) => {
    const programIds = await resolve(tx, input);
    const row = await tx.designation.create({ data: { ...scalarData(input), origin: 'admin', originKey: randomUUID(), programs: { create: programIds.map((programId) => ({ programId })) } }, select: { id: true } });
    await recordStatus(tx, row.id, input, input.listingDate);
    return row;
  },
  update: async (tx, before, input) => {
    const programIds = await resolve(tx, input);
    await tx.designation.update({ where: { id: before.id }, data: scalarData(input) });
    // Programs: keep the rows still listed (with their removal dates), add the new ones.
    await tx.designationProgram.deleteMany({ where: { designationId: before.id, programId: { notIn: programIds } } });
    await tx.designationProgram.createMany({ data: programIds.map((programId) => ({ designationId: before.id, programId })), skipDuplicates: true });
    if (before.status !== input.status || input.statusDate) await recordStatus(tx, before.id, input, input.listingDate);
  },
  // Its day's sanctions action (ADR 0015): joined, moved or left with this write.
  afterWrite: async (tx, before, after) => {
    await groupDesignation(tx, after.id, [after.authorityId, ...(before ? [before.authorityId] : [])]);
  },
  snapshot: (d) => ({
    entityId: d.entityId,
    authorityId: d.authorityId,
    programs: d.programs.map((p) => p.program.code).sort(),
    listingDate: partialDateString(d.listingDate, d.listingDatePrecision),
    listingDateQualifier: d.listingDateQualifier,
    startDate: partialDateString(d.startDate, d.startDatePrecision),
    endDate: partialDateString(d.endDate, d.endDatePrecision),
    status: d.status,
    statusHistory: d.events.map((e) => `${e.status} ${partialDateString(e.date, e.datePrecision)}`),
    reason: d.reason,
    measures: d.measures,
    legalAct: d.legalAct,
    authorityRecordId: d.authorityRecordId,
    sourceUrl: d.sourceUrl,
    isUncertain: d.isUncertain,
    note: d.note,
    deletedAt: d.deletedAt,
  }),
};

export async function listDesignationsForAdmin(viewer: Principal, q: AdminListQuery & { entityId?: string }): Promise<Page<AdminRow>> {
  authorize(viewer, 'data:write');
  const where: Prisma.DesignationWhereInput = {
    deletedAt: q.deleted ? { not: null } : null,
    ...(q.entityId ? { entityId: q.entityId } : {}),
    ...(q.q ? { OR: [{ entity: { name: { contains: q.q, mode: 'insensitive' } } }, { id: q.q }, { entityId: q.q }] } : {}),
  };
  const [rows, total] = await Promise.all([
    prisma.designation.findMany({ where, orderBy: [{ listingDate: 'desc' }, { id: 'asc' }], include: { entity: { select: { name: true } }, programs: { include: { program: { select: { code: true } } } } }, ...paging(q) }),
    prisma.designation.count({ where }),
  ]);
  return {
    items: rows.map((d) => ({
      id: d.id,
      version: d.version,
      deleted: !!d.deletedAt,
      cells: [d.entity.name, d.authorityId, d.programs.map((p) => p.program.code).join(', ') || '—', `${d.listingDateQualifier === 'ON_OR_BEFORE' ? '≤ ' : ''}${partialDateString(d.listingDate, d.listingDatePrecision) ?? '—'}`, d.status.toLowerCase()],
    })),
    total,
    page: q.page,
    pageSize: PAGE_SIZE,
  };
}

export async function getDesignationForm(viewer: Principal, id: string) {
  authorize(viewer, 'data:write');
  const d = await prisma.designation.findUnique({ where: { id }, include });
  if (!d) return null;
  const values: FormValues = {
    entityId: d.entityId,
    authorityId: d.authorityId,
    programs: d.programs.map((p) => p.program.code).join('\n'),
    listingDate: partialDateString(d.listingDate, d.listingDatePrecision) ?? '',
    listingDateQualifier: d.listingDateQualifier,
    startDate: partialDateString(d.startDate, d.startDatePrecision) ?? '',
    endDate: partialDateString(d.endDate, d.endDatePrecision) ?? '',
    status: d.status,
    statusDate: '',
    sourceUrl: d.sourceUrl,
    legalAct: d.legalAct ?? '',
    authorityRecordId: d.authorityRecordId ?? '',
    measures: d.measures.join('\n'),
    reason: d.reason ?? '',
    note: d.note ?? '',
    isUncertain: d.isUncertain,
  };
  const history = d.events.map((e) => ({ status: e.status, date: partialDateString(e.date, e.datePrecision) ?? '', sourceUrl: e.sourceUrl }));
  return { id: d.id, version: d.version, deleted: !!d.deletedAt, values, history };
}
