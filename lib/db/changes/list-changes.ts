import 'server-only';
// What changed (issue 27): the list_change rows the loader writes, filtered, paged, with the live
// entity each concerns and the import run that recorded it.
//
// Two orders, chosen by `since`:
// - without it (the page, the feed, the API's default): newest edition first, then newest id — what
//   a person reads. Keyset (edition_date, id): an older edition imported late sorts by its date.
// - with it (the API's polling): ascending id, only changes recorded after `since` (an id, or a
//   time). Ids only grow, so a poller that passes the last id it got never misses or repeats one,
//   whatever editions arrive; a time is for the first call.
import { Prisma } from '../generated/client';
import { prisma } from '../client';
import { authorize } from '../../auth/verified';
import type { Principal } from '../../auth/permissions';
import { AppError } from '../../errors';
import type { ChangesFilter, ChangeKind } from '../../changes/filter';
import type { ChangeItem, FieldChange, JsonValue } from '../../changes/types';
import type { Keyset } from '../../api/cursor';

export type ChangesPage = { items: ChangeItem[]; nextKey: Keyset | null };

/** The first element of an ascending (polling) keyset; a newest-first one holds the edition day. */
const ASCENDING = 'asc';

type Row = {
  id: string;
  kind: ChangeKind;
  targetType: string;
  targetId: string;
  editionDate: string;
  recordedAt: Date;
  entityId: string | null;
  entityExists: boolean | null;
  recordedEntityId: string;
  entityName: string;
  recordId: string | null;
  sourceKey: string;
  authorityId: string | null;
  authorityName: string | null;
  programs: string[] | null;
  countries: string[] | null;
  fields: unknown;
  runId: string | null;
  runFile: string | null;
  runFormat: string | null;
};

function badCursor(): AppError {
  return new AppError('UNPROCESSABLE', 'Some fields are not valid: see the messages next to them.', {
    cursor: ['cursor is not valid: pass the nextCursor of the previous page unchanged (with the same since and filters), or omit it for the first page.'],
  });
}

/** The jsonb `{ field: { from, to } }`; a value not of that shape is shown as the new value. */
function toFields(raw: unknown): Record<string, FieldChange> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const out: Record<string, FieldChange> = {};
  for (const [k, v] of Object.entries(raw as Record<string, JsonValue>)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && ('from' in v || 'to' in v)) out[k] = { from: v.from ?? null, to: v.to ?? null };
    else out[k] = { from: null, to: v ?? null };
  }
  return out;
}

// The live entity of a change row `lc` (with its source record `x` joined): the record's cluster when
// the change names a record (merges and splits move records), else the recorded cluster followed
// through merged_into_id (a merged entity stays as a redirect, and may itself be merged later: a
// chain, bounded). For a LEFT JOIN LATERAL … live ON true.
const LIVE_ENTITY = Prisma.sql`(
  WITH RECURSIVE chain AS (
    SELECT e.id, e.merged_into_id, e.deleted_at, 0 AS depth FROM entity e WHERE e.id = coalesce(x.entity_id, lc.entity_id)
    UNION ALL
    SELECT e.id, e.merged_into_id, e.deleted_at, chain.depth + 1 FROM chain JOIN entity e ON e.id = chain.merged_into_id WHERE chain.depth < 20
  )
  SELECT chain.id, chain.deleted_at IS NULL AS alive FROM chain ORDER BY chain.depth DESC LIMIT 1)`;

function conditions(f: ChangesFilter): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  // A change of the record itself (target Entity) may carry no authority: its record's is the list's.
  if (f.authority.length) where.push(Prisma.sql`coalesce(lc.authority_id, x.authority_id) = ANY(${f.authority}::text[])`);
  if (f.program.length) where.push(Prisma.sql`lc.programs && ${f.program}::text[]`);
  // Stored as the loader got them (ISO alpha-2, either case): compared upper-cased.
  if (f.country.length) where.push(Prisma.sql`EXISTS (SELECT 1 FROM unnest(lc.countries) c WHERE upper(c) = ANY(${f.country.map((c) => c.toUpperCase())}::text[]))`);
  if (f.kind.length) where.push(Prisma.sql`lc.kind::text = ANY(${f.kind}::text[])`);
  if (f.from) where.push(Prisma.sql`lc.edition_date >= ${f.from}::date`);
  if (f.to) where.push(Prisma.sql`lc.edition_date <= ${f.to}::date`);
  // As /suppliers' weapon= reads it: a participant of the program (any role) or a supplier with a
  // supply link to it — of the entity now, after merges (participations move to the survivor).
  if (f.weapon.length)
    where.push(Prisma.sql`EXISTS (
      SELECT 1 FROM weapons_program wp WHERE wp.deleted_at IS NULL AND wp.slug = ANY(${f.weapon}::text[]) AND (
        EXISTS (SELECT 1 FROM program_participant pp WHERE pp.weapons_program_id = wp.id AND pp.deleted_at IS NULL AND pp.entity_id = live.id)
        OR EXISTS (SELECT 1 FROM supply_link s WHERE s.weapons_program_id = wp.id AND s.deleted_at IS NULL AND s.supplier_id = live.id)))`);
  if (f.since && 'id' in f.since) where.push(Prisma.sql`lc.id > ${f.since.id}::bigint`);
  // created_at is a UTC timestamp without zone (Prisma's DateTime): compare in UTC whatever the session's zone.
  if (f.since && 'at' in f.since) where.push(Prisma.sql`lc.created_at > (${f.since.at}::timestamptz AT TIME ZONE 'UTC')`);
  return where;
}

/**
 * A page of changes for the filter. `cursor` is the `nextKey` of the previous page (of the same
 * order: a newest-first key given to a `since` query, or the reverse, is a 422 on `cursor`).
 */
export async function listChanges(viewer: Principal, filter: ChangesFilter, opts: { cursor?: Keyset | null; limit: number }): Promise<ChangesPage> {
  authorize(viewer, 'data:read');
  const ascending = filter.since !== null;
  const limit = Math.max(1, Math.min(500, Math.floor(opts.limit)));
  const where = conditions(filter);
  const key = opts.cursor ?? null;
  if (key) {
    if (!/^\d{1,18}$/.test(key[1])) throw badCursor();
    if (ascending) {
      if (key[0] !== ASCENDING) throw badCursor();
      where.push(Prisma.sql`lc.id > ${key[1]}::bigint`);
    } else {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(key[0]) || Number.isNaN(Date.parse(key[0]))) throw badCursor();
      where.push(Prisma.sql`(lc.edition_date, lc.id) < (${key[0]}::date, ${key[1]}::bigint)`);
    }
  }
  const order = ascending ? Prisma.sql`lc.id ASC` : Prisma.sql`lc.edition_date DESC, lc.id DESC`;
  // NOTE: the live entity is worked out for the page's rows only, after the limit — except when the
  // weapons filter needs it to choose the rows.
  const rows = await prisma.$queryRaw<Row[]>`
    WITH page AS (
      SELECT lc.*, coalesce(lc.authority_id, x.authority_id) AS authority
      FROM list_change lc LEFT JOIN external_id x ON x.id = lc.record_id
      ${filter.weapon.length ? Prisma.sql`LEFT JOIN LATERAL ${LIVE_ENTITY} live ON true` : Prisma.empty}
      ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty}
      ORDER BY ${order}
      LIMIT ${limit + 1}
    )
    SELECT lc.id::text AS id, lc.kind::text AS kind, lc.target_type AS "targetType", lc.target_id AS "targetId",
      to_char(lc.edition_date, 'YYYY-MM-DD') AS "editionDate", lc.created_at AS "recordedAt",
      live.id AS "entityId", live.alive AS "entityExists", lc.entity_id AS "recordedEntityId", lc.entity_name AS "entityName",
      lc.record_id AS "recordId", lc.source_key AS "sourceKey", lc.authority AS "authorityId", a.short_name AS "authorityName",
      lc.programs, lc.countries, lc.fields,
      r.id AS "runId", r.file_name AS "runFile", r.format AS "runFormat"
    FROM page lc
    LEFT JOIN authority a ON a.id = lc.authority
    LEFT JOIN import_run r ON r.id = lc.import_run_id
    LEFT JOIN external_id x ON x.id = lc.record_id
    LEFT JOIN LATERAL ${LIVE_ENTITY} live ON true
    ORDER BY ${order}`;
  const items = rows.slice(0, limit).map(toItem);
  const last = items.at(-1);
  const nextKey: Keyset | null = rows.length > limit && last ? [ascending ? ASCENDING : last.editionDate, last.id] : null;
  return { items, nextKey };
}

function toItem(r: Row): ChangeItem {
  return {
    id: r.id,
    kind: r.kind,
    targetType: r.targetType,
    targetId: r.targetId,
    editionDate: r.editionDate,
    recordedAt: r.recordedAt.toISOString(),
    // An entity row that is gone altogether (never, today: entities are soft-deleted) keeps the recorded id.
    entityId: r.entityId ?? r.recordedEntityId,
    recordedEntityId: r.recordedEntityId,
    entityExists: r.entityExists === true,
    entityName: r.entityName,
    recordId: r.recordId,
    sourceKey: r.sourceKey,
    authorityId: r.authorityId,
    authorityName: r.authorityName,
    programs: r.programs ?? [],
    countries: r.countries ?? [],
    fields: toFields(r.fields),
    run: r.runId ? { id: r.runId, fileName: r.runFile ?? '', format: r.runFormat ?? '' } : null,
  };
}

/** Whether any change was ever recorded: the page's empty state says why there is none. */
export async function hasRecordedChanges(viewer: Principal): Promise<boolean> {
  authorize(viewer, 'data:read');
  const [row] = await prisma.$queryRaw<Array<{ any: boolean }>>`SELECT EXISTS (SELECT 1 FROM list_change) AS any`;
  return row?.any === true;
}
