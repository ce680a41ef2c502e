-- CreateTable
CREATE TABLE "designation_program_date_count" (
    "basis" TEXT NOT NULL,
    "date_state" TEXT NOT NULL,
    "authority_id" TEXT NOT NULL,
    "programs" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "designation_program_date_count_pkey" PRIMARY KEY ("basis","date_state","authority_id","programs")
);

-- CreateTable
CREATE TABLE "designation_country_date_count" (
    "basis" TEXT NOT NULL,
    "date_state" TEXT NOT NULL,
    "authority_id" TEXT NOT NULL,
    "countries" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "designation_country_date_count_pkey" PRIMARY KEY ("basis","date_state","authority_id","countries")
);

-- Hand-written below (docs/adr/0009): the date states of designation_date_count per program set
-- and per country set, kept by the rollup triggers like the month rollups of migration
-- 20261203155919 (same sets, empty sets not kept), so that the coverage note of a chart filtered by
-- program or country comes from the rollups too, not from the rows (0.4–1 s at 1M designations).

-- As in 20261203155919, now writing all six rollups.
CREATE OR REPLACE FUNCTION st_rollup_apply(deltas st_rollup_delta[]) RETURNS void AS $$
BEGIN
  IF cardinality(deltas) = 0 THEN
    RETURN;
  END IF;
  PERFORM st_bump_rollup_version();

  INSERT INTO designation_month_count AS c (basis, month, "precision", authority_id, schema, count)
  SELECT r.basis, r.month, r."precision", d.authority_id, d.schema, sum(d.delta)::int
  FROM unnest(deltas) d CROSS JOIN LATERAL st_rollup_rows(d.listing_date, d.listing_precision, d.listing_qualifier,
    d.start_date, d.start_precision, d.end_date, d.end_precision) r
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(d.delta) <> 0
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (basis, month, "precision", authority_id, schema) DO UPDATE SET count = c.count + EXCLUDED.count;

  INSERT INTO designation_program_month_count AS c (basis, month, "precision", authority_id, programs, count)
  SELECT r.basis, r.month, r."precision", d.authority_id, d.programs, sum(d.delta)::int
  FROM unnest(deltas) d CROSS JOIN LATERAL st_rollup_rows(d.listing_date, d.listing_precision, d.listing_qualifier,
    d.start_date, d.start_precision, d.end_date, d.end_precision) r
  WHERE d.programs <> ''
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(d.delta) <> 0
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (basis, month, "precision", authority_id, programs) DO UPDATE SET count = c.count + EXCLUDED.count;

  INSERT INTO designation_country_month_count AS c (basis, month, "precision", authority_id, countries, count)
  SELECT r.basis, r.month, r."precision", d.authority_id, d.countries, sum(d.delta)::int
  FROM unnest(deltas) d CROSS JOIN LATERAL st_rollup_rows(d.listing_date, d.listing_precision, d.listing_qualifier,
    d.start_date, d.start_precision, d.end_date, d.end_precision) r
  WHERE d.countries <> ''
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(d.delta) <> 0
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (basis, month, "precision", authority_id, countries) DO UPDATE SET count = c.count + EXCLUDED.count;

  INSERT INTO designation_date_count AS c (basis, date_state, authority_id, schema, count)
  SELECT s.basis, s.date_state, d.authority_id, d.schema, sum(d.delta)::int
  FROM unnest(deltas) d CROSS JOIN LATERAL st_date_states(d.listing_date, d.listing_precision, d.listing_qualifier,
    d.start_date, d.start_precision, d.end_date, d.end_precision) s
  GROUP BY 1, 2, 3, 4
  HAVING sum(d.delta) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (basis, date_state, authority_id, schema) DO UPDATE SET count = c.count + EXCLUDED.count;

  INSERT INTO designation_program_date_count AS c (basis, date_state, authority_id, programs, count)
  SELECT s.basis, s.date_state, d.authority_id, d.programs, sum(d.delta)::int
  FROM unnest(deltas) d CROSS JOIN LATERAL st_date_states(d.listing_date, d.listing_precision, d.listing_qualifier,
    d.start_date, d.start_precision, d.end_date, d.end_precision) s
  WHERE d.programs <> ''
  GROUP BY 1, 2, 3, 4
  HAVING sum(d.delta) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (basis, date_state, authority_id, programs) DO UPDATE SET count = c.count + EXCLUDED.count;

  INSERT INTO designation_country_date_count AS c (basis, date_state, authority_id, countries, count)
  SELECT s.basis, s.date_state, d.authority_id, d.countries, sum(d.delta)::int
  FROM unnest(deltas) d CROSS JOIN LATERAL st_date_states(d.listing_date, d.listing_precision, d.listing_qualifier,
    d.start_date, d.start_precision, d.end_date, d.end_precision) s
  WHERE d.countries <> ''
  GROUP BY 1, 2, 3, 4
  HAVING sum(d.delta) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (basis, date_state, authority_id, countries) DO UPDATE SET count = c.count + EXCLUDED.count;
END
$$ LANGUAGE plpgsql;

-- As in 20261203155919 (see the NOTEs there on plans), now moving designations between program
-- sets in both program-set rollups, in one statement: `sides` (each moved designation's dates under
-- its set before, -1, and after, +1) is computed once and feeds both inserts.
CREATE OR REPLACE FUNCTION st_rollup_program_moves(added_d text[], added_p text[], removed_d text[], removed_p text[]) RETURNS void AS $$
BEGIN
  PERFORM st_bump_rollup_version();
  WITH links AS (
    SELECT designation_id, program_id, bool_or(kind = 0) AS is_now, bool_or(kind = 1) AS is_added, bool_or(kind = 2) AS is_removed
    FROM (
      SELECT dp.designation_id, dp.program_id, 0 AS kind FROM designation_program dp
      WHERE dp.designation_id = ANY (ARRAY(SELECT DISTINCT unnest(added_d || removed_d)))
      UNION ALL
      SELECT a.designation_id, a.program_id, 1 FROM unnest(added_d, added_p) AS a(designation_id, program_id)
      UNION ALL
      SELECT r.designation_id, r.program_id, 2 FROM unnest(removed_d, removed_p) AS r(designation_id, program_id)) x
    GROUP BY 1, 2),
  moved AS MATERIALIZED (
    SELECT designation_id,
      coalesce(string_agg(program_id, E'\x1f' ORDER BY program_id COLLATE "C") FILTER (WHERE (is_now AND NOT is_added) OR is_removed), '') AS before,
      coalesce(string_agg(program_id, E'\x1f' ORDER BY program_id COLLATE "C") FILTER (WHERE is_now), '') AS after
    FROM links
    GROUP BY 1),
  sides AS MATERIALIZED (
    SELECT d.authority_id, side.programs, side.delta, d.listing_date, d.listing_date_precision, d.listing_date_qualifier,
      d.start_date, d.start_date_precision, d.end_date, d.end_date_precision
    FROM moved m
    CROSS JOIN LATERAL (
      SELECT d.* FROM designation d JOIN entity e ON e.id = d.entity_id
      WHERE d.id = m.designation_id AND d.deleted_at IS NULL AND e.deleted_at IS NULL
      OFFSET 0) d
    CROSS JOIN LATERAL (VALUES (m.before, -1), (m.after, 1)) AS side(programs, delta)
    WHERE m.before <> m.after AND side.programs <> ''),
  months AS (
    INSERT INTO designation_program_month_count AS c (basis, month, "precision", authority_id, programs, count)
    SELECT r.basis, r.month, r."precision", d.authority_id, d.programs, sum(d.delta)::int
    FROM sides d CROSS JOIN LATERAL st_rollup_rows(d.listing_date, d.listing_date_precision, d.listing_date_qualifier,
      d.start_date, d.start_date_precision, d.end_date, d.end_date_precision) r
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(d.delta) <> 0
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (basis, month, "precision", authority_id, programs) DO UPDATE SET count = c.count + EXCLUDED.count)
  INSERT INTO designation_program_date_count AS c (basis, date_state, authority_id, programs, count)
  SELECT s.basis, s.date_state, d.authority_id, d.programs, sum(d.delta)::int
  FROM sides d CROSS JOIN LATERAL st_date_states(d.listing_date, d.listing_date_precision, d.listing_date_qualifier,
    d.start_date, d.start_date_precision, d.end_date, d.end_date_precision) s
  GROUP BY 1, 2, 3, 4
  HAVING sum(d.delta) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (basis, date_state, authority_id, programs) DO UPDATE SET count = c.count + EXCLUDED.count;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION st_rollup_truncate() RETURNS trigger AS $$
BEGIN
  PERFORM st_bump_rollup_version();
  DELETE FROM designation_month_count;
  DELETE FROM designation_program_month_count;
  DELETE FROM designation_country_month_count;
  DELETE FROM designation_date_count;
  DELETE FROM designation_program_date_count;
  DELETE FROM designation_country_date_count;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION st_rebuild_designation_rollup() RETURNS void AS $$
BEGIN
  PERFORM st_bump_rollup_version();
  DELETE FROM designation_month_count;
  DELETE FROM designation_program_month_count;
  DELETE FROM designation_country_month_count;
  DELETE FROM designation_date_count;
  DELETE FROM designation_program_date_count;
  DELETE FROM designation_country_date_count;
  CREATE TEMP TABLE st_rebuild_live ON COMMIT DROP AS
    SELECT d.authority_id, e.schema, coalesce(p.programs, '') AS programs, st_country_set(e.countries) AS countries,
      d.listing_date, d.listing_date_precision, d.listing_date_qualifier, d.start_date, d.start_date_precision, d.end_date, d.end_date_precision
    FROM designation d JOIN entity e ON e.id = d.entity_id
    LEFT JOIN (SELECT dp.designation_id, string_agg(dp.program_id, E'\x1f' ORDER BY dp.program_id COLLATE "C") AS programs
      FROM designation_program dp GROUP BY 1) p ON p.designation_id = d.id
    WHERE d.deleted_at IS NULL AND e.deleted_at IS NULL;
  INSERT INTO designation_month_count (basis, month, "precision", authority_id, schema, count)
  SELECT r.basis, r.month, r."precision", d.authority_id, d.schema, count(*)::int
  FROM st_rebuild_live d CROSS JOIN LATERAL st_rollup_rows(d.listing_date, d.listing_date_precision, d.listing_date_qualifier,
    d.start_date, d.start_date_precision, d.end_date, d.end_date_precision) r
  GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO designation_program_month_count (basis, month, "precision", authority_id, programs, count)
  SELECT r.basis, r.month, r."precision", d.authority_id, d.programs, count(*)::int
  FROM st_rebuild_live d CROSS JOIN LATERAL st_rollup_rows(d.listing_date, d.listing_date_precision, d.listing_date_qualifier,
    d.start_date, d.start_date_precision, d.end_date, d.end_date_precision) r
  WHERE d.programs <> ''
  GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO designation_country_month_count (basis, month, "precision", authority_id, countries, count)
  SELECT r.basis, r.month, r."precision", d.authority_id, d.countries, count(*)::int
  FROM st_rebuild_live d CROSS JOIN LATERAL st_rollup_rows(d.listing_date, d.listing_date_precision, d.listing_date_qualifier,
    d.start_date, d.start_date_precision, d.end_date, d.end_date_precision) r
  WHERE d.countries <> ''
  GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO designation_date_count (basis, date_state, authority_id, schema, count)
  SELECT s.basis, s.date_state, d.authority_id, d.schema, count(*)::int
  FROM st_rebuild_live d CROSS JOIN LATERAL st_date_states(d.listing_date, d.listing_date_precision, d.listing_date_qualifier,
    d.start_date, d.start_date_precision, d.end_date, d.end_date_precision) s
  GROUP BY 1, 2, 3, 4;
  INSERT INTO designation_program_date_count (basis, date_state, authority_id, programs, count)
  SELECT s.basis, s.date_state, d.authority_id, d.programs, count(*)::int
  FROM st_rebuild_live d CROSS JOIN LATERAL st_date_states(d.listing_date, d.listing_date_precision, d.listing_date_qualifier,
    d.start_date, d.start_date_precision, d.end_date, d.end_date_precision) s
  WHERE d.programs <> ''
  GROUP BY 1, 2, 3, 4;
  INSERT INTO designation_country_date_count (basis, date_state, authority_id, countries, count)
  SELECT s.basis, s.date_state, d.authority_id, d.countries, count(*)::int
  FROM st_rebuild_live d CROSS JOIN LATERAL st_date_states(d.listing_date, d.listing_date_precision, d.listing_date_qualifier,
    d.start_date, d.start_date_precision, d.end_date, d.end_date_precision) s
  WHERE d.countries <> ''
  GROUP BY 1, 2, 3, 4;
  DROP TABLE st_rebuild_live;
END
$$ LANGUAGE plpgsql;

SELECT st_rebuild_designation_rollup();
