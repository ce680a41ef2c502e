import 'server-only';
// A user's watchlist (issue 27). Every function acts for the verified caller on their own rows only:
// another user's watch is "not found".
import { prisma } from '../client';
import { authorize } from '../../auth/verified';
import type { Principal } from '../../auth/permissions';
import { AppError } from '../../errors';
import { countryName } from '../../normalize/countries';
import { MAX_WATCHES, type AddWatchInput, type WatchKind } from '../../validation/alerts';

export type WatchDto = { id: string; kind: WatchKind; value: string; label: string; createdAt: string };

const toDto = (w: { id: string; kind: string; value: string; label: string; createdAt: Date }): WatchDto => ({ id: w.id, kind: w.kind as WatchKind, value: w.value, label: w.label, createdAt: w.createdAt.toISOString() });

export async function listWatches(viewer: Principal): Promise<WatchDto[]> {
  const { id } = authorize(viewer, 'self:manage');
  const rows = await prisma.watch.findMany({ where: { userId: id }, orderBy: [{ kind: 'asc' }, { label: 'asc' }, { id: 'asc' }] });
  return rows.map(toDto);
}

/** The caller's watch of one thing, if any (the Watch button's state). */
export async function getWatch(viewer: Principal, kind: WatchKind, value: string): Promise<WatchDto | null> {
  const { id } = authorize(viewer, 'self:manage');
  const row = await prisma.watch.findUnique({ where: { userId_kind_value: { userId: id, kind, value } } });
  return row ? toDto(row) : null;
}

/**
 * What a watch is called, and its value as stored: an entity is watched by its live id (a merged id
 * leads to the entity it was merged into), a program by AUTHORITY:CODE. Unknown things are refused.
 */
async function describe(kind: WatchKind, value: string): Promise<{ value: string; label: string }> {
  const missing = (what: string) => new AppError('UNPROCESSABLE', `No such ${what}.`, { value: [`No such ${what}.`] });
  switch (kind) {
    case 'entity': {
      let e = await prisma.entity.findFirst({ where: { id: value, deletedAt: null }, select: { id: true, name: true, mergedIntoId: true } });
      for (let hops = 0; e?.mergedIntoId && hops < 32; hops++) e = await prisma.entity.findFirst({ where: { id: e.mergedIntoId, deletedAt: null }, select: { id: true, name: true, mergedIntoId: true } });
      if (!e) throw missing('entity');
      return { value: e.id, label: e.name };
    }
    case 'program': {
      const i = value.indexOf(':');
      const p = await prisma.sanctionsProgram.findFirst({ where: { authorityId: value.slice(0, i), code: value.slice(i + 1), deletedAt: null }, select: { title: true } });
      if (!p) throw missing('sanctions program');
      return { value, label: p.title ? `${value} — ${p.title}` : value };
    }
    case 'weapon': {
      const w = await prisma.weaponsProgram.findFirst({ where: { slug: value, deletedAt: null }, select: { name: true } });
      if (!w) throw missing('weapons program');
      return { value, label: w.name };
    }
    case 'country': {
      const name = countryName(value);
      if (name.toLowerCase() === value.toLowerCase()) throw missing('country');
      return { value, label: `${name} (${value.toUpperCase()})` };
    }
    case 'name':
      return { value, label: `“${value}”` };
  }
}

/** Adds a watch (watching the same thing again returns the existing one). */
export async function addWatch(viewer: Principal, input: AddWatchInput): Promise<WatchDto> {
  const { id: userId } = authorize(viewer, 'self:manage');
  const { value, label } = await describe(input.kind, input.value);
  const existing = await prisma.watch.findUnique({ where: { userId_kind_value: { userId, kind: input.kind, value } } });
  if (existing) return toDto(existing);
  if ((await prisma.watch.count({ where: { userId } })) >= MAX_WATCHES) {
    throw new AppError('UNPROCESSABLE', `You watch ${MAX_WATCHES} things already: remove one first.`, { value: [`At most ${MAX_WATCHES} watches.`] });
  }
  const row = await prisma.watch.upsert({ where: { userId_kind_value: { userId, kind: input.kind, value } }, create: { userId, kind: input.kind, value, label }, update: {} });
  return toDto(row);
}

export async function removeWatch(viewer: Principal, id: string): Promise<{ id: string }> {
  const { id: userId } = authorize(viewer, 'self:manage');
  const { count } = await prisma.watch.deleteMany({ where: { id, userId } });
  if (!count) throw new AppError('NOT_FOUND', 'This watch does not exist or is not yours.');
  return { id };
}
