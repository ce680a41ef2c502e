import 'server-only';
// Entity search over names and aliases, in SQL: pg_trgm word similarity on the normalised names
// (GIN trigram indexes entity_name_norm_trgm / entity_alias_name_norm_trgm), substring matches, and a
// consonant-skeleton regular expression for transliteration variants (lib/search-pattern.ts), whose
// candidates come from the trigram index on the stored skeleton (name_skel), so no query scans.
import { Prisma } from './generated/client';
import { prisma } from './client';
import { isoDay, type DatePrecision } from '../dates';
import { normalizeName, skeletonLikePattern, transliterationPattern } from '../search-pattern';
import type { EntityListQuery } from '../validation/entities';
import type { SearchQuery, SearchResponse } from '../validation/api-v1';

export type EntitySearchItem = {
  id: string;
  name: string;
  schema: string;
  countries: string[];
  designations: number;
  authorities: string[];
  firstListed: string | null;
  firstListedPrecision: DatePrecision | null;
  /** The earliest listing is only known to be on or before that day (before our history starts). */
  firstListedOnOrBefore: boolean;
  /** The alias that matched, when it scored better than the name. */
  matchedAlias: string | null;
  score: number;
};

export type FacetCount = { value: string; count: number };
export type EntityFacets = { schema: FacetCount[]; country: FacetCount[]; authority: FacetCount[] };
export type EntitySearchResult = { items: EntitySearchItem[]; total: number; facets: EntityFacets };

type Facet = 'schema' | 'country' | 'authority';

/**
 * The trigram test's extra condition for a query of two words or more: every word leaves a trace
 * in the name — word similarity ≥ WORD_TRACE. Word similarity of the whole query reaches pg_trgm's
 * threshold (0.6) with one long word alone: "Qods Aviation" matched every "… Aviation …" name (9,858
 * of its 14,027 matches at 1M designations, none of them Qods), "Golden Star Shipping" every
 * shipping company. 0.3 keeps a misspelled word ("Sukoi" in "Sukhoi Aerospace" 0.5, "Muhamad" in
 * "Mohammad Rezaei" 0.31) and drops an absent one ("Star" in "Almaz Shipping Co": 0.2, a trigram in
 * common). The substring and transliteration tests need no such condition: they hold for every word.
 */
function traces(words: string[], col: Prisma.Sql): Prisma.Sql {
  if (words.length < 2) return Prisma.empty;
  return Prisma.sql` AND ${Prisma.join(words.map((w) => Prisma.sql`word_similarity(${w}::text, ${col}) >= ${WORD_TRACE}`), ' AND ')}`;
}
const WORD_TRACE = 0.3;

/**
 * Relevance of a name against the query, 0..1: 1 the whole name, 0.95 a prefix, 0.9 a substring,
 * else the better of 0.8 for the transliteration (skeleton) pattern and 0.85 × trigram word
 * similarity. A name matches when one of the three tests holds: substring, skeleton, or word
 * similarity at pg_trgm's threshold (`<%`) with a trace of every word (traces()).
 *
 * Each test is a branch of its own, served by its own trigram index (name_norm, name_skel,
 * name_norm), that computes only its own score; an entity's relevance is its best branch. That is
 * the greatest of the three scores, as before, when one expression computed all three: it ran the
 * regular expression and word similarity (~10 µs a name each) on every skeleton match — 14k names
 * for "Ghods" at 1M designations — to find the few whose similarity beat 0.8, which the trigram
 * branch finds through its index (similarity ≥ 0.94 is above the threshold).
 */
function nameBranches(table: 'entity' | 'alias', pattern: string | null, skelLike: string | null, words: string[]): Prisma.Sql[] {
  const qn = Prisma.sql`(SELECT qn FROM query)`;
  const col = table === 'entity' ? Prisma.sql`e.name_norm` : Prisma.sql`a.name_norm`;
  const skel = table === 'entity' ? Prisma.sql`e.name_skel` : Prisma.sql`a.name_skel`;
  // The live entity with the columns the search reads, and the alias that matched (null: the name).
  // NOTE: each branch reads its entities' rows (the name branches have them at hand already), rather
  // than the hits joining entity once deduplicated: a primary-key lookup per match (14k for
  // "Qods Aviation" at 1M designations).
  const columns = Prisma.sql`e.id, e.name, e.name_norm, e.schema::text AS schema, e.countries,
    coalesce(e.designation_authorities, '{}') AS authorities, e.first_listed`;
  const select = table === 'entity' ? Prisma.sql`SELECT ${columns}, NULL::text AS matched_alias` : Prisma.sql`SELECT ${columns}, a.name AS matched_alias`;
  const live = Prisma.sql`e.deleted_at IS NULL AND e.merged_into_id IS NULL`;
  // NOTE: OFFSET 0 keeps the entity lookup a primary-key probe per matching alias. Flattened into a
  // join, the planner hashed the whole entity table for a few thousand aliases ("Ghods" at 1M
  // designations, after VACUUM FULL: a 300k-row scan, 98 of the search's 190 ms).
  const from = table === 'entity' ? Prisma.sql`FROM entity e` : Prisma.sql`FROM entity_alias a CROSS JOIN LATERAL (SELECT * FROM entity e WHERE e.id = a.entity_id OFFSET 0) e`;
  const substring = Prisma.sql`${col} LIKE '%' || ${qn} || '%'`;
  // NOTE: regexp_like, not `~`: the planner would also run the expression through the name_norm
  // trigram index (a bitmap of 40k rows at 300k entities for "Ghods", ANDed with the skeleton's 14k),
  // where rechecking the skeleton candidates alone is cheaper. A function call is not indexable.
  const bySkeleton = pattern && skelLike ? Prisma.sql`${skel} LIKE ${skelLike} AND regexp_like(${col}, ${pattern})` : null;
  // Without a skeleton LIKE (no word has three consonants) the pattern is the words as written: it
  // finds nothing by itself, and scores 0.8 for what word similarity found.
  const asWritten = pattern && !bySkeleton ? Prisma.sql`CASE WHEN regexp_like(${col}, ${pattern}) THEN 0.8 ELSE 0 END` : Prisma.sql`0`;
  // The later branches leave out substring matches, which score higher there (a cheap LIKE that
  // saves sorting each such name three times).
  return [
    Prisma.sql`${select}, CASE WHEN ${col} = ${qn} THEN 1.0 WHEN ${col} LIKE ${qn} || '%' THEN 0.95 ELSE 0.9 END AS score ${from} WHERE ${substring} AND ${live}`,
    ...(bySkeleton ? [Prisma.sql`${select}, 0.8 AS score ${from} WHERE ${bySkeleton} AND NOT ${substring} AND ${live}`] : []),
    Prisma.sql`${select}, GREATEST(${asWritten}, 0.85 * word_similarity(${qn}, ${col})) AS score ${from} WHERE ${qn} <% ${col} AND NOT ${substring}${traces(words, col)} AND ${live}`,
  ];
}

/**
 * Every live entity whose name or an alias matches `text` (needs `query(qn)` in the WITH), once,
 * with its best score, the alias that scored it (null when the name did; the name wins a tie), and
 * the entity's columns that the search reads — with its live designations' authorities and first
 * listing, which triggers keep on the entity row (migration entity_designation_summary) — as a
 * subquery.
 */
function nameHits(text: string): Prisma.Sql {
  const pattern = transliterationPattern(text);
  const skelLike = skeletonLikePattern(text);
  const words = [...new Set(normalizeName(text).split(' ').filter(Boolean))];
  const branches = [...nameBranches('entity', pattern, skelLike, words), ...nameBranches('alias', pattern, skelLike, words)];
  return Prisma.sql`(
    SELECT DISTINCT ON (id) id, name, name_norm, schema, countries, score::float8 AS score, matched_alias, authorities, first_listed
    FROM (${Prisma.join(branches, ' UNION ALL ')}) hits
    ORDER BY id, score DESC, matched_alias NULLS FIRST)`;
}

/**
 * The live entities that pass the filters, except the facet being counted (so a facet shows what
 * choosing another of its values would give), as the statement's `WITH matched`: the search
 * without a name query (searchByName serves the name queries).
 */
function matchedCte(q: EntityListQuery, except?: Facet): Prisma.Sql {
  const filters: Prisma.Sql[] = [Prisma.sql`e.deleted_at IS NULL`, Prisma.sql`e.merged_into_id IS NULL`];
  if (q.schema.length && except !== 'schema') filters.push(Prisma.sql`e.schema::text IN (${Prisma.join(q.schema)})`);
  if (q.country.length && except !== 'country') filters.push(Prisma.sql`e.countries && ARRAY[${Prisma.join(q.country)}]::text[]`);
  if (q.authority.length && except !== 'authority') filters.push(Prisma.sql`e.designation_authorities && ARRAY[${Prisma.join(q.authority)}]::text[]`);
  // The columns the sort and the facets read, so that neither joins entity again (300k rows at 1M
  // designations: the join was half of each facet's time).
  return Prisma.sql`WITH matched AS (
    SELECT e.id, e.name_norm, e.schema::text AS schema, e.countries, coalesce(e.designation_authorities, '{}') AS authorities, e.first_listed
    FROM entity e WHERE ${Prisma.join(filters, ' AND ')})`;
}

/**
 * A multi-valued facet (countries, authorities) of a set `from` with an array column: the set's
 * rows counted per distinct array first (a few hundred sets of values however many rows), taken
 * apart only then — unnesting every row's array was most of a facet's time for 300k entities (and
 * half of it for the 19k matches of "Ghods"). Each row counts once per value (values made distinct).
 */
function arrayFacetCounts(from: Prisma.Sql, column: Prisma.Sql, where: Prisma.Sql, limit: number): Prisma.Sql {
  return Prisma.sql`SELECT u.v AS value, sum(g.n)::int AS count
    FROM (SELECT ${column} AS arr, count(*) AS n FROM ${from} WHERE ${where} GROUP BY 1) g
    CROSS JOIN LATERAL (SELECT DISTINCT unnest(g.arr) AS v) u
    GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${limit}`;
}

// Without a name query every score is 0: relevance is the name order.
const ORDER: Record<EntityListQuery['sort'], Prisma.Sql> = {
  relevance: Prisma.sql`m.name_norm, m.id`,
  name: Prisma.sql`m.name_norm, m.id`,
  listed: Prisma.sql`m.first_listed ASC NULLS LAST, m.name_norm, m.id`,
  '-listed': Prisma.sql`m.first_listed DESC NULLS LAST, m.name_norm, m.id`,
};

/** One page of matching entities, the total, and facet counts — all computed in SQL. */
export async function searchEntities(q: EntityListQuery): Promise<EntitySearchResult> {
  if (q.q) return searchByName({ ...q, q: q.q });
  // NOTE: the page is cut first (every sort key is on the entity row: the designations' authorities
  // and first listing are kept there), so the rest of the designation summary runs for its 20–200
  // entities, not for every match.
  const page = Prisma.sql`(SELECT m.* FROM matched m ORDER BY ${ORDER[q.sort]} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}) m`;
  const [rows, [count], schema, country, authority] = await Promise.all([
    prisma.$queryRaw<Array<Omit<EntitySearchItem, 'firstListed' | 'firstListedPrecision'> & { first_listed: Date | null; first_precision: DatePrecision | null }>>`
      ${matchedCte(q)}
      SELECT e.id, e.name, m.schema, m.countries, 0::float8 AS score, NULL::text AS "matchedAlias",
        ds.designations, m.authorities, m.first_listed, ds.first_precision, ds."firstListedOnOrBefore"
      FROM ${page} JOIN entity e ON e.id = m.id
      CROSS JOIN LATERAL (
        SELECT count(*)::int AS designations,
          (array_agg(d.listing_date_precision::text ORDER BY d.listing_date) FILTER (WHERE d.listing_date IS NOT NULL))[1] AS first_precision,
          COALESCE((array_agg(d.listing_date_qualifier::text ORDER BY d.listing_date) FILTER (WHERE d.listing_date IS NOT NULL))[1] = 'ON_OR_BEFORE', false) AS "firstListedOnOrBefore"
        FROM designation d WHERE d.entity_id = e.id AND d.deleted_at IS NULL
      ) ds
      ORDER BY ${ORDER[q.sort]}`,
    // NOTE: four statements, each its own scan of the entities, run side by side on the pool: one
    // scan grouped by all three facets at once (GROUPING SETS) took longer than the four together.
    prisma.$queryRaw<Array<{ total: number }>>`${matchedCte(q)} SELECT count(*)::int AS total FROM matched`,
    prisma.$queryRaw<FacetCount[]>`${matchedCte(q, 'schema')} SELECT schema AS value, count(*)::int AS count FROM matched GROUP BY 1 ORDER BY 2 DESC, 1`,
    prisma.$queryRaw<FacetCount[]>`${matchedCte(q, 'country')} ${arrayFacetCounts(Prisma.sql`matched m`, Prisma.sql`m.countries`, Prisma.sql`true`, 30)}`,
    prisma.$queryRaw<FacetCount[]>`${matchedCte(q, 'authority')} ${arrayFacetCounts(Prisma.sql`matched m`, Prisma.sql`m.authorities`, Prisma.sql`true`, 100)}`,
  ]);
  return {
    items: rows.map(({ first_listed, first_precision, ...r }) => ({ ...r, score: Number(r.score), firstListed: first_listed ? isoDay(first_listed) : null, firstListedPrecision: first_precision })),
    total: count?.total ?? 0,
    facets: { schema, country, authority },
  };
}

const ORDER_BASE: Record<EntityListQuery['sort'], Prisma.Sql> = {
  // At equal relevance an entity's own name before a name it is also known by: "Pegas 12" before
  // "Darya 10 (alias Pegas 12)".
  relevance: Prisma.sql`b.score DESC, b.matched_alias IS NOT NULL, b.name_norm, b.id`,
  name: Prisma.sql`b.name_norm, b.id`,
  listed: Prisma.sql`b.first_listed ASC NULLS LAST, b.name_norm, b.id`,
  '-listed': Prisma.sql`b.first_listed DESC NULLS LAST, b.name_norm, b.id`,
};

/** The filters as conditions on the matched set's own columns, except the facet being counted. */
function baseFilters(q: EntityListQuery, except?: Facet): Prisma.Sql {
  const f: Prisma.Sql[] = [Prisma.sql`true`];
  if (q.schema.length && except !== 'schema') f.push(Prisma.sql`b.schema IN (${Prisma.join(q.schema)})`);
  if (q.country.length && except !== 'country') f.push(Prisma.sql`b.countries && ARRAY[${Prisma.join(q.country)}]::text[]`);
  if (q.authority.length && except !== 'authority') f.push(Prisma.sql`b.authorities && ARRAY[${Prisma.join(q.authority)}]::text[]`);
  return Prisma.join(f, ' AND ');
}

type Item = Omit<EntitySearchItem, 'firstListedPrecision'> & { firstListedPrecision: DatePrecision | null };

/**
 * A name search in ONE statement: the names are matched once (a materialised CTE of the matching
 * live entities with their designation summary), then the page, the total and the three facet
 * counts are cut from that set. Before, five statements each matched the names again, which made
 * search five times the cost of the bare trigram lookup (BENCHMARKS.md, search).
 */
async function searchByName(q: EntityListQuery & { q: string }): Promise<EntitySearchResult> {
  // Each entity yields a value at most once (its type; its authorities, distinct; its countries,
  // made distinct), so count(*) counts entities — a hash aggregate, where count(DISTINCT) sorted
  // every (value, match) pair.
  const asJson = (counts: Prisma.Sql) => Prisma.sql`
    (SELECT coalesce(json_agg(json_build_object('value', value, 'count', count) ORDER BY count DESC, value), '[]'::json) FROM (${counts}) f)`;
  const facet = (except: Facet, value: Prisma.Sql, limit: number) =>
    asJson(Prisma.sql`SELECT ${value} AS value, count(*)::int AS count FROM base b WHERE ${baseFilters(q, except)} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${limit}`);
  const arrayFacet = (except: Facet, column: Prisma.Sql, limit: number) => asJson(arrayFacetCounts(Prisma.sql`base b`, column, baseFilters(q, except), limit));
  const [row] = await prisma.$queryRaw<Array<{ items: Item[] | null; total: number; schema: FacetCount[]; country: FacetCount[]; authority: FacetCount[] }>>`
    WITH query AS (SELECT st_normalize(${q.q}) AS qn),
    -- NOTE: per match only what the filters, facets and sort need (authorities, first listing: on
    -- the entity row); the rest of the designation summary is computed for the page's rows alone.
    base AS MATERIALIZED (SELECT * FROM ${nameHits(q.q)} h),
    page AS (
      SELECT b.*, ds.designations, ds.first_precision, ds.first_on_or_before
      FROM (SELECT * FROM base b WHERE ${baseFilters(q)} ORDER BY ${ORDER_BASE[q.sort]} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}) b
      CROSS JOIN LATERAL (
        SELECT count(*)::int AS designations,
          (array_agg(d.listing_date_precision::text ORDER BY d.listing_date) FILTER (WHERE d.listing_date IS NOT NULL))[1] AS first_precision,
          COALESCE((array_agg(d.listing_date_qualifier::text ORDER BY d.listing_date) FILTER (WHERE d.listing_date IS NOT NULL))[1] = 'ON_OR_BEFORE', false) AS first_on_or_before
        FROM designation d WHERE d.entity_id = b.id AND d.deleted_at IS NULL
      ) ds
    )
    SELECT
      (SELECT json_agg(json_build_object('id', b.id, 'name', b.name, 'schema', b.schema, 'countries', b.countries, 'score', b.score, 'matchedAlias', b.matched_alias,
         'designations', b.designations, 'authorities', b.authorities, 'firstListed', b.first_listed, 'firstListedPrecision', b.first_precision,
         'firstListedOnOrBefore', b.first_on_or_before) ORDER BY ${ORDER_BASE[q.sort]}) FROM page b) AS items,
      (SELECT count(*)::int FROM base b WHERE ${baseFilters(q)}) AS total,
      ${facet('schema', Prisma.sql`b.schema`, 100)} AS schema,
      ${arrayFacet('country', Prisma.sql`b.countries`, 30)} AS country,
      ${arrayFacet('authority', Prisma.sql`b.authorities`, 100)} AS authority`;
  return {
    items: (row?.items ?? []).map((i) => ({ ...i, score: Number(i.score) })),
    total: row?.total ?? 0,
    facets: { schema: row?.schema ?? [], country: row?.country ?? [], authority: row?.authority ?? [] },
  };
}

/** The read API's search (/api/v1/search): the best `limit` matches, the total and the facets. */
export async function searchEntityNames(q: SearchQuery): Promise<SearchResponse> {
  const r = await searchEntities({
    q: q.q,
    schema: q.schema,
    authority: q.authority,
    country: q.country.map((c) => c.toLowerCase()),
    sort: 'relevance',
    page: 1,
    pageSize: q.limit,
    isSortExplicit: false,
  });
  return {
    items: r.items.map((i) => ({ id: i.id, name: i.name, schema: i.schema as SearchResponse['items'][number]['schema'], countries: i.countries, authorities: i.authorities, designations: i.designations, score: i.score, matchedAlias: i.matchedAlias })),
    total: r.total,
    facets: r.facets,
  };
}
