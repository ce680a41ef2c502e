-- Hand-written: no schema change. The rollup version (20261203122027) now also changes with what the
-- overview's filter options read — programs, their designations, weapons programs, entities'
-- countries — so those options (counts of designations per program, of designated entities per
-- country) can be cached at the version like the rollup answers (lib/db/rollup-cache.ts).

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

-- The entity trigger of 20261203121327, plus: a change of countries sets a new version. (An entity
-- deleted, restored or retyped changes the rollups, which set one anyway; a new entity has no
-- designation yet, and its first designation sets one.)
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
