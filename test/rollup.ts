// The rollup's invariant, for the tests that check it (lib/db/rollup.int.test.ts, the bench smoke):
// rows of designation_month_count that differ from the rollup recomputed from designation and
// entity — 'missing' (expected, not in the table) or 'extra' (in the table, not expected). Empty
// when the triggers kept it exact.
export const STALE_ROLLUP_ROWS_SQL = `
  WITH expected AS (
    SELECT r.basis, r.month, r.precision, d.authority_id, e.schema, count(*)::int AS count
    FROM designation d JOIN entity e ON e.id = d.entity_id
    CROSS JOIN LATERAL st_rollup_rows(d.listing_date, d.listing_date_precision, d.listing_date_qualifier,
      d.start_date, d.start_date_precision, d.end_date, d.end_date_precision) r
    WHERE d.deleted_at IS NULL AND e.deleted_at IS NULL
    GROUP BY 1, 2, 3, 4, 5),
  actual AS (SELECT basis, month, precision, authority_id, schema, count FROM designation_month_count WHERE count <> 0)
  (SELECT 'missing' AS side, * FROM expected EXCEPT SELECT 'missing', * FROM actual)
  UNION ALL
  (SELECT 'extra', * FROM actual EXCEPT SELECT 'extra', * FROM expected)`;
