-- CreateTable
CREATE TABLE "designation_program_month_count" (
    "basis" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "precision" "DatePrecision" NOT NULL,
    "authority_id" TEXT NOT NULL,
    "programs" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "designation_program_month_count_pkey" PRIMARY KEY ("basis","month","precision","authority_id","programs")
);

-- CreateTable
CREATE TABLE "designation_country_month_count" (
    "basis" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "precision" "DatePrecision" NOT NULL,
    "authority_id" TEXT NOT NULL,
    "countries" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "designation_country_month_count_pkey" PRIMARY KEY ("basis","month","precision","authority_id","countries")
);

-- Hand-written below (docs/adr/0009): both tables are kept by the rollup triggers, like
-- designation_month_count. Each designation's delta now also carries its program set and its
-- entity's country set; statements on designation_program move designations between program sets.
-- A set is a string: the values sorted in byte order (COLLATE "C") and joined by U+001F (the unit
-- separator, in no id or country code); '' for none. lib/db/metrics.ts splits it the same way.
-- Designations with no program (no country) are NOT kept: they are designation_month_count's count
-- less the set rollup's, so a new designation — which has no link yet — costs its set rollup nothing,
-- and an import does not count its designations under '' only to move them out a statement later.

-- An entity's countries as a set: lower-cased (codes match case-insensitively), distinct, sorted.
-- PL/pgSQL with shortcuts for no code and one (nearly every entity): a SQL function with an aggregate
-- is not inlined, and at 4 µs a call it made entity and designation writes measurably slower.
CREATE OR REPLACE FUNCTION st_country_set(countries text[]) RETURNS text AS $$
BEGIN
  IF countries IS NULL OR cardinality(countries) = 0 THEN
    RETURN '';
  ELSIF cardinality(countries) = 1 THEN
    RETURN coalesce(lower(countries[1]), '');
  END IF;
  RETURN (SELECT coalesce(string_agg(DISTINCT lower(c) COLLATE "C", E'\x1f' ORDER BY lower(c) COLLATE "C"), '') FROM unnest(countries) AS c);
END
$$ LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE;

-- A designation's program set, read per row through the primary key of designation_program.
-- NOTE: per row on purpose: a set-based join of a statement's rows (a transition table, which has
-- no statistics) with aggregated links can be planned as a nested loop, quadratic in the rows.
CREATE OR REPLACE FUNCTION st_program_set(designation_id text) RETURNS text AS $$
  SELECT coalesce(string_agg(dp.program_id, E'\x1f' ORDER BY dp.program_id COLLATE "C"), '')
  FROM designation_program dp WHERE dp.designation_id = $1
$$ LANGUAGE sql STABLE;

ALTER TYPE st_rollup_delta ADD ATTRIBUTE programs text, ADD ATTRIBUTE countries text;

DROP FUNCTION st_rollup_delta(designation, "EntitySchema", int);
CREATE FUNCTION st_rollup_delta(d designation, schema "EntitySchema", programs text, countries text[], delta int) RETURNS st_rollup_delta AS $$
  SELECT ROW(d.authority_id, schema, d.listing_date, d.listing_date_precision, d.listing_date_qualifier,
    d.start_date, d.start_date_precision, d.end_date, d.end_date_precision, delta,
    coalesce(programs, ''), st_country_set(countries))::st_rollup_delta
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE;

-- As in 20261203121327 (the version row first: the writers' lock), now writing all four rollups.
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
END
$$ LANGUAGE plpgsql;

-- A new designation has no program: designation_program refers to it, so its links come in a later
-- statement (or later in the same one), whose trigger moves it from '' (not kept) to its set.
CREATE OR REPLACE FUNCTION st_rollup_designation_insert() RETURNS trigger AS $$
BEGIN
  PERFORM st_rollup_apply(ARRAY(
    SELECT st_rollup_delta(d, e.schema, '', e.countries, 1) FROM new_rows d JOIN entity e ON e.id = d.entity_id
    WHERE d.deleted_at IS NULL AND e.deleted_at IS NULL));
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- (Its links were removed first, by st_designation_unlink_programs: it counts under '' by now.)
CREATE OR REPLACE FUNCTION st_rollup_designation_delete() RETURNS trigger AS $$
BEGIN
  PERFORM st_rollup_apply(ARRAY(
    SELECT st_rollup_delta(d, e.schema, st_program_set(d.id), e.countries, -1)
    FROM old_rows d JOIN entity e ON e.id = d.entity_id
    WHERE d.deleted_at IS NULL AND e.deleted_at IS NULL));
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION st_rollup_designation_update() RETURNS trigger AS $$
BEGIN
  PERFORM st_rollup_apply(ARRAY(
    SELECT st_rollup_delta(d, e.schema, st_program_set(d.id), e.countries, -1)
    FROM old_rows d JOIN entity e ON e.id = d.entity_id
    WHERE d.deleted_at IS NULL AND e.deleted_at IS NULL
    UNION ALL
    SELECT st_rollup_delta(d, e.schema, st_program_set(d.id), e.countries, 1)
    FROM new_rows d JOIN entity e ON e.id = d.entity_id
    WHERE d.deleted_at IS NULL AND e.deleted_at IS NULL));
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- An entity's type, liveness and countries decide where (and whether) its designations count.
CREATE OR REPLACE FUNCTION st_rollup_entity_update() RETURNS trigger AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.countries IS DISTINCT FROM n.countries) THEN
    PERFORM st_bump_rollup_version();
  END IF;
  PERFORM st_rollup_apply(ARRAY(
    SELECT st_rollup_delta(d, side.schema, st_program_set(d.id), side.countries, side.delta)
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    CROSS JOIN LATERAL (VALUES (o.schema, o.countries, o.deleted_at IS NULL, -1), (n.schema, n.countries, n.deleted_at IS NULL, 1))
      AS side(schema, countries, is_live, delta)
    JOIN designation d ON d.entity_id = n.id AND d.deleted_at IS NULL
    WHERE side.is_live
      AND ((o.schema, o.deleted_at IS NULL) IS DISTINCT FROM (n.schema, n.deleted_at IS NULL)
        OR (o.countries IS DISTINCT FROM n.countries AND st_country_set(o.countries) <> st_country_set(n.countries)))));
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- How a statement on designation_program moved designations between program sets. `added` are its
-- inserted links (an update's new rows), `removed` its deleted ones (an update's old rows): a
-- designation's set before the statement is its links now, less those added, plus those removed.
-- Only the program-set rollup changes (dates, authority, type and countries stay), so only it is
-- written — after the version row, the rollups' writer lock (see st_rollup_apply).
-- NOTE: aggregates only, no join between intermediate sets: the planner cannot estimate them, and
-- a nested loop over two sets of 40k links each made an import's link statement take minutes.
-- `moved` is MATERIALIZED: computed once, whatever the plan around it.
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
    GROUP BY 1)
  INSERT INTO designation_program_month_count AS c (basis, month, "precision", authority_id, programs, count)
  SELECT r.basis, r.month, r."precision", d.authority_id, side.programs, sum(side.delta)::int
  FROM moved m
  -- NOTE: each moved designation looked up by its key (OFFSET 0 keeps the subquery, and this join
  -- order): within an import, designation and entity have no statistics yet, and the planner
  -- nested-looped over the moved set per designation (67 s for 15k links while seeding).
  CROSS JOIN LATERAL (
    SELECT d.* FROM designation d JOIN entity e ON e.id = d.entity_id
    WHERE d.id = m.designation_id AND d.deleted_at IS NULL AND e.deleted_at IS NULL
    OFFSET 0) d
  CROSS JOIN LATERAL (VALUES (m.before, -1), (m.after, 1)) AS side(programs, delta)
  CROSS JOIN LATERAL st_rollup_rows(d.listing_date, d.listing_date_precision, d.listing_date_qualifier,
    d.start_date, d.start_date_precision, d.end_date, d.end_date_precision) r
  WHERE m.before <> m.after AND side.programs <> ''
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(side.delta) <> 0
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (basis, month, "precision", authority_id, programs) DO UPDATE SET count = c.count + EXCLUDED.count;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION st_rollup_program_insert() RETURNS trigger AS $$
DECLARE ad text[]; ap text[];
BEGIN
  SELECT array_agg(designation_id), array_agg(program_id) INTO ad, ap FROM new_rows;
  IF ad IS NOT NULL THEN
    PERFORM st_rollup_program_moves(ad, ap, '{}', '{}');
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION st_rollup_program_delete() RETURNS trigger AS $$
DECLARE rd text[]; rp text[];
BEGIN
  SELECT array_agg(designation_id), array_agg(program_id) INTO rd, rp FROM old_rows;
  IF rd IS NOT NULL THEN
    PERFORM st_rollup_program_moves('{}', '{}', rd, rp);
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- Most updates keep every link (an import marks removed_on): nothing moves, and the check is an
-- EXCEPT (hashed or sorted), not a correlated NOT EXISTS — the transition tables have no statistics,
-- and a nested loop over an import's 15k updated links took minutes. When a link changed, all old
-- rows are "removed" and all new ones "added": an unchanged link is both, and stays in both sets.
CREATE OR REPLACE FUNCTION st_rollup_program_update() RETURNS trigger AS $$
DECLARE ad text[]; ap text[]; rd text[]; rp text[];
BEGIN
  IF NOT EXISTS (
    (SELECT designation_id, program_id FROM new_rows EXCEPT ALL SELECT designation_id, program_id FROM old_rows)
    UNION ALL
    (SELECT designation_id, program_id FROM old_rows EXCEPT ALL SELECT designation_id, program_id FROM new_rows)) THEN
    RETURN NULL;
  END IF;
  SELECT array_agg(designation_id), array_agg(program_id) INTO ad, ap FROM new_rows;
  SELECT array_agg(designation_id), array_agg(program_id) INTO rd, rp FROM old_rows;
  PERFORM st_rollup_program_moves(ad, ap, rd, rp);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER designation_program_rollup_insert AFTER INSERT ON "designation_program"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION st_rollup_program_insert();
CREATE TRIGGER designation_program_rollup_update AFTER UPDATE ON "designation_program"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION st_rollup_program_update();
CREATE TRIGGER designation_program_rollup_delete AFTER DELETE ON "designation_program"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION st_rollup_program_delete();

-- A deleted designation's links go first, while it is still there: their statement's trigger moves
-- it to '' (the cascade would delete them after the designation, when nothing could say which set it
-- counted under). Row-level, but only hard deletes fire it (the app deletes softly).
CREATE OR REPLACE FUNCTION st_designation_unlink_programs() RETURNS trigger AS $$
BEGIN
  DELETE FROM designation_program WHERE designation_id = OLD.id;
  RETURN OLD;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER designation_unlink_programs BEFORE DELETE ON "designation"
  FOR EACH ROW EXECUTE FUNCTION st_designation_unlink_programs();

CREATE OR REPLACE FUNCTION st_rollup_truncate() RETURNS trigger AS $$
BEGIN
  PERFORM st_bump_rollup_version();
  DELETE FROM designation_month_count;
  DELETE FROM designation_program_month_count;
  DELETE FROM designation_country_month_count;
  DELETE FROM designation_date_count;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- Truncating the links alone leaves designations whose sets are gone: recompute.
CREATE OR REPLACE FUNCTION st_rollup_program_truncate() RETURNS trigger AS $$
BEGIN
  PERFORM st_rebuild_designation_rollup();
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER designation_program_rollup_truncate AFTER TRUNCATE ON "designation_program"
  FOR EACH STATEMENT EXECUTE FUNCTION st_rollup_program_truncate();

CREATE OR REPLACE FUNCTION st_rebuild_designation_rollup() RETURNS void AS $$
BEGIN
  PERFORM st_bump_rollup_version();
  DELETE FROM designation_month_count;
  DELETE FROM designation_program_month_count;
  DELETE FROM designation_country_month_count;
  DELETE FROM designation_date_count;
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
  DROP TABLE st_rebuild_live;
END
$$ LANGUAGE plpgsql;

SELECT st_rebuild_designation_rollup();
