import 'server-only';
// Saved views: a name for a URL of the app (page + query string). Owners see and change their own;
// shared views are listed for and open for every signed-in user, but only the owner changes them.
import { prisma } from '../client';
import { userActor, writeAudit } from '../audit';
import type { DbTx } from '../client';
import { AppError } from '../../errors';
import type { Principal } from '../../auth/permissions';
import { authorize } from '../../auth/verified';
import type { SaveViewInput } from '../../validation/saved-views';
import { Prisma } from '../generated/client';
import { frozenLabel, readViewSnapshot, type ViewSnapshot } from '../../saved-views/snapshot';
import { computeViewSnapshot } from './saved-view-snapshots';

type Actor = Pick<Principal, 'id' | 'email'>;

/** `frozenAt`: null for a live view (recomputed on every visit), else when its numbers were stored (issue 26). */
export type SavedViewDto = { id: string; name: string; path: string; query: string; isShared: boolean; isOwner: boolean; ownerName: string; frozenAt: string | null; createdAt: string; updatedAt: string };

type Row = { id: string; name: string; path: string; query: string; isShared: boolean; ownerId: string; frozenAt: Date | null; createdAt: Date; updatedAt: Date; owner: { email: string; name: string | null } };

const SELECT = { id: true, name: true, path: true, query: true, isShared: true, ownerId: true, frozenAt: true, createdAt: true, updatedAt: true, owner: { select: { email: true, name: true } } } as const;

function toDto(v: Row, viewerId: string): SavedViewDto {
  return {
    id: v.id,
    name: v.name,
    path: v.path,
    query: v.query,
    isShared: v.isShared,
    isOwner: v.ownerId === viewerId,
    ownerName: v.owner.name ?? v.owner.email,
    frozenAt: v.frozenAt?.toISOString() ?? null,
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
  };
}

function snapshot(v: { name: string; path: string; query: string; isShared: boolean }) {
  return { name: v.name, path: v.path, query: v.query, isShared: v.isShared };
}

function duplicateName(name: string): AppError {
  return new AppError('CONFLICT', 'You already have a view with this name.', { name: [`You already have a view named “${name}”: choose another name, or rename or delete that view.`] });
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && (err as { code: unknown }).code === 'P2002';
}

export async function createSavedView(actor: Actor, input: SaveViewInput): Promise<SavedViewDto> {
  try {
    return await prisma.$transaction(async (tx) => {
      const view = await tx.savedView.create({ data: { ownerId: actor.id, name: input.name, path: input.path, query: input.query }, select: SELECT });
      await writeAudit(tx, { actor: userActor(actor), action: 'saved_view.create', targetType: 'SavedView', targetId: view.id, after: snapshot(view) });
      return toDto(view, actor.id);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName(input.name);
    throw err;
  }
}

/** The viewer's own views, then views others shared, each by name. */
export async function listVisibleSavedViews(viewer: Principal): Promise<SavedViewDto[]> {
  const viewerId = authorize(viewer, 'self:manage').id;
  const rows = await prisma.savedView.findMany({ where: { OR: [{ ownerId: viewerId }, { isShared: true }] }, select: SELECT, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
  const views = rows.map((r) => toDto(r, viewerId));
  return [...views.filter((v) => v.isOwner), ...views.filter((v) => !v.isOwner)];
}

/** A view the viewer may open (their own, or shared); null otherwise — others' private views do not exist for them. */
export async function getSavedViewForUser(viewer: Principal, id: string): Promise<SavedViewDto | null> {
  const viewerId = authorize(viewer, 'data:read').id;
  const row = await prisma.savedView.findFirst({ where: { id, OR: [{ ownerId: viewerId }, { isShared: true }] }, select: SELECT });
  return row ? toDto(row, viewerId) : null;
}

/** Loads a view for a change by its owner: 404 when the actor cannot see it, 403 when they see it but do not own it. */
async function ownedView(tx: DbTx, actor: Actor, id: string): Promise<Row> {
  const view = await tx.savedView.findFirst({ where: { id, OR: [{ ownerId: actor.id }, { isShared: true }] }, select: SELECT });
  if (!view) throw new AppError('NOT_FOUND', 'This view does not exist (it may have been deleted).');
  if (view.ownerId !== actor.id) throw new AppError('FORBIDDEN', 'Only the owner of this view can change or delete it.');
  return view;
}

export async function renameSavedView(actor: Actor, id: string, name: string): Promise<SavedViewDto> {
  try {
    return await prisma.$transaction(async (tx) => {
      const before = await ownedView(tx, actor, id);
      const view = await tx.savedView.update({ where: { id }, data: { name }, select: SELECT });
      await writeAudit(tx, { actor: userActor(actor), action: 'saved_view.rename', targetType: 'SavedView', targetId: id, before: { name: before.name }, after: { name: view.name } });
      return toDto(view, actor.id);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName(name);
    throw err;
  }
}

export async function setSavedViewShared(actor: Actor, id: string, isShared: boolean): Promise<SavedViewDto> {
  return prisma.$transaction(async (tx) => {
    const before = await ownedView(tx, actor, id);
    const view = await tx.savedView.update({ where: { id }, data: { isShared }, select: SELECT });
    await writeAudit(tx, { actor: userActor(actor), action: isShared ? 'saved_view.share' : 'saved_view.unshare', targetType: 'SavedView', targetId: id, before: { isShared: before.isShared }, after: { isShared } });
    return toDto(view, actor.id);
  });
}

export async function deleteSavedView(actor: Actor, id: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const before = await ownedView(tx, actor, id);
    await tx.savedView.delete({ where: { id } });
    await writeAudit(tx, { actor: userActor(actor), action: 'saved_view.delete', targetType: 'SavedView', targetId: id, before: snapshot(before) });
  });
}

/** A view the viewer may open, with its stored numbers when frozen (null snapshot: live). Null when the viewer cannot see it. */
export async function getSavedViewReport(viewer: Principal, id: string): Promise<{ view: SavedViewDto; snapshot: ViewSnapshot | null } | null> {
  const viewerId = authorize(viewer, 'data:read').id;
  const row = await prisma.savedView.findFirst({ where: { id, OR: [{ ownerId: viewerId }, { isShared: true }] }, select: { ...SELECT, snapshot: true } });
  if (!row) return null;
  const snapshot = row.frozenAt ? readViewSnapshot(row.snapshot) : null;
  // A frozen row whose snapshot this code cannot read is not shown as live numbers: that would
  // silently break the promise of a frozen view.
  if (row.frozenAt && !snapshot) throw new AppError('CONFLICT', 'The stored numbers of this frozen view cannot be read; its owner can unfreeze and freeze it again.');
  return { view: toDto(row, viewerId), snapshot };
}

/**
 * Freezes a view: stores its series, KPIs and data as-of now (computed with the owner's access),
 * so the view, its exports and its API form show these numbers from now on. Freezing a frozen view
 * again stores today's numbers. Owner only (403 for anyone else); audited.
 */
export async function freezeSavedView(actor: Principal, id: string, now = new Date()): Promise<SavedViewDto> {
  authorize(actor, 'self:manage');
  // Ownership first, outside the transaction: computing the numbers is the slow part.
  const view = await ownedView(prisma, actor, id);
  const snapshot = await computeViewSnapshot(actor, view, now);
  return prisma.$transaction(async (tx) => {
    const before = await ownedView(tx, actor, id);
    const updated = await tx.savedView.update({ where: { id }, data: { frozenAt: now, snapshot: snapshot as unknown as Prisma.InputJsonValue }, select: SELECT });
    await writeAudit(tx, {
      actor: userActor(actor),
      action: 'saved_view.freeze',
      targetType: 'SavedView',
      targetId: id,
      before: { frozenAt: before.frozenAt },
      after: { frozenAt: now, asOf: snapshot.asOf.label },
      meta: { label: frozenLabel(snapshot.frozenAt) },
    });
    return toDto(updated, actor.id);
  });
}

/** Makes a frozen view live again (its stored numbers are dropped). Owner only; audited. */
export async function unfreezeSavedView(actor: Principal, id: string): Promise<SavedViewDto> {
  authorize(actor, 'self:manage');
  return prisma.$transaction(async (tx) => {
    const before = await ownedView(tx, actor, id);
    const updated = await tx.savedView.update({ where: { id }, data: { frozenAt: null, snapshot: Prisma.DbNull }, select: SELECT });
    await writeAudit(tx, { actor: userActor(actor), action: 'saved_view.unfreeze', targetType: 'SavedView', targetId: id, before: { frozenAt: before.frozenAt }, after: { frozenAt: null } });
    return toDto(updated, actor.id);
  });
}
