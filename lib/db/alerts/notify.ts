import 'server-only';
// Watches → notifications, for one applied import (issue 27). Runs as the import's last after-apply
// step, inside its transaction (lib/db/imports.ts, AfterApplyRun), after the run's list_change rows
// are written: the notifications commit or roll back with the import, and delivery (deliver.ts)
// happens after the commit. One set-based statement for every watcher and change of the run;
// UNIQUE(user_id, change_id) with ON CONFLICT DO NOTHING makes a change notify each watcher once,
// however often the step runs.
import type pg from 'pg';
import type { Prisma } from '../generated/client';
import type { AfterApplyRun } from '../imports';
import { nameWatchParams, WHOLE_SIMILARITY, WORD_SIMILARITY } from '../../alerts/name-match';

/** Merge chains are followed this far (a cycle would be a bug elsewhere; this bounds it). */
const MAX_MERGE_DEPTH = 32;

/**
 * What each kind of watch matches, for a change `ch` of the run:
 *  - entity: the change's entity (as of the change) or its record's entity now (after merges and
 *    splits), followed through merged_into_id, is the live entity the watched id leads to;
 *  - program: a code of the change, as AUTHORITY:CODE (the filters' key) or as listed;
 *  - weapon: a live entity of the change participates in the weapons program, or supplies it
 *    (program_participant, supply_link — as the suppliers page's `weapon=` filter reads them);
 *  - country: a country code of the change (case-insensitive);
 *  - name: the entity search's tests (lib/alerts/name-match.ts) over the name as listed and the names
 *    and aliases of the change's live entities.
 * Watches of disabled users match nothing.
 */
export async function createNotificationsForRun(_tx: Prisma.TransactionClient, run: Pick<AfterApplyRun, 'runId' | 'sql'>): Promise<number> {
  // NOTE: every statement runs on run.sql, the import's connection, in its transaction (the ORM
  // client `tx` is on it too; raw pg keeps the one JSON parameter simple).
  const sql: pg.ClientBase = run.sql;
  // Most imports find nobody watching (the seed, a fresh database): no statement over their changes.
  const { rows: any } = await sql.query<{ n: boolean }>(`SELECT EXISTS (SELECT 1 FROM watch) AND EXISTS (SELECT 1 FROM list_change WHERE import_run_id = $1) AS n`, [run.runId]);
  if (!any[0]?.n) return 0;
  const { rows: nameWatches } = await sql.query<{ user_id: string; value: string; qn: string }>(
    `SELECT w.user_id, w.value, st_normalize(w.value) AS qn FROM watch w JOIN app_user u ON u.id = w.user_id AND NOT u.disabled
     WHERE w.kind = 'name' AND EXISTS (SELECT 1 FROM list_change lc WHERE lc.import_run_id = $1)`,
    [run.runId],
  );
  const names = nameWatches.flatMap((w) => {
    const p = nameWatchParams(w.qn);
    return p ? [{ user_id: w.user_id, value: w.value, qn: p.qn, translit: p.translit, ordered_letters: p.orderedLetters, ordered_pattern: p.orderedPattern, trace: p.trace }] : [];
  });
  const res = await sql.query(
    `WITH RECURSIVE
     ch AS (
       SELECT lc.id, lc.entity_id, lc.record_id, lc.entity_name, lc.authority_id, coalesce(lc.programs, '{}') AS programs, coalesce(lc.countries, '{}') AS countries
       FROM list_change lc WHERE lc.import_run_id = $1),
     watchers AS (SELECT w.user_id, w.kind, w.value FROM watch w JOIN app_user u ON u.id = w.user_id AND NOT u.disabled WHERE w.kind <> 'name'),
     starts AS (
       SELECT ch.entity_id AS id FROM ch
       UNION SELECT x.entity_id FROM ch JOIN external_id x ON x.id = ch.record_id
       UNION SELECT w.value FROM watchers w WHERE w.kind = 'entity'),
     chain (start, cur, depth) AS (
       SELECT s.id, s.id, 0 FROM starts s
       UNION ALL SELECT c.start, e.merged_into_id, c.depth + 1 FROM chain c JOIN entity e ON e.id = c.cur WHERE e.merged_into_id IS NOT NULL AND c.depth < ${MAX_MERGE_DEPTH}),
     root AS (SELECT DISTINCT ON (start) start, cur AS live FROM chain ORDER BY start, depth DESC),
     ch_entity AS (
       SELECT ch.id AS change_id, r.live FROM ch JOIN root r ON r.start = ch.entity_id
       UNION SELECT ch.id, r.live FROM ch JOIN external_id x ON x.id = ch.record_id JOIN root r ON r.start = x.entity_id),
     ch_name AS (
       SELECT ch.id AS change_id, st_normalize(ch.entity_name) AS norm, string_to_array(st_normalize(ch.entity_name), ' ') AS words FROM ch
       UNION SELECT ce.change_id, e.name_norm, e.name_words FROM ch_entity ce JOIN entity e ON e.id = ce.live
       UNION SELECT ce.change_id, a.name_norm, a.name_words FROM ch_entity ce JOIN entity_alias a ON a.entity_id = ce.live),
     nw AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS t(user_id text, value text, qn text, translit jsonb, ordered_letters text, ordered_pattern text, trace jsonb)),
     matches AS (
       SELECT w.user_id, ce.change_id, w.kind, w.value
       FROM watchers w JOIN root r ON r.start = w.value JOIN ch_entity ce ON ce.live = r.live WHERE w.kind = 'entity'
       UNION ALL
       SELECT w.user_id, ch.id, w.kind, w.value
       FROM watchers w JOIN ch ON w.value = ANY (ch.programs) OR EXISTS (SELECT 1 FROM unnest(ch.programs) p WHERE ch.authority_id || ':' || p = w.value)
       WHERE w.kind = 'program'
       UNION ALL
       SELECT w.user_id, ce.change_id, w.kind, w.value
       FROM watchers w JOIN weapons_program wp ON wp.slug = w.value AND wp.deleted_at IS NULL
       JOIN ch_entity ce ON EXISTS (SELECT 1 FROM program_participant pp WHERE pp.weapons_program_id = wp.id AND pp.entity_id = ce.live AND pp.deleted_at IS NULL)
         OR EXISTS (SELECT 1 FROM supply_link s WHERE s.weapons_program_id = wp.id AND s.supplier_id = ce.live AND s.deleted_at IS NULL)
       WHERE w.kind = 'weapon'
       UNION ALL
       SELECT w.user_id, ch.id, w.kind, w.value
       FROM watchers w JOIN ch ON EXISTS (SELECT 1 FROM unnest(ch.countries) c WHERE lower(c) = lower(w.value))
       WHERE w.kind = 'country'
       UNION ALL
       SELECT nw.user_id, n.change_id, 'name', nw.value
       FROM nw JOIN ch_name n ON (
         n.norm LIKE '%' || nw.qn || '%'
         OR (jsonb_array_length(nw.translit) > 0
           AND NOT EXISTS (
             SELECT 1 FROM jsonb_to_recordset(nw.translit) AS q(pat text, skel text)
             WHERE NOT EXISTS (SELECT 1 FROM unnest(n.words) x WHERE CASE WHEN q.skel IS NULL THEN x LIKE q.pat ELSE st_skeleton(x) LIKE q.skel AND regexp_like(x, q.pat) END))
           AND (nw.ordered_pattern IS NULL OR ((nw.ordered_letters IS NULL OR n.norm LIKE nw.ordered_letters) AND regexp_like(n.norm, nw.ordered_pattern))))
         OR (word_similarity(nw.qn, n.norm) >= ${WHOLE_SIMILARITY}
           AND NOT EXISTS (
             SELECT 1 FROM jsonb_array_elements_text(nw.trace) t
             WHERE NOT EXISTS (SELECT 1 FROM unnest(n.words) x WHERE similarity(x, t) >= ${WORD_SIMILARITY}))))
     )
     INSERT INTO notification (user_id, change_id, matched)
     SELECT user_id, change_id, string_agg(DISTINCT kind || ':' || value, E'\\n') FROM matches GROUP BY user_id, change_id
     ON CONFLICT (user_id, change_id) DO NOTHING`,
    [run.runId, JSON.stringify(names)],
  );
  return res.rowCount ?? 0;
}
