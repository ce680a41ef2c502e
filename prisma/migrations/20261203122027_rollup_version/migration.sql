-- CreateTable
CREATE TABLE "rollup_version" (
    "id" INTEGER NOT NULL,
    "version" BIGINT NOT NULL,

    CONSTRAINT "rollup_version_pkey" PRIMARY KEY ("id")
);

-- Hand-written below.
-- One row (id 1), written by the first change; no row reads as "never changed". The version is the
-- writing transaction's id, not a counter: transaction ids never repeat in a cluster, so a version
-- cannot come back after a restore or a rollback and make an old cached answer look current.
-- (No CHECK (id = 1): Prisma 7's schema describer panics on CHECK constraints.)
CREATE OR REPLACE FUNCTION st_bump_rollup_version() RETURNS void AS $$
  INSERT INTO rollup_version (id, version) VALUES (1, txid_current())
  ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version
$$ LANGUAGE sql;

-- st_rollup_apply (20261203121327) now bumps the version, FIRST: the version row is then also the
-- rollups' writer lock — a second writer waits on it before it holds any rollup row, so writers
-- whose transactions touch the rollups in several statements cannot deadlock on rollup rows. The
-- cost: transactions that change designations serialise from their first such statement to their
-- commit (imports already do, through their advisory lock; admin edits are short).
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
