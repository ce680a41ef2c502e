// Sanctions actions (issue 25, ADR 0015): every designation listed on an exact day belongs to one
// action — a curated one (its own title and sources: the drone case's 24) or the group of the rest of
// its authority's listings that day (the EU: of one act and day, as one implementing regulation
// publishes them). Grouped actions are derived, and rebuilt here after every import and seed: their
// ids are their keys (`g:US-OFAC:2022-12-09`, `g:EU:2022-10-20:32014R0269`), so links keep working.
// NOTE: not in an action: a listing known only "on or before" a day (OFAC's 9,083 entries of the
// first edition held) or only to the month, and the UK's carry-over of 31 Dec 2020 — not publications.
import type { Prisma } from '../generated/client';
import { UK_TRANSITION_DAY } from '../../validation/dashboard';

type Db = Pick<Prisma.TransactionClient, '$executeRawUnsafe' | '$queryRawUnsafe'>;

export type GroupingResult = { actions: number; assigned: number; released: number; removed: number };

// The designations that belong in a grouped action, with their group key and the EU act.
const GROUPABLE = `
  SELECT d.id, d.authority_id, d.listing_date, k.act,
    'g:' || d.authority_id || ':' || to_char(d.listing_date, 'YYYY-MM-DD') || coalesce(':' || k.act, '') AS key
  FROM designation d
  LEFT JOIN sanctions_action cur ON cur.id = d.action_id AND cur.kind = 'CURATED'
  CROSS JOIN LATERAL (SELECT CASE WHEN d.authority_id = 'EU' THEN (SELECT min(sp.code) FROM designation_program dp
    JOIN sanctions_program sp ON sp.id = dp.program_id WHERE dp.designation_id = d.id) END AS act) k
  WHERE d.deleted_at IS NULL AND cur.id IS NULL AND d.authority_id = ANY($1::text[])
    AND d.listing_date IS NOT NULL AND d.listing_date_precision = 'DAY' AND d.listing_date_qualifier = 'EXACT'
    AND NOT (d.authority_id = 'UK' AND d.listing_date = DATE '${UK_TRANSITION_DAY}')`;

/**
 * Rebuilds the grouped actions of these authorities (all when none given): creates the missing,
 * retitles, moves designations whose group changed, releases those that no longer belong in one and
 * deletes groups left empty. Curated actions and their designations are left as they are.
 */
export async function groupActions(db: Db, authorities?: readonly string[], only?: readonly string[]): Promise<GroupingResult> {
  const ids = authorities?.length
    ? [...authorities]
    : (await db.$queryRawUnsafe<Array<{ id: string }>>(`SELECT id FROM authority`)).map((a) => a.id);
  // NOTE: a temporary table of the transaction: the caller runs this inside one (an import, the seed's, an admin write).
  await db.$executeRawUnsafe(`CREATE TEMP TABLE IF NOT EXISTS st_action_group (id text, authority_id text, listing_date date, act text, key text) ON COMMIT DROP`);
  await db.$executeRawUnsafe(`TRUNCATE st_action_group`);
  if (only) await db.$executeRawUnsafe(`INSERT INTO st_action_group ${GROUPABLE} AND d.id = ANY($2::text[])`, ids, [...only]);
  else await db.$executeRawUnsafe(`INSERT INTO st_action_group ${GROUPABLE}`, ids);
  // NOTE: statistics for the planner (a temporary table has none): hash joins over a million rows, not nested loops.
  await db.$executeRawUnsafe(`ANALYZE st_action_group`);
  // Titles say what the group is: "OFAC: listings of 9 Dec 2022", "… other listings …" beside a
  // curated action of that day, the EU's with its act.
  const actions = await db.$executeRawUnsafe(
    `INSERT INTO sanctions_action AS s (id, authority_id, action_date, kind, title, scope, legal_act, source_urls, updated_at)
     SELECT g.key, g.authority_id, g.listing_date, 'GROUPED',
       a.short_name || ': ' || CASE WHEN EXISTS (SELECT 1 FROM sanctions_action c WHERE c.kind = 'CURATED' AND c.authority_id = g.authority_id AND c.action_date = g.listing_date)
         THEN 'other listings of ' ELSE 'listings of ' END || to_char(g.listing_date, 'FMDD Mon YYYY')
         || coalesce(' under ' || coalesce(sp.legal_basis, g.act), ''),
       g.act, sp.legal_basis,
       coalesce(t.urls, '{}'), now()
     FROM (SELECT DISTINCT key, authority_id, listing_date, act FROM st_action_group) g
     JOIN authority a ON a.id = g.authority_id
     -- Its sources: the three source URLs its designations cite most (one grouped pass over all groups).
     LEFT JOIN (
       SELECT key, array_agg(u ORDER BY rn) AS urls FROM (
         SELECT key, u, row_number() OVER (PARTITION BY key ORDER BY n DESC, u) AS rn
         FROM (SELECT x.key, d.source_url AS u, count(*) AS n FROM st_action_group x JOIN designation d ON d.id = x.id GROUP BY 1, 2) c) r
       WHERE rn <= 3 GROUP BY key) t ON t.key = g.key
     LEFT JOIN sanctions_program sp ON sp.authority_id = g.authority_id AND sp.code = g.act
     ON CONFLICT (id) DO ${only ? 'NOTHING' : `UPDATE SET title = EXCLUDED.title, legal_act = EXCLUDED.legal_act, source_urls = EXCLUDED.source_urls, updated_at = now()
       WHERE s.title IS DISTINCT FROM EXCLUDED.title OR s.legal_act IS DISTINCT FROM EXCLUDED.legal_act OR s.source_urls IS DISTINCT FROM EXCLUDED.source_urls`}`,
  );
  const assigned = await db.$executeRawUnsafe(
    `UPDATE designation d SET action_id = g.key FROM st_action_group g WHERE d.id = g.id AND d.action_id IS DISTINCT FROM g.key`,
  );
  // Designations in a group they no longer belong to (deleted, dated otherwise, curated since).
  const released = await db.$executeRawUnsafe(
    `UPDATE designation d SET action_id = NULL FROM sanctions_action s
     WHERE s.id = d.action_id AND s.kind = 'GROUPED' AND d.authority_id = ANY($1::text[]) AND NOT EXISTS (SELECT 1 FROM st_action_group g WHERE g.id = d.id)
       ${only ? 'AND d.id = ANY($2::text[])' : ''}`,
    ...(only ? [ids, [...only]] : [ids]),
  );
  const removed = await db.$executeRawUnsafe(
    `DELETE FROM sanctions_action s WHERE s.kind = 'GROUPED' AND s.authority_id = ANY($1::text[]) AND NOT EXISTS (SELECT 1 FROM designation d WHERE d.action_id = s.id)`,
    ids,
  );
  await db.$executeRawUnsafe(`TRUNCATE st_action_group`);
  return { actions, assigned, released, removed };
}

/** After an import (AFTER_APPLY_STEPS, lib/db/imports.ts): regroups the authorities whose lists it loaded. */
export async function groupActionsAfterImport(db: Db, run: { origins: string[] }): Promise<GroupingResult | null> {
  if (!run.origins.length) return null;
  const rows = await db.$queryRawUnsafe<Array<{ authority_id: string }>>(
    `SELECT DISTINCT authority_id FROM designation WHERE origin = ANY($1::text[])`,
    run.origins,
  );
  return rows.length ? groupActions(db, rows.map((r) => r.authority_id)) : null;
}

/**
 * After an admin's write of one designation (created, edited, deleted or restored): it joins, moves
 * to or leaves its day's group. Only that designation is regrouped (an edit at 1M designations must
 * not regroup an authority); its authority before and after the write both.
 */
export async function groupDesignation(db: Db, designationId: string, authorities: readonly string[]): Promise<GroupingResult> {
  return groupActions(db, [...new Set(authorities)], [designationId]);
}
