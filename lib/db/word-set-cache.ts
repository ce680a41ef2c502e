import 'server-only';
// The search's word sets (lib/db/search.ts wordSets: the vocabulary words a query word's substring,
// transliteration or trigram test selects), cached in this process. Finding a short word's set is
// most of some searches: "star" in "Golden Star Shipping" checks 3,788 of the 88k words at 1M
// designations (~6 of the statement's ~16 ms), to keep 296.
//
// When a cached set is current: the vocabulary (name_word) is insert-only, and each word records
// the transaction that added it (added_xid). A set is stored with the xmin of the snapshot that
// computed it: every transaction older than that had ended, so every word it added was visible
// then. The set is therefore current for a later snapshot that sees no word added by a transaction
// at or after that xmin — one probe of the index on added_xid, run in the search's own statement,
// so the answer is the same as computing the set there. A writer never waits: no version row to
// lock (a running import would hold one until its commit), and no ordering of ids to trust
// (transactions commit out of id order). While the vocabulary grows, or a long transaction holds
// the xmin back, the probe fails and the set is computed as without a cache.
//
// Words are never removed; a set may hold a word no name holds any more, which selects nothing.
// A restore re-adds every word in its own transaction (lib/db/backup.ts leaves added_xid out).

/**
 * The sets worth caching are small: a short word's trace is a few hundred words ("star": 296 of
 * 88k), found by checking thousands. A set of more words than this is not cached: a one-letter
 * query's substring set is most of the vocabulary ("a": 56k words), as costly to pass in and out
 * of the statement as to compute, and its names are thousands anyway.
 */
export const MAX_SET_WORDS = 2_000;
/** The cache's budget, in words of all its sets (~60 bytes each): ~12 MB at most. */
const MAX_WORDS = 200_000;

export type CachedWordSet = { words: string[]; xmin: string };

const entries = new Map<string, CachedWordSet>();
let words = 0;
const counts = { reused: 0, stale: 0, missed: 0 };

function remove(key: string): void {
  const entry = entries.get(key);
  if (!entry) return;
  words -= entry.words.length;
  entries.delete(key);
}

/** The set cached for `key` (a test and a query word), or null; the statement decides if it is current. */
export function cachedWordSet(key: string): CachedWordSet | null {
  const hit = entries.get(key);
  if (!hit) return null;
  // Least recently used goes first: re-insert to move this key to the end.
  entries.delete(key);
  entries.set(key, hit);
  return hit;
}

/**
 * Stores the sets a statement used — computed there, or cached and still current, which is the same
 * set — at the xmin of its snapshot; `outcome` counts how the statement came by them.
 */
export function storeWordSets(sets: Array<{ key: string; words: string[] | null }>, xmin: string, outcome: { reused: number; stale: number; missed: number }): void {
  for (const set of sets) {
    remove(set.key);
    // null: the statement left out a set of more than MAX_SET_WORDS.
    if (!set.words || set.words.length > MAX_SET_WORDS) continue;
    entries.set(set.key, { words: set.words, xmin });
    words += set.words.length;
  }
  // Least recently used first.
  while (words > MAX_WORDS) remove(entries.keys().next().value as string);
  counts.reused += outcome.reused;
  counts.stale += outcome.stale;
  counts.missed += outcome.missed;
}

/**
 * Since the process started: sets reused from the cache, cached but no longer current (computed
 * again), and not cached (for tests and the benchmark's report).
 */
export function wordSetCacheStats(): { reused: number; stale: number; missed: number; size: number; words: number } {
  return { ...counts, size: entries.size, words };
}
