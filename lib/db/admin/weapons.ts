import 'server-only';
import { prisma } from '../client';
import type { ProgramParticipant, SupplyLink, WeaponsProgram } from '../generated/client';
import type { ParticipantInput, SupplyLinkInput, WeaponsProgramInput } from '../../validation/weapons';
import { slugify } from '../../validation/fields';
import type { FormValues } from '../../validation/form';
import { mustExist, partialDateString, type RecordStore, type Tx } from './crud';
import { PAGE_SIZE, deletedFilter, paging, type AdminListQuery, type AdminRow, type Page } from './list';
import { authorize } from '../../auth/verified';
import type { Principal } from '../../auth/permissions';

const liveEntity = (tx: Tx, id: string) => tx.entity.findFirst({ where: { id, deletedAt: null, mergedIntoId: null }, select: { id: true } });
const liveProgram = (tx: Tx, id: string) => tx.weaponsProgram.findFirst({ where: { id, deletedAt: null }, select: { id: true } });
const ENTITY_MISSING = 'No live entity has this id: copy it from the admin entity list.';

function weaponsData(input: WeaponsProgramInput) {
  return { name: input.name, aliases: input.aliases, type: input.type, countryOfOrigin: input.countryOfOrigin, description: input.description, sourceUrls: input.sourceUrls, note: input.note };
}

export const weaponsProgramStore: RecordStore<WeaponsProgram, WeaponsProgramInput, WeaponsProgramInput> = {
  targetType: 'WeaponsProgram',
  action: 'weapons_program',
  table: 'weapons_program',
  label: 'weapons program',
  find: (tx, id) => tx.weaponsProgram.findUnique({ where: { id } }),
  insert: (tx, input) => tx.weaponsProgram.create({ data: { ...weaponsData(input), slug: input.slug ?? slugify(input.name) }, select: { id: true } }),
  update: async (tx, before, input) => {
    await tx.weaponsProgram.update({ where: { id: before.id }, data: { ...weaponsData(input), slug: input.slug ?? before.slug } });
  },
  snapshot: (w) => ({ slug: w.slug, name: w.name, aliases: w.aliases, type: w.type, countryOfOrigin: w.countryOfOrigin, description: w.description, sourceUrls: w.sourceUrls, note: w.note, deletedAt: w.deletedAt }),
  uniqueClash: { field: 'slug', message: 'Another weapons program already uses this slug: choose another.' },
};

export async function listWeaponsProgramsForAdmin(viewer: Principal, q: AdminListQuery): Promise<Page<AdminRow>> {
  authorize(viewer, 'data:write');
  const where = { ...deletedFilter(q), ...(q.q ? { name: { contains: q.q, mode: 'insensitive' as const } } : {}) };
  const [rows, total] = await Promise.all([prisma.weaponsProgram.findMany({ where, orderBy: { name: 'asc' }, ...paging(q) }), prisma.weaponsProgram.count({ where })]);
  return { items: rows.map((w) => ({ id: w.id, version: w.version, deleted: !!w.deletedAt, cells: [w.name, w.type, w.aliases.join(', ') || '—'] })), total, page: q.page, pageSize: PAGE_SIZE };
}

export async function getWeaponsProgramForm(viewer: Principal, id: string) {
  authorize(viewer, 'data:write');
  const w = await prisma.weaponsProgram.findUnique({ where: { id } });
  if (!w) return null;
  const values: FormValues = { name: w.name, type: w.type, aliases: w.aliases.join('\n'), countryOfOrigin: w.countryOfOrigin ?? '', sourceUrls: w.sourceUrls.join('\n'), description: w.description ?? '', note: w.note ?? '', slug: w.slug };
  return { id: w.id, version: w.version, deleted: !!w.deletedAt, values };
}

export async function listWeaponsProgramOptions(viewer: Principal) {
  authorize(viewer, 'data:write');
  const rows = await prisma.weaponsProgram.findMany({ where: { deletedAt: null }, orderBy: { name: 'asc' }, select: { id: true, name: true } });
  return rows.map((w) => ({ value: w.id, label: w.name }));
}

function intervalData(input: { startDate: { date: Date; precision: 'YEAR' | 'MONTH' | 'DAY' } | null; endDate: { date: Date; precision: 'YEAR' | 'MONTH' | 'DAY' } | null }) {
  return { startDate: input.startDate?.date ?? null, startDatePrecision: input.startDate?.precision ?? null, endDate: input.endDate?.date ?? null, endDatePrecision: input.endDate?.precision ?? null };
}

async function checkParticipant(tx: Tx, input: ParticipantInput) {
  await mustExist(liveEntity(tx, input.entityId), 'entityId', ENTITY_MISSING);
  await mustExist(liveProgram(tx, input.weaponsProgramId), 'weaponsProgramId', 'Choose an existing weapons program.');
}
const participantData = (input: ParticipantInput) => ({ entityId: input.entityId, weaponsProgramId: input.weaponsProgramId, role: input.role, ...intervalData(input), sourceUrl: input.sourceUrl, evidence: input.evidence, isUncertain: input.isUncertain });

export const participantStore: RecordStore<ProgramParticipant, ParticipantInput, ParticipantInput> = {
  targetType: 'ProgramParticipant',
  action: 'participant',
  table: 'program_participant',
  label: 'program participant',
  find: (tx, id) => tx.programParticipant.findUnique({ where: { id } }),
  insert: async (tx, input) => {
    await checkParticipant(tx, input);
    return tx.programParticipant.create({ data: participantData(input), select: { id: true } });
  },
  update: async (tx, before, input) => {
    await checkParticipant(tx, input);
    await tx.programParticipant.update({ where: { id: before.id }, data: participantData(input) });
  },
  snapshot: (p) => ({
    entityId: p.entityId,
    weaponsProgramId: p.weaponsProgramId,
    role: p.role,
    startDate: partialDateString(p.startDate, p.startDatePrecision),
    endDate: partialDateString(p.endDate, p.endDatePrecision),
    sourceUrl: p.sourceUrl,
    evidence: p.evidence,
    isUncertain: p.isUncertain,
    deletedAt: p.deletedAt,
  }),
  uniqueClash: { field: 'role', message: 'This entity already has this role in this program.' },
};

export async function listParticipantsForAdmin(viewer: Principal, q: AdminListQuery): Promise<Page<AdminRow>> {
  authorize(viewer, 'data:write');
  const where = { ...deletedFilter(q), ...(q.q ? { entity: { name: { contains: q.q, mode: 'insensitive' as const } } } : {}) };
  const [rows, total] = await Promise.all([
    prisma.programParticipant.findMany({ where, orderBy: [{ weaponsProgramId: 'asc' }, { id: 'asc' }], include: { entity: { select: { name: true } }, weaponsProgram: { select: { name: true } } }, ...paging(q) }),
    prisma.programParticipant.count({ where }),
  ]);
  return { items: rows.map((p) => ({ id: p.id, version: p.version, deleted: !!p.deletedAt, cells: [p.weaponsProgram.name, p.entity.name, p.role.toLowerCase().replace(/_/g, ' ')] })), total, page: q.page, pageSize: PAGE_SIZE };
}

export async function getParticipantForm(viewer: Principal, id: string) {
  authorize(viewer, 'data:write');
  const p = await prisma.programParticipant.findUnique({ where: { id } });
  if (!p) return null;
  const s = participantStore.snapshot(p);
  const values: FormValues = { entityId: p.entityId, weaponsProgramId: p.weaponsProgramId, role: p.role, startDate: (s.startDate as string | null) ?? '', endDate: (s.endDate as string | null) ?? '', sourceUrl: p.sourceUrl, evidence: p.evidence ?? '', isUncertain: p.isUncertain };
  return { id: p.id, version: p.version, deleted: !!p.deletedAt, values };
}

async function checkSupply(tx: Tx, input: SupplyLinkInput) {
  await mustExist(liveEntity(tx, input.supplierId), 'supplierId', ENTITY_MISSING);
  await mustExist(liveEntity(tx, input.recipientId), 'recipientId', ENTITY_MISSING);
  if (input.weaponsProgramId) await mustExist(liveProgram(tx, input.weaponsProgramId), 'weaponsProgramId', 'Choose an existing weapons program.');
}
const supplyData = (input: SupplyLinkInput) => ({
  supplierId: input.supplierId,
  recipientId: input.recipientId,
  componentCategory: input.componentCategory,
  weaponsProgramId: input.weaponsProgramId,
  ...intervalData(input),
  sourceUrl: input.sourceUrl,
  evidence: input.evidence,
  isUncertain: input.isUncertain,
});

export const supplyLinkStore: RecordStore<SupplyLink, SupplyLinkInput, SupplyLinkInput> = {
  targetType: 'SupplyLink',
  action: 'supply_link',
  table: 'supply_link',
  label: 'supply link',
  find: (tx, id) => tx.supplyLink.findUnique({ where: { id } }),
  insert: async (tx, input) => {
    await checkSupply(tx, input);
    return tx.supplyLink.create({ data: supplyData(input), select: { id: true } });
  },
  update: async (tx, before, input) => {
    await checkSupply(tx, input);
    await tx.supplyLink.update({ where: { id: before.id }, data: supplyData(input) });
  },
  snapshot: (s) => ({
    supplierId: s.supplierId,
    recipientId: s.recipientId,
    componentCategory: s.componentCategory,
    weaponsProgramId: s.weaponsProgramId,
    startDate: partialDateString(s.startDate, s.startDatePrecision),
    endDate: partialDateString(s.endDate, s.endDatePrecision),
    sourceUrl: s.sourceUrl,
    evidence: s.evidence,
    isUncertain: s.isUncertain,
    deletedAt: s.deletedAt,
  }),
  uniqueClash: { field: 'componentCategory', message: 'This supplier already has a link of this kind to this recipient and program.' },
};

export async function listSupplyLinksForAdmin(viewer: Principal, q: AdminListQuery): Promise<Page<AdminRow>> {
  authorize(viewer, 'data:write');
  const like = q.q ? { contains: q.q, mode: 'insensitive' as const } : undefined;
  const where = { ...deletedFilter(q), ...(like ? { OR: [{ supplier: { name: like } }, { recipient: { name: like } }] } : {}) };
  const [rows, total] = await Promise.all([
    prisma.supplyLink.findMany({ where, orderBy: { id: 'asc' }, include: { supplier: { select: { name: true } }, recipient: { select: { name: true } }, weaponsProgram: { select: { name: true } } }, ...paging(q) }),
    prisma.supplyLink.count({ where }),
  ]);
  return {
    items: rows.map((s) => ({ id: s.id, version: s.version, deleted: !!s.deletedAt, cells: [s.supplier.name, s.recipient.name, s.componentCategory.toLowerCase().replace(/_/g, ' '), s.weaponsProgram?.name ?? '—'] })),
    total,
    page: q.page,
    pageSize: PAGE_SIZE,
  };
}

export async function getSupplyLinkForm(viewer: Principal, id: string) {
  authorize(viewer, 'data:write');
  const s = await prisma.supplyLink.findUnique({ where: { id } });
  if (!s) return null;
  const snap = supplyLinkStore.snapshot(s);
  const values: FormValues = {
    supplierId: s.supplierId,
    recipientId: s.recipientId,
    componentCategory: s.componentCategory,
    weaponsProgramId: s.weaponsProgramId ?? '',
    startDate: (snap.startDate as string | null) ?? '',
    endDate: (snap.endDate as string | null) ?? '',
    sourceUrl: s.sourceUrl,
    evidence: s.evidence ?? '',
    isUncertain: s.isUncertain,
  };
  return { id: s.id, version: s.version, deleted: !!s.deletedAt, values };
}
