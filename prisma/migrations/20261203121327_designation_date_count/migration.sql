-- CreateTable
CREATE TABLE "designation_date_count" (
    "basis" TEXT NOT NULL,
    "date_state" TEXT NOT NULL,
    "authority_id" TEXT NOT NULL,
    "schema" "EntitySchema" NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "designation_date_count_pkey" PRIMARY KEY ("basis","date_state","authority_id","schema")
);

-- Hand-written below: the triggers of 20261125182212 now keep both rollups.
-- designation_date_count answers the overview's KPIs (designations and active ones per authority) and
-- its coverage note (no date, "on or before", too coarse for the bins, outside the range) without
-- reading the designation rows: those counts took most of the overview's time at 1M designations.

-- The state of one designation's date on each basis (3 rows per designation).
CREATE OR REPLACE FUNCTION st_date_states(
  listing_date date, listing_precision "DatePrecision", listing_qualifier "DateQualifier",
  start_date date, start_precision "DatePrecision", end_date date, end_precision "DatePrecision"
) RETURNS TABLE (basis text, date_state text) AS $$
  VALUES
    ('listing', CASE WHEN listing_date IS NULL THEN 'none' WHEN listing_qualifier <> 'EXACT' THEN 'on_or_before' ELSE listing_precision::text END),
    ('start', CASE WHEN start_date IS NULL THEN 'none' ELSE start_precision::text END),
    ('end', CASE WHEN end_date IS NULL THEN 'none' ELSE end_precision::text END)
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE;

-- One designation's change to the rollups: its dates, authority and entity type, counted +1 or -1.
CREATE TYPE st_rollup_delta AS (
  authority_id text, schema "EntitySchema",
  listing_date date, listing_precision "DatePrecision", listing_qualifier "DateQualifier",
  start_date date, start_precision "DatePrecision", end_date date, end_precision "DatePrecision",
  delta int
);

CREATE OR REPLACE FUNCTION st_rollup_delta(d designation, schema "EntitySchema", delta int) RETURNS st_rollup_delta AS $$
  SELECT ROW(d.authority_id, schema, d.listing_date, d.listing_date_precision, d.listing_date_qualifier,
    d.start_date, d.start_date_precision, d.end_date, d.end_date_precision, delta)::st_rollup_delta
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE;

-- Applies a statement's deltas to both rollups, one upsert per table, in key order (month rollup
-- first, then date counts: every writer locks in the same order, so concurrent writers queue).
CREATE OR REPLACE FUNCTION st_rollup_apply(deltas st_rollup_delta[]) RETURNS void AS $$
BEGIN
  INSERT INTO designation_month_count AS c (basis, month, "precision", authority_id, schema, count)
  SELECT r.basis, r.month, r."precision", d.authority_id, d.schema, sum(d.delta)::int
  FROM unnest(deltas) d CROSS JOIN LATERAL st_rollup_rows(d.listing_date, d.listing_precision, d.listing_qualifier,
    d.start_date, d.start_precision, d.end_date, d.end_precision) r
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(d.delta) <> 0
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (basis, month, "precision", authority_id, schema) DO UPDATE SET count = c.count + EXCLUDED.count;

  INSERT INTO designation_date_count AS c (basis, date_state, authority_id, schema, count)
  SELECT s.basis, s.date_state, d.authority_id, d.schema, sum(d.delta)::int
  FROM unnest(deltas) d CROSS JOIN LATERAL st_date_states(d.listing_date, d.listing_precision, d.listing_qualifier,
    d.start_date, d.start_precision, d.end_date, d.end_precision) s
  GROUP BY 1, 2, 3, 4
  HAVING sum(d.delta) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (basis, date_state, authority_id, schema) DO UPDATE SET count = c.count + EXCLUDED.count;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION st_rollup_designation_insert() RETURNS trigger AS $$
BEGIN
  PERFORM st_rollup_apply(ARRAY(
    SELECT st_rollup_delta(d, e.schema, 1) FROM new_rows d JOIN entity e ON e.id = d.entity_id
    WHERE d.deleted_at IS NULL AND e.deleted_at IS NULL));
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION st_rollup_designation_delete() RETURNS trigger AS $$
BEGIN
  PERFORM st_rollup_apply(ARRAY(
    SELECT st_rollup_delta(d, e.schema, -1) FROM old_rows d JOIN entity e ON e.id = d.entity_id
    WHERE d.deleted_at IS NULL AND e.deleted_at IS NULL));
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION st_rollup_designation_update() RETURNS trigger AS $$
BEGIN
  PERFORM st_rollup_apply(ARRAY(
    SELECT st_rollup_delta(d, e.schema, -1) FROM old_rows d JOIN entity e ON e.id = d.entity_id
    WHERE d.deleted_at IS NULL AND e.deleted_at IS NULL
    UNION ALL
    SELECT st_rollup_delta(d, e.schema, 1) FROM new_rows d JOIN entity e ON e.id = d.entity_id
    WHERE d.deleted_at IS NULL AND e.deleted_at IS NULL));
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- An entity's type or liveness decides whether (and where) its designations count.
CREATE OR REPLACE FUNCTION st_rollup_entity_update() RETURNS trigger AS $$
BEGIN
  PERFORM st_rollup_apply(ARRAY(
    SELECT st_rollup_delta(d, side.schema, side.delta)
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    CROSS JOIN LATERAL (VALUES (o.schema, o.deleted_at IS NULL, -1), (n.schema, n.deleted_at IS NULL, 1)) AS side(schema, is_live, delta)
    JOIN designation d ON d.entity_id = n.id AND d.deleted_at IS NULL
    WHERE side.is_live AND (o.schema, o.deleted_at IS NULL) IS DISTINCT FROM (n.schema, n.deleted_at IS NULL)));
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION st_rollup_truncate() RETURNS trigger AS $$
BEGIN
  DELETE FROM designation_month_count;
  DELETE FROM designation_date_count;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- Recomputes both rollups from the base tables (backfill; repair after a restore that skipped
-- triggers). Set-based inserts rather than st_rollup_apply: one array of every designation would
-- grow with the table.
CREATE OR REPLACE FUNCTION st_rebuild_designation_rollup() RETURNS void AS $$
BEGIN
  DELETE FROM designation_month_count;
  DELETE FROM designation_date_count;
  INSERT INTO designation_month_count (basis, month, "precision", authority_id, schema, count)
  SELECT r.basis, r.month, r."precision", d.authority_id, e.schema, count(*)::int
  FROM designation d JOIN entity e ON e.id = d.entity_id
  CROSS JOIN LATERAL st_rollup_rows(d.listing_date, d.listing_date_precision, d.listing_date_qualifier,
    d.start_date, d.start_date_precision, d.end_date, d.end_date_precision) r
  WHERE d.deleted_at IS NULL AND e.deleted_at IS NULL
  GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO designation_date_count (basis, date_state, authority_id, schema, count)
  SELECT s.basis, s.date_state, d.authority_id, e.schema, count(*)::int
  FROM designation d JOIN entity e ON e.id = d.entity_id
  CROSS JOIN LATERAL st_date_states(d.listing_date, d.listing_date_precision, d.listing_date_qualifier,
    d.start_date, d.start_date_precision, d.end_date, d.end_date_precision) s
  WHERE d.deleted_at IS NULL AND e.deleted_at IS NULL
  GROUP BY 1, 2, 3, 4;
END
$$ LANGUAGE plpgsql;

SELECT st_rebuild_designation_rollup();
