-- Hand-written (docs/adr/0009): a chart filtered by program or country keeps the set rollups' rows
-- whose set holds a chosen value (lib/db/metrics.ts setFilter: string_to_array(set, U+001F) && the
-- chosen values). Without an index that is a scan of every row (400k program-set rows at 1M
-- designations) and the split of each set; these GIN indexes on the sets' values find the rows of
-- one program or country (e.g. US-OFAC:IRAN, ru) directly. Prisma cannot declare an index on an
-- expression, and its diff ignores such indexes (verified with db:migrate:create).
CREATE INDEX "designation_program_month_count_values" ON "designation_program_month_count" USING gin (string_to_array("programs", E'\x1f'));
CREATE INDEX "designation_country_month_count_values" ON "designation_country_month_count" USING gin (string_to_array("countries", E'\x1f'));
