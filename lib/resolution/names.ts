// Name normalisation and comparison for cross-list resolution. The lists write one name many ways:
// OFAC "PRIGOZHIN, Yevgeniy Viktorovich", the EU "Yevgeniy Viktorovich PRIGOZHIN", OpenSanctions
// "Evgeny Viktorovich Prigozhin"; Persian and Arabic names in several romanisations (Mohammad,
// Muhammad, Mohammed; Hosseini, Husseini, Hoseyni), sometimes without vowels at all (any-ascii of
// Persian script gives "mhmd hsyny"). Comparison is therefore token-based and order-insensitive,
// with graded token similarity: exact > transliteration form > edit distance > consonant skeleton +
// phonetic key. After OpenSanctions' matchers (nomenklatura logic-v1/v2): tokens that conflict
// count against a match more than tokens one side simply omits (a patronymic left out).
import anyAscii from 'any-ascii';
import { doubleMetaphone } from 'double-metaphone';
import { jaroWinkler } from '@skyra/jaro-winkler';
import { distance } from 'fastest-levenshtein';
// NOTE: the CommonJS entry (see lib/normalize/countries.ts).
import countries from 'world-countries/index.cjs';
import type { ResolutionSchema } from './types';

/** Persons, organisations and things (vessels, aircraft) are named differently. */
export type NameKind = 'person' | 'org' | 'object';

export const nameKindOf = (schema: ResolutionSchema): NameKind =>
  schema === 'Person' ? 'person' : schema === 'Vessel' || schema === 'Airplane' ? 'object' : 'org';

/**
 * Legal-form classes: "OOO" and "LLC" are one class, so they never conflict; a change of class
 * ("X LLC" vs "X JSC") is weak counter-evidence (companies do re-register, lists lag behind).
 * `generic` ("Company", "Co", "Sherkat") says only that it is an organisation: it never conflicts.
 */
export type OrgClass = 'llc' | 'jsc' | 'soe' | 'partnership' | 'generic';

// NOTE: written in the forms the tokens take after any-ascii and lower-casing; matched through
// translitForm, so "ogranichennoy"/"ogranichennoi" and "otvetstvennost'yu"/"otvetstvennostyu" agree.
const ORG_TYPE_PHRASES: Array<[string, OrgClass]> = [
  ['limited liability company', 'llc'],
  ['company limited', 'llc'],
  ['llc', 'llc'],
  ['ltd', 'llc'],
  ['limited', 'llc'],
  ['ooo', 'llc'],
  ['obshchestvo s ogranichennoi otvetstvennostyu', 'llc'],
  ['tov', 'llc'],
  ['tovarystvo z obmezhenoyu vidpovidalnistyu', 'llc'],
  ['too', 'llc'],
  ['gmbh', 'llc'],
  ['sarl', 'llc'],
  ['srl', 'llc'],
  ['sro', 'llc'],
  ['bv', 'llc'],
  ['pte ltd', 'llc'],
  ['pte', 'llc'],
  ['sdn bhd', 'llc'],
  ['fze', 'llc'],
  ['fzco', 'llc'],
  ['fzc', 'llc'],
  ['fz llc', 'llc'],
  ['free zone establishment', 'llc'],
  ['free zone company', 'llc'],
  ['dmcc', 'llc'],
  ['joint stock company', 'jsc'],
  ['public joint stock company', 'jsc'],
  ['open joint stock company', 'jsc'],
  ['closed joint stock company', 'jsc'],
  ['jsc', 'jsc'],
  ['ojsc', 'jsc'],
  ['cjsc', 'jsc'],
  ['pjsc', 'jsc'],
  ['ao', 'jsc'],
  ['oao', 'jsc'],
  ['zao', 'jsc'],
  ['pao', 'jsc'],
  ['nao', 'jsc'],
  ['aktsionernoe obshchestvo', 'jsc'],
  ['otkrytoe aktsionernoe obshchestvo', 'jsc'],
  ['zakrytoe aktsionernoe obshchestvo', 'jsc'],
  ['publichnoe aktsionernoe obshchestvo', 'jsc'],
  ['nepublichnoe aktsionernoe obshchestvo', 'jsc'],
  ['plc', 'jsc'],
  ['public limited company', 'jsc'],
  ['sa', 'jsc'],
  ['ag', 'jsc'],
  ['spa', 'jsc'],
  ['nv', 'jsc'],
  ['sahami khass', 'jsc'],
  ['sahami ye khass', 'jsc'],
  ['sahami e khass', 'jsc'],
  ['sahami aam', 'jsc'],
  ['sahami ye aam', 'jsc'],
  ['federal state unitary enterprise', 'soe'],
  ['state unitary enterprise', 'soe'],
  ['state enterprise', 'soe'],
  ['gosudarstvennoe predpriyatie', 'soe'],
  ['gosudarstvennoe unitarnoe predpriyatie', 'soe'],
  ['federalnoe gosudarstvennoe unitarnoe predpriyatie', 'soe'],
  ['fgup', 'soe'],
  ['gup', 'soe'],
  ['fkp', 'soe'],
  ['fgbu', 'soe'],
  ['state corporation', 'soe'],
  ['goskorporatsiya', 'soe'],
  ['limited liability partnership', 'partnership'],
  ['llp', 'partnership'],
  ['lp', 'partnership'],
  ['company', 'generic'],
  ['co', 'generic'],
  ['corporation', 'generic'],
  ['corp', 'generic'],
  ['inc', 'generic'],
  ['incorporated', 'generic'],
  ['sherkat', 'generic'],
  ['sherkate', 'generic'],
  ['shirkat', 'generic'],
];

const HONORIFICS = new Set(
  ('mr mrs ms miss dr doctor prof professor general gen colonel col brigadier brig lieutenant lt captain capt admiral adm ' +
    'commander sheikh shaikh shaykh sheik haji hajji hadji alhaji mullah mulla maulavi mawlawi maulvi qari hojatoleslam ' +
    'hojjatoleslam ayatollah sardar engineer ' +
    // NOTE: "Seyed" (a descendant of the Prophet) is a title one list writes and another leaves out,
    // in a different spelling each time (Sayed, Sayyed, Seid, Syed).
    'sayed sayyed sayyid seyed seyyed seyyid sayid seid syed')
    .split(' '),
);
// Vessel name prefixes: "M/V", "MV", "M.T." say what kind of ship, not which one.
const OBJECT_PREFIXES = new Set(['mv', 'mt', 'ms', 'mvs', 'ss']);
// NOTE: no "da", "do", "di" for persons: they are Korean and Vietnamese given-name syllables.
const PERSON_STOPWORDS = new Set('al el ul bin ibn bint de del van von der den du dos das des'.split(' '));
const ORG_STOPWORDS = new Set([...PERSON_STOPWORDS, ...'of the and for la le les da do di della wa va et und e ye i y'.split(' ')]);

/** Words that make a name a branch, subsidiary or office of the named thing, not the thing. */
export const BRANCH_WORDS = new Set(
  ('branch filial filiale filiala representative representation office predstavitelstvo otdelenie subsidiary ' +
    'dochernee affiliate division department agency')
    .split(' '),
);
// Capitals (world-countries) and the commercial cities where listed banks and traders keep branches.
const CITY_TOKENS: Set<string> = new Set(
  [
    ...countries.flatMap((c) => c.capital),
    ...('Hamburg Frankfurt Dubai Sharjah Kish Shanghai Hong Kong Istanbul Saint Petersburg Vladivostok Kazan Novosibirsk ' +
      'Almaty Mumbai Karachi Lahore Limassol Larnaca Milan Geneva Zurich Rotterdam Antwerp Guangzhou Shenzhen Dalian ' +
      'Tianjin Bandar Abbas Isfahan Mashhad Tabriz Shiraz Herat Kandahar Aden Benghazi Misrata Basra Erbil Aleppo Latakia')
      .split(' '),
  ].flatMap((c) => tokenize(c)),
);

// Country names (world-countries' common names) without their generic words ("Republic", "North").
const GENERIC_PLACE_WORDS = new Set('and of the da republic islands island saint united states kingdom new north northern south southern east west western central democratic dr city'.split(' '));
const COUNTRY_TOKENS: Set<string> = new Set(countries.flatMap((c) => tokenize(c.name.common)).filter((t) => !GENERIC_PLACE_WORDS.has(t)));

export const isBranchToken = (t: string) => BRANCH_WORDS.has(t);
export const isCityToken = (t: string) => CITY_TOKENS.has(t);
/** A city or a country: what tells two branches of one organisation apart ("… Benghazi", "… (Pakistan)"). */
export const isPlaceToken = (t: string) => CITY_TOKENS.has(t) || COUNTRY_TOKENS.has(t);

// Words of a place of birth that say what kind of place it is, or which state it was in then and now
// ("Leningrad, USSR (now Saint Petersburg, Russian Federation)"), not which place.
const PLACE_WORDS = new Set(
  ('ussr former formerly now soviet socialist ssr russian federation republic region oblast krai kray district province ' +
    'village city town settlement governorate prefecture county state autonomous islamic or in near saint st usa uk america')
    .split(' '),
);

/** The words of a place of birth that name the place (transliteration forms): no countries, kinds of place or "USSR (now …)". */
export function placeTokens(place: string): string[] {
  return [...new Set(tokenize(place).filter((t) => t.length >= 3 && !/^[0-9]+$/.test(t) && !PLACE_WORDS.has(t) && !GENERIC_PLACE_WORDS.has(t) && !COUNTRY_TOKENS.has(t)).map(translitForm))];
}

/** A capital or a large commercial city: many people are born there, so a shared one says less. */
export function isMajorCityForm(form: string): boolean {
  // NOTE: built on first use: translitForm's cache is not initialised yet where CITY_TOKENS is.
  CITY_FORMS ??= new Set([...CITY_TOKENS].map(translitForm));
  return CITY_FORMS.has(form);
}
let CITY_FORMS: Set<string> | null = null;

const VOWELS = /[aeiouy]/g;

/** any-ascii, lower case, an apostrophe inside a word dropped (the soft sign: "otvetstvennost'yu"), quotes and other punctuation → space. */
function tokenize(s: string, dropDots = false): string[] {
  // NOTE: an apostrophe inside a word goes ("otvetstvennost'yu", "Ta'avon"); quotes around words part
  // them ("Republic of Crimea’‘Universal-Avia’" is two names' words, not "crimeauniversal").
  let t = anyAscii(s).toLowerCase().replace(/(?<=[a-z0-9])['’ʼ`](?=[a-z0-9])/g, '').replace(/['’ʼ`"]/g, ' ');
  // NOTE: for organisations and vessels "L.L.C." and "M/V" are one word; for persons "Y.V." are two initials.
  if (dropDots) t = t.replace(/(?<=\b[a-z])[./](?=[a-z]\b)/g, '').replace(/(?<=\b[a-z])\.(?=\s|$)/g, '');
  return t.split(/[^a-z0-9]+/).filter(Boolean);
}

const FORM_CACHE = new Map<string, string>();

/**
 * One spelling for the common romanisation variants: Yevgeniy/Evgeny/Evgenii/Evgenij → "evgeni",
 * Prigozhin/Prigojin → "prigojin", Khamenei/Hamenei, Hosseini/Hoseyni → "hoseini", Viktor/Victor,
 * Naqdi/Naghdi. Only ever compared with another form, so the result need not be readable.
 */
export function translitForm(token: string): string {
  const hit = FORM_CACHE.get(token);
  if (hit !== undefined) return hit;
  const form = computeForm(token);
  if (FORM_CACHE.size >= 100_000) FORM_CACHE.clear();
  FORM_CACHE.set(token, form);
  return form;
}

function computeForm(token: string): string {
  let t = token;
  if (/^[0-9]+$/.test(t)) return t;
  t = t.replace(/^ye/, 'e').replace(/^yu/, 'u').replace(/^ya/, 'a');
  t = t
    .replace(/dzh/g, 'j')
    .replace(/zh/g, 'j')
    .replace(/dj/g, 'j')
    .replace(/kh/g, 'h')
    // Persian qaf is romanised q or gh: Naqdi/Naghdi, Qasem/Ghasem.
    .replace(/gh/g, 'k')
    .replace(/tch/g, 'ch')
    .replace(/sch/g, 'sh')
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    .replace(/q/g, 'k')
    .replace(/w/g, 'v')
    .replace(/x/g, 'ks')
    .replace(/c(?!h)/g, 'k')
    .replace(/ou/g, 'u')
    .replace(/oo/g, 'u')
    .replace(/ee/g, 'i')
    .replace(/y/g, 'i')
    .replace(/ij$/, 'i')
    // The Russian neuter ending: "gosudarstvennoye"/"gosudarstvennoe".
    .replace(/oie$/, 'oe');
  return t.replace(/(.)\1+/g, '$1');
}

/** Consonant skeleton: "mohammad", "muhammad" and the vowelless "mhmd" all give "mhmd". */
export function skeleton(form: string): string {
  if (!form) return form;
  const first = /[aeiouy]/.test(form[0]!) ? 'a' : form[0]!;
  return (first + form.slice(1).replace(VOWELS, '')).replace(/(.)\1+/g, '$1');
}

// English plurals in organisation names: "Industries"/"Industry", "Systems"/"System".
const stem = (form: string) => (form.length > 4 ? form.replace(/ies$/, 'i').replace(/([^s])s$/, '$1') : form);

export type NameToken = { token: string; form: string; skeleton: string; phonetic: [string, string] };

export type ParsedName = {
  original: string;
  kind: NameKind;
  /** Content tokens in their order: no legal forms, honorifics, stopwords or numbers. */
  tokens: NameToken[];
  numbers: string[];
  orgClasses: OrgClass[];
  /** The legal-form words as found, for the explanation. */
  orgTypeWords: string[];
  /** The content tokens joined without spaces (stopwords kept): "al qaida" = "alqaida". */
  compact: string;
};

type Phrase = { forms: string[]; cls: OrgClass };
const PHRASES_BY_FIRST = new Map<string, Phrase[]>();
for (const [words, cls] of ORG_TYPE_PHRASES) {
  const forms = words.split(' ').map(translitForm);
  const list = PHRASES_BY_FIRST.get(forms[0]!) ?? [];
  list.push({ forms, cls });
  list.sort((x, y) => y.forms.length - x.forms.length);
  PHRASES_BY_FIRST.set(forms[0]!, list);
}

// NOTE: one map per kind, keyed by the name itself: a concatenated key cost a string per lookup.
const PARSE_CACHE: Record<NameKind, Map<string, ParsedName>> = { person: new Map(), org: new Map(), object: new Map() };
const PARSE_CACHE_MAX = 200_000;

/** Parses one name (no parenthetical splitting: see expandNames). Cached: the same names recur across pairs. */
export function parseName(name: string, kind: NameKind): ParsedName {
  const cache = PARSE_CACHE[kind];
  const hit = cache.get(name);
  if (hit) return hit;
  const raw = tokenize(name, kind !== 'person');
  const forms = raw.map(translitForm);
  const orgClasses: OrgClass[] = [];
  const orgTypeWords: string[] = [];
  const content: string[] = [];
  const numbers: string[] = [];
  for (let i = 0; i < raw.length; ) {
    if (kind === 'org') {
      const phrase = (PHRASES_BY_FIRST.get(forms[i]!) ?? []).find((p) => p.forms.every((f, k) => forms[i + k] === f));
      if (phrase) {
        orgClasses.push(phrase.cls);
        orgTypeWords.push(raw.slice(i, i + phrase.forms.length).join(' '));
        i += phrase.forms.length;
        continue;
      }
    }
    const t = raw[i]!;
    i++;
    if (/^[0-9]+$/.test(t)) numbers.push(t.replace(/^0+(?=.)/, ''));
    else if (kind === 'person' && HONORIFICS.has(t)) continue;
    else if (kind === 'object' && OBJECT_PREFIXES.has(t)) continue;
    else content.push(t);
  }
  const stop = kind === 'person' ? PERSON_STOPWORDS : ORG_STOPWORDS;
  let kept = content.filter((t) => !stop.has(t));
  // A name that is nothing but a legal form or stopwords ("AO", "AL") keeps what it has.
  if (!kept.length) kept = content.length ? content : raw.filter((t) => !/^[0-9]+$/.test(t));
  const tokens: NameToken[] = [];
  const seenForms = new Set<string>();
  for (const token of kept) {
    const f = kind === 'person' ? translitForm(token) : stem(translitForm(token));
    // NOTE: a word said twice says nothing more: the EU writes one name in two scripts in one cell
    // ("State enterprise ‘Universal-Avia’ … Gosudarstvennoye predpriyatiye ‘Universal-Avia’").
    if (seenForms.has(f)) continue;
    seenForms.add(f);
    tokens.push({ token, form: f, skeleton: skeleton(f), phonetic: doubleMetaphone(token) });
  }
  const parsed: ParsedName = {
    original: name,
    kind,
    tokens,
    numbers: [...new Set(numbers)].sort(),
    orgClasses: [...new Set(orgClasses)].sort(),
    orgTypeWords,
    compact: content.map((t) => (kind === 'person' ? translitForm(t) : stem(translitForm(t)))).join(''),
  };
  if (cache.size >= PARSE_CACHE_MAX) cache.clear();
  cache.set(name, parsed);
  return parsed;
}

const EXPAND_CACHE = new Map<string, string[]>();

/**
 * "Islamic Revolutionary Guard Corps (IRGC)" → the name and its acronym as two names; a
 * parenthetical that only says where or what kind ("(Hamburg Branch)", "(Pakistan)", "(LLC)") stays
 * in the name: it tells branches apart.
 */
export function expandNames(name: string): string[] {
  const hit = EXPAND_CACHE.get(name);
  if (hit) return hit;
  const out = computeExpandedNames(name);
  if (EXPAND_CACHE.size >= PARSE_CACHE_MAX) EXPAND_CACHE.clear();
  EXPAND_CACHE.set(name, out);
  return out;
}

// Aliases written into the name itself: "X a.k.a. Y", "X (formerly known as Y)".
// NOTE: only the dotted and spelled-out forms: a bare "aka" is also a word of names.
const MARKER = String.raw`\b(?:a\.k\.a\.?|f\.k\.a\.?|also known as|formerly known as)`;
const ALIAS_MARKER = new RegExp(String.raw`\s*${MARKER}(?:\s+|$)`, 'i');
const ALIAS_IN_PARENS = new RegExp(String.raw`\(\s*${MARKER}\s*([^()]*)\)`, 'gi');

// Several names run into one cell: the UN's "Husain Salimi; Hosain Salimi", the EU's "JSC 'Obukhov Plant' / JSC 'GOZ Obukhov plant'".
// NOTE: a slash only with spaces around it: "M/V", "HARAKAT UL-JIHAD-I-ISLAMI/BANGLADESH" are one name.
const NAME_LIST_SEPARATOR = /\s*;\s*|\s+\/\s+/;

// What a listing covers beyond the named thing, written into the name: the EU's "Bank Melli, Bank Melli
// Iran (including all branches) and subsidiaries", "Iran Electronics Industries and the following
// subsidiaries:". Not part of any name the other lists write.
const SCOPE_PHRASE = /\s*\(\s*including\s+(?:all\s+)?(?:its\s+)?(?:branches|offices|subsidiaries)[^)]*\)|\s+and\s+(?:(?:the\s+following|its|all(?:\s+its)?)\s+(?:branches|subsidiaries|affiliates)|subsidiaries)\s*:?\s*$/gi;

/**
 * "Bank Melli, Bank Melli Iran": two names of one list entry, the second repeating the first's words.
 * NOTE: a comma alone does not separate names ("Bank of X, Ltd", "Ministry of Defence, Logistics"): only
 * when the part after it starts with every word of the part before.
 */
function repeatedHead(name: string): string[] | null {
  const i = name.indexOf(',');
  if (i < 0 || name.indexOf(',', i + 1) >= 0) return null;
  const head = tokenize(name.slice(0, i));
  const tail = tokenize(name.slice(i + 1));
  return head.length >= 1 && tail.length > head.length && head.every((t, k) => tail[k] === t) ? [name.slice(0, i).trim(), name.slice(i + 1).trim()] : null;
}

function computeExpandedNames(raw: string): string[] {
  const name = raw.replace(SCOPE_PHRASE, '').trim() || raw;
  const listed = repeatedHead(name);
  if (listed) return [...new Set(listed.flatMap(computeExpandedNames))];
  if (NAME_LIST_SEPARATOR.test(name)) {
    const parts = name.split(NAME_LIST_SEPARATOR).filter((x) => tokenize(x).length > 0);
    if (parts.length > 1) return [...new Set(parts.flatMap(computeExpandedNames))];
  }
  if (ALIAS_MARKER.test(name)) {
    const parts = name
      .replace(ALIAS_IN_PARENS, ' a.k.a. $1 ')
      .split(ALIAS_MARKER)
      .map((x) => x.trim())
      .filter((x) => tokenize(x).length > 0);
    if (parts.length > 1) return [...new Set(parts.flatMap(computeExpandedNames))];
  }
  if (!name.includes('(')) return [name];
  const out: string[] = [];
  const inner: string[] = [];
  const outer = name.replace(/\(([^()]*)\)/g, (_whole, content: string) => {
    const toks = tokenize(content, true);
    const descriptive =
      toks.length > 0 && toks.every((t) => BRANCH_WORDS.has(t) || isPlaceToken(t) || ORG_STOPWORDS.has(t) || PHRASES_BY_FIRST.has(translitForm(t)));
    if (descriptive) return ` ${content} `;
    if (toks.length) inner.push(content);
    return ' ';
  });
  if (tokenize(outer).length) out.push(outer.replace(/\s+/g, ' ').trim());
  out.push(...inner);
  return out.length ? out : [name];
}

export type TokenMatch = { a: string; b: string; sim: number; how: 'exact' | 'translit' | 'fuzzy' | 'phonetic' | 'initial' | 'joined' };

const isVowelless = (form: string) => form.length >= 3 && !/[aeiouy]/.test(form);

type How = TokenMatch['how'];
// The last token comparison's kind of match, for compareTokens (the hot path returns a bare number).
let lastHow: How = 'exact';

/** Graded similarity of two tokens (0 = unrelated). */
export function tokenSimilarity(x: NameToken, y: NameToken, kind: NameKind): number {
  lastHow = 'exact';
  if (x.token === y.token) return 1;
  lastHow = 'translit';
  if (x.form === y.form) return 0.95;
  const la = x.form.length;
  const lb = y.form.length;
  if (kind === 'person' && (x.token.length === 1 || y.token.length === 1)) {
    // An initial: "Y. V. Prigozhin".
    lastHow = 'initial';
    return x.token.length !== y.token.length && (x.form[0] === y.form[0] || x.token[0] === y.token[0]) ? 0.6 : 0;
  }
  const maxLen = la > lb ? la : lb;
  const budget = maxLen <= 3 ? 0 : maxLen <= 6 ? 1 : maxLen <= 10 ? 2 : 3;
  let best = 0;
  lastHow = 'fuzzy';
  if (budget > 0 && Math.abs(la - lb) <= budget && distance(x.form, y.form) <= budget) best = Math.min(0.93, jaroWinkler(x.form, y.form));
  if (best < 0.85 && x.skeleton === y.skeleton && x.skeleton.length >= 3) {
    // NOTE: the skeleton alone joins Hassan and Hussein (both "hsn"); the phonetic key and a
    // Jaro-Winkler floor keep apart what is more than a vowel shift. Vowelless romanisations
    // ("mhmd") have no vowels to compare, so the skeleton is all there is.
    if (isVowelless(x.form) || isVowelless(y.form)) {
      lastHow = 'phonetic';
      return 0.8;
    }
    const phonetic = x.phonetic[0] === y.phonetic[0] || x.phonetic[0] === y.phonetic[1] || x.phonetic[1] === y.phonetic[0];
    if (phonetic && jaroWinkler(x.form, y.form) >= 0.82) {
      lastHow = 'phonetic';
      return 0.85;
    }
  }
  return best;
}

/** tokenSimilarity with the kind of match, for explanations. */
export function compareTokens(x: NameToken, y: NameToken, kind: NameKind): { sim: number; how: How } {
  const sim = tokenSimilarity(x, y, kind);
  return { sim, how: lastHow };
}

export type NamePairDetail = {
  a: string;
  b: string;
  method: 'tokens' | 'compact' | 'acronym';
  matches: TokenMatch[];
  /** Tokens of one name that nothing in the other matched. */
  extraA: string[];
  extraB: string[];
  orgClassesA: OrgClass[];
  orgClassesB: OrgClass[];
  numbersA: string[];
  numbersB: string[];
};

function initials(p: ParsedName): string {
  return p.tokens.map((t) => t.token[0]).join('');
}

// Reused between calls: the similarity matrix of one name pair (names are a handful of tokens).
let SIM = new Float64Array(64);
let USED_A = new Uint8Array(16);
let USED_B = new Uint8Array(16);

/** Two adjacent tokens of one name matched as one token of the other: side 'a' = tokens i, i+1 of x with token j of y. */
type Join = { side: 'a' | 'b'; i: number; j: number; sim: number };
const NO_JOINS: Join[] = [];
type Alignment = { score: number; method: NamePairDetail['method']; pairs: Array<[number, number, number]>; joins: Join[] };

/**
 * "Mir Ahmad" / "Mirahmad", "Abdul Sattar" / "Abdulsattar", "Nejad Nouri" / "Nejadnouri": romanisations
 * differ in where they split a name. Similarity of two adjacent tokens run together with one token.
 */
function joinedSimilarity(x1: NameToken, x2: NameToken, y: NameToken): number {
  const len = x1.form.length + x2.form.length;
  if (Math.abs(len - y.form.length) > 2 || y.form.length < 5) return 0;
  // NOTE: the two forms run together, a letter doubled across the seam once ("mir" + "rahim"): as the
  // form of the joined token, without a translitForm call per candidate (the hot path).
  const form = x1.form[x1.form.length - 1] === x2.form[0] ? x1.form + x2.form.slice(1) : x1.form + x2.form;
  if (form === y.form) return 0.95;
  const maxLen = Math.max(form.length, y.form.length);
  const budget = maxLen <= 6 ? 1 : maxLen <= 10 ? 2 : 3;
  return distance(form, y.form) <= budget ? Math.min(0.93, jaroWinkler(form, y.form)) : 0;
}

/** Joins of unmatched adjacent tokens on one side with unmatched tokens of the other (see joinedSimilarity), best first. */
function findJoins(x: ParsedName, y: ParsedName, usedA: Uint8Array, usedB: Uint8Array): Join[] {
  const joins: Join[] = [];
  for (;;) {
    let best: Join | null = null;
    for (const side of ['a', 'b'] as const) {
      const [p, q, usedP, usedQ] = side === 'a' ? [x, y, usedA, usedB] : [y, x, usedB, usedA];
      for (let i = 0; i + 1 < p.tokens.length; i++) {
        if (usedP[i] || usedP[i + 1]) continue;
        for (let j = 0; j < q.tokens.length; j++) {
          if (usedQ[j]) continue;
          const sim = joinedSimilarity(p.tokens[i]!, p.tokens[i + 1]!, q.tokens[j]!);
          if (sim >= 0.85 && (!best || sim > best.sim)) best = { side, i, j, sim };
        }
      }
    }
    if (!best) return joins;
    const [usedP, usedQ] = best.side === 'a' ? [usedA, usedB] : [usedB, usedA];
    usedP[best.i] = 1;
    usedP[best.i + 1] = 1;
    usedQ[best.j] = 1;
    joins.push(best);
  }
}

/**
 * The alignment behind compareParsed. Greedy by similarity, best token pairs first (ties: earlier
 * tokens first): names are too short to need an optimal assignment.
 */
function align(x: ParsedName, y: ParsedName, withPairs: boolean): Alignment {
  const kind = x.kind === y.kind ? x.kind : 'org';
  const na = x.tokens.length;
  const nb = y.tokens.length;
  if (na * nb > SIM.length) SIM = new Float64Array(na * nb * 2);
  if (na > USED_A.length) USED_A = new Uint8Array(na * 2);
  if (nb > USED_B.length) USED_B = new Uint8Array(nb * 2);
  const usedA = USED_A.fill(0, 0, na);
  const usedB = USED_B.fill(0, 0, nb);
  for (let i = 0; i < na; i++) for (let j = 0; j < nb; j++) SIM[i * nb + j] = tokenSimilarity(x.tokens[i]!, y.tokens[j]!, kind);
  let matched = 0;
  let matchedLen = 0;
  const pairs: Array<[number, number, number]> = [];
  for (;;) {
    let bi = -1;
    let bj = -1;
    let best = 0;
    for (let i = 0; i < na; i++) {
      if (usedA[i]) continue;
      for (let j = 0; j < nb; j++) {
        const v = SIM[i * nb + j]!;
        if (v > best && !usedB[j]) {
          best = v;
          bi = i;
          bj = j;
        }
      }
    }
    if (bi < 0) break;
    usedA[bi] = 1;
    usedB[bj] = 1;
    const w = x.tokens[bi]!.form.length + y.tokens[bj]!.form.length;
    matched += best * w;
    matchedLen += w;
    if (withPairs) pairs.push([bi, bj, best]);
  }
  let leftA = 0;
  let leftB = 0;
  for (let i = 0; i < na; i++) leftA += 1 - usedA[i]!;
  for (let j = 0; j < nb; j++) leftB += 1 - usedB[j]!;
  const joins = leftA && leftB && leftA + leftB >= 3 ? findJoins(x, y, usedA, usedB) : NO_JOINS;
  for (const jn of joins) {
    const [p, q] = jn.side === 'a' ? [x, y] : [y, x];
    const w = p.tokens[jn.i]!.form.length + p.tokens[jn.i + 1]!.form.length + q.tokens[jn.j]!.form.length;
    matched += jn.sim * w;
    matchedLen += w;
  }
  let lenA = 0;
  let lenB = 0;
  for (let i = 0; i < na; i++) if (!usedA[i]) lenA += x.tokens[i]!.form.length;
  for (let j = 0; j < nb; j++) if (!usedB[j]) lenB += y.tokens[j]!.form.length;
  // NOTE: tokens left over on both sides conflict (Hosseini vs Rezaei); tokens on one side only are
  // an omission (a patronymic one list leaves out) and count half.
  const denom = matchedLen + (lenA > 0 && lenB > 0 ? lenA + lenB : 0.5 * (lenA + lenB));
  let score = denom > 0 ? matched / denom : 0;
  let method: NamePairDetail['method'] = 'tokens';
  if (score < 0.95 && x.compact.length >= 4 && x.compact === y.compact) {
    score = 0.95;
    method = 'compact';
  }
  if (score < 0.9 && kind !== 'person') {
    // "IRGC" for "Islamic Revolutionary Guard Corps": only from three words up, two letters say too little.
    const [short, long] = na === 1 ? [x, y] : [y, x];
    if (short.tokens.length === 1 && long.tokens.length >= 3 && short.tokens[0]!.token === initials(long)) {
      score = 0.9;
      method = 'acronym';
    }
  }
  return { score, method, pairs, joins };
}

/** Order-insensitive similarity of two parsed names, 0..1 (no explanation: the hot path). */
export function scoreParsed(x: ParsedName, y: ParsedName): number {
  if (x.tokens.length === y.tokens.length && x.compact === y.compact && x.tokens.every((t, i) => t.token === y.tokens[i]!.token)) return 1;
  return align(x, y, false).score;
}

/** Order-insensitive similarity of two parsed names, 0..1, with the token alignment behind it. */
export function compareParsed(x: ParsedName, y: ParsedName): { score: number; detail: NamePairDetail } {
  const kind = x.kind === y.kind ? x.kind : 'org';
  const r = align(x, y, true);
  const usedA = new Set(r.pairs.map((p) => p[0]));
  const usedB = new Set(r.pairs.map((p) => p[1]));
  const matches: TokenMatch[] = r.pairs.map(([i, j]) => {
    const t = compareTokens(x.tokens[i]!, y.tokens[j]!, kind);
    return { a: x.tokens[i]!.token, b: y.tokens[j]!.token, sim: t.sim, how: t.how };
  });
  for (const jn of r.joins) {
    const [p, q, usedP, usedQ] = jn.side === 'a' ? [x, y, usedA, usedB] : [y, x, usedB, usedA];
    usedP.add(jn.i).add(jn.i + 1);
    usedQ.add(jn.j);
    const two = `${p.tokens[jn.i]!.token} ${p.tokens[jn.i + 1]!.token}`;
    const one = q.tokens[jn.j]!.token;
    matches.push({ a: jn.side === 'a' ? two : one, b: jn.side === 'a' ? one : two, sim: jn.sim, how: 'joined' });
  }
  return {
    score: r.score,
    detail: {
      a: x.original,
      b: y.original,
      method: r.method,
      matches,
      extraA: x.tokens.filter((_, i) => !usedA.has(i)).map((t) => t.token),
      extraB: y.tokens.filter((_, j) => !usedB.has(j)).map((t) => t.token),
      orgClassesA: x.orgClasses,
      orgClassesB: y.orgClasses,
      numbersA: x.numbers,
      numbersB: y.numbers,
    },
  };
}

export type NameComparison = {
  score: number;
  best: [string, string];
  detail: NamePairDetail | null;
  /** Further name pairs (other names on both sides) that agree ≥ 0.9: corroboration. */
  corroborating: number;
  /** The best pair holds a main name of one side at least (not two aliases). */
  mainInvolved: boolean;
};

/** A set of names of one record: `main` are the list's main name (its parts: "X a.k.a. Y", "X (Y)"), also in `names`. */
export type NameSet = { names: ParsedName[]; weak: ParsedName[]; main: ParsedName[] };

export const WEAK_ALIAS_FACTOR = 0.8;
/** A name of one short token ("HESA", "ABU ALI" minus stopwords) says less than a full name. */
export const SHORT_NAME_FACTOR = 0.85;

export function parseNameSet(names: string[], weakNames: string[], kind: NameKind): NameSet {
  const expand = (list: string[]) => [...new Set(list.flatMap(expandNames))].map((n) => parseName(n, kind)).filter((p) => p.tokens.length > 0);
  return { names: expand(names), weak: expand(weakNames), main: expand(names.slice(0, 1)) };
}

const informative = (x: ParsedName, y: ParsedName) => {
  const shorter = x.tokens.length <= y.tokens.length ? x : y;
  return shorter.tokens.length === 1 && shorter.tokens[0]!.form.length <= 5 ? SHORT_NAME_FACTOR : 1;
};

type Best = { s: number; x: ParsedName | null; y: ParsedName | null; i: number; j: number };

// NOTE: a plain function, not a closure per call: this runs for every name pair of every candidate.
function bestOf(xs: ParsedName[], ys: ParsedName[], factor: number, best: Best, strong: Array<{ i: number; j: number; s: number }> | null): void {
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    for (let j = 0; j < ys.length; j++) {
      const y = ys[j]!;
      const raw = scoreParsed(x, y);
      const s = raw * factor * informative(x, y);
      if (strong && raw >= 0.9) strong.push({ i, j, s });
      if (s > best.s) {
        best.s = s;
        best.x = x;
        best.y = y;
        best.i = strong ? i : -1;
        best.j = strong ? j : -1;
      }
    }
  }
}

/**
 * Best pair over all names and aliases of both sides. The token-level detail (what matched, what is
 * left over) is worked out for the best pair only, and only from `detailFrom` up: below, names that
 * barely agree have nothing to explain and no branch or legal form to compare (the hot path).
 */
export function compareNameSets(a: NameSet, b: NameSet, detailFrom = 0): NameComparison {
  const best: Best = { s: -1, x: null, y: null, i: -1, j: -1 };
  const strong: Array<{ i: number; j: number; s: number }> = [];
  bestOf(a.names, b.names, 1, best, strong);
  if (best.s < 1) {
    bestOf(a.weak, b.names, WEAK_ALIAS_FACTOR, best, null);
    bestOf(a.names, b.weak, WEAK_ALIAS_FACTOR, best, null);
  }
  if (!best.x || !best.y) return { score: 0, best: ['', ''], detail: null, corroborating: 0, mainInvolved: false };
  // Independent agreements: other names on both sides (not the best pair's) that also match.
  let corroborating = 0;
  if (strong.length > 1) {
    const usedI = new Set([best.i]);
    const usedJ = new Set([best.j]);
    for (const p of strong.sort((x, y) => y.s - x.s || x.i - y.i || x.j - y.j)) {
      if (usedI.has(p.i) || usedJ.has(p.j)) continue;
      usedI.add(p.i);
      usedJ.add(p.j);
      corroborating++;
    }
  }
  const score = Math.min(1, best.s);
  const bx = best.x.original;
  const by = best.y.original;
  const mainInvolved = a.main.some((m) => m.original === bx) || b.main.some((m) => m.original === by);
  return { score, best: [bx, by], detail: score >= detailFrom ? compareParsed(best.x, best.y).detail : null, corroborating, mainInvolved };
}

/** Best pair over all names/aliases of two lists of names (weak aliases: see compareNameSets). */
export function compareNames(namesA: string[], namesB: string[], opts: { kind?: NameKind } = {}): NameComparison {
  const kind = opts.kind ?? 'org';
  return compareNameSets(parseNameSet(namesA, [], kind), parseNameSet(namesB, [], kind));
}

/** Normalised full name, for display and tests: "PRIGOZHIN, Yevgeniy" → "prigojin evgeni". */
export function normalizeName(name: string, kind: NameKind = 'org'): string {
  return parseName(name, kind)
    .tokens.map((t) => t.form)
    .join(' ');
}

/** Tokens used for the pair keys: the longest few, so a name with 20 words does not make 190 keys. */
const KEY_TOKENS = 6;

/**
 * Blocking keys of one name, prefixed by their family:
 * `n:` the normalised name in order (and, for an organisation name of three words or more, its
 * acronym: "IRGC"), `s:` its tokens sorted, `p:` the sorted consonant skeletons, `m:` the sorted
 * double-metaphone keys, `c:` the words run together ("Alqaida"/"Al-Qaida"): one shared key of
 * these makes a candidate pair;
 * `t2:` each pair of token skeletons (two shared tokens make a candidate);
 * `t:` each token skeleton (only for rare tokens: the blocker drops large blocks).
 */
export function nameKeys(name: string, kind: NameKind = 'org'): string[] {
  const keys = new Set<string>();
  for (const variant of expandNames(name)) {
    const p = parseName(variant, kind);
    if (!p.tokens.length) continue;
    const forms = p.tokens.map((t) => t.form);
    keys.add('n:' + forms.join(' '));
    if (p.tokens.length > 1) {
      keys.add('s:' + [...forms].sort().join(' '));
      keys.add('p:' + p.tokens.map((t) => t.skeleton).sort().join(' '));
      keys.add('m:' + p.tokens.map((t) => t.phonetic[0]).sort().join(' '));
    }
    if (kind !== 'person' && p.tokens.length >= 3) keys.add('n:' + translitForm(initials(p)));
    if (p.compact.length >= 4) keys.add('c:' + p.compact);
    const sks = [...new Set(p.tokens.filter((t) => t.form.length >= 3).map((t) => t.skeleton))];
    const top = sks.sort((x, y) => y.length - x.length || (x < y ? -1 : 1)).slice(0, KEY_TOKENS).sort();
    for (let i = 0; i < top.length; i++) {
      keys.add('t:' + top[i]);
      for (let j = i + 1; j < top.length; j++) keys.add('t2:' + top[i] + ' ' + top[j]);
    }
  }
  return [...keys];
}
