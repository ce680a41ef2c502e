-- Two things the overview reads at every request, kept by the database (docs/adr/0009):
-- 1. designation_date_count, a second rollup beside designation_month_count: per date basis, date
--    state, authority and entity type, the live designations — the overview's KPIs and coverage note;
-- 2. rollup_version, set anew by every transaction that changes what the cached aggregates read
--    (lib/db/rollup-cache.ts): the rollups, programs and their designations, weapons programs,
--    entities' countries.
-- CreateTable
CREATE TABLE "designation_date_count" (
    "basis" TEXT NOT NULL,
    "date_state" TEXT NOT NULL,
    "authority_id" TEXT NOT NULL,
    "schema" "EntitySchema" NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "designation_date_count_pkey" PRIMARY KEY ("basis","date_state","authority_id","schema")
);

-- CreateTable
CREATE TABLE "rollup_version" (
    "id" INTEGER NOT NULL,
    "version" BIGINT NOT NULL,

    CONSTRAINT "rollup_version_pkey" PRIMARY KEY ("id")
);

-- Hand-written below: functions and triggers Prisma's schema language cannot express. The trigger
-- functions of 20261125182212 are replaced: each builds its statement's deltas once and
-- st_rollup_apply writes both rollups.

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

-- One row (id 1), written by the first change; no row reads as "never changed". The version is the
-- writing transaction's id, not a counter: transaction ids never repeat in a cluster, so a version
-- cannot come back after a restore or a rollback and make an old cached answer look current.
-- (No CHECK (id = 1): Prisma 7's schema describer panics on CHECK constraints.)
CREATE OR REPLACE FUNCTION st_bump_rollup_version() RETURNS void AS $$
  INSERT INTO rollup_version (id, version) VALUES (1, txid_current())
  ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version
$$ LANGUAGE sql;

-- Applies a statement's deltas to both rollups, one upsert per table in key order. The version row
-- is written FIRST: it is then also the rollups' writer lock — a second writer waits on it before it
-- holds any rollup row, so writers whose transactions touch the rollups in several statements
-- cannot deadlock on rollup rows. The cost: transactions that change designations serialise from
-- their first such statement to their commit (imports already do, through their advisory lock;
-- admin edits are short).
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

-- An entity's type or liveness decides whether (and where) its designations count; a change of
-- its countries changes the filter options. (A new entity has no designation yet; its first one
-- sets a version.)
CREATE OR REPLACE FUNCTION st_rollup_entity_update() RETURNS trigger AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.countries IS DISTINCT FROM n.countries) THEN
    PERFORM st_bump_rollup_version();
  END IF;
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
  PERFORM st_bump_rollup_version();
  DELETE FROM designation_month_count;
  DELETE FROM designation_date_count;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION st_rebuild_designation_rollup() RETURNS void AS $$
BEGIN
  PERFORM st_bump_rollup_version();
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

-- Sets a new version when the statement changed any row (statement triggers also fire for none).
CREATE OR REPLACE FUNCTION st_bump_rollup_version_on_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF EXISTS (SELECT 1 FROM old_rows) THEN PERFORM st_bump_rollup_version(); END IF;
  ELSIF EXISTS (SELECT 1 FROM new_rows) THEN
    PERFORM st_bump_rollup_version();
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER sanctions_program_version_insert AFTER INSERT ON "sanctions_program"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION st_bump_rollup_version_on_change();
CREATE TRIGGER sanctions_program_version_update AFTER UPDATE ON "sanctions_program"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION st_bump_rollup_version_on_change();
CREATE TRIGGER sanctions_program_version_delete AFTER DELETE ON "sanctions_program"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION st_bump_rollup_version_on_change();

CREATE TRIGGER designation_program_version_insert AFTER INSERT ON "designation_program"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION st_bump_rollup_version_on_change();
CREATE TRIGGER designation_program_version_update AFTER UPDATE ON "designation_program"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION st_bump_rollup_version_on_change();
CREATE TRIGGER designation_program_version_delete AFTER DELETE ON "designation_program"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION st_bump_rollup_version_on_change();

CREATE TRIGGER weapons_program_version_insert AFTER INSERT ON "weapons_program"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION st_bump_rollup_version_on_change();
CREATE TRIGGER weapons_program_version_update AFTER UPDATE ON "weapons_program"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION st_bump_rollup_version_on_change();
CREATE TRIGGER weapons_program_version_delete AFTER DELETE ON "weapons_program"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION st_bump_rollup_version_on_change();

SELECT st_rebuild_designation_rollup();
