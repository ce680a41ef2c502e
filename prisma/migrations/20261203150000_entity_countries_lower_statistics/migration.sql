-- Statistics on the lower-cased country codes of entities: the overview's country filter matches
-- codes case-insensitively through this very expression (lib/db/metrics.ts COUNTRY_CODES_LOWER).
-- Without them the planner guessed that a country keeps 0.5% of the entities (Russia keeps 31% of
-- the benchmark's), chose an index nested loop over the designations and no parallel plan: 0.86 s
-- at 1M designations, against 0.43 s with them. Filled by ANALYZE (and autovacuum) like any others.
CREATE STATISTICS "entity_countries_lower" ON (lower(countries::text)::text[]) FROM "entity";
ANALYZE "entity";
