-- CreateEnum
CREATE TYPE "SuccessionKind" AS ENUM ('RENAME', 'REDESIGNATION', 'TERMINATION');

-- AlterTable
ALTER TABLE "designation" ADD COLUMN     "end_date_after" DATE,
ADD COLUMN     "end_date_qualifier" "DateQualifier" NOT NULL DEFAULT 'EXACT',
ADD COLUMN     "review_note" TEXT;

-- AlterTable
ALTER TABLE "sanctions_program" ADD COLUMN     "title_source" TEXT;

-- CreateTable
CREATE TABLE "program_succession" (
    "id" TEXT NOT NULL,
    "from_id" TEXT NOT NULL,
    "to_id" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "kind" "SuccessionKind" NOT NULL,
    "source_url" TEXT NOT NULL,
    "note" TEXT,

    CONSTRAINT "program_succession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "list_edition" (
    "id" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "edition_date" DATE NOT NULL,
    "checksum" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "records" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "import_run_id" TEXT,
    "allowed_older" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "list_edition_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "program_succession_from_id_to_id_date_key" ON "program_succession"("from_id", "to_id", "date");

-- CreateIndex
CREATE INDEX "list_edition_scope_edition_date_idx" ON "list_edition"("scope", "edition_date");

-- AddForeignKey
ALTER TABLE "program_succession" ADD CONSTRAINT "program_succession_from_id_fkey" FOREIGN KEY ("from_id") REFERENCES "sanctions_program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "program_succession" ADD CONSTRAINT "program_succession_to_id_fkey" FOREIGN KEY ("to_id") REFERENCES "sanctions_program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: no designation may end before it starts (issue 23). Compared at the coarser of the
-- two precisions (a listing in May 2022 may end "in 2022"). Rows that break it today — an older
-- edition applied on top of a newer one lifted entries "before" their listing — are repaired, not
-- left to fail the constraint: the end date is cleared and the row flagged for an admin's review,
-- with an audit event per row saying what it held.
CREATE TEMP TABLE repaired_end AS
  SELECT id, end_date, end_date_precision, listing_date, listing_date_precision, status
  FROM "designation"
  WHERE end_date IS NOT NULL AND listing_date IS NOT NULL
    AND end_date < date_trunc(CASE WHEN 'YEAR' IN (listing_date_precision::text, end_date_precision::text) THEN 'year'
                                   WHEN 'MONTH' IN (listing_date_precision::text, end_date_precision::text) THEN 'month' ELSE 'day' END,
                              listing_date::timestamp)::date;

UPDATE "designation" d
SET end_date = NULL, end_date_precision = NULL,
    review_note = 'End date ' || r.end_date::text || ' was before the listing date ' || r.listing_date::text || ': cleared for review (migration data_truth).',
    version = d.version + 1, updated_at = now()
FROM repaired_end r WHERE d.id = r.id;

INSERT INTO "audit_event" (actor_label, action, target_type, target_id, before, after, meta)
SELECT 'system:migration', 'designation.repair', 'Designation', id,
  jsonb_build_object('endDate', end_date::text, 'endDatePrecision', end_date_precision::text),
  jsonb_build_object('endDate', NULL, 'endDatePrecision', NULL),
  jsonb_build_object('migration', '20261206235655_data_truth', 'reason', 'end date before the listing date', 'listingDate', listing_date::text)
FROM repaired_end;

DROP TABLE repaired_end;

-- The constraint, as a trigger: Prisma 7's schema describer panics on CHECK constraints.
CREATE OR REPLACE FUNCTION st_designation_dates_check() RETURNS trigger AS $$
BEGIN
  IF NEW.end_date IS NOT NULL AND NEW.listing_date IS NOT NULL AND NEW.end_date < date_trunc(
       CASE WHEN 'YEAR' IN (NEW.listing_date_precision::text, NEW.end_date_precision::text) THEN 'year'
            WHEN 'MONTH' IN (NEW.listing_date_precision::text, NEW.end_date_precision::text) THEN 'month' ELSE 'day' END,
       NEW.listing_date::timestamp)::date THEN
    RAISE EXCEPTION 'designation % would end (%) before it was listed (%)', NEW.origin || ':' || NEW.origin_key, NEW.end_date, NEW.listing_date
      USING ERRCODE = 'check_violation', CONSTRAINT = 'designation_end_not_before_listing';
  END IF;
  -- The lower bound of a lifting lies before its upper bound.
  IF NEW.end_date_after IS NOT NULL AND (NEW.end_date IS NULL OR NEW.end_date_after >= NEW.end_date) THEN
    RAISE EXCEPTION 'designation %: lifted after % but on or before %', NEW.origin || ':' || NEW.origin_key, NEW.end_date_after, NEW.end_date
      USING ERRCODE = 'check_violation', CONSTRAINT = 'designation_end_bounds_ordered';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER designation_dates_check BEFORE INSERT OR UPDATE OF listing_date, listing_date_precision, end_date, end_date_precision, end_date_after ON "designation"
  FOR EACH ROW EXECUTE FUNCTION st_designation_dates_check();

CREATE UNIQUE INDEX "list_edition_scope_date_checksum" ON "list_edition" ("scope", "edition_date", "checksum");
