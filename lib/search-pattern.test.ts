import { describe, expect, it } from 'vitest';
import { consonantSkeleton, lettersLikeOfWords, nameSkeleton, normalizeName, patternOfWords, skeletonLikePattern, transliterationPattern, wordPattern, wordSkeletonLike } from './search-pattern';

// PostgreSQL's ARE word boundaries (\m) have no JavaScript equivalent: translate for the test.
function matches(pattern: string, name: string): boolean {
  return new RegExp(pattern.replace(/\\m/g, '\\b')).test(normalizeName(name));
}

describe('normalizeName', () => {
  it('folds case, accents and punctuation like st_normalize()', () => {
    expect(normalizeName('  Ḥosseïn-ÁLI, (Ltd.)  ')).toBe('hossein ali ltd');
    expect(normalizeName('IRGC-QODS FORCE')).toBe('irgc qods force');
  });
});

describe('consonantSkeleton', () => {
  it('drops vowels and collapses letters doubled in the word only', () => {
    expect(consonantSkeleton('mohammad')).toEqual(['m', 'h', 'm', 'd']);
    expect(consonantSkeleton('shahid')).toEqual(['s', 'h', 'h', 'd']);
    expect(consonantSkeleton('ghods')).toEqual(['gh', 'd', 's']);
  });
});

describe('transliterationPattern', () => {
  it('matches vowel variants of the same name', () => {
    const p = transliterationPattern('Quds Aviation')!;
    expect(matches(p, 'QODS AVIATION INDUSTRIES')).toBe(true);
    expect(matches(transliterationPattern('Shahid')!, 'SHAHED AVIATION INDUSTRIES RESEARCH CENTER')).toBe(true);
    expect(matches(transliterationPattern('Muhammed')!, 'Mohammad Reza')).toBe(true);
    expect(matches(transliterationPattern('Ghods')!, 'Qods Aviation')).toBe(true);
    expect(matches(transliterationPattern('Alabuga')!, 'Yelabuga')).toBe(true);
  });

  it('keeps the order of the words and their starts', () => {
    const p = transliterationPattern('aviation qods')!;
    expect(matches(p, 'QODS AVIATION INDUSTRIES')).toBe(false);
    expect(matches(transliterationPattern('hahed')!, 'SHAHED')).toBe(false);
  });

  it('does not loosen short words, which would match half the list', () => {
    const p = transliterationPattern('Iran')!;
    expect(p).toBe('\\miran');
    expect(matches(p, 'Oran Trading')).toBe(false);
  });

  it('has nothing to build from a query without Latin letters', () => {
    expect(transliterationPattern('شاهد')).toBeNull();
    expect(transliterationPattern('  ')).toBeNull();
  });
});

describe('nameSkeleton and skeletonLikePattern', () => {
  it('folds swapped letters, drops vowels and collapses runs, word by word', () => {
    expect(nameSkeleton('qods aviation')).toBe('kds vtn');
    expect(nameSkeleton('ghods')).toBe('kds');
    expect(nameSkeleton('mohammad reza')).toBe('mhmd rz');
    expect(nameSkeleton('muhammed')).toBe('mhmd');
    expect(nameSkeleton('haqqani')).toBe('hkn');
    expect(nameSkeleton('phantom wings')).toBe('fntm vngs');
  });

  it('gives no pattern when no word keeps three letters (a trigram index could not serve it)', () => {
    expect(skeletonLikePattern('Iran')).toBeNull();
    expect(skeletonLikePattern('Quds Aviation')).toBe('%kds%vtn%');
  });

  it("is part of the word test: the pattern's g matches the g of gh, which the skeleton folds to k", () => {
    expect(matches(wordPattern('alabug'), 'yalbagha')).toBe(true);
    expect(wordSkeletonLike('alabug')).toBe('%lbg%');
    expect(nameSkeleton('yalbagha')).toBe('lbk'); // so "alabug" does not match Yalbagha
    expect(nameSkeleton('yelabuga')).toBe('lbg'); // but does Yelabuga
    expect(wordSkeletonLike('iran')).toBeNull(); // matched as written
    expect(wordPattern('iran')).toBe('\\miran');
  });

  // The skeleton LIKE drops hardly any match of the regular expression (these names: none).
  it('holds for every name the transliteration pattern matches', () => {
    const names = ['QODS AVIATION INDUSTRIES', 'Ghods Aviation', 'SHAHED AVIATION INDUSTRIES RESEARCH CENTER', 'Mohammad Reza', 'Muhammed Rida', 'Haqqani Network', 'Hosseini Trading', 'Husayni Trading', 'Kavoshgar Pars', 'Qasem Soleimani', 'Ghasem Sulaimani', 'Phoenix Wings', 'Fenix Vings'];
    const queries = ['Quds Aviation', 'Shahid', 'Muhammad', 'Haqaqani', 'Hossaini', 'Ghasem Soleimani', 'Fenix', 'Kavoshgar'];
    let matched = 0;
    for (const query of queries) {
      const like = skeletonLikePattern(query);
      const p = transliterationPattern(query)!;
      for (const name of names) {
        if (!matches(p, name)) continue;
        matched++;
        const re = new RegExp(`^${like!.split('%').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
        expect([query, name, re.test(nameSkeleton(normalizeName(name)))]).toEqual([query, name, true]);
      }
    }
    expect(matched).toBeGreaterThan(10);
  });
});

describe('lettersLikeOfWords', () => {
  // SQL LIKE with only % wildcards, as a JavaScript expression.
  const like = (pattern: string, name: string) =>
    new RegExp(`^${pattern.split('%').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(normalizeName(name));

  it("keeps the pattern's certain letters in order, leaves swapped letters out, short words as written", () => {
    expect(lettersLikeOfWords(['hosein', 'hoseini'])).toBe('%h%s%n%h%s%n%');
    expect(lettersLikeOfWords(['qods', 'aviation'])).toBe('%d%s%t%n%'); // q and v are classes
    expect(lettersLikeOfWords(['iran', 'air'])).toBe('%iran%air%');
    expect(lettersLikeOfWords(['qacaf'])).toBeNull(); // q, c, f: every letter a class
  });

  it('holds for every name the pattern of the words matches', () => {
    const names = ['Hassan Hosseini', 'Hossein Hossein Rezaei', 'Husayn al Husayni', 'Mohammad Hosseini', 'QODS AVIATION INDUSTRIES', 'Ghods Aviation', 'Qasem Soleimani', 'Ghasem Sulaimani', 'Phoenix Wings', 'Fenix Vings', 'Iran Air Tour', 'Kalashnikov Concern', 'Kalashnikof Machine'];
    const queries = ['hosein hoseini', 'quds aviation', 'ghasem soleimani', 'fenix vings', 'iran air', 'kalashnikof machine', 'husain husaini'];
    let matched = 0;
    let dropped = 0;
    for (const query of queries) {
      const words = normalizeName(query).split(' ');
      const p = patternOfWords(words)!;
      const letters = lettersLikeOfWords(words)!;
      for (const name of names) {
        if (matches(p, name)) {
          matched++;
          expect([query, name, like(letters, name)]).toEqual([query, name, true]);
        } else if (!like(letters, name)) dropped++;
      }
    }
    expect(matched).toBeGreaterThan(10);
    expect(dropped).toBeGreaterThan(50); // and it does leave out most names the pattern does not match
  });
});
