-- AlterTable
ALTER TABLE "entity" ADD COLUMN     "name_skel" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "entity_alias" ADD COLUMN     "name_skel" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "designation_month_count" (
    "basis" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "precision" "DatePrecision" NOT NULL,
    "authority_id" TEXT NOT NULL,
    "schema" "EntitySchema" NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "designation_month_count_pkey" PRIMARY KEY ("basis","month","precision","authority_id","schema")
);

-- CreateIndex
CREATE INDEX "entity_name_skel_trgm" ON "entity" USING GIN ("name_skel" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "entity_alias_name_skel_trgm" ON "entity_alias" USING GIN ("name_skel" gin_trgm_ops);

-- Hand-written below: functions and triggers Prisma's schema language cannot express.

-- ---------------------------------------------------------------------------------------------
-- Name skeletons (lib/search-pattern.ts nameSkeleton() is the same function in TypeScript).
-- Of a normalised name (st_normalize): letters that transliterations swap folded to one (gh, q,
-- c → k; ph → f; w → v), vowels dropped, runs of one letter collapsed; words stay apart. A query's
-- skeleton is then a substring of the skeleton of every name its consonant-skeleton regular
-- expression matches, so `name_skel LIKE '%<skeleton>%'` is an index-served prefilter (trigrams)
-- and the regular expression only rechecks the few candidates.
CREATE OR REPLACE FUNCTION st_skeleton(normalized text) RETURNS text AS $$
  SELECT regexp_replace(
    translate(translate(replace(replace(coalesce(normalized, ''), 'gh', 'k'), 'ph', 'f'), 'qcw', 'kkv'), 'aeiouy', ''),
    '([^ ])\1+', '\1', 'g')
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION st_set_name_norm() RETURNS trigger AS $$
BEGIN
  NEW.name_norm := st_normalize(NEW.name);
  NEW.name_skel := st_skeleton(NEW.name_norm);
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

UPDATE "entity" SET name_skel = st_skeleton(name_norm);
UPDATE "entity_alias" SET name_skel = st_skeleton(name_norm);

-- ---------------------------------------------------------------------------------------------
-- The overview rollup: designation_month_count holds, per date basis, month, precision, authority
-- and entity type, how many live designations of live entities have such a date. The series query
-- (lib/db/metrics.ts) reads it when its filters allow. Statement-level triggers with transition
-- tables keep it exact for every write — a one-row admin edit and a 100k-row import alike, merges
-- (designations moving between entities), soft deletes of designations or entities, type changes —
-- so no code path can forget it. Counts are updated by delta (ON CONFLICT … count + delta) in key
-- order, so concurrent writers wait on the same rows rather than deadlock.

-- The rollup rows one designation contributes, given its entity's type and whether it is live.
CREATE OR REPLACE FUNCTION st_rollup_rows(
  listing_date date, listing_precision "DatePrecision", listing_qualifier "DateQualifier",
  start_date date, start_precision "DatePrecision", end_date date, end_precision "DatePrecision"
) RETURNS TABLE (basis text, month date, "precision" "DatePrecision") AS $$
  SELECT b.basis, date_trunc('month', b.dt)::date, b.prec
  FROM (VALUES
    ('listing', CASE WHEN listing_qualifier = 'EXACT' THEN listing_date END, listing_precision),
    ('start', start_date, start_precision),
    ('end', end_date, end_precision)) AS b(basis, dt, prec)
  WHERE b.dt IS NOT NULL AND b.prec IS NOT NULL
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION st_rollup_designation_insert() RETURNS trigger AS $$
BEGIN
  INSERT INTO designation_month_count AS c (basis, month, "precision", authority_id, schema, count)
  SELECT r.basis, r.month, r."precision", d.authority_id, e.schema, count(*)::int
  FROM new_rows d JOIN entity e ON e.id = d.entity_id
  CROSS JOIN LATERAL st_rollup_rows(d.listing_date, d.listing_date_precision, d.listing_date_qualifier,
    d.start_date, d.start_date_precision, d.end_date, d.end_date_precision) r
  WHERE d.deleted_at IS NULL AND e.deleted_at IS NULL
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (basis, month, "precision", authority_id, schema) DO UPDATE SET count = c.count + EXCLUDED.count;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION st_rollup_designation_delete() RETURNS trigger AS $$
BEGIN
  INSERT INTO designation_month_count AS c (basis, month, "precision", authority_id, schema, count)
  SELECT r.basis, r.month, r."precision", d.authority_id, e.schema, -count(*)::int
  FROM old_rows d JOIN entity e ON e.id = d.entity_id
  CROSS JOIN LATERAL st_rollup_rows(d.listing_date, d.listing_date_precision, d.listing_date_qualifier,
    d.start_date, d.start_date_precision, d.end_date, d.end_date_precision) r
  WHERE d.deleted_at IS NULL AND e.deleted_at IS NULL
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (basis, month, "precision", authority_id, schema) DO UPDATE SET count = c.count + EXCLUDED.count;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION st_rollup_designation_update() RETURNS trigger AS $$
BEGIN
  INSERT INTO designation_month_count AS c (basis, month, "precision", authority_id, schema, count)
  SELECT basis, month, "precision", authority_id, schema, sum(delta)::int
  FROM (
    SELECT r.basis, r.month, r."precision", d.authority_id, e.schema, -1 AS delta
    FROM old_rows d JOIN entity e ON e.id = d.entity_id
    CROSS JOIN LATERAL st_rollup_rows(d.listing_date, d.listing_date_precision, d.listing_date_qualifier,
      d.start_date, d.start_date_precision, d.end_date, d.end_date_precision) r
    WHERE d.deleted_at IS NULL AND e.deleted_at IS NULL
    UNION ALL
    SELECT r.basis, r.month, r."precision", d.authority_id, e.schema, 1
    FROM new_rows d JOIN entity e ON e.id = d.entity_id
    CROSS JOIN LATERAL st_rollup_rows(d.listing_date, d.listing_date_precision, d.listing_date_qualifier,
      d.start_date, d.start_date_precision, d.end_date, d.end_date_precision) r
    WHERE d.deleted_at IS NULL AND e.deleted_at IS NULL
  ) x
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(delta) <> 0
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (basis, month, "precision", authority_id, schema) DO UPDATE SET count = c.count + EXCLUDED.count;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- An entity's type or liveness decides whether (and where) its designations count.
CREATE OR REPLACE FUNCTION st_rollup_entity_update() RETURNS trigger AS $$
BEGIN
  INSERT INTO designation_month_count AS c (basis, month, "precision", authority_id, schema, count)
  SELECT basis, month, "precision", authority_id, schema, sum(delta)::int
  FROM (
    SELECT r.basis, r.month, r."precision", d.authority_id, side.schema, side.delta
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    CROSS JOIN LATERAL (VALUES (o.schema, o.deleted_at IS NULL, -1), (n.schema, n.deleted_at IS NULL, 1)) AS side(schema, is_live, delta)
    JOIN designation d ON d.entity_id = n.id AND d.deleted_at IS NULL
    CROSS JOIN LATERAL st_rollup_rows(d.listing_date, d.listing_date_precision, d.listing_date_qualifier,
      d.start_date, d.start_date_precision, d.end_date, d.end_date_precision) r
    WHERE side.is_live AND (o.schema, o.deleted_at IS NULL) IS DISTINCT FROM (n.schema, n.deleted_at IS NULL)
  ) x
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(delta) <> 0
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (basis, month, "precision", authority_id, schema) DO UPDATE SET count = c.count + EXCLUDED.count;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION st_rollup_truncate() RETURNS trigger AS $$
BEGIN
  DELETE FROM designation_month_count;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- Recomputes the rollup from the base tables (backfill; repair after a restore that skipped triggers).
CREATE OR REPLACE FUNCTION st_rebuild_designation_rollup() RETURNS void AS $$
BEGIN
  DELETE FROM designation_month_count;
  INSERT INTO designation_month_count (basis, month, "precision", authority_id, schema, count)
  SELECT r.basis, r.month, r."precision", d.authority_id, e.schema, count(*)::int
  FROM designation d JOIN entity e ON e.id = d.entity_id
  CROSS JOIN LATERAL st_rollup_rows(d.listing_date, d.listing_date_precision, d.listing_date_qualifier,
    d.start_date, d.start_date_precision, d.end_date, d.end_date_precision) r
  WHERE d.deleted_at IS NULL AND e.deleted_at IS NULL
  GROUP BY 1, 2, 3, 4, 5;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER designation_rollup_insert AFTER INSERT ON "designation"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION st_rollup_designation_insert();
CREATE TRIGGER designation_rollup_update AFTER UPDATE ON "designation"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION st_rollup_designation_update();
CREATE TRIGGER designation_rollup_delete AFTER DELETE ON "designation"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION st_rollup_designation_delete();
CREATE TRIGGER designation_rollup_truncate AFTER TRUNCATE ON "designation"
  FOR EACH STATEMENT EXECUTE FUNCTION st_rollup_truncate();
CREATE TRIGGER entity_rollup_update AFTER UPDATE ON "entity"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION st_rollup_entity_update();

SELECT st_rebuild_designation_rollup();

-- pg_trgm declares its word-similarity operators as cheap as `=` (COST 1), so on a table of tens of
-- thousands of names the planner prefers a sequential scan that computes word_similarity for every
-- row (0.7 s for 30k entities) over the trigram indexes (under 50 ms). Their real cost is ~100×.
DO $$
BEGIN
  ALTER FUNCTION word_similarity_op(text, text) COST 100;
  ALTER FUNCTION word_similarity_commutator_op(text, text) COST 100;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'not the owner of pg_trgm: word-similarity costs left at their defaults';
END
$$;
