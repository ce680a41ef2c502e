-- CreateEnum
CREATE TYPE "ActionKind" AS ENUM ('CURATED', 'GROUPED');

-- AlterTable
ALTER TABLE "designation" ADD COLUMN     "action_id" TEXT;

-- CreateTable
CREATE TABLE "sanctions_action" (
    "id" TEXT NOT NULL,
    "authority_id" TEXT NOT NULL,
    "action_date" DATE NOT NULL,
    "kind" "ActionKind" NOT NULL,
    "title" TEXT NOT NULL,
    "source_urls" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "legal_act" TEXT,
    "scope" TEXT,
    "is_uncertain" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "sanctions_action_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sanctions_action_authority_id_action_date_idx" ON "sanctions_action"("authority_id", "action_date");

-- CreateIndex
CREATE INDEX "sanctions_action_action_date_idx" ON "sanctions_action"("action_date");

-- CreateIndex
CREATE INDEX "designation_action_id_idx" ON "designation"("action_id");

-- AddForeignKey
ALTER TABLE "designation" ADD CONSTRAINT "designation_action_id_fkey" FOREIGN KEY ("action_id") REFERENCES "sanctions_action"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sanctions_action" ADD CONSTRAINT "sanctions_action_authority_id_fkey" FOREIGN KEY ("authority_id") REFERENCES "authority"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
