import 'server-only';
// What an applied import changed, per record and field (issue 27, ADR 0019): written by the loader
// as an after-apply step, inside the import transaction, from the plan's temporary tables
// (lib/db/imports.ts `plan`), so the log and the data commit or roll back together.
//
// Kinds: LISTED — an entry new to the list (its entry designation); LIFTED — an entry the edition no
// longer holds (one row per entry); RELISTED — an entry back after a lifting; AMENDED — a change to
// a listed entry: its designation's facts (reason, legal act, programs added/removed/renamed, dates)
// or its record as the list states it (name, aliases, identifiers, addresses, countries… before →
// after, from the source record's previous properties), or a relationship added or changed.
//
// The first edition of a list a database imports is its baseline, not news: nothing is recorded for
// it (else the seed would "list" 25,000 entries today); the report says so.
import type pg from 'pg';

export type RecordedChanges = { recorded: number; baseline: boolean };

export async function recordImportChanges(sql: pg.ClientBase, run: { runId: string; editionDate: string }): Promise<RecordedChanges> {
  const [b] = (await sql.query<{ baseline: boolean }>(`SELECT NOT EXISTS (SELECT 1 FROM p_origin_had) AS baseline`)).rows;
  if (b?.baseline) return { recorded: 0, baseline: true };
  // The entity a record belongs to now (after this run's cross-list resolution), its countries, and
  // the record's name as the list gives it.
  const res = await sql.query(
    `WITH ch AS (
       -- entries new to the list
       SELECT 'LISTED' AS kind, 'Designation' AS target_type, n.id AS target_id, n.record_id, n.entity_id, n.authority_id, n.rkey AS source_key, n.programs,
         jsonb_strip_nulls(jsonb_build_object(
           'programs', jsonb_build_object('from', NULL, 'to', to_jsonb(n.programs)),
           'listingDate', CASE WHEN n.listing_date IS NOT NULL THEN jsonb_build_object('from', NULL, 'to', to_jsonb(n.listing_date::text)) END,
           'reason', CASE WHEN n.reason IS NOT NULL THEN jsonb_build_object('from', NULL, 'to', to_jsonb(n.reason)) END)) AS fields, n.ord, 1 AS phase
       FROM p_new_desig n WHERE n.is_entry
       UNION ALL
       -- a listed entry's designation: its facts, programs, or back on the list
       SELECT CASE WHEN p.relisted THEN 'RELISTED' ELSE 'AMENDED' END, 'Designation', p.base_id, p.record_id, p.entity_id, p.authority_id, p.rkey, p.programs, p.changes, p.ord, 2
       FROM p_desig p WHERE p.changes <> '{}'::jsonb
       UNION ALL
       -- the record as the list states it: every property that differs from the previous edition
       SELECT 'AMENDED', 'Entity', e.rid, e.rid, e.id, NULL, e.rkey, NULL, d.fields, e.ord, 3
       FROM p_entity e CROSS JOIN LATERAL (
         SELECT jsonb_object_agg(k, jsonb_build_object('from', coalesce(e.old_props -> k, 'null'::jsonb), 'to', coalesce(e.props -> k, 'null'::jsonb))) AS fields
         FROM (SELECT jsonb_object_keys(e.props) AS k UNION SELECT jsonb_object_keys(coalesce(e.old_props, '{}'::jsonb))) keys
         WHERE (e.old_props -> k) IS DISTINCT FROM (e.props -> k)) d
       WHERE e.record_changed AND d.fields IS NOT NULL
       UNION ALL
       -- relationships added to, or changed on, an entry
       SELECT 'AMENDED', 'Relationship', r.id, pe.rid, r.subject_id, NULL, r.rkey, NULL,
         CASE WHEN r.existing_id IS NULL THEN jsonb_build_object('relationshipAdded', jsonb_build_object('from', NULL, 'to', r.type || ' ' || r.o_source || ':' || r.o_ext)) ELSE r.changes END, r.ord, 4
       FROM p_rel r LEFT JOIN p_entity pe ON pe.rkey = r.rkey
       WHERE r.subject_id IS NOT NULL AND r.object_id IS NOT NULL AND ((r.existing_id IS NULL AND pe.existing_id IS NOT NULL) OR (r.existing_id IS NOT NULL AND r.changes <> '{}'::jsonb))
       UNION ALL
       -- entries the edition no longer holds: one row per entry, with the programs it held
       SELECT 'LIFTED', 'Designation', l.base_id, b.source_record_id, b.entity_id, b.authority_id, l.base,
         ARRAY(SELECT sp.code FROM x_desig x JOIN designation_program dp ON dp.designation_id = x.id JOIN sanctions_program sp ON sp.id = dp.program_id
               WHERE x.origin = l.origin AND x.base = l.base AND dp.removed_on IS NULL GROUP BY sp.code ORDER BY sp.code COLLATE "C"),
         jsonb_build_object('status', jsonb_build_object('from', l.base_status, 'to', 'DELISTED'),
           'endDate', jsonb_build_object('from', NULL, 'to', CASE WHEN l.after IS NULL THEN 'on or before ' || $2::text ELSE 'after ' || l.after::text || ', on or before ' || $2::text END)),
         0, 5
       FROM p_lift l JOIN designation b ON b.id = l.base_id WHERE NOT l.in_file
     )
     INSERT INTO list_change (import_run_id, edition_date, kind, target_type, target_id, entity_id, record_id, entity_name, authority_id, source_key, programs, countries, fields)
     SELECT $1, $2::date, ch.kind::"ChangeKind", ch.target_type, ch.target_id, coalesce(x.entity_id, ch.entity_id), ch.record_id, coalesce(x.name, e.name, ''),
       -- A record-level amendment names the record's list (external_id.authority_id, kept by a trigger).
       coalesce(ch.authority_id, x.authority_id), ch.source_key, coalesce(ch.programs, '{}'), coalesce(e.countries, '{}'), ch.fields
     FROM ch LEFT JOIN external_id x ON x.id = ch.record_id LEFT JOIN entity e ON e.id = coalesce(x.entity_id, ch.entity_id)
     ORDER BY ch.phase, ch.ord, ch.source_key`,
    [run.runId, run.editionDate],
  );
  return { recorded: res.rowCount ?? 0, baseline: false };
}
