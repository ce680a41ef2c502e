import 'server-only';
// Entity search over names and aliases, in SQL: substring matches, a consonant-skeleton regular
// expression for transliteration variants (lib/search-pattern.ts) and pg_trgm word similarity on the
// normalised names. The query's words are matched against the vocabulary of the names' words
// (name_word, indexed), and the names holding them found through the GIN indexes on name_words
// (docs/adr/0011-search-by-words.md), so no query scans and few names are read that do not match.
import { Prisma } from './generated/client';
import { caseActions } from './cases/filter';
import { prisma } from './client';
import { isoDay, type DatePrecision } from '../dates';
import { isPatternWord, lettersLikeOfWords, patternOfWords, skeletonLikeOfWords, wordPattern, wordSkeletonLike } from '../search-pattern';
import { MAX_SET_WORDS, cachedWordSet, storeWordSets } from './word-set-cache';
import { env } from '../env';
import { AppError, sqlState } from '../errors';
import { NOT_BY_ANY, type EntityListQuery } from '../validation/entities';
import type { SearchQuery, SearchResponse } from '../validation/api-v1';
import { authorize } from '../auth/verified';
import type { Principal } from '../auth/permissions';

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
 * Word similarity of the whole query to the name for the trigram test: pg_trgm's default
 * word_similarity_threshold, which `<%` applies (a one-word query uses the operator, for its index).
 */
const WHOLE = 0.6;
/** Trigram similarity of each word of a several-word query to one of the name's words (`%`). */
const TRACE = 0.3;
/** PostgreSQL's SQLSTATE for a statement cancelled, here by the search's statement timeout. */
const QUERY_CANCELED = '57014';
/** A substring set of more words than this is not used to find a one-word query's names (nameBranches). */
export const BIG_SET = 1_000;
/** The score of a transliteration match, and the factor of word similarity in a trigram match's (SQL literals). */
const TRANSLITERATED = Prisma.raw('0.8');
const FUZZY = Prisma.raw('0.85');

/**
 * The query's words as the database normalises names (st_normalize, which the name_norm columns
 * hold): the vocabulary lookups compare them with the names' own words, so they must fold the same
 * way (normalizeName in TypeScript differs on a few letters: ø, ł, ß).
 */
async function queryWords(text: string): Promise<string[]> {
  const [row] = await prisma.$queryRaw<Array<{ words: string[] }>>`SELECT string_to_array(st_normalize(${text}), ' ') AS words`;
  return row?.words ?? [];
}

/**
 * Per query word, the vocabulary's words (name_word) that can make a name match it under each test,
 * as the statement's `sets` CTE — one row of arrays, a column per word and test:
 *  - substring: a name contains the query as written, so its words contain the query's words —
 *    the first as a word's end, the last as a word's start, those between as whole words (one word:
 *    anywhere in a word);
 *  - transliteration: one of the name's words holds the query word's skeleton and its pattern
 *    matches the word's start (wordSkeletonLike, wordPattern; candidates from the indexed skeletons);
 *  - trigram (two words or more): the query word is like one of the name's words — pg_trgm
 *    similarity ≥ TRACE (`%`, indexed; searchByName sets its threshold). This is the "trace" of every word
 *    that keeps "Qods Aviation" from matching every "… Aviation …" name (ADR 0009).
 * The sets are exact for each word; a name holding a word of every set is a candidate, which the
 * whole-query test (substring, ordered pattern, whole word similarity) then checks.
 */
type WordSets = {
  cte: Prisma.Sql;
  substring: Prisma.Sql[];
  skeleton: Prisma.Sql[] | null;
  trace: Prisma.Sql[] | null;
  /** Each set's cache key (a test and a query word), in column order (s0, s1, …). */
  keys: string[];
  /** How many sets came with a cached value (the statement's `reused` says how many were current). */
  cached: number;
};

function wordSets(words: string[]): WordSets {
  const columns: Prisma.Sql[] = [];
  const keys: string[] = [];
  // Whether a cached set is current: no word added since its xmin (lib/db/word-set-cache.ts), by
  // the newest word's added_xid (one probe of the index's end, in the FROM below); per distinct xmin
  // (after one search, all its sets share one), how many sets it vouches for.
  const checks = new Map<string, { current: Prisma.Sql; sets: number }>();
  const set = (key: string, where: Prisma.Sql): Prisma.Sql => {
    const name = Prisma.raw(`s${columns.length}`);
    const fresh = Prisma.sql`(SELECT coalesce(array_agg(DISTINCT v.word), '{}') FROM name_word v WHERE ${where})`;
    const cached = cachedWordSet(key);
    if (cached) {
      const check = checks.get(cached.xmin) ?? { current: Prisma.sql`coalesce(c.newest < ${cached.xmin}::xid8, true)`, sets: 0 };
      check.sets++;
      checks.set(cached.xmin, check);
      // NOTE: the computation is an InitPlan, which PostgreSQL runs only when a row needs it.
      columns.push(Prisma.sql`CASE WHEN ${check.current} THEN ${cached.words}::text[] ELSE ${fresh} END AS ${name}`);
    } else {
      columns.push(Prisma.sql`${fresh} AS ${name}`);
    }
    keys.push(key);
    return Prisma.sql`(SELECT ${name} FROM sets)`;
  };
  const n = words.length;
  const substring = words.map((w, i) =>
    n === 1 ? set(`contains:${w}`, Prisma.sql`v.word LIKE '%' || ${w} || '%'`)
    : i === 0 ? set(`ends:${w}`, Prisma.sql`v.word LIKE '%' || ${w}`)
    : i === n - 1 ? set(`starts:${w}`, Prisma.sql`v.word LIKE ${w} || '%'`)
    : set(`is:${w}`, Prisma.sql`v.word = ${w}`),
  );
  const distinct = [...new Set(words)];
  const latin = distinct.filter(isPatternWord);
  // The test is off when no word has a skeleton of three letters (skeletonLikeOfWords): the pattern
  // then only scores what word similarity found (asWritten in nameBranches).
  const skeleton = skeletonLikeOfWords(latin)
    ? latin.map((w) => {
        const skel = wordSkeletonLike(w);
        // A one-word query's substring words are the substring branch's: names holding only such
        // skeleton words are its matches already ("Ghods" at 1M: 4,703 of 13,928 names read twice).
        const notSubstring = n === 1 ? Prisma.sql` AND v.word NOT LIKE '%' || ${w} || '%'` : Prisma.empty;
        const where = Prisma.sql`${skel ? Prisma.sql`v.skel LIKE ${skel} AND regexp_like(v.word, ${wordPattern(w)})` : Prisma.sql`v.word LIKE ${w} || '%'`}${notSubstring}`;
        return set(`${n === 1 ? 'skeleton-not-substring' : 'skeleton'}:${w}`, where);
      })
    : null;
  // The key holds the word only: TRACE, the threshold, is the same for the process's lifetime.
  const trace = n >= 2 ? distinct.map((w) => set(`trace:${w}`, Prisma.sql`v.word % ${w}::text`)) : null;
  const reused = checks.size ? Prisma.join([...checks.values()].map((c) => Prisma.sql`${c.current}::int * ${Prisma.raw(String(c.sets))}`), ' + ') : Prisma.sql`0`;
  // NOTE: OFFSET 0 keeps the probe a subquery of its own, run once; pulled up, each set repeated it.
  const newest = checks.size ? Prisma.sql` FROM (SELECT max(x.added_xid) AS newest FROM name_word x OFFSET 0) c` : Prisma.empty;
  return {
    cte: Prisma.sql`sets AS MATERIALIZED (SELECT ${Prisma.join(columns, ', ')}, ${reused} AS reused${newest})`,
    substring,
    skeleton,
    trace,
    keys,
    cached: [...checks.values()].reduce((a, c) => a + c.sets, 0),
  };
}

/** The name holds a word of every set. */
function holdsAll(col: Prisma.Sql, sets: Prisma.Sql[]): Prisma.Sql {
  return Prisma.join(sets.map((s) => Prisma.sql`${col} && ${s}`), ' AND ');
}

/**
 * Relevance of a name against the query, 0..1: 1 the whole name, 0.95 a prefix, 0.9 a substring,
 * else the better of 0.8 for the transliteration (skeleton) pattern and 0.85 × trigram word
 * similarity. A name matches when one of the three tests holds: substring, transliteration pattern,
 * or word similarity at pg_trgm's threshold (`<%`) with, for two words or more, each word like one
 * of the name's words (wordSets).
 *
 * Each test is a branch of its own that computes only its own score (for one word, the substring and
 * trigram tests share one: see below); an entity's relevance is its best branch. The branches find their candidates through the names' words (GIN on name_words, the
 * vocabulary sets): before, trigram indexes on the whole names returned every name sharing a few
 * trigrams with the query, each rechecked (4,734 names read for "Golden Star Shipping" at 1M
 * designations, 351 of them matches; 13,928 skeleton candidates for "Ghods"). A one-word query's
 * trigram test still uses the trigram index on name_norm: its word similarity may span two of the
 * name's words ("rosoboronexport" in "Rosoboron Export"), which no one word's similarity bounds.
 */
function nameBranches(table: 'entity' | 'alias', words: string[], sets: WordSets): Prisma.Sql[] {
  const qn = Prisma.sql`(SELECT qn FROM query)`;
  const col = table === 'entity' ? Prisma.sql`e.name_norm` : Prisma.sql`a.name_norm`;
  const wordsCol = table === 'entity' ? Prisma.sql`e.name_words` : Prisma.sql`a.name_words`;
  // The live entity with the columns the search reads, and the alias that matched (null: the name).
  // NOTE: each branch reads its entities' rows (the name branches have them at hand already), rather
  // than the hits joining entity once deduplicated: a primary-key lookup per match.
  const columns = Prisma.sql`e.id, e.name, e.name_norm, e.schema::text AS schema, e.countries,
    coalesce(e.designation_authorities, '{}') AS authorities, e.first_listed`;
  const select = table === 'entity' ? Prisma.sql`SELECT ${columns}, NULL::text AS matched_alias` : Prisma.sql`SELECT ${columns}, a.name AS matched_alias`;
  const live = Prisma.sql`e.deleted_at IS NULL AND e.merged_into_id IS NULL`;
  // NOTE: OFFSET 0 keeps the entity lookup a primary-key probe per matching alias. Flattened into a
  // join, the planner hashed the whole entity table for a few thousand aliases ("Ghods" at 1M
  // designations, after VACUUM FULL: a 300k-row scan, 98 of the search's 190 ms).
  const from = table === 'entity' ? Prisma.sql`FROM entity e` : Prisma.sql`FROM entity_alias a CROSS JOIN LATERAL (SELECT * FROM entity e WHERE e.id = a.entity_id OFFSET 0) e`;
  const substring = Prisma.sql`${col} LIKE '%' || ${qn} || '%'`;
  const pattern = patternOfWords(words);
  // The word sets hold each word's pattern; with two pattern words or more, their order (and that
  // they are different words of the name) is the whole pattern's to check.
  // The pattern's certain letters, in order, are a cheap LIKE to run first (lettersLikeOfWords).
  const letters = lettersLikeOfWords(words);
  const ordered =
    words.filter(isPatternWord).length >= 2
      ? Prisma.sql`${letters ? Prisma.sql` AND ${col} LIKE ${letters}` : Prisma.empty} AND regexp_like(${col}, ${pattern})`
      : Prisma.empty;
  // Without the transliteration test the pattern is the words as written: it finds nothing by
  // itself, and scores 0.8 for what word similarity found.
  const asWritten = pattern && !sets.skeleton ? Prisma.sql`CASE WHEN regexp_like(${col}, ${pattern}) THEN ${TRANSLITERATED} ELSE 0 END` : Prisma.sql`0`;
  const similar = sets.trace
    ? Prisma.sql`${holdsAll(wordsCol, sets.trace)} AND word_similarity(${qn}, ${col}) >= ${WHOLE}`
    : Prisma.sql`${qn} <% ${col}`;
  const substringScore = Prisma.sql`CASE WHEN ${col} = ${qn} THEN 1.0 WHEN ${col} LIKE ${qn} || '%' THEN 0.95 ELSE 0.9 END`;
  const similarScore = Prisma.sql`GREATEST(${asWritten}, ${FUZZY} * word_similarity(${qn}, ${col}))`;
  // The later tests leave out substring matches, which score higher there (a cheap LIKE that saves
  // sorting each such name three times).
  const transliterated = sets.skeleton
    ? [Prisma.sql`${select}, ${TRANSLITERATED} AS score ${from} WHERE ${holdsAll(wordsCol, sets.skeleton)}${ordered} AND NOT ${substring} AND ${live}`]
    : [];
  if (!sets.trace) {
    // One word: the substring and trigram tests share a branch (a BitmapOr of their indexes), as the
    // trigram index returns every substring match too, which a branch of its own read again to
    // leave out ("Ghods" at 1M designations: 6,700 names; 13–28% of the buffers of a broad query).
    // The transliteration matches score 0.8 in their own branch, which word similarity beats only
    // above 0.8 / 0.85: below that, the trigram test leaves them out rather than return them again
    // ("Haqani": 4,800 of its 9,600 rows, a third of them aliases that each look their entity up).
    // NOTE: the first condition is the bitmap's own recheck, so PostgreSQL evaluates it once; the
    // second, a filter of its own, runs its cheap tests first. Nested in one OR with the first, it
    // made the filter repeat the recheck: word similarity three times a name ("Haqani" 50 → 65 ms).
    const notTransliterated = sets.skeleton
      ? Prisma.sql` AND (${substring} OR NOT ${holdsAll(wordsCol, sets.skeleton)} OR ${FUZZY} * word_similarity(${qn}, ${col}) > ${TRANSLITERATED})`
      : Prisma.empty;
    // NOTE: the words of the substring set find the names through the GIN index, but the filter
    // tests them again on every name it reads, against every word of the set (PostgreSQL's && is a
    // nested loop): harmless for a few hundred words, quadratic for a short word's thousands ("li":
    // 2,500 words, 4.4 s at 1M designations; "a": 56k words, minutes). One word is in a name exactly
    // when the name contains it, so above BIG_SET words the branch tests only that, and the planner
    // finds the names as it can (trigram index, or a scan). Both shapes are planned; the size of the
    // set, known when the statement runs, gates them (a one-time filter: the other never runs).
    const oneWord = (candidates: Prisma.Sql, gate: Prisma.Sql) => Prisma.sql`${select}, CASE WHEN ${substring} THEN ${substringScore} ELSE ${similarScore} END AS score ${from}
        WHERE (${candidates} OR ${similar})${notTransliterated} AND ${live} AND ${gate}`;
    const size = Prisma.sql`cardinality(${sets.substring[0]!})`;
    return [
      oneWord(Prisma.sql`(${holdsAll(wordsCol, sets.substring)} AND ${substring})`, Prisma.sql`${size} <= ${BIG_SET}`),
      oneWord(substring, Prisma.sql`${size} > ${BIG_SET}`),
      ...transliterated,
    ];
  }
  return [
    Prisma.sql`${select}, ${substringScore} AS score ${from} WHERE ${holdsAll(wordsCol, sets.substring)} AND ${substring} AND ${live}`,
    ...transliterated,
    Prisma.sql`${select}, ${similarScore} AS score ${from} WHERE ${similar} AND NOT ${substring} AND ${live}`,
  ];
}

/**
 * Every live entity whose name or an alias matches the query (its words: queryWords; needs
 * `query(qn)` and `sets` in the WITH), once, with its best score, the alias that scored it (null
 * when the name did; the name wins a tie), and the entity's columns that the search reads — with
 * its live designations' authorities and first listing, which triggers keep on the entity row
 * (migration entity_designation_summary) — as a subquery.
 */
function nameHits(words: string[], sets: WordSets): Prisma.Sql {
  const branches = [...nameBranches('entity', words, sets), ...nameBranches('alias', words, sets)];
  return Prisma.sql`(
    SELECT DISTINCT ON (id) id, name, name_norm, schema, countries, score::float8 AS score, matched_alias, authorities, first_listed
    FROM (${Prisma.join(branches, ' UNION ALL ')}) hits
    ORDER BY id, score DESC, matched_alias NULLS FIRST)`;
}

/**
 * "Designated by none of these" (`notby`; NOT_BY_ANY: by no authority at all), on the authorities of
 * an entity's live designations. NOTE: they are on the entity row (kept by triggers, migration
 * entity_designation_summary), so the test costs nothing per row: no lookup of designations, where
 * a NOT EXISTS would probe the designation index once per entity (300k at 1M designations). It
 * applies to every facet too: the authority facet then counts what "by X, not by Y" leaves.
 */
/** The entities a case's actions listed (a few hundred at most: hashed, not a subplan per row). */
function caseEntities(slugs: string[]): Prisma.Sql {
  return Prisma.sql`SELECT cd.entity_id FROM designation cd WHERE cd.deleted_at IS NULL AND cd.action_id IN (${caseActions(slugs)})`;
}

function notByFilter(q: EntityListQuery, authorities: Prisma.Sql): Prisma.Sql | null {
  if (!q.notby.length) return null;
  if (q.notby.includes(NOT_BY_ANY)) return Prisma.sql`cardinality(${authorities}) = 0`;
  return Prisma.sql`NOT (${authorities} && ARRAY[${Prisma.join(q.notby)}]::text[])`;
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
  const notBy = notByFilter(q, Prisma.sql`coalesce(e.designation_authorities, '{}')`);
  if (notBy) filters.push(notBy);
  if (q.case.length) filters.push(Prisma.sql`e.id IN (${caseEntities(q.case)})`);
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
 * half of it for the 19k matches of "Ghods"). Each row counts once per value (values made distinct);
 * `weight` is a row's count (a row of `from` may stand for several entities).
 */
function arrayFacetCounts(from: Prisma.Sql, column: Prisma.Sql, where: Prisma.Sql, limit: number, weight = Prisma.sql`count(*)`): Prisma.Sql {
  return Prisma.sql`SELECT u.v AS value, sum(g.n)::int AS count
    FROM (SELECT ${column} AS arr, ${weight} AS n FROM ${from} WHERE ${where} GROUP BY 1) g
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
export async function searchEntities(viewer: Principal, q: EntityListQuery): Promise<EntitySearchResult> {
  authorize(viewer, 'data:read');
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
  const notBy = notByFilter(q, Prisma.sql`b.authorities`);
  if (notBy) f.push(notBy);
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
  // The total and the facets are sums over `groups`: the matches counted per (type, countries,
  // authorities) — the only columns the filters read — in one pass over them, where four passes
  // read every match (19k for "Ghods" at 1M designations). Each entity yields a value at most once
  // (its type; its authorities, distinct; its countries, made distinct), so the sums count entities.
  const asJson = (counts: Prisma.Sql) => Prisma.sql`
    (SELECT coalesce(json_agg(json_build_object('value', value, 'count', count) ORDER BY count DESC, value), '[]'::json) FROM (${counts}) f)`;
  const facet = (except: Facet, value: Prisma.Sql, limit: number) =>
    asJson(Prisma.sql`SELECT ${value} AS value, sum(b.n)::int AS count FROM groups b WHERE ${baseFilters(q, except)} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${limit}`);
  const arrayFacet = (except: Facet, column: Prisma.Sql, limit: number) =>
    asJson(arrayFacetCounts(Prisma.sql`groups b`, column, baseFilters(q, except), limit, Prisma.sql`sum(b.n)`));
  const words = await queryWords(q.q);
  // Nothing to match by (punctuation only): no name is like it.
  if (!words.length) return { items: [], total: 0, facets: { schema: [], country: [], authority: [] } };
  const sets = wordSets(words);
  // NOTE: memory for the statement's sorts: at 4 MB (PostgreSQL's default) the matches of a broad
  // query spilled to disk when deduplicated ("Ghods" at 1M designations: 19k rows, a 3.8 MB merge).
  // pg_trgm's thresholds, which `%` and `<%` apply, are set too: the definition of a match must not
  // depend on how a server was configured.
  // A statement timeout too: a query that matches most names (a word of one or two letters: "a"
  // takes seconds at 1M designations) must not hold a connection for longer, and the server goes on
  // running a statement whose client has gone. (The embedded PGlite accepts it and does not enforce it.)
  const [, [row]] = await prisma.$transaction([
    prisma.$queryRaw`SELECT set_config('work_mem', '32MB', true), set_config('pg_trgm.similarity_threshold', ${String(TRACE)}, true),
      set_config('pg_trgm.word_similarity_threshold', ${String(WHOLE)}, true), set_config('statement_timeout', ${String(env.SEARCH_TIMEOUT_MS)}, true)`,
    prisma.$queryRaw<Array<{ items: Item[] | null; total: number; schema: FacetCount[]; country: FacetCount[]; authority: FacetCount[]; word_sets: Array<string[] | null>; reused: number; vocab_xmin: string }>>`
    WITH query AS (SELECT st_normalize(${q.q}) AS qn),
    ${sets.cte},
    -- NOTE: per match only what the filters, facets and sort need (authorities, first listing: on
    -- the entity row); the rest of the designation summary is computed for the page's rows alone.
    -- A case narrows the matches themselves (it is no counted facet): groups keep no entity ids.
    base AS MATERIALIZED (SELECT * FROM ${nameHits(words, sets)} h ${q.case.length ? Prisma.sql`WHERE h.id IN (${caseEntities(q.case)})` : Prisma.empty}),
    groups AS MATERIALIZED (SELECT b.schema, b.countries, b.authorities, count(*) AS n FROM base b GROUP BY 1, 2, 3),
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
      (SELECT coalesce(sum(b.n), 0)::int FROM groups b WHERE ${baseFilters(q)}) AS total,
      ${facet('schema', Prisma.sql`b.schema`, 100)} AS schema,
      ${arrayFacet('country', Prisma.sql`b.countries`, 30)} AS country,
      ${arrayFacet('authority', Prisma.sql`b.authorities`, 100)} AS authority,
      -- The word sets this statement used, and its snapshot's xmin, for the cache (word-set-cache.ts).
      -- A set too large to cache is left out (null): it would only be passed back and forth.
      (SELECT json_build_array(${Prisma.join(sets.keys.map((_, i) => Prisma.sql`CASE WHEN cardinality(${Prisma.raw(`s${i}`)}) <= ${MAX_SET_WORDS} THEN ${Prisma.raw(`s${i}`)} END`), ', ')}) FROM sets) AS word_sets,
      (SELECT reused FROM sets) AS reused,
      pg_snapshot_xmin(pg_current_snapshot())::text AS vocab_xmin`,
  ]).catch((err: unknown) => {
    if (sqlState(err) !== QUERY_CANCELED) throw err;
    throw new AppError(
      'UNPROCESSABLE',
      `This search matches too many names to answer within ${env.SEARCH_TIMEOUT_MS / 1000} s. Add letters or another word of the name, or a filter.`,
      { q: ['Too broad: add letters or another word.'] },
    );
  });
  if (row) {
    storeWordSets(
      sets.keys.map((key, i) => ({ key, words: row.word_sets[i] ?? null })),
      row.vocab_xmin,
      { reused: row.reused, stale: sets.cached - row.reused, missed: sets.keys.length - sets.cached },
    );
  }
  return {
    items: (row?.items ?? []).map((i) => ({ ...i, score: Number(i.score) })),
    total: row?.total ?? 0,
    facets: { schema: row?.schema ?? [], country: row?.country ?? [], authority: row?.authority ?? [] },
  };
}

/** The read API's search (/api/v1/search): the best `limit` matches, the total and the facets. */
export async function searchEntityNames(viewer: Principal, q: SearchQuery): Promise<SearchResponse> {
  authorize(viewer, 'data:read');
  const r = await searchEntities(viewer, {
    q: q.q,
    schema: q.schema,
    authority: q.authority,
    notby: [],
    case: [],
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
