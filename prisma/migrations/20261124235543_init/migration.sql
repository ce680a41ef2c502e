-- Extensions for fuzzy name search (trigram similarity, accent folding). Both ship with
-- PostgreSQL's contrib and with PGlite.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- CreateEnum
CREATE TYPE "EntitySchema" AS ENUM ('Person', 'Organization', 'Company', 'LegalEntity', 'Vessel', 'Airplane');

-- CreateEnum
CREATE TYPE "DatePrecision" AS ENUM ('YEAR', 'MONTH', 'DAY');

-- CreateEnum
CREATE TYPE "DateQualifier" AS ENUM ('EXACT', 'ON_OR_BEFORE');

-- CreateEnum
CREATE TYPE "DesignationStatus" AS ENUM ('LISTED', 'AMENDED', 'DELISTED', 'RELISTED');

-- CreateEnum
CREATE TYPE "ParticipantRole" AS ENUM ('DEVELOPER', 'MANUFACTURER', 'PROCUREMENT_AGENT', 'COMPONENT_SUPPLIER', 'LOGISTICS', 'FINANCIER', 'OPERATOR');

-- CreateEnum
CREATE TYPE "ComponentCategory" AS ENUM ('ENGINES', 'ELECTRONICS', 'NAVIGATION', 'SERVOS', 'AIRFRAME_MATERIALS', 'AEROSPACE_COMPONENTS', 'OTHER');

-- CreateEnum
CREATE TYPE "MilestoneCategory" AS ENUM ('DIPLOMATIC', 'NUCLEAR', 'MILITARY', 'SANCTIONS', 'DOMESTIC', 'POLITICAL');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'ANALYST');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('RUNNING', 'DRY_RUN', 'APPLIED', 'FAILED');

-- CreateEnum
CREATE TYPE "MatchStatus" AS ENUM ('PENDING', 'MERGED', 'REJECTED');

-- CreateEnum
CREATE TYPE "AliasKind" AS ENUM ('ALIAS', 'WEAK_ALIAS', 'PREVIOUS_NAME');

-- CreateEnum
CREATE TYPE "RelationshipType" AS ENUM ('OWNERSHIP', 'DIRECTORSHIP', 'FAMILY', 'ASSOCIATE', 'EMPLOYMENT', 'MEMBERSHIP', 'UNKNOWN_LINK');

-- CreateTable
CREATE TABLE "entity" (
    "id" TEXT NOT NULL,
    "schema" "EntitySchema" NOT NULL,
    "name" TEXT NOT NULL,
    "name_norm" TEXT NOT NULL DEFAULT '',
    "countries" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "addresses" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "birth_date" DATE,
    "birth_date_precision" "DatePrecision",
    "notes" TEXT,
    "extra" JSONB,
    "merged_into_id" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "deleted_at" TIMESTAMP(3),

    CONSTRAINT "entity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "entity_alias" (
    "id" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_norm" TEXT NOT NULL DEFAULT '',
    "kind" "AliasKind" NOT NULL DEFAULT 'ALIAS',

    CONSTRAINT "entity_alias_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "identifier" (
    "id" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "country" TEXT,

    CONSTRAINT "identifier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "external_id" (
    "id" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,

    CONSTRAINT "external_id_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "authority" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "short_name" TEXT NOT NULL,
    "country" TEXT,
    "url" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "deleted_at" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "authority_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sanctions_program" (
    "id" TEXT NOT NULL,
    "authority_id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT,
    "legal_basis" TEXT,
    "url" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "deleted_at" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "sanctions_program_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "designation" (
    "id" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "authority_id" TEXT NOT NULL,
    "listing_date" DATE,
    "listing_date_precision" "DatePrecision",
    "listing_date_qualifier" "DateQualifier" NOT NULL DEFAULT 'EXACT',
    "start_date" DATE,
    "start_date_precision" "DatePrecision",
    "end_date" DATE,
    "end_date_precision" "DatePrecision",
    "status" "DesignationStatus" NOT NULL DEFAULT 'LISTED',
    "reason" TEXT,
    "measures" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "legal_act" TEXT,
    "authority_record_id" TEXT,
    "source_url" TEXT NOT NULL,
    "is_uncertain" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "origin" TEXT NOT NULL,
    "origin_key" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "deleted_at" TIMESTAMP(3),

    CONSTRAINT "designation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "designation_program" (
    "designation_id" TEXT NOT NULL,
    "program_id" TEXT NOT NULL,
    "removed_on" DATE,

    CONSTRAINT "designation_program_pkey" PRIMARY KEY ("designation_id","program_id")
);

-- CreateTable
CREATE TABLE "designation_event" (
    "id" TEXT NOT NULL,
    "designation_id" TEXT NOT NULL,
    "status" "DesignationStatus" NOT NULL,
    "date" DATE NOT NULL,
    "date_precision" "DatePrecision" NOT NULL DEFAULT 'DAY',
    "note" TEXT,
    "source_url" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "designation_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "weapons_program" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "type" TEXT NOT NULL,
    "country_of_origin" TEXT,
    "description" TEXT,
    "source_urls" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "note" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "deleted_at" TIMESTAMP(3),

    CONSTRAINT "weapons_program_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "program_participant" (
    "id" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "weapons_program_id" TEXT NOT NULL,
    "role" "ParticipantRole" NOT NULL,
    "start_date" DATE,
    "start_date_precision" "DatePrecision",
    "end_date" DATE,
    "end_date_precision" "DatePrecision",
    "source_url" TEXT NOT NULL,
    "evidence" TEXT,
    "is_uncertain" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "deleted_at" TIMESTAMP(3),

    CONSTRAINT "program_participant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "supply_link" (
    "id" TEXT NOT NULL,
    "supplier_id" TEXT NOT NULL,
    "recipient_id" TEXT NOT NULL,
    "component_category" "ComponentCategory" NOT NULL,
    "weapons_program_id" TEXT,
    "start_date" DATE,
    "start_date_precision" "DatePrecision",
    "end_date" DATE,
    "end_date_precision" "DatePrecision",
    "source_url" TEXT NOT NULL,
    "evidence" TEXT,
    "is_uncertain" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "deleted_at" TIMESTAMP(3),

    CONSTRAINT "supply_link_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "relationship" (
    "id" TEXT NOT NULL,
    "type" "RelationshipType" NOT NULL,
    "subject_id" TEXT NOT NULL,
    "object_id" TEXT NOT NULL,
    "role" TEXT,
    "start_date" DATE,
    "start_date_precision" "DatePrecision",
    "end_date" DATE,
    "end_date_precision" "DatePrecision",
    "source_url" TEXT NOT NULL,
    "extra" JSONB,
    "origin" TEXT NOT NULL,
    "origin_key" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "deleted_at" TIMESTAMP(3),

    CONSTRAINT "relationship_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "milestone" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "date_precision" "DatePrecision" NOT NULL,
    "end_date" DATE,
    "end_date_precision" "DatePrecision",
    "title" TEXT NOT NULL,
    "category" "MilestoneCategory" NOT NULL,
    "description" TEXT,
    "quote" TEXT,
    "note" TEXT,
    "source_url" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "deleted_at" TIMESTAMP(3),

    CONSTRAINT "milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "password_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'ANALYST',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "must_change_password" BOOLEAN NOT NULL DEFAULT false,
    "last_login_at" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "actor_id" TEXT,
    "actor_label" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" TEXT,
    "before" JSONB,
    "after" JSONB,
    "meta" JSONB,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "saved_view" (
    "id" TEXT NOT NULL,
    "owner_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "saved_view_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_token" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "last_used_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_run" (
    "id" TEXT NOT NULL,
    "actor_id" TEXT,
    "actor_label" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "file_sha256" TEXT NOT NULL,
    "file_bytes" BIGINT NOT NULL,
    "status" "ImportStatus" NOT NULL,
    "dry_run" BOOLEAN NOT NULL DEFAULT false,
    "created" INTEGER NOT NULL DEFAULT 0,
    "changed" INTEGER NOT NULL DEFAULT 0,
    "lifted" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "records" INTEGER NOT NULL DEFAULT 0,
    "report" JSONB,
    "error" TEXT,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "import_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "match_candidate" (
    "id" TEXT NOT NULL,
    "entity_a_id" TEXT NOT NULL,
    "entity_b_id" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "MatchStatus" NOT NULL DEFAULT 'PENDING',
    "decided_by_id" TEXT,
    "decided_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "match_candidate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limit_bucket" (
    "key" TEXT NOT NULL,
    "window_start" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "rate_limit_bucket_pkey" PRIMARY KEY ("key","window_start")
);

-- CreateIndex
CREATE INDEX "entity_name_norm_trgm" ON "entity" USING GIN ("name_norm" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "entity_schema_idx" ON "entity"("schema");

-- CreateIndex
CREATE INDEX "entity_deleted_at_idx" ON "entity"("deleted_at");

-- CreateIndex
CREATE INDEX "entity_alias_name_norm_trgm" ON "entity_alias" USING GIN ("name_norm" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "entity_alias_entity_id_name_kind_key" ON "entity_alias"("entity_id", "name", "kind");

-- CreateIndex
CREATE INDEX "identifier_type_value_idx" ON "identifier"("type", "value");

-- CreateIndex
CREATE UNIQUE INDEX "identifier_entity_id_type_value_key" ON "identifier"("entity_id", "type", "value");

-- CreateIndex
CREATE INDEX "external_id_entity_id_idx" ON "external_id"("entity_id");

-- CreateIndex
CREATE UNIQUE INDEX "external_id_source_external_id_key" ON "external_id"("source", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "sanctions_program_authority_id_code_key" ON "sanctions_program"("authority_id", "code");

-- CreateIndex
CREATE INDEX "designation_listing_date_authority_id_idx" ON "designation"("listing_date", "authority_id");

-- CreateIndex
CREATE INDEX "designation_start_date_authority_id_idx" ON "designation"("start_date", "authority_id");

-- CreateIndex
CREATE INDEX "designation_end_date_idx" ON "designation"("end_date");

-- CreateIndex
CREATE INDEX "designation_authority_id_idx" ON "designation"("authority_id");

-- CreateIndex
CREATE INDEX "designation_entity_id_idx" ON "designation"("entity_id");

-- CreateIndex
CREATE UNIQUE INDEX "designation_origin_origin_key_key" ON "designation"("origin", "origin_key");

-- CreateIndex
CREATE INDEX "designation_program_program_id_idx" ON "designation_program"("program_id");

-- CreateIndex
CREATE UNIQUE INDEX "designation_event_designation_id_status_date_key" ON "designation_event"("designation_id", "status", "date");

-- CreateIndex
CREATE UNIQUE INDEX "weapons_program_slug_key" ON "weapons_program"("slug");

-- CreateIndex
CREATE INDEX "program_participant_weapons_program_id_idx" ON "program_participant"("weapons_program_id");

-- CreateIndex
CREATE UNIQUE INDEX "program_participant_entity_id_weapons_program_id_role_key" ON "program_participant"("entity_id", "weapons_program_id", "role");

-- CreateIndex
CREATE INDEX "supply_link_recipient_id_idx" ON "supply_link"("recipient_id");

-- CreateIndex
CREATE UNIQUE INDEX "supply_link_supplier_id_recipient_id_component_category_wea_key" ON "supply_link"("supplier_id", "recipient_id", "component_category", "weapons_program_id");

-- CreateIndex
CREATE INDEX "relationship_subject_id_idx" ON "relationship"("subject_id");

-- CreateIndex
CREATE INDEX "relationship_object_id_idx" ON "relationship"("object_id");

-- CreateIndex
CREATE UNIQUE INDEX "relationship_origin_origin_key_key" ON "relationship"("origin", "origin_key");

-- CreateIndex
CREATE UNIQUE INDEX "milestone_slug_key" ON "milestone"("slug");

-- CreateIndex
CREATE INDEX "milestone_date_idx" ON "milestone"("date");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

-- CreateIndex
CREATE INDEX "audit_event_target_type_target_id_idx" ON "audit_event"("target_type", "target_id");

-- CreateIndex
CREATE INDEX "audit_event_at_idx" ON "audit_event"("at");

-- CreateIndex
CREATE INDEX "audit_event_actor_id_idx" ON "audit_event"("actor_id");

-- CreateIndex
CREATE UNIQUE INDEX "saved_view_owner_id_name_key" ON "saved_view"("owner_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "api_token_token_hash_key" ON "api_token"("token_hash");

-- CreateIndex
CREATE INDEX "api_token_user_id_idx" ON "api_token"("user_id");

-- CreateIndex
CREATE INDEX "import_run_started_at_idx" ON "import_run"("started_at");

-- CreateIndex
CREATE INDEX "match_candidate_status_idx" ON "match_candidate"("status");

-- CreateIndex
CREATE UNIQUE INDEX "match_candidate_entity_a_id_entity_b_id_key" ON "match_candidate"("entity_a_id", "entity_b_id");

-- AddForeignKey
ALTER TABLE "entity" ADD CONSTRAINT "entity_merged_into_id_fkey" FOREIGN KEY ("merged_into_id") REFERENCES "entity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "entity_alias" ADD CONSTRAINT "entity_alias_entity_id_fkey" FOREIGN KEY ("entity_id") REFERENCES "entity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identifier" ADD CONSTRAINT "identifier_entity_id_fkey" FOREIGN KEY ("entity_id") REFERENCES "entity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "external_id" ADD CONSTRAINT "external_id_entity_id_fkey" FOREIGN KEY ("entity_id") REFERENCES "entity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sanctions_program" ADD CONSTRAINT "sanctions_program_authority_id_fkey" FOREIGN KEY ("authority_id") REFERENCES "authority"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "designation" ADD CONSTRAINT "designation_entity_id_fkey" FOREIGN KEY ("entity_id") REFERENCES "entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "designation" ADD CONSTRAINT "designation_authority_id_fkey" FOREIGN KEY ("authority_id") REFERENCES "authority"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "designation_program" ADD CONSTRAINT "designation_program_designation_id_fkey" FOREIGN KEY ("designation_id") REFERENCES "designation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "designation_program" ADD CONSTRAINT "designation_program_program_id_fkey" FOREIGN KEY ("program_id") REFERENCES "sanctions_program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "designation_event" ADD CONSTRAINT "designation_event_designation_id_fkey" FOREIGN KEY ("designation_id") REFERENCES "designation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "program_participant" ADD CONSTRAINT "program_participant_entity_id_fkey" FOREIGN KEY ("entity_id") REFERENCES "entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "program_participant" ADD CONSTRAINT "program_participant_weapons_program_id_fkey" FOREIGN KEY ("weapons_program_id") REFERENCES "weapons_program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supply_link" ADD CONSTRAINT "supply_link_supplier_id_fkey" FOREIGN KEY ("supplier_id") REFERENCES "entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supply_link" ADD CONSTRAINT "supply_link_recipient_id_fkey" FOREIGN KEY ("recipient_id") REFERENCES "entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supply_link" ADD CONSTRAINT "supply_link_weapons_program_id_fkey" FOREIGN KEY ("weapons_program_id") REFERENCES "weapons_program"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "relationship" ADD CONSTRAINT "relationship_subject_id_fkey" FOREIGN KEY ("subject_id") REFERENCES "entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "relationship" ADD CONSTRAINT "relationship_object_id_fkey" FOREIGN KEY ("object_id") REFERENCES "entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "saved_view" ADD CONSTRAINT "saved_view_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_run" ADD CONSTRAINT "import_run_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written below: objects Prisma's schema language cannot express (and its diff ignores).

-- Search normalisation: lower case, accents folded, punctuation collapsed. Kept in name_norm
-- columns by triggers so the GIN trigram indexes serve fuzzy search; the app never writes them.
CREATE OR REPLACE FUNCTION st_normalize(input text) RETURNS text AS $$
  SELECT btrim(regexp_replace(lower(unaccent(coalesce(input, ''))), '[^[:alnum:]]+', ' ', 'g'))
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION st_set_name_norm() RETURNS trigger AS $$
BEGIN
  NEW.name_norm := st_normalize(NEW.name);
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER entity_name_norm BEFORE INSERT OR UPDATE OF name ON "entity"
  FOR EACH ROW EXECUTE FUNCTION st_set_name_norm();
CREATE TRIGGER entity_alias_name_norm BEFORE INSERT OR UPDATE OF name ON "entity_alias"
  FOR EACH ROW EXECUTE FUNCTION st_set_name_norm();

-- The audit trail is append-only: nothing (the app, an import, a stray script) rewrites history.
CREATE OR REPLACE FUNCTION st_audit_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only';
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON "audit_event"
  FOR EACH ROW EXECUTE FUNCTION st_audit_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "audit_event"
  FOR EACH STATEMENT EXECUTE FUNCTION st_audit_append_only();
