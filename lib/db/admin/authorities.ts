import 'server-only';
import { prisma } from '../client';
import type { Authority, SanctionsProgram } from '../generated/client';
import type { AuthorityInput, ProgramInput } from '../../validation/authorities';
import type { FormValues } from '../../validation/form';
import { mustExist, type RecordStore } from './crud';
import { PAGE_SIZE, deletedFilter, paging, type AdminListQuery, type AdminRow, type Page } from './list';
import { authorize } from '../../auth/verified';
import type { Principal } from '../../auth/permissions';

export const authorityStore: RecordStore<Authority, AuthorityInput & { id: string }, AuthorityInput> = {
  targetType: 'Authority',
  action: 'authority',
  table: 'authority',
  label: 'authority',
  find: (tx, id) => tx.authority.findUnique({ where: { id } }),
  insert: (tx, input) => tx.authority.create({ data: { id: input.id, name: input.name, shortName: input.shortName, country: input.country, url: input.url }, select: { id: true } }),
  update: async (tx, before, input) => {
    await tx.authority.update({ where: { id: before.id }, data: { name: input.name, shortName: input.shortName, country: input.country, url: input.url } });
  },
  snapshot: (a) => ({ name: a.name, shortName: a.shortName, country: a.country, url: a.url, deletedAt: a.deletedAt }),
  uniqueClash: { field: 'id', message: 'An authority with this code exists already.' },
};

export async function listAuthoritiesForAdmin(viewer: Principal, q: AdminListQuery): Promise<Page<AdminRow>> {
  authorize(viewer, 'data:write');
  const where = { ...deletedFilter(q), ...(q.q ? { OR: [{ name: { contains: q.q, mode: 'insensitive' as const } }, { id: { contains: q.q, mode: 'insensitive' as const } }] } : {}) };
  const [rows, total] = await Promise.all([prisma.authority.findMany({ where, orderBy: { id: 'asc' }, ...paging(q) }), prisma.authority.count({ where })]);
  return { items: rows.map((a) => ({ id: a.id, version: a.version, deleted: !!a.deletedAt, cells: [a.id, a.name, a.country ?? '—'] })), total, page: q.page, pageSize: PAGE_SIZE };
}

export async function getAuthorityForm(viewer: Principal, id: string) {
  authorize(viewer, 'data:write');
  const a = await prisma.authority.findUnique({ where: { id } });
  if (!a) return null;
  return { id: a.id, version: a.version, deleted: !!a.deletedAt, values: { id: a.id, name: a.name, shortName: a.shortName, country: a.country ?? '', url: a.url ?? '' } satisfies FormValues };
}

/** Choices for authority select fields (live authorities only). */
export async function listAuthorityOptions(viewer: Principal) {
  authorize(viewer, 'data:write');
  const rows = await prisma.authority.findMany({ where: { deletedAt: null }, orderBy: { id: 'asc' }, select: { id: true, shortName: true } });
  return rows.map((a) => ({ value: a.id, label: `${a.shortName} (${a.id})` }));
}

export const programStore: RecordStore<SanctionsProgram, ProgramInput, ProgramInput> = {
  targetType: 'SanctionsProgram',
  action: 'program',
  table: 'sanctions_program',
  label: 'sanctions program',
  find: (tx, id) => tx.sanctionsProgram.findUnique({ where: { id } }),
  insert: async (tx, input) => {
    await mustExist(tx.authority.findFirst({ where: { id: input.authorityId, deletedAt: null } }), 'authorityId', 'Choose an existing authority.');
    return tx.sanctionsProgram.create({ data: input, select: { id: true } });
  },
  update: async (tx, before, input) => {
    await mustExist(tx.authority.findFirst({ where: { id: input.authorityId, deletedAt: null } }), 'authorityId', 'Choose an existing authority.');
    await tx.sanctionsProgram.update({ where: { id: before.id }, data: { authorityId: input.authorityId, code: input.code, title: input.title, legalBasis: input.legalBasis, url: input.url } });
  },
  snapshot: (p) => ({ authorityId: p.authorityId, code: p.code, title: p.title, legalBasis: p.legalBasis, url: p.url, deletedAt: p.deletedAt }),
  uniqueClash: { field: 'code', message: 'This authority already has a program with this code.' },
};

export async function listProgramsForAdmin(viewer: Principal, q: AdminListQuery): Promise<Page<AdminRow>> {
  authorize(viewer, 'data:write');
  const where = { ...deletedFilter(q), ...(q.q ? { OR: [{ code: { contains: q.q, mode: 'insensitive' as const } }, { title: { contains: q.q, mode: 'insensitive' as const } }] } : {}) };
  const [rows, total] = await Promise.all([prisma.sanctionsProgram.findMany({ where, orderBy: [{ authorityId: 'asc' }, { code: 'asc' }], ...paging(q) }), prisma.sanctionsProgram.count({ where })]);
  return { items: rows.map((p) => ({ id: p.id, version: p.version, deleted: !!p.deletedAt, cells: [p.authorityId, p.code, p.title ?? '—'] })), total, page: q.page, pageSize: PAGE_SIZE };
}

export async function getProgramForm(viewer: Principal, id: string) {
  authorize(viewer, 'data:write');
  const p = await prisma.sanctionsProgram.findUnique({ where: { id } });
  if (!p) return null;
  return { id: p.id, version: p.version, deleted: !!p.deletedAt, values: { authorityId: p.authorityId, code: p.code, title: p.title ?? '', legalBasis: p.legalBasis ?? '', url: p.url ?? '' } satisfies FormValues };
}
