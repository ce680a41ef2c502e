-- CreateEnum
CREATE TYPE "SyncStatus" AS ENUM ('RUNNING', 'NOT_MODIFIED', 'UNCHANGED', 'APPLIED', 'DRY_RUN', 'FAILED', 'REFUSED');

-- CreateEnum
CREATE TYPE "ChangeKind" AS ENUM ('LISTED', 'LIFTED', 'RELISTED', 'AMENDED');

-- CreateTable
CREATE TABLE "list_source" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "urls" TEXT[],
    "official_urls" TEXT[],
    "docs_url" TEXT NOT NULL,
    "edition_date_from" TEXT NOT NULL DEFAULT 'file',
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "schedule" TEXT NOT NULL,
    "validators" JSONB,
    "checksum" TEXT,
    "last_check_at" TIMESTAMP(3),
    "last_change_at" TIMESTAMP(3),
    "last_error_at" TIMESTAMP(3),
    "last_error" TEXT,
    "edition_date" DATE,
    "entries" INTEGER,
    "next_run_at" TIMESTAMP(3),
    "lease_owner" TEXT,
    "lease_until" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "list_source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_run" (
    "id" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" "SyncStatus" NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "http_status" INTEGER,
    "bytes" BIGINT,
    "checksum" TEXT,
    "edition_date" DATE,
    "import_run_id" TEXT,
    "error" TEXT,
    "runner" TEXT NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "sync_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "list_change" (
    "id" BIGSERIAL NOT NULL,
    "import_run_id" TEXT NOT NULL,
    "edition_date" DATE NOT NULL,
    "kind" "ChangeKind" NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "record_id" TEXT,
    "entity_name" TEXT NOT NULL,
    "authority_id" TEXT,
    "source_key" TEXT NOT NULL,
    "programs" TEXT[],
    "countries" TEXT[],
    "fields" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "list_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "watch" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "watch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_settings" (
    "user_id" TEXT NOT NULL,
    "email" TEXT NOT NULL DEFAULT 'immediate',
    "webhook_url" TEXT,
    "webhook_secret" TEXT,
    "last_digest_at" TIMESTAMP(3),
    "token_version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "alert_settings_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "notification" (
    "id" BIGSERIAL NOT NULL,
    "user_id" TEXT NOT NULL,
    "change_id" BIGINT NOT NULL,
    "matched" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMP(3),
    "emailed_at" TIMESTAMP(3),
    "webhook_at" TIMESTAMP(3),

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_delivery" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "response_status" INTEGER,
    "error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMP(3),

    CONSTRAINT "webhook_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sync_run_source_id_started_at_idx" ON "sync_run"("source_id", "started_at");

-- CreateIndex
CREATE INDEX "list_change_import_run_id_idx" ON "list_change"("import_run_id");

-- CreateIndex
CREATE INDEX "list_change_entity_id_idx" ON "list_change"("entity_id");

-- CreateIndex
CREATE INDEX "list_change_edition_date_idx" ON "list_change"("edition_date");

-- CreateIndex
CREATE INDEX "watch_kind_value_idx" ON "watch"("kind", "value");

-- CreateIndex
CREATE UNIQUE INDEX "watch_user_id_kind_value_key" ON "watch"("user_id", "kind", "value");

-- CreateIndex
CREATE INDEX "notification_user_id_read_at_idx" ON "notification"("user_id", "read_at");

-- CreateIndex
CREATE UNIQUE INDEX "notification_user_id_change_id_key" ON "notification"("user_id", "change_id");

-- CreateIndex
CREATE INDEX "webhook_delivery_user_id_created_at_idx" ON "webhook_delivery"("user_id", "created_at");

-- AddForeignKey
ALTER TABLE "sync_run" ADD CONSTRAINT "sync_run_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "list_source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "watch" ADD CONSTRAINT "watch_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_settings" ADD CONSTRAINT "alert_settings_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification" ADD CONSTRAINT "notification_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_delivery" ADD CONSTRAINT "webhook_delivery_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
