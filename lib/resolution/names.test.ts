import { describe, expect, it } from 'vitest';
import { compareNames, expandNames, nameKeys, normalizeName, parseName, placeTokens, skeleton, tokenSimilarity, translitForm } from './names';

const score = (a: string | string[], b: string | string[], kind: 'person' | 'org' | 'object' = 'person') =>
  compareNames(Array.isArray(a) ? a : [a], Array.isArray(b) ? b : [b], { kind }).score;
const token = (t: string) => parseName(t, 'person').tokens[0]!;

describe('normalisation', () => {
  it('reads OFAC\'s "SURNAME, Given Patronymic" and the EU\'s "Given Patronymic SURNAME" as one name', () => {
    expect(score('PRIGOZHIN, Yevgeniy Viktorovich', 'Yevgeniy Viktorovich PRIGOZHIN')).toBe(1);
    expect(normalizeName('PRIGOZHIN, Yevgeniy Viktorovich', 'person')).toBe('prigojin evgeni viktorovich');
  });

  it('gives the romanisation variants one form', () => {
    for (const v of ['Yevgeniy', 'Evgeny', 'Evgenii', 'Evgenij', 'YEVGENIY']) expect(translitForm(v.toLowerCase())).toBe('evgeni');
    expect(translitForm('prigozhin')).toBe(translitForm('prigojin'));
    expect(translitForm('khamenei')).toBe(translitForm('hamenei'));
    expect(translitForm('hosseini')).toBe(translitForm('hoseyni'));
    expect(translitForm('viktor')).toBe(translitForm('victor'));
    expect(translitForm('dzhamal')).toBe(translitForm('jamal'));
  });

  it('reduces Mohammad, Muhammad, Mohammed and the vowelless "mhmd" to one consonant skeleton', () => {
    const sk = (t: string) => skeleton(translitForm(t));
    expect(new Set(['mohammad', 'muhammad', 'mohammed', 'mohamed', 'mhmd'].map(sk))).toEqual(new Set(['mhmd']));
  });

  it('strips legal forms (kept as a class), in Latin and Cyrillic and Persian', () => {
    const ooo = parseName('Общество с ограниченной ответственностью «Ромашка»', 'org');
    expect(ooo.tokens.map((t) => t.token)).toEqual(['romashka']);
    expect(ooo.orgClasses).toEqual(['llc']);
    expect(parseName('ROMASHKA, OOO', 'org').orgClasses).toEqual(['llc']);
    expect(parseName('Romashka L.L.C.', 'org').orgClasses).toEqual(['llc']);
    expect(parseName('AKTSIONERNOE OBSHCHESTVO KONTSERN AVTOMATIKA', 'org').orgClasses).toEqual(['jsc']);
    expect(parseName('PJSC Rostelecom', 'org').orgClasses).toEqual(['jsc']);
    const sherkat = parseName('Sherkat-e Sahami-ye Khass Sanaye Hava Faza', 'org');
    expect(sherkat.orgClasses).toEqual(['generic', 'jsc']);
    expect(sherkat.tokens.map((t) => t.token)).toEqual(['sanaye', 'hava', 'faza']);
  });

  it('drops honorifics, ranks and vessel prefixes; keeps numbers apart', () => {
    expect(score('Brigadier General Mohammad Reza NAQDI', 'Mohammad Reza Naqdi')).toBe(1);
    const vessel = parseName('M/V OCEAN STAR 2', 'object');
    expect(vessel.tokens.map((t) => t.token)).toEqual(['ocean', 'star']);
    expect(vessel.numbers).toEqual(['2']);
  });

  it('splits "Name (ACRONYM)" into two names, but keeps "(Hamburg Branch)" and "(Pakistan)" in the name', () => {
    expect(expandNames('Islamic Revolutionary Guard Corps (IRGC)')).toEqual(['Islamic Revolutionary Guard Corps', 'IRGC']);
    expect(expandNames('BANK MELLI IRAN (HAMBURG BRANCH)')).toEqual(['BANK MELLI IRAN HAMBURG BRANCH']);
    expect(expandNames('AL-HARAMAIN FOUNDATION (PAKISTAN)')).toEqual(['AL-HARAMAIN FOUNDATION PAKISTAN']);
  });

  it("drops what a listing covers beyond the name, and reads \"X, X Y\" as two names (the EU's Bank Melli)", () => {
    expect(expandNames('Bank Melli, Bank Melli Iran (including all branches) and subsidiaries')).toEqual(['Bank Melli', 'Bank Melli Iran']);
    expect(expandNames('Iran Electronics Industries and the following subsidiaries:')).toEqual(['Iran Electronics Industries']);
    // A comma alone separates nothing; "and branches" without "its", "all" or "the following" may be a name's words.
    expect(expandNames('PRIGOZHIN, Yevgeniy')).toEqual(['PRIGOZHIN, Yevgeniy']);
    expect(expandNames('Bank of Kunlun, Ltd')).toEqual(['Bank of Kunlun, Ltd']);
    expect(expandNames('Roads and Branches')).toEqual(['Roads and Branches']);
  });

  it('splits several names run into one cell ("; ", " / "), not a slash inside a name', () => {
    expect(expandNames('Husain Salimi; Hosain Salimi')).toEqual(['Husain Salimi', 'Hosain Salimi']);
    expect(expandNames("JSC 'Obukhov Plant' / JSC 'GOZ Obukhov plant'")).toEqual(["JSC 'Obukhov Plant'", "JSC 'GOZ Obukhov plant'"]);
    expect(expandNames('HARAKAT UL-JIHAD-I-ISLAMI/BANGLADESH')).toEqual(['HARAKAT UL-JIHAD-I-ISLAMI/BANGLADESH']);
  });

  it('parts words at quotes, not at an apostrophe inside a word', () => {
    expect(parseName('State Unitary Enterprise of the ‘Republic of Crimea’‘Universal-Avia’', 'org').tokens.map((t) => t.token)).toContain('universal');
    expect(parseName("Obshchestvo s ogranichennoi otvetstvennost'yu Romashka", 'org').orgClasses).toEqual(['llc']);
  });

  it('drops the title Seyed in its spellings', () => {
    expect(score('Sayyed Hojatolah GHOREISHI', 'GHOREISHI, Seyed Hojatollah')).toBeGreaterThan(0.95);
  });

  it('reads places of birth without states, regions and kinds of place', () => {
    expect(placeTokens('Leningrad, USSR (now Saint Petersburg, Russian Federation)')).toEqual(['leningrad', 'petersburg']);
    expect(placeTokens('Iran (Islamic Republic of)')).toEqual([]);
  });

  it('splits aliases written into the name ("a.k.a.", "formerly known as")', () => {
    expect(expandNames('Shahed Aviation Industries a.k.a. Shahed Aviation Industries Research Centre')).toEqual(['Shahed Aviation Industries', 'Shahed Aviation Industries Research Centre']);
    expect(expandNames("Sanatorium 'Nizhnyaya Oreanda' (formerly known as Resort 'Nizhnyaya Oreanda')")).toEqual(["Sanatorium 'Nizhnyaya Oreanda'", "Resort 'Nizhnyaya Oreanda'"]);
  });
});

describe('compareNames', () => {
  it('matches transliteration variants of one person', () => {
    expect(score('PRIGOZHIN, Yevgeniy Viktorovich', 'Evgeny Viktorovich Prigozhin')).toBeGreaterThan(0.95);
    expect(score('MOHAMMAD HOSSEINI', 'Muhammad Husseini')).toBeGreaterThan(0.85);
    expect(score('محمد حسینی', 'Mohammad Hosseini')).toBeGreaterThan(0.8);
    expect(score('Osama bin Laden', 'Usama bin Ladin')).toBeGreaterThan(0.85);
    expect(score('KHAMENEI, Ali', 'Ali Hamenei')).toBeGreaterThan(0.95);
  });

  it('keeps Hassan and Hussein apart (one skeleton, two names)', () => {
    expect(tokenSimilarity(token('hassan'), token('hussein'), 'person')).toBe(0);
    expect(score('Hassan Nasrallah', 'Hussein Nasrallah')).toBeLessThan(0.7);
  });

  it('counts a conflicting token against a match more than an omitted one', () => {
    const omitted = score('Yevgeniy Prigozhin', 'Yevgeniy Viktorovich Prigozhin');
    const conflicting = score('Mohammad Hosseini', 'Mohammad Rezaei');
    expect(omitted).toBeGreaterThan(0.75);
    expect(conflicting).toBeLessThan(0.6);
  });

  it('matches two words of one name run together in the other (Mir Ahmad / Mirahmad)', () => {
    const r = compareNames(['Seid Mir Ahmad NOOSHIN'], ['NOOSHIN, Seyed Mirahmad'], { kind: 'person' });
    expect(r.score).toBeGreaterThan(0.95);
    expect(r.detail?.matches).toContainEqual(expect.objectContaining({ a: 'mir ahmad', b: 'mirahmad', how: 'joined' }));
    expect(score('Abdul Sattar Barakzai', 'Abdulsattar Barakzai')).toBeGreaterThan(0.9);
  });

  it('reads an initial as a weak match of its name', () => {
    expect(score('Y. V. Prigozhin', 'Yevgeniy Viktorovich Prigozhin')).toBeGreaterThan(0.7);
  });

  it('compares organisations without their legal forms and plurals', () => {
    expect(score('ISLAMIC REVOLUTIONARY GUARD CORPS', 'Islamic Revolutionary Guard Corps (IRGC)', 'org')).toBe(1);
    expect(score('QODS AVIATION INDUSTRIES', 'Qods Aviation Industry', 'org')).toBeGreaterThan(0.95);
    expect(score('Общество с ограниченной ответственностью «Ромашка»', 'Romashka LLC', 'org')).toBe(1);
    expect(score('AL-QAIDA', 'Alqaida', 'org')).toBeGreaterThanOrEqual(0.8);
  });

  it('matches an acronym against the full name of three words or more', () => {
    const r = compareNames(['IRGC'], ['Islamic Revolutionary Guard Corps'], { kind: 'org' });
    expect(r.detail?.method).toBe('acronym');
    expect(r.score).toBeGreaterThan(0.7);
  });

  it('takes the best pair over all names and aliases, and counts the other pairs that agree', () => {
    const r = compareNames(['HESA', 'Iran Aircraft Manufacturing Industries', 'HASA'], ['Iran Aircraft Manufacturing Industrial Company (HESA)'], { kind: 'org' });
    expect(r.best).toEqual(['Iran Aircraft Manufacturing Industries', 'Iran Aircraft Manufacturing Industrial Company']);
    expect(r.score).toBeGreaterThan(0.95);
    expect(r.corroborating).toBe(1);
  });

  it('says what is left over: the branch words', () => {
    const r = compareNames(['BANK MELLI IRAN'], ['Bank Melli Iran Hamburg Branch'], { kind: 'org' });
    expect(r.detail?.extraA).toEqual([]);
    expect(r.detail?.extraB).toEqual(['hamburg', 'branch']);
  });

  it('scores different companies low', () => {
    expect(score('Kazan Helicopter Plant', 'Ulyanovsk Mechanical Plant', 'org')).toBeLessThan(0.3);
    expect(score('Kazan Helicopter Plant', 'Kazan Aviation Plant', 'org')).toBeLessThan(0.6);
  });
});

describe('nameKeys', () => {
  const has = (a: string[], b: string[]) => a.some((k) => b.includes(k));

  it('gives OFAC\'s and the EU\'s order and the romanisations a shared key', () => {
    const ofac = nameKeys('PRIGOZHIN, Yevgeniy Viktorovich', 'person');
    expect(has(ofac, nameKeys('Yevgeniy Viktorovich PRIGOZHIN', 'person'))).toBe(true);
    expect(has(ofac, nameKeys('Evgeny Viktorovich Prigozhin', 'person'))).toBe(true);
    expect(has(nameKeys('Mohammad Hosseini', 'person'), nameKeys('Muhammad Husseini', 'person'))).toBe(true);
  });

  it('keys a long organisation name by its acronym too', () => {
    expect(nameKeys('Islamic Revolutionary Guard Corps', 'org')).toEqual(expect.arrayContaining(nameKeys('IRGC', 'org').filter((k) => k.startsWith('n:'))));
  });

  it('keys the tokens and the token pairs', () => {
    const keys = nameKeys('Yevgeniy Viktorovich PRIGOZHIN', 'person');
    expect(keys).toContain('t:prgjn');
    expect(keys).toContain('t2:avgn prgjn');
  });
});
