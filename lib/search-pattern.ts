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

/**
 * The ARE one word of a query becomes: at a word start, the word's consonant skeleton with up to
 * three vowels between its letters, each letter class repeatable; a word of fewer than three
 * consonants as written. It matches a prefix of a name's word, never across words.
 */
export function wordPattern(word: string): string {
  const skeleton = consonantSkeleton(word);
  // Short skeletons ("iran" → r n) would match half the list: such words must match as written.
  if (skeleton.length < 3) return `\\m${word}`;
  return `\\m${V}${skeleton.map((c) => `${CLASSES[c] ?? c}+`).join(V)}`;
}

/**
 * The LIKE pattern on a word's skeleton (st_skeleton) that a name's word must satisfy for
 * wordPattern(word) to match it, with the pattern: the word's skeleton inside it. Part of the test,
 * not only an index's prefilter: the pattern's g also matches the g of "gh", which the skeleton folds
 * to k ("alabug" is not "Yalbagha"). Null for a word matched as written (fewer than three consonants).
 */
export function wordSkeletonLike(word: string): string | null {
  return consonantSkeleton(word).length >= 3 ? `%${nameSkeleton(word)}%` : null;
}

/**
 * The consonant skeleton of a normalised name — the same function as the database's st_skeleton()
 * (migration "designation_rollup_and_name_skeleton"), which fills the vocabulary's indexed skeletons
 * (name_word.skel):
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

/** Words the transliteration test applies to: plain Latin letters and digits. */
export function isPatternWord(word: string): boolean {
  return /^[a-z0-9]+$/.test(word);
}

function queryWords(query: string): string[] {
  return normalizeName(query).split(' ').filter(isPatternWord);
}

/**
 * A LIKE pattern on a name's skeleton (st_skeleton) that every name matched by
 * transliterationPattern(query) satisfies (the skeletons of the query's words, in order); of one
 * word, it finds that word's candidates in the vocabulary's skeletons (lib/db/search.ts) for the
 * regular expression to check. Null when no word's skeleton has three letters: the transliteration
 * test is then off (it would match half the list), and such words are matched as written.
 */
export function skeletonLikePattern(query: string): string | null {
  return skeletonLikeOfWords(queryWords(query));
}

/** skeletonLikePattern() of words already normalised. */
export function skeletonLikeOfWords(words: string[]): string | null {
  const parts = words
    .filter(isPatternWord)
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
  return patternOfWords(queryWords(query));
}

/** transliterationPattern() of words already normalised (the database's st_normalize). */
export function patternOfWords(words: string[]): string | null {
  const latin = words.filter(isPatternWord);
  if (!latin.length) return null;
  return latin.map(wordPattern).join('.*');
}

/**
 * A LIKE pattern that every name patternOfWords(words) matches satisfies: the letters the pattern
 * cannot do without, in order — each word's consonants that are not a class of swapped letters
 * (q, k, c, f, v, … are left out), or a short word as written. A cheap test to run before the
 * regular expression (~0.3 µs a name against ~2 µs): "Hosein Hoseini" reads 28,502 names that hold
 * a word of its one skeleton, and "%h%s%n%h%s%n%" leaves few for the expression to check. Null
 * when no letter is certain.
 */
export function lettersLikeOfWords(words: string[]): string | null {
  const parts = words.filter(isPatternWord).flatMap((word) => {
    const skeleton = consonantSkeleton(word);
    return skeleton.length < 3 ? [word] : skeleton.filter((c) => !CLASSES[c]);
  });
  return parts.length ? `%${parts.join('%')}%` : null;
}
