// The entity search's matching and relevance, for the tests that check the search against it
// (lib/db/search.int.test.ts, the bench smoke): written as ONE expression per name over every name
// and alias — no vocabulary, no word index, no branches — so that the indexed search
// (lib/db/search.ts) is compared with its definition, not with itself.
//
// A name matches when it contains the query (score 1 the whole name, 0.95 a prefix, 0.9 elsewhere);
// or when the transliteration test is on (a word with a skeleton of three letters) and each of the
// query's Latin words has its pattern match the start of a word of the name that holds the word's
// skeleton, the words in order (0.8); or when the whole query's word similarity reaches pg_trgm's
// threshold (`<%`) and, for two words or more, each word is like one of the name's words (trigram
// similarity ≥ 0.3) — scored 0.85 × word similarity, or 0.8 when the pattern matches. An entity
// (live) scores its best name or alias, its own name winning a tie.
import { isPatternWord, normalizeName, skeletonLikePattern, transliterationPattern, wordPattern, wordSkeletonLike } from '../lib/search-pattern';

/** Rows (id, score, matchedAlias) of every live entity that matches `text`, with $n parameters. */
export function searchDefinition(text: string): { sql: string; values: unknown[] } {
  const pattern = transliterationPattern(text);
  const latin = [...new Set(normalizeName(text).split(' ').filter(isPatternWord))];
  const values = [text, pattern, skeletonLikePattern(text) !== null, latin.map(wordPattern), latin.map(wordSkeletonLike)];
  const sql = `
    WITH q AS (SELECT st_normalize($1) AS qn, regexp_split_to_array(st_normalize($1), ' ') AS words),
    names AS (
      SELECT e.id, e.name_norm AS n, NULL::text AS alias FROM entity e
      UNION ALL
      SELECT a.entity_id, a.name_norm, a.name FROM entity_alias a)
    SELECT DISTINCT ON (x.id) x.id, x.score::float8 AS score, x.alias AS "matchedAlias" FROM (
      SELECT n.id, n.alias,
        CASE WHEN n.n LIKE '%' || q.qn || '%' THEN (CASE WHEN n.n = q.qn THEN 1.0 WHEN n.n LIKE q.qn || '%' THEN 0.95 ELSE 0.9 END)
          ELSE GREATEST(CASE WHEN $2::text IS NOT NULL AND n.n ~ $2::text THEN 0.8 ELSE 0 END, 0.85 * word_similarity(q.qn, n.n)) END AS score
      FROM names n CROSS JOIN q
      WHERE q.qn <> '' AND (
        n.n LIKE '%' || q.qn || '%'
        OR (q.qn <% n.n AND (cardinality(q.words) < 2 OR NOT EXISTS (
          SELECT 1 FROM unnest(q.words) w WHERE NOT EXISTS (SELECT 1 FROM unnest(string_to_array(n.n, ' ')) v WHERE similarity(w, v) >= 0.3))))
        OR ($3::boolean AND n.n ~ $2::text AND NOT EXISTS (
          SELECT 1 FROM unnest($4::text[], $5::text[]) p(re, sk)
          WHERE NOT EXISTS (SELECT 1 FROM unnest(string_to_array(n.n, ' ')) v WHERE (p.sk IS NULL OR st_skeleton(v) LIKE p.sk) AND v ~ p.re))))) x
    JOIN entity e ON e.id = x.id AND e.deleted_at IS NULL AND e.merged_into_id IS NULL
    ORDER BY x.id, x.score DESC, x.alias NULLS FIRST`;
  return { sql, values };
}
