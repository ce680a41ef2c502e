-- An entity's designations with what search summarises for every match (liveness, authority, first
-- listing), so that summary is an index-only scan rather than a heap visit per designation: a broad
-- misspelling at 1M designations, 450 → 300 ms. It replaces the index on entity_id alone, which it
-- also serves (foreign-key checks, an entity's designations).
-- DropIndex
DROP INDEX "designation_entity_id_idx";

-- CreateIndex
CREATE INDEX "designation_entity_id_deleted_at_authority_id_listing_date_idx" ON "designation"("entity_id", "deleted_at", "authority_id", "listing_date");
