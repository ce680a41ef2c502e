-- Milestone codes (issue 26): existing rows numbered once in date order (then slug), new rows from
-- the sequence; never renumbered, so "M07" means one milestone on every page and export.
CREATE SEQUENCE "milestone_code_seq";
ALTER TABLE "milestone" ADD COLUMN "code" TEXT;
UPDATE "milestone" m SET "code" = 'M' || lpad(o.n::text, 2, '0')
  FROM (SELECT id, row_number() OVER (ORDER BY "date", "slug") AS n FROM "milestone") o WHERE o.id = m.id;
SELECT setval('milestone_code_seq', GREATEST((SELECT count(*) FROM "milestone"), 1), (SELECT count(*) FROM "milestone") > 0);
ALTER TABLE "milestone" ALTER COLUMN "code" SET DEFAULT ('M'::text || lpad((nextval('milestone_code_seq'::regclass))::text, 2, '0'::text));
ALTER TABLE "milestone" ALTER COLUMN "code" SET NOT NULL;
ALTER SEQUENCE "milestone_code_seq" OWNED BY "milestone"."code";

-- AlterTable
ALTER TABLE "saved_view" ADD COLUMN     "frozen_at" TIMESTAMP(3),
ADD COLUMN     "snapshot" JSONB;

-- CreateTable
CREATE TABLE "sanctions_case" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "source_urls" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "note" TEXT,
    "origin" TEXT NOT NULL DEFAULT 'admin',
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "deleted_at" TIMESTAMP(3),

    CONSTRAINT "sanctions_case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_action" (
    "case_id" TEXT NOT NULL,
    "action_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_action_pkey" PRIMARY KEY ("case_id","action_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "sanctions_case_slug_key" ON "sanctions_case"("slug");

-- CreateIndex
CREATE INDEX "case_action_action_id_idx" ON "case_action"("action_id");

-- CreateIndex
CREATE UNIQUE INDEX "milestone_code_key" ON "milestone"("code");

-- AddForeignKey
ALTER TABLE "case_action" ADD CONSTRAINT "case_action_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "sanctions_case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_action" ADD CONSTRAINT "case_action_action_id_fkey" FOREIGN KEY ("action_id") REFERENCES "sanctions_action"("id") ON DELETE CASCADE ON UPDATE CASCADE;
