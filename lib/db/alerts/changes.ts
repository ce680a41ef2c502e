import 'server-only';
// The changes behind notifications, as messages and pages show them: each with the live entity it
// concerns now (its record's entity, else the entity as of the change, followed through merges) and
// the labels of the watches that matched.
import type { Prisma } from '../generated/client';
import type { DbTx } from '../client';
import type { AlertChange, ChangeKind } from '../../alerts/message';
import { WATCH_KIND_LABELS, type WatchKind } from '../../validation/alerts';

export type NotifiedChange = AlertChange & { notificationId: string; userId: string; createdAt: Date; readAt: Date | null };

type Row = Omit<NotifiedChange, 'matched' | 'kind'> & { kind: ChangeKind; matched: Array<{ kind: string; label: string }> | null };

/** `where` filters notification `n`; rows come newest change first within a user, by id otherwise. */
export async function loadNotifiedChanges(db: DbTx, where: Prisma.Sql, limit = 10_000): Promise<NotifiedChange[]> {
  const rows = await db.$queryRaw<Row[]>`
    WITH RECURSIVE
    sel AS (
      SELECT n.id, n.user_id, n.change_id, n.matched, n.created_at, n.read_at, lc.id AS lc_id, coalesce(x.entity_id, lc.entity_id) AS start
      FROM notification n JOIN list_change lc ON lc.id = n.change_id LEFT JOIN external_id x ON x.id = lc.record_id
      WHERE ${where}
      ORDER BY n.id DESC LIMIT ${limit}),
    chain (start, cur, depth) AS (
      SELECT DISTINCT s.start, s.start, 0 FROM sel s
      UNION ALL SELECT c.start, e.merged_into_id, c.depth + 1 FROM chain c JOIN entity e ON e.id = c.cur WHERE e.merged_into_id IS NOT NULL AND c.depth < 32),
    root AS (SELECT DISTINCT ON (start) start, cur AS live FROM chain ORDER BY start, depth DESC)
    SELECT s.id::text AS "notificationId", s.user_id AS "userId", s.created_at AS "createdAt", s.read_at AS "readAt",
      lc.id::text AS "changeId", lc.kind::text AS kind, r.live AS "entityId", lc.entity_name AS "entityName", lc.authority_id AS "authorityId",
      lc.source_key AS "sourceKey", coalesce(lc.programs, '{}') AS programs, coalesce(lc.countries, '{}') AS countries, lc.fields,
      to_char(lc.edition_date, 'YYYY-MM-DD') AS "editionDate", lc.import_run_id AS "importRunId",
      (SELECT json_agg(json_build_object('kind', split_part(m, ':', 1), 'label', coalesce(w.label, substr(m, strpos(m, ':') + 1))) ORDER BY m)
       FROM unnest(string_to_array(s.matched, E'\\n')) AS m LEFT JOIN watch w ON w.user_id = s.user_id AND w.kind = split_part(m, ':', 1) AND w.value = substr(m, strpos(m, ':') + 1)) AS matched
    FROM sel s JOIN list_change lc ON lc.id = s.lc_id JOIN root r ON r.start = s.start
    ORDER BY s.user_id, lc.import_run_id, lc.id`;
  return rows.map((r) => ({
    ...r,
    fields: (r.fields && typeof r.fields === 'object' ? r.fields : {}) as AlertChange['fields'],
    matched: (r.matched ?? []).map((m) => `${WATCH_KIND_LABELS[m.kind as WatchKind] ?? m.kind}: ${m.label}`),
  }));
}
