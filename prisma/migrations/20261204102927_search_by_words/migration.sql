-- DropIndex
DROP INDEX "entity_name_skel_trgm";

-- DropIndex
DROP INDEX "entity_alias_name_skel_trgm";

-- AlterTable
ALTER TABLE "entity" DROP COLUMN "name_skel",
ADD COLUMN     "name_words" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "entity_alias" DROP COLUMN "name_skel",
ADD COLUMN     "name_words" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "name_word" (
    "id" BIGSERIAL NOT NULL,
    "word" TEXT NOT NULL,
    "skel" TEXT NOT NULL,

    CONSTRAINT "name_word_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "name_word_word_idx" ON "name_word"("word");

-- CreateIndex
CREATE INDEX "name_word_word_trgm" ON "name_word" USING GIN ("word" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "name_word_skel_trgm" ON "name_word" USING GIN ("skel" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "entity_name_words" ON "entity" USING GIN ("name_words");

-- CreateIndex
CREATE INDEX "entity_alias_name_words" ON "entity_alias" USING GIN ("name_words");

-- Hand-written below: functions and triggers Prisma's schema language cannot express.

-- ---------------------------------------------------------------------------------------------
-- Search by words (docs/adr/0011-search-by-words.md). name_words holds the words of name_norm;
-- name_word, every word any name or alias holds, once (or twice after a race: see schema.prisma).
-- A query's words are matched against that vocabulary — a few thousand words — and the names are
-- found through the GIN index on name_words. It replaces the skeleton column and its trigram index
-- (name_skel): a word's skeleton is kept once in the vocabulary, not in every name.
CREATE OR REPLACE FUNCTION st_set_name_norm() RETURNS trigger AS $$
BEGIN
  NEW.name_norm := st_normalize(NEW.name);
  NEW.name_words := string_to_array(NEW.name_norm, ' ');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

-- Adds to the vocabulary the words it lacks (each distinct word looked up once).
CREATE OR REPLACE FUNCTION st_add_name_words(words text[]) RETURNS void AS $$
  INSERT INTO name_word (word, skel)
  SELECT n.w, st_skeleton(n.w) FROM (SELECT DISTINCT unnest(words) AS w) n
  WHERE NOT EXISTS (SELECT 1 FROM name_word v WHERE v.word = n.w)
$$ LANGUAGE sql;

-- The words of an insert statement's rows (an import batch: one call, not one per row).
CREATE OR REPLACE FUNCTION st_add_inserted_name_words() RETURNS trigger AS $$
BEGIN
  PERFORM st_add_name_words(ARRAY(SELECT unnest(name_words) FROM new_rows));
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- A renamed row's words. Row-level: a statement trigger with transition tables cannot be limited
-- to name changes, and every designation write updates its entity's row (entity_designation_summary).
CREATE OR REPLACE FUNCTION st_add_renamed_name_words() RETURNS trigger AS $$
BEGIN
  PERFORM st_add_name_words(NEW.name_words);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER entity_name_words_insert AFTER INSERT ON "entity"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION st_add_inserted_name_words();
CREATE TRIGGER entity_alias_name_words_insert AFTER INSERT ON "entity_alias"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION st_add_inserted_name_words();
CREATE TRIGGER entity_name_words_rename AFTER UPDATE OF name ON "entity"
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION st_add_renamed_name_words();
CREATE TRIGGER entity_alias_name_words_rename AFTER UPDATE OF name ON "entity_alias"
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION st_add_renamed_name_words();

UPDATE "entity" SET name_words = string_to_array(name_norm, ' ');
UPDATE "entity_alias" SET name_words = string_to_array(name_norm, ' ');
SELECT st_add_name_words(ARRAY(SELECT unnest(name_words) FROM "entity" UNION SELECT unnest(name_words) FROM "entity_alias"));
