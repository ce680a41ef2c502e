// Transliteration-tolerant name matching: pure helpers, unit-tested (search-pattern.test.ts).
// Persian, Arabic and Russian names reach the lists in many Latin spellings that differ mostly in
// their vowels and doubled letters (Shahed/Shahid, Qods/Quds/Ghods, Mohammad/Muhammed, Hossein/
// Husayn). pg_trgm similarity catches typos in long names but not a changed vowel in a short word
// ("quds" and "qods" share 2 of 5 trigrams), so a query word also becomes a consonant-skeleton
// regular expression that PostgreSQL matches against the normalised names (lib/db/search.ts).

/** Same folding as the database's st_normalize(): lower case, accents removed, punctuation → space. */
export function normalizeName(input: string): string {
  return input
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
const V = '[aeiouy]{0,3}';

// Letters that transliterations swap for one another (q ~ gh ~ k: Qods/Ghods; f ~ ph; v ~ w).
const CLASSES: Record<string, string> = {
  q: '(?:q|gh|k)',
  gh: '(?:q|gh|k)',
  k: '(?:k|q|c)',
  c: '(?:c|k)',
  f: '(?:f|ph)',
  ph: '(?:f|ph)',
  v: '(?:v|w)',
  w: '(?:v|w)',
};

/** Consonant tokens of a word, with letters doubled in the word collapsed (mm → m). */
export function consonantSkeleton(word: string): string[] {
  const out: string[] = [];
  let prev = '';
  for (let i = 0; i < word.length; i++) {
    const ch = word[i]!;
    const pair = word.slice(i, i + 2);
    if (pair === 'gh' || pair === 'ph') {
      if (prev !== pair) out.push(pair);
      prev = pair;
      i++;
      continue;
    }
    if (!VOWELS.has(ch) && ch !== prev) out.push(ch);
    prev = ch;
  }
  return out;
}

function wordPattern(word: string): string {
  const skeleton = consonantSkeleton(word);
  // Short skeletons ("iran" → r n) would match half the list: such words must match as written.
  if (skeleton.length < 3) return `\\m${word}`;
  return `\\m${V}${skeleton.map((c) => `${CLASSES[c] ?? c}+`).join(V)}`;
}

/**
 * The consonant skeleton of a normalised name — the same function as the database's st_skeleton()
 * (migration "designation_rollup_and_name_skeleton"), which fills the indexed name_skel columns:
 * letters transliterations swap folded to one (gh, q, c → k; ph → f; w → v), vowels dropped, runs
 * of one letter collapsed, words kept apart.
 */
export function nameSkeleton(normalized: string): string {
  return normalized
    .replace(/gh/g, 'k')
    .replace(/ph/g, 'f')
    .replace(/[qc]/g, 'k')
    .replace(/w/g, 'v')
    .replace(/[aeiouy]/g, '')
    .replace(/([^ ])\1+/gu, '$1');
}

function queryWords(query: string): string[] {
  return normalizeName(query)
    .split(' ')
    .filter((w) => /^[a-z0-9]+$/.test(w));
}

/**
 * A LIKE pattern on name_skel that every name matched by transliterationPattern(query) satisfies
 * (the skeletons of the query's words, in order). It lets the trigram index on name_skel find the
 * candidates the regular expression then checks. Null when no word's skeleton has three letters:
 * a trigram index cannot serve it, and such words are matched as written by the substring test.
 */
export function skeletonLikePattern(query: string): string | null {
  const parts = queryWords(query)
    .map(nameSkeleton)
    .filter((p) => p.length > 0);
  if (!parts.some((p) => p.length >= 3)) return null;
  return `%${parts.join('%')}%`;
}

/**
 * A PostgreSQL ARE that matches a normalised name containing the query's words in order, each word
 * at a word start, with any vowels (up to three) between its consonants. Null when the query has
 * no plain Latin letters or digits to build from (other scripts rely on trigrams alone).
 */
export function transliterationPattern(query: string): string | null {
  const words = queryWords(query);
  if (!words.length) return null;
  return words.map(wordPattern).join('.*');
}
