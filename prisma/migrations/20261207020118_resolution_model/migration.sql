-- AlterTable
ALTER TABLE "designation" ADD COLUMN     "source_record_id" TEXT;

-- AlterTable
ALTER TABLE "entity_alias" ADD COLUMN     "source_record_id" TEXT;

-- AlterTable
ALTER TABLE "external_id" ADD COLUMN     "authority_id" TEXT,
ADD COLUMN     "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "document" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "name" TEXT,
ADD COLUMN     "original_entity_id" TEXT,
ADD COLUMN     "properties" JSONB,
ADD COLUMN     "schema" "EntitySchema",
ADD COLUMN     "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "identifier" ADD COLUMN     "country_raw" TEXT,
ADD COLUMN     "key" TEXT,
ADD COLUMN     "label" TEXT,
ADD COLUMN     "source_record_id" TEXT;

-- AlterTable
ALTER TABLE "match_candidate" ADD COLUMN     "features" JSONB;

-- CreateTable
CREATE TABLE "resolution_judgement" (
    "id" TEXT NOT NULL,
    "record_a_id" TEXT NOT NULL,
    "record_b_id" TEXT NOT NULL,
    "same" BOOLEAN NOT NULL,
    "via" TEXT NOT NULL,
    "reason" TEXT,
    "decided_by_id" TEXT,
    "decided_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "resolution_judgement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "resolution_judgement_record_b_id_idx" ON "resolution_judgement"("record_b_id");

-- CreateIndex
CREATE UNIQUE INDEX "resolution_judgement_record_a_id_record_b_id_key" ON "resolution_judgement"("record_a_id", "record_b_id");

-- CreateIndex
CREATE INDEX "external_id_document_idx" ON "external_id"("document");

-- CreateIndex
CREATE INDEX "identifier_key_idx" ON "identifier"("key");

-- AddForeignKey
ALTER TABLE "entity_alias" ADD CONSTRAINT "entity_alias_source_record_id_fkey" FOREIGN KEY ("source_record_id") REFERENCES "external_id"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identifier" ADD CONSTRAINT "identifier_source_record_id_fkey" FOREIGN KEY ("source_record_id") REFERENCES "external_id"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "designation" ADD CONSTRAINT "designation_source_record_id_fkey" FOREIGN KEY ("source_record_id") REFERENCES "external_id"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A judgement goes with its records (a record is deleted only with its entity).
ALTER TABLE "resolution_judgement" ADD CONSTRAINT "resolution_judgement_record_a_id_fkey" FOREIGN KEY ("record_a_id") REFERENCES "external_id"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "resolution_judgement" ADD CONSTRAINT "resolution_judgement_record_b_id_fkey" FOREIGN KEY ("record_b_id") REFERENCES "external_id"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE INDEX "designation_source_record_id_idx" ON "designation"("source_record_id");

-- Every writer (imports, the seed, the curated drone case, admin merges) gets a record's document,
-- authority and original entity without knowing the rule: one place, here.
-- An EU act is its own document (its CELEX, the key's first part); every other list is one document.
CREATE OR REPLACE FUNCTION st_source_document(source text, external_id text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN source = 'eu-journal' THEN 'eu:' || split_part(external_id, '#', 1) ELSE source END
$$;
CREATE OR REPLACE FUNCTION st_source_authority(source text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN source IN ('ofac-sdn', 'ofac-cons') THEN 'US-OFAC' WHEN source IN ('eu-journal', 'eu-fsf') THEN 'EU'
    WHEN source = 'uk-list' THEN 'UK' WHEN source = 'un-sc' THEN 'UN' END
$$;
CREATE OR REPLACE FUNCTION st_source_record_defaults() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.document = '' OR TG_OP = 'UPDATE' AND (NEW.source <> OLD.source OR NEW.external_id <> OLD.external_id) THEN
    NEW.document := st_source_document(NEW.source, NEW.external_id);
  END IF;
  IF NEW.authority_id IS NULL THEN NEW.authority_id := st_source_authority(NEW.source); END IF;
  IF NEW.original_entity_id IS NULL THEN NEW.original_entity_id := NEW.entity_id; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER st_source_record_defaults BEFORE INSERT OR UPDATE ON "external_id"
  FOR EACH ROW EXECUTE FUNCTION st_source_record_defaults();

-- Today's rows become records. An entity with one record: that record said its name, schema,
-- names and identifiers. Records that earlier merges left together get their own values at their
-- list's next import (their name stays null until then; the entity keeps showing its own).
UPDATE "external_id" SET document = st_source_document(source, external_id), authority_id = st_source_authority(source), original_entity_id = entity_id;
WITH single AS (SELECT entity_id, min(id) AS id FROM "external_id" GROUP BY entity_id HAVING count(*) = 1)
UPDATE "external_id" x SET name = e.name, schema = e.schema FROM single s JOIN "entity" e ON e.id = s.entity_id WHERE x.id = s.id;
WITH single AS (SELECT entity_id, min(id) AS id FROM "external_id" GROUP BY entity_id HAVING count(*) = 1)
UPDATE "entity_alias" a SET source_record_id = s.id FROM single s WHERE a.entity_id = s.entity_id;
WITH single AS (SELECT entity_id, min(id) AS id FROM "external_id" GROUP BY entity_id HAVING count(*) = 1)
UPDATE "identifier" i SET source_record_id = s.id FROM single s WHERE i.entity_id = s.entity_id;
-- A list's designation belongs to the record of its entry (`key@date`: a program added later).
UPDATE "designation" d SET source_record_id = x.id FROM "external_id" x
WHERE x.source = d.origin AND x.external_id = regexp_replace(d.origin_key, '@\d{4}-\d{2}-\d{2}$', '');
