-- The search's per-entity designation summary on the entity row (docs/adr/0009, "Search"): the
-- authorities of its live designations (distinct, sorted) and its earliest listing date. A broad
-- name search (19k matches at 1M designations) looked both up per match — a third of its time.
-- Kept by statement-level triggers on designation; never written by the app.

-- AlterTable (written by Prisma's diff)
ALTER TABLE "entity" ADD COLUMN     "designation_authorities" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "first_listed" DATE;

-- Recomputes the summary of these entities from their live designations (only rows that change
-- are written). Lock order: the rollup version row first — the lock every designation writer
-- takes (st_rollup_apply) — then the entities in id order. Writers of designations thus wait for
-- each other before they hold any entity row, and cannot deadlock on entity rows.
CREATE OR REPLACE FUNCTION st_entity_summary_refresh(ids text[]) RETURNS void AS $$
BEGIN
  IF cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  PERFORM st_bump_rollup_version();
  -- NOTE: EXECUTE plans each statement for the tables as they are now; a kept plan, made when an
  -- import's first statement saw nearly empty tables, would scan them on every later call.
  EXECUTE 'SELECT 1 FROM entity WHERE id = ANY ($1) ORDER BY id FOR NO KEY UPDATE' USING ids;
  EXECUTE $sql$
    UPDATE entity e SET designation_authorities = s.authorities, first_listed = s.first_listed
    FROM (
      SELECT x.id,
        coalesce(array_agg(DISTINCT d.authority_id ORDER BY d.authority_id) FILTER (WHERE d.id IS NOT NULL), '{}') AS authorities,
        min(d.listing_date) AS first_listed
      FROM unnest($1) AS x(id)
      LEFT JOIN designation d ON d.entity_id = x.id AND d.deleted_at IS NULL
      GROUP BY x.id) s
    WHERE e.id = s.id
      AND (e.designation_authorities, e.first_listed) IS DISTINCT FROM (s.authorities, s.first_listed)$sql$
  USING ids;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION st_entity_summary_designation_insert() RETURNS trigger AS $$
BEGIN
  PERFORM st_entity_summary_refresh(ARRAY(SELECT DISTINCT entity_id FROM new_rows WHERE deleted_at IS NULL));
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION st_entity_summary_designation_delete() RETURNS trigger AS $$
BEGIN
  PERFORM st_entity_summary_refresh(ARRAY(SELECT DISTINCT entity_id FROM old_rows WHERE deleted_at IS NULL));
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- Only what the summary reads: the entity (both sides of a move), authority, listing date, liveness.
CREATE OR REPLACE FUNCTION st_entity_summary_designation_update() RETURNS trigger AS $$
BEGIN
  PERFORM st_entity_summary_refresh(ARRAY(
    SELECT DISTINCT side.entity_id
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    CROSS JOIN LATERAL (VALUES (o.entity_id), (n.entity_id)) AS side(entity_id)
    WHERE (o.entity_id, o.authority_id, o.listing_date, o.deleted_at IS NULL)
      IS DISTINCT FROM (n.entity_id, n.authority_id, n.listing_date, n.deleted_at IS NULL)));
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION st_entity_summary_designation_truncate() RETURNS trigger AS $$
BEGIN
  UPDATE entity SET designation_authorities = '{}', first_listed = NULL
  WHERE designation_authorities IS DISTINCT FROM '{}' OR first_listed IS NOT NULL;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER designation_entity_summary_insert AFTER INSERT ON "designation"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION st_entity_summary_designation_insert();
CREATE TRIGGER designation_entity_summary_update AFTER UPDATE ON "designation"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION st_entity_summary_designation_update();
CREATE TRIGGER designation_entity_summary_delete AFTER DELETE ON "designation"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION st_entity_summary_designation_delete();
CREATE TRIGGER designation_entity_summary_truncate AFTER TRUNCATE ON "designation"
  FOR EACH STATEMENT EXECUTE FUNCTION st_entity_summary_designation_truncate();

-- An entity's type, liveness and countries decide where its designations count (as in migration
-- 20261203155919), now in time linear in the entities a statement updates, whatever the plan: the
-- old and new rows are paired by window functions over both, not joined. The join was planned for
-- a transition table of one row (PL/pgSQL keeps a plan), a nested loop: 6 s for an import statement
-- that touched 20,000 entities, hours for 300,000 — and the summary above updates entities in bulk.
-- The country set is computed only for entities whose countries changed as written.
CREATE OR REPLACE FUNCTION st_rollup_entity_update() RETURNS trigger AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM (SELECT id, countries FROM old_rows UNION SELECT id, countries FROM new_rows) x GROUP BY id HAVING count(*) > 1) THEN
    PERFORM st_bump_rollup_version();
  END IF;
  PERFORM st_rollup_apply(ARRAY(
    WITH sides AS (
      SELECT id, -1 AS delta, schema, countries, deleted_at IS NULL AS live FROM old_rows
      UNION ALL
      SELECT id, 1, schema, countries, deleted_at IS NULL FROM new_rows),
    touched AS (
      SELECT * FROM (
        SELECT s.*, min(concat_ws('|', schema, live, countries::text)) OVER w <> max(concat_ws('|', schema, live, countries::text)) OVER w AS is_touched
        FROM sides s WINDOW w AS (PARTITION BY id)) t
      WHERE is_touched),
    changed AS MATERIALIZED (
      SELECT * FROM (
        SELECT t.*, min(concat_ws('|', schema, live, st_country_set(countries))) OVER w <> max(concat_ws('|', schema, live, st_country_set(countries))) OVER w AS is_changed
        FROM touched t WINDOW w AS (PARTITION BY id)) c
      WHERE is_changed AND live)
    SELECT st_rollup_delta(d, c.schema, st_program_set(d.id), c.countries, c.delta)
    FROM changed c JOIN designation d ON d.entity_id = c.id AND d.deleted_at IS NULL));
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- The existing data.
UPDATE entity e SET designation_authorities = s.authorities, first_listed = s.first_listed
FROM (
  SELECT entity_id, array_agg(DISTINCT authority_id ORDER BY authority_id) AS authorities, min(listing_date) AS first_listed
  FROM designation WHERE deleted_at IS NULL GROUP BY 1) s
WHERE e.id = s.entity_id;
