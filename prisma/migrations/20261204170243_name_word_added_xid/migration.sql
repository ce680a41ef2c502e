-- The transaction that added each vocabulary word, for the search's cache of word sets
-- (lib/db/word-set-cache.ts): a cached set is reused while no word has been added by a transaction
-- that its computation could not see. The default runs in the inserting transaction (the
-- vocabulary triggers of migration search_by_words); existing words get this migration's.

-- AlterTable
ALTER TABLE "name_word" ADD COLUMN     "added_xid" xid8 NOT NULL DEFAULT pg_current_xact_id();

-- CreateIndex
CREATE INDEX "name_word_added_xid_idx" ON "name_word"("added_xid");
