import 'server-only';
import { prisma } from '../client';
import type { Milestone } from '../generated/client';
import { toPartialDateString } from '../../dates';
import { slugify } from '../../validation/fields';
import type { MilestoneInput } from '../../validation/milestones';
import type { FormValues } from '../../validation/form';
import { createRecord, deleteRecord, restoreRecord, updateRecord, type RecordStore } from './crud';
import { PAGE_SIZE, deletedFilter, paging, type AdminListQuery, type AdminRow, type Page } from './list';
import type { Actor } from '../audit';
import { authorize } from '../../auth/verified';
import type { Principal } from '../../auth/permissions';

function data(input: MilestoneInput) {
  return {
    title: input.title,
    category: input.category,
    date: input.date.date,
    datePrecision: input.date.precision,
    endDate: input.endDate?.date ?? null,
    endDatePrecision: input.endDate?.precision ?? null,
    description: input.description,
    quote: input.quote,
    note: input.note,
    sourceUrl: input.sourceUrl,
  };
}

export const milestoneStore: RecordStore<Milestone, MilestoneInput, MilestoneInput> = {
  targetType: 'Milestone',
  action: 'milestone',
  table: 'milestone',
  label: 'milestone',
  find: (tx, id) => tx.milestone.findUnique({ where: { id } }),
  insert: (tx, input) => tx.milestone.create({ data: { ...data(input), slug: input.slug ?? slugify(`${toPartialDateString(input.date.date, input.date.precision)} ${input.title}`) }, select: { id: true } }),
  update: async (tx, before, input) => {
    await tx.milestone.update({ where: { id: before.id }, data: { ...data(input), slug: input.slug ?? before.slug } });
  },
  snapshot: (m) => ({
    slug: m.slug,
    title: m.title,
    category: m.category,
    date: toPartialDateString(m.date, m.datePrecision),
    endDate: m.endDate && m.endDatePrecision ? toPartialDateString(m.endDate, m.endDatePrecision) : null,
    description: m.description,
    quote: m.quote,
    note: m.note,
    sourceUrl: m.sourceUrl,
    deletedAt: m.deletedAt,
  }),
  uniqueClash: { field: 'slug', message: 'Another milestone already uses this slug: choose another.' },
};

export const createMilestone = (actor: Actor, input: MilestoneInput) => createRecord(milestoneStore, actor, input);
export const updateMilestone = (actor: Actor, id: string, version: number, input: MilestoneInput) => updateRecord(milestoneStore, actor, id, version, input);
export const deleteMilestone = (actor: Actor, id: string, version: number) => deleteRecord(milestoneStore, actor, id, version);
export const restoreMilestone = (actor: Actor, id: string, version: number) => restoreRecord(milestoneStore, actor, id, version);

export async function listMilestonesForAdmin(viewer: Principal, q: AdminListQuery): Promise<Page<AdminRow>> {
  authorize(viewer, 'data:write');
  const where = { ...deletedFilter(q), ...(q.q ? { title: { contains: q.q, mode: 'insensitive' as const } } : {}) };
  const [rows, total] = await Promise.all([prisma.milestone.findMany({ where, orderBy: [{ date: 'desc' }, { id: 'asc' }], ...paging(q) }), prisma.milestone.count({ where })]);
  return {
    items: rows.map((m) => ({ id: m.id, version: m.version, deleted: !!m.deletedAt, cells: [m.code, toPartialDateString(m.date, m.datePrecision), m.title, m.category.toLowerCase()] })),
    total,
    page: q.page,
    pageSize: PAGE_SIZE,
  };
}

export async function getMilestoneForm(viewer: Principal, id: string): Promise<{ id: string; version: number; deleted: boolean; values: FormValues } | null> {
  authorize(viewer, 'data:write');
  const m = await prisma.milestone.findUnique({ where: { id } });
  if (!m) return null;
  const s = milestoneStore.snapshot(m);
  return {
    id: m.id,
    version: m.version,
    deleted: !!m.deletedAt,
    values: { code: m.code, title: m.title, category: m.category, date: String(s.date), endDate: (s.endDate as string | null) ?? '', sourceUrl: m.sourceUrl, description: m.description ?? '', quote: m.quote ?? '', note: m.note ?? '', slug: m.slug },
  };
}
