// The rollups' invariant, for the tests that check it (lib/db/rollup.int.test.ts, the bench smoke):
// rows of the six rollups (designation_month_count and designation_date_count, and both per program
// set and per country set), and entities' designation summaries (entity.designation_authorities,
// first_listed), that differ from them recomputed from designation, entity and designation_program:
// 'missing' (expected, not in the table) or 'extra' (in the table, not expected), each as (table,
// key, count). Empty when the triggers kept them all exact.
export const STALE_ROLLUP_ROWS_SQL = `
  WITH live AS (
    SELECT d.*, e.schema,
      -- the sets as the migration defines them (20261203155919), written out again here
      coalesce((SELECT string_agg(dp.program_id, E'\\x1f' ORDER BY dp.program_id COLLATE "C") FROM designation_program dp WHERE dp.designation_id = d.id), '') AS programs,
      coalesce((SELECT string_agg(DISTINCT lower(c) COLLATE "C", E'\\x1f' ORDER BY lower(c) COLLATE "C") FROM unnest(e.countries) c), '') AS countries
    FROM designation d JOIN entity e ON e.id = d.entity_id
    WHERE d.deleted_at IS NULL AND e.deleted_at IS NULL),
  expected AS (
    SELECT 'designation_month_count' AS t, concat_ws('|', r.basis, r.month, r.precision, d.authority_id, d.schema) AS key, count(*)::int AS count
    FROM live d CROSS JOIN LATERAL st_rollup_rows(d.listing_date, d.listing_date_precision, d.listing_date_qualifier,
      d.start_date, d.start_date_precision, d.end_date, d.end_date_precision) r
    GROUP BY 1, 2
    UNION ALL
    SELECT 'designation_program_month_count', concat_ws('|', r.basis, r.month, r.precision, d.authority_id, d.programs), count(*)::int
    FROM live d CROSS JOIN LATERAL st_rollup_rows(d.listing_date, d.listing_date_precision, d.listing_date_qualifier,
      d.start_date, d.start_date_precision, d.end_date, d.end_date_precision) r
    WHERE d.programs <> '' -- designations without one are not kept (the month rollup's count less these)
    GROUP BY 1, 2
    UNION ALL
    SELECT 'designation_country_month_count', concat_ws('|', r.basis, r.month, r.precision, d.authority_id, d.countries), count(*)::int
    FROM live d CROSS JOIN LATERAL st_rollup_rows(d.listing_date, d.listing_date_precision, d.listing_date_qualifier,
      d.start_date, d.start_date_precision, d.end_date, d.end_date_precision) r
    WHERE d.countries <> ''
    GROUP BY 1, 2
    UNION ALL
    SELECT 'designation_date_count', concat_ws('|', s.basis, s.date_state, d.authority_id, d.schema), count(*)::int
    FROM live d CROSS JOIN LATERAL st_date_states(d.listing_date, d.listing_date_precision, d.listing_date_qualifier,
      d.start_date, d.start_date_precision, d.end_date, d.end_date_precision) s
    GROUP BY 1, 2
    UNION ALL
    SELECT 'designation_program_date_count', concat_ws('|', s.basis, s.date_state, d.authority_id, d.programs), count(*)::int
    FROM live d CROSS JOIN LATERAL st_date_states(d.listing_date, d.listing_date_precision, d.listing_date_qualifier,
      d.start_date, d.start_date_precision, d.end_date, d.end_date_precision) s
    WHERE d.programs <> ''
    GROUP BY 1, 2
    UNION ALL
    SELECT 'designation_country_date_count', concat_ws('|', s.basis, s.date_state, d.authority_id, d.countries), count(*)::int
    FROM live d CROSS JOIN LATERAL st_date_states(d.listing_date, d.listing_date_precision, d.listing_date_qualifier,
      d.start_date, d.start_date_precision, d.end_date, d.end_date_precision) s
    WHERE d.countries <> ''
    GROUP BY 1, 2
    UNION ALL
    -- every entity's designation summary (migration entity_designation_summary), deleted ones too
    SELECT 'entity', concat_ws('|', e.id, coalesce(array_to_string(s.authorities, ','), ''), coalesce(s.first_listed::text, '')), 1
    FROM entity e CROSS JOIN LATERAL (
      SELECT array_agg(DISTINCT d.authority_id ORDER BY d.authority_id) AS authorities, min(d.listing_date) AS first_listed
      FROM designation d WHERE d.entity_id = e.id AND d.deleted_at IS NULL) s),
  actual AS (
    SELECT 'designation_month_count' AS t, concat_ws('|', basis, month, precision, authority_id, schema) AS key, count FROM designation_month_count WHERE count <> 0
    UNION ALL
    SELECT 'designation_program_month_count', concat_ws('|', basis, month, precision, authority_id, programs), count FROM designation_program_month_count WHERE count <> 0
    UNION ALL
    SELECT 'designation_country_month_count', concat_ws('|', basis, month, precision, authority_id, countries), count FROM designation_country_month_count WHERE count <> 0
    UNION ALL
    SELECT 'designation_date_count', concat_ws('|', basis, date_state, authority_id, schema), count FROM designation_date_count WHERE count <> 0
    UNION ALL
    SELECT 'designation_program_date_count', concat_ws('|', basis, date_state, authority_id, programs), count FROM designation_program_date_count WHERE count <> 0
    UNION ALL
    SELECT 'designation_country_date_count', concat_ws('|', basis, date_state, authority_id, countries), count FROM designation_country_date_count WHERE count <> 0
    UNION ALL
    SELECT 'entity', concat_ws('|', id, coalesce(array_to_string(designation_authorities, ','), ''), coalesce(first_listed::text, '')), 1 FROM entity)
  (SELECT 'missing' AS side, * FROM expected EXCEPT SELECT 'missing', * FROM actual)
  UNION ALL
  (SELECT 'extra', * FROM actual EXCEPT SELECT 'extra', * FROM expected)`;
