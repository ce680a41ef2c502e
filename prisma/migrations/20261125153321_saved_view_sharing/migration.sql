-- AlterTable
ALTER TABLE "saved_view" ADD COLUMN     "is_shared" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "saved_view_is_shared_idx" ON "saved_view"("is_shared");
