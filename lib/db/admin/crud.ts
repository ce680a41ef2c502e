import 'server-only';
// The one pattern for admin writes (docs/adr/0007-admin-writes.md): create, update with optimistic
// concurrency, soft delete and restore — each in one transaction with exactly one audit event
// whose before/after hold the fields that changed. Record types plug in a RecordStore.
import { Prisma } from '../generated/client';
import { prisma } from '../client';
import { diffSnapshots, writeAudit, type Actor } from '../audit';
import { AppError } from '../../errors';
import { toPartialDateString } from '../../dates';

export type Tx = Prisma.TransactionClient;
export type Snapshot = Record<string, unknown>;
export type VersionedRow = { id: string; version: number; deletedAt: Date | null };

export type RecordStore<Row extends VersionedRow, Create, Update> = {
  /** Audit target type and action prefix, e.g. 'Milestone' / 'milestone'. */
  targetType: string;
  action: string;
  /** The SQL table (a constant of the store, never user input). */
  table: string;
  /** What a person calls it, for messages: 'milestone'. */
  label: string;
  find(tx: Tx, id: string): Promise<Row | null>;
  insert(tx: Tx, input: Create, actor: Actor): Promise<{ id: string }>;
  /** Writes the new values; the version was already bumped under the guard. */
  update(tx: Tx, before: Row, input: Update, actor: Actor): Promise<void>;
  /** What the audit trail and the conflict message compare: JSON-safe, no version/timestamps. */
  snapshot(row: Row): Snapshot;
  /** Message for a unique-constraint clash (P2002), shown next to the field. */
  uniqueClash?: { field: string; message: string };
  /** What else the write changes, in its transaction (after create, update, delete and restore). */
  afterWrite?(tx: Tx, before: Row | null, after: Row): Promise<void>;
};

export type ChangeSummary = { field: string; from: unknown; to: unknown };
export type ConflictDetails = { currentVersion: number; yourVersion: number; changes: ChangeSummary[]; changedBy: Array<{ actor: string; at: string; action: string }> };

/** Before/after holding only the changed fields: the diff is the record of the mutation. */
export function changedFields(before: Snapshot, after: Snapshot): { before: Snapshot; after: Snapshot } {
  const diff = diffSnapshots(before, after);
  const b: Snapshot = {};
  const a: Snapshot = {};
  for (const [k, v] of Object.entries(diff)) {
    b[k] = v.from;
    a[k] = v.to;
  }
  return { before: b, after: a };
}

async function bumpVersion(tx: Tx, table: string, id: string, version: number, condition: 'live' | 'deleted'): Promise<boolean> {
  const cond = condition === 'live' ? Prisma.sql`deleted_at IS NULL` : Prisma.sql`deleted_at IS NOT NULL`;
  const n = await tx.$executeRaw`UPDATE ${Prisma.raw(`"${table}"`)} SET version = version + 1, updated_at = now() WHERE id = ${id} AND version = ${version} AND ${cond}`;
  return n === 1;
}

async function setDeletedAt(tx: Tx, table: string, id: string, deletedAt: Date | null): Promise<void> {
  await tx.$executeRaw`UPDATE ${Prisma.raw(`"${table}"`)} SET deleted_at = ${deletedAt} WHERE id = ${id}`;
}

/**
 * Why a guarded write matched no row: gone (404), deleted/restored meanwhile, or edited meanwhile
 * (409 with what changed since the version the person loaded, from the audit trail).
 */
async function refusal<Row extends VersionedRow>(tx: Tx, store: RecordStore<Row, unknown, unknown>, id: string, yourVersion: number, expected: 'live' | 'deleted'): Promise<AppError> {
  const current = await store.find(tx, id);
  if (!current) return new AppError('NOT_FOUND', `This ${store.label} does not exist.`);
  const events = await tx.auditEvent.findMany({ where: { targetType: store.targetType, targetId: id }, orderBy: { id: 'asc' }, include: { actor: { select: { email: true } } } });
  const later = events.filter((e) => {
    const v = (e.meta as { version?: unknown } | null)?.version;
    return typeof v === 'number' && v > yourVersion;
  });
  const first = new Map<string, ChangeSummary>();
  for (const e of later) {
    for (const [field, d] of Object.entries(diffSnapshots((e.before ?? {}) as Snapshot, (e.after ?? {}) as Snapshot))) {
      const prev = first.get(field);
      first.set(field, { field, from: prev ? prev.from : d.from, to: d.to });
    }
  }
  const details: ConflictDetails = {
    currentVersion: current.version,
    yourVersion,
    changes: [...first.values()].filter((c) => JSON.stringify(c.from) !== JSON.stringify(c.to)),
    changedBy: later.map((e) => ({ actor: e.actor?.email ?? e.actorLabel, at: e.at.toISOString(), action: e.action })),
  };
  if (current.version === yourVersion) {
    const state = current.deletedAt ? 'is deleted: restore it first' : 'is not deleted';
    return new AppError('CONFLICT', `This ${store.label} ${state}.`, undefined, details);
  }
  const who = details.changedBy.length ? ` by ${[...new Set(details.changedBy.map((c) => c.actor))].join(', ')}` : '';
  const verb = expected === 'live' && current.deletedAt ? 'deleted' : 'changed';
  return new AppError(
    'CONFLICT',
    `Someone else ${verb} this ${store.label}${who} since you opened it (your version ${yourVersion}, now ${current.version}). Nothing was saved: review their changes below, then reload and apply yours again.`,
    undefined,
    details,
  );
}

function mapUnique(err: unknown, store: { uniqueClash?: { field: string; message: string } }): unknown {
  if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002' && store.uniqueClash) {
    return new AppError('UNPROCESSABLE', store.uniqueClash.message, { [store.uniqueClash.field]: [store.uniqueClash.message] });
  }
  return err;
}

export async function createRecord<Row extends VersionedRow, C, U>(store: RecordStore<Row, C, U>, actor: Actor, input: C): Promise<Row> {
  try {
    return await prisma.$transaction(async (tx) => {
      const { id } = await store.insert(tx, input, actor);
      const row = (await store.find(tx, id)) as Row;
      await store.afterWrite?.(tx, null, row);
      await writeAudit(tx, { actor, action: `${store.action}.create`, targetType: store.targetType, targetId: id, after: store.snapshot(row), meta: { version: row.version } });
      return row;
    });
  } catch (err) {
    throw mapUnique(err, store);
  }
}

export async function updateRecord<Row extends VersionedRow, C, U>(store: RecordStore<Row, C, U>, actor: Actor, id: string, version: number, input: U): Promise<Row> {
  try {
    return await prisma.$transaction(async (tx) => {
      if (!(await bumpVersion(tx, store.table, id, version, 'live'))) throw await refusal(tx, store as RecordStore<Row, unknown, unknown>, id, version, 'live');
      // Read after the guarded bump: the row is locked by this transaction from here on.
      const before = (await store.find(tx, id)) as Row;
      await store.update(tx, before, input, actor);
      const after = (await store.find(tx, id)) as Row;
      await store.afterWrite?.(tx, before, after);
      const diff = changedFields(store.snapshot(before), store.snapshot(after));
      await writeAudit(tx, { actor, action: `${store.action}.update`, targetType: store.targetType, targetId: id, ...diff, meta: { version: after.version } });
      return after;
    });
  } catch (err) {
    throw mapUnique(err, store);
  }
}

/** Soft delete: the row stays (history, links) but vanishes from every analyst view and count. */
export async function deleteRecord<Row extends VersionedRow, C, U>(store: RecordStore<Row, C, U>, actor: Actor, id: string, version: number): Promise<Row> {
  return prisma.$transaction(async (tx) => {
    if (!(await bumpVersion(tx, store.table, id, version, 'live'))) throw await refusal(tx, store as RecordStore<Row, unknown, unknown>, id, version, 'live');
    const at = new Date();
    const before = (await store.find(tx, id)) as Row;
    await setDeletedAt(tx, store.table, id, at);
    const after = (await store.find(tx, id)) as Row;
    await store.afterWrite?.(tx, before, after);
    await writeAudit(tx, { actor, action: `${store.action}.delete`, targetType: store.targetType, targetId: id, before: { deletedAt: null }, after: { deletedAt: at }, meta: { version: after.version } });
    return after;
  });
}

/** Restore: clears deletedAt only, so the record comes back exactly as it was. */
export async function restoreRecord<Row extends VersionedRow, C, U>(store: RecordStore<Row, C, U>, actor: Actor, id: string, version: number): Promise<Row> {
  return prisma.$transaction(async (tx) => {
    if (!(await bumpVersion(tx, store.table, id, version, 'deleted'))) throw await refusal(tx, store as RecordStore<Row, unknown, unknown>, id, version, 'deleted');
    const before = (await store.find(tx, id)) as Row;
    await setDeletedAt(tx, store.table, id, null);
    const after = (await store.find(tx, id)) as Row;
    await store.afterWrite?.(tx, before, after);
    await writeAudit(tx, { actor, action: `${store.action}.restore`, targetType: store.targetType, targetId: id, before: { deletedAt: before.deletedAt }, after: { deletedAt: null }, meta: { version: after.version } });
    return after;
  });
}

/** A field-level 422 for checks only the database can make (an id that does not exist…). */
export function invalidField(field: string, message: string): AppError {
  return new AppError('UNPROCESSABLE', 'Some fields are not valid: see the messages next to them.', { [field]: [message] });
}

/** Refuses a reference to a record that does not exist (or is deleted) with a field message. */
export async function mustExist(found: Promise<unknown>, field: string, message: string): Promise<void> {
  if (!(await found)) throw invalidField(field, message);
}

export function partialDateString(date: Date | null, precision: 'YEAR' | 'MONTH' | 'DAY' | null): string | null {
  return date && precision ? toPartialDateString(date, precision) : null;
}
