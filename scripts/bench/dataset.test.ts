import { describe, expect, it } from 'vitest';
import { FAMILY, GIVEN, coinedWords, prng, wordDrawer } from './dataset';

// The benchmark's names decide how many names a search query matches: their words must come at the
// rates the generator claims (those of OFAC's SDN list), or the search figures measure another list.
describe('benchmark names', () => {
  const DRAWS = 400_000;
  const countDraws = (draw: (r: () => number) => string, seed: number) => {
    const rand = prng(seed);
    const counts = new Map<string, number>();
    for (let i = 0; i < DRAWS; i++) {
      const w = draw(rand);
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    return counts;
  };

  it('draws each named word at its rate in the SDN list', () => {
    for (const named of [GIVEN, FAMILY]) {
      const counts = countDraws(wordDrawer(named, coinedWords(prng(1), 20_000)), 2);
      for (const [word, sdn] of named.words) {
        const expected = (Math.max(1, sdn) / named.names) * DRAWS;
        // Within 5 standard deviations of a binomial count, and never off by more than a fifth.
        const tolerance = Math.max(5 * Math.sqrt(expected), expected / 5);
        expect([word, Math.abs((counts.get(word) ?? 0) - expected) <= tolerance]).toEqual([word, true]);
      }
    }
  });

  it('draws the other words from a Zipf pool: the word of rank r about 1/r as often as the first', () => {
    const pool = coinedWords(prng(3), 20_000);
    const counts = countDraws(wordDrawer({ names: 1, words: [] }, pool), 4);
    // A coined word may stand for several ranks; the first ten are distinct words with this seed.
    expect(new Set(pool.slice(0, 10)).size).toBe(10);
    const rankCount = (r: number) => counts.get(pool[r - 1]!) ?? 0;
    const first = rankCount(1);
    for (const r of [2, 4, 10]) expect(Math.abs((first / rankCount(r)) / r - 1)).toBeLessThan(0.15);
    // A long tail: thousands of distinct words, most of them drawn rarely.
    expect(counts.size).toBeGreaterThan(10_000);
  });
});
