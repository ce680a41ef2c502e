// A name watch is matched by the entity search's own tests (lib/db/search.ts, ADR 0011), applied to
// the few names of an import's changed entities instead of the whole vocabulary:
//  1. substring: the normalised name contains the normalised pattern;
//  2. transliteration: each Latin word of the pattern has a word of the name holding its consonant
//     skeleton (wordSkeletonLike) whose start matches its pattern (wordPattern) — a word of fewer
//     than three consonants as a prefix as written — and, with two such words or more, the whole
//     name matches the ordered pattern (lettersLikeOfWords, patternOfWords). Off when no word has a
//     skeleton of three letters (skeletonLikeOfWords), as in the search;
//  3. trigram: word_similarity(pattern, name) ≥ 0.6 (pg_trgm's `<%`), and with two words or more each
//     word similar (≥ 0.3, `%`) to one of the name's words.
// This module builds the per-watch parameters from lib/search-pattern.ts; lib/db/alerts/notify.ts
// evaluates them in SQL with the database's st_normalize / st_skeleton and pg_trgm, as the search does.
import { isPatternWord, lettersLikeOfWords, patternOfWords, skeletonLikeOfWords, wordPattern, wordSkeletonLike } from '../search-pattern';

/** The search's thresholds (lib/db/search.ts: WHOLE, TRACE). */
export const WHOLE_SIMILARITY = 0.6;
export const WORD_SIMILARITY = 0.3;

export type NameWatchParams = {
  /** The pattern as the database normalises names (st_normalize). */
  qn: string;
  /** Per Latin word: a regular expression on a name's word, and a LIKE on that word's skeleton (null: the regular expression is a LIKE prefix as written). */
  translit: Array<{ pat: string; skel: string | null }>;
  /** With two Latin words or more: the whole name's LIKE prefilter and ordered pattern. */
  orderedLetters: string | null;
  orderedPattern: string | null;
  /** With two words or more: each must be like one of the name's words. */
  trace: string[];
};

/** Parameters of a watch whose pattern normalises (st_normalize) to `qn`; null when nothing is left to match. */
export function nameWatchParams(qn: string): NameWatchParams | null {
  const words = qn.split(' ').filter(Boolean);
  if (!words.length) return null;
  const latin = [...new Set(words)].filter(isPatternWord);
  const translit = skeletonLikeOfWords(latin)
    ? latin.map((w) => {
        const skel = wordSkeletonLike(w);
        return skel ? { pat: wordPattern(w), skel } : { pat: `${w}%`, skel: null };
      })
    : [];
  const ordered = translit.length > 0 && words.filter(isPatternWord).length >= 2;
  return {
    qn: words.join(' '),
    translit,
    orderedLetters: ordered ? lettersLikeOfWords(words) : null,
    orderedPattern: ordered ? patternOfWords(words) : null,
    trace: words.length >= 2 ? [...new Set(words)] : [],
  };
}
