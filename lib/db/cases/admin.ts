import 'server-only';
// Admin writes of cases (ADR 0007's one pattern: version-guarded, audited, soft-deleted).
import { prisma } from '../client';
import type { SanctionsCase } from '../generated/client';
import { AppError } from '../../errors';
import { slugify } from '../../validation/fields';
import type { CaseInput } from '../../validation/cases';
import type { FormValues } from '../../validation/form';
import type { RecordStore, Tx } from '../admin/crud';
import { PAGE_SIZE, deletedFilter, paging, type AdminListQuery, type AdminRow, type Page } from '../admin/list';
import { authorize } from '../../auth/verified';
import type { Principal } from '../../auth/permissions';

type CaseRow = SanctionsCase & { actions: Array<{ actionId: string }> };

/** Sets the case's actions to exactly these; an id that names no action is a field error, nothing is written. */
async function setActions(tx: Tx, caseId: string, ids: string[]): Promise<void> {
  const found = new Set((await tx.sanctionsAction.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((a) => a.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) {
    const message = `No sanctions action has the id${missing.length > 1 ? 's' : ''} ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}: copy ids from the actions’ page addresses.`;
    throw new AppError('UNPROCESSABLE', message, { actionIds: [message] });
  }
  await tx.caseAction.deleteMany({ where: { caseId, actionId: { notIn: ids } } });
  await tx.caseAction.createMany({ data: ids.map((actionId) => ({ caseId, actionId })), skipDuplicates: true });
}

function data(input: CaseInput) {
  return { title: input.title, description: input.description, sourceUrls: input.sourceUrls, note: input.note };
}

export const caseStore: RecordStore<CaseRow, CaseInput, CaseInput> = {
  targetType: 'SanctionsCase',
  action: 'case',
  table: 'sanctions_case',
  label: 'case',
  find: (tx, id) => tx.sanctionsCase.findUnique({ where: { id }, include: { actions: { select: { actionId: true }, orderBy: { actionId: 'asc' } } } }),
  insert: async (tx, input) => {
    const row = await tx.sanctionsCase.create({ data: { ...data(input), slug: input.slug ?? slugify(input.title), origin: 'admin' }, select: { id: true } });
    await setActions(tx, row.id, input.actionIds);
    return row;
  },
  update: async (tx, before, input) => {
    await tx.sanctionsCase.update({ where: { id: before.id }, data: { ...data(input), slug: input.slug ?? before.slug } });
    await setActions(tx, before.id, input.actionIds);
  },
  snapshot: (c) => ({ slug: c.slug, title: c.title, description: c.description, sourceUrls: c.sourceUrls, note: c.note, actionIds: c.actions.map((a) => a.actionId), deletedAt: c.deletedAt }),
  uniqueClash: { field: 'slug', message: 'Another case already uses this slug: choose another.' },
};

export async function listCasesForAdmin(viewer: Principal, q: AdminListQuery): Promise<Page<AdminRow>> {
  authorize(viewer, 'data:write');
  const where = { ...deletedFilter(q), ...(q.q ? { title: { contains: q.q, mode: 'insensitive' as const } } : {}) };
  const [rows, total] = await Promise.all([
    prisma.sanctionsCase.findMany({ where, orderBy: [{ title: 'asc' }, { id: 'asc' }], include: { _count: { select: { actions: true } } }, ...paging(q) }),
    prisma.sanctionsCase.count({ where }),
  ]);
  return {
    items: rows.map((c) => ({ id: c.id, version: c.version, deleted: !!c.deletedAt, cells: [c.title, c.slug, String(c._count.actions)] })),
    total,
    page: q.page,
    pageSize: PAGE_SIZE,
  };
}

export async function getCaseForm(viewer: Principal, id: string): Promise<{ id: string; version: number; deleted: boolean; values: FormValues } | null> {
  authorize(viewer, 'data:write');
  const c = await prisma.sanctionsCase.findUnique({ where: { id }, include: { actions: { select: { actionId: true }, orderBy: { actionId: 'asc' } } } });
  if (!c) return null;
  return {
    id: c.id,
    version: c.version,
    deleted: !!c.deletedAt,
    values: { title: c.title, slug: c.slug, description: c.description ?? '', note: c.note ?? '', sourceUrls: c.sourceUrls.join('\n'), actionIds: c.actions.map((a) => a.actionId).join('\n') },
  };
}
