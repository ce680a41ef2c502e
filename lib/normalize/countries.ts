// Country values as the official lists write them (names, demonyms, codes, remarks) → the codes
// FollowTheMoney writes: ISO 3166-1 alpha-2 in lower case, plus FtM's few codes for places that
// are not ISO countries (suhh, yucs, ua-cri…). Issue 24. Pure: no database, no I/O.
// Names come from the libraries (i18n-iso-countries in English, French and Spanish; world-countries
// for official names, alternative spellings, native names and demonyms); the tables below hold only
// what the lists write that no library knows (scripts/lib/country-values.ts finds those values;
// lib/normalize/country-values.fixture.json pins every one of them).
import anyAscii from 'any-ascii';
import isoCountries from 'i18n-iso-countries';
// NOTE: the CommonJS entry: the package's ESM entry imports its JSON without an import attribute,
// which Node refuses outside a bundler (the seed, the CLI and the test setup run on plain Node).
import worldCountries from 'world-countries/index.cjs';

// NOTE: the package's Node entry registers every locale it ships (English, French and Spanish among them).

export type CountryResolution = { code: string; uncertain: boolean } | { code: null; notAvailable: true } | null;
export type CountryOptions = {
  /**
   * The value comes from a field that holds codes (FtM properties, the EU FSF's countryIso2Code):
   * 2-letter (ISO and FtM) and 3-letter (ISO alpha-3) codes are read as codes. In such a field `NA`
   * is Namibia (FtM and ISO write it so); in a name field `na` is "not available" (the UN list).
   */
  codeField?: boolean;
};
export type NormalizedCountries = { codes: string[]; uncertain: string[]; unresolved: string[] };

/**
 * FtM's codes for places that are not ISO 3166-1 countries, with FtM's own English labels
 * (@alephdata/followthemoney defaultModel.json types.country; the test checks them against it) and
 * the other names the lists use for them. NOTE: a region keeps its region code (Crimea is ua-cri,
 * Kurdistan iq-kr), never its country's: a region that is not a country must not become one.
 */
const TERRITORIES: ReadonlyArray<{ code: string; label: string; names: string[] }> = [
  { code: 'suhh', label: 'Soviet Union', names: ['USSR', 'U.S.S.R.', 'Union of Soviet Socialist Republics', 'URSS', 'Soviet'] },
  { code: 'yucs', label: 'Yugoslavia', names: ['Federal Republic of Yugoslavia', 'Socialist Federal Republic of Yugoslavia', 'SFRY', 'Yugoslav'] },
  { code: 'cshh', label: 'Czechoslovakia', names: ['Czechoslovak Socialist Republic', 'Czechoslovak'] },
  { code: 'csxx', label: 'Serbia and Montenegro', names: ['State Union of Serbia and Montenegro'] },
  { code: 'dd', label: 'East Germany', names: ['German Democratic Republic', 'GDR', 'DDR'] },
  { code: 'zr', label: 'Zaire', names: ['Republic of Zaire'] },
  { code: 'ua-cri', label: 'Crimea (Occupied Ukraine)', names: ['Crimea', 'Autonomous Republic of Crimea', 'Republic of Crimea'] },
  { code: 'ua-dpr', label: 'Donetsk (Occupied Ukraine)', names: ["Donetsk People's Republic"] },
  { code: 'ua-lpr', label: 'Luhansk (Occupied Ukraine)', names: ["Luhansk People's Republic", "Lugansk People's Republic"] },
  { code: 'ge-ab', label: 'Abkhazia (Occupied Georgia)', names: ['Abkhazia'] },
  { code: 'x-so', label: 'South Ossetia (Occupied Georgia)', names: ['South Ossetia'] },
  { code: 'md-pmr', label: 'Transnistria (PMR)', names: ['Transnistria', 'Pridnestrovian Moldavian Republic'] },
  { code: 'cy-trnc', label: 'Northern Cyprus', names: ['Turkish Republic of Northern Cyprus', 'TRNC'] },
  { code: 'iq-kr', label: 'Kurdistan', names: ['Kurdistan Region', 'Kurdistan Region of Iraq', 'Iraqi Kurdistan'] },
  { code: 'so-som', label: 'Somaliland', names: [] },
  { code: 'az-nk', label: 'Artsakh', names: ['Nagorno-Karabakh'] },
  { code: 'pk-km', label: 'Kashmir', names: [] },
  { code: 'cn-xz', label: 'Tibet', names: [] },
  { code: 'gb-nir', label: 'Northern Ireland', names: [] },
  { code: 'gb-sct', label: 'Scotland', names: [] },
  { code: 'gb-wls', label: 'Wales', names: [] },
  { code: 'ac', label: 'Ascension Island', names: [] },
  { code: 'cp', label: 'Clipperton Island', names: [] },
  { code: 'cq', label: 'Sark', names: [] },
  { code: 'dg', label: 'Diego Garcia', names: [] },
  { code: 'ic', label: 'Canary Islands', names: [] },
  { code: 'ta', label: 'Tristan da Cunha', names: [] },
  { code: 'eu', label: 'European Union', names: [] },
  { code: 'un', label: 'United Nations', names: [] },
  // NOTE: no names for zz ("Global"): a list's "Worldwide" or "Various" is not a place.
  { code: 'zz', label: 'Global', names: [] },
];
export const FTM_TERRITORY_CODES: readonly string[] = TERRITORIES.map((t) => t.code);

/** What the lists write that no library knows, each seen in data/ (scripts/lib/country-values.ts). */
const LIST_NAMES: Record<string, string> = {
  // OFAC, EU: spellings of demonyms and names the libraries do not carry.
  Belarussian: 'by',
  Byelorussian: 'by',
  'Bosnia-Herzegovina': 'ba',
  Bosnia: 'ba',
  'Comoros Islands': 'km',
  // NOTE: FtM has codes for Scotland, Wales and Northern Ireland, none for England: it is GB's.
  England: 'gb',
  'Libyan Arab Jamahiriya': 'ly',
  'Hong Kong Special Administrative Region': 'hk',
  'Hong Kong SAR': 'hk',
  'Macao SAR': 'mo',
  // The UN's French/Spanish abbreviation of the DPRK.
  RPDC: 'kp',
  // NOTE: ISO 3166-1 PS is the West Bank and the Gaza Strip; OFAC writes them as a nationality
  // ("Region: Gaza") and place of birth, so they name the ISO entity, not a part of a country.
  Gaza: 'ps',
  'Gaza Strip': 'ps',
  'West Bank': 'ps',
  'Palestinian Territories': 'ps',
  'Occupied Palestinian Territory': 'ps',
  'Palestinian Authority': 'ps',
  // Misspellings in OFAC places of birth.
  Phillipines: 'ph',
  'Bosina-Herzegovina': 'ba',
};

/** Values that say the country is not known: no country, and not a failure either. */
const NOT_AVAILABLE = ['na', 'n/a', 'n.a.', 'n/d', 'not available', 'unknown', 'not known', 'undetermined', 'none', 'none identified', 'nil'];

/** 'possibly Ethiopian', 'believed to hold Syrian nationality': the list does not assert it. */
const UNCERTAIN_PREFIX = /^(?:also\s+)?(?:possibly|probably|presumably|reportedly|allegedly|likely|believed\s+to\s+(?:be|hold|have))\s+(.+)$/i;
/** A remark saying the nationality is no longer held ('citizenship revoked in Jan. 2015'). */
const LOST = /\b(?:revoked|withdrawn|renounced|stripped|lost)\b/i;
/** Words around a country that do not change it: 'citizen of X', 'X nationality', 'former X'. */
const PREFIXES = [
  /^(?:a\s+)?(?:citizens?|nationals?|subjects?)\s+of\s+(.+)$/i,
  /^(?:nationality|citizenship|country)\s*:?\s+(.+)$/i,
  /^(?:former(?:ly)?\s+|ex-\s*|ex\s+|previously\s+|now\s+)(.+)$/i,
  /^(?:the\s+)?republic\s+of\s+(.+)$/i,
  // 'Region: Gaza', 'Branch Office 11: Iran'.
  /^[^:]+:\s*(.+)$/,
];
const SUFFIXES = /^(.+?)\s+(?:nationality|citizenship|citizen|national|passport|by\s+birth)$/i;
const LOST_SUFFIX = /^(.+?)\s+(?:nationality|citizenship)\s+(?:was\s+)?(?:revoked|withdrawn|renounced|stripped|lost)\b.*$/i;

/**
 * The comparison form of a name: ASCII (any-ascii: accents, curly quotes, other scripts), lower
 * case, no apostrophes, punctuation or spaces, without 'the', 'St' read as 'Saint', '&' as 'and'.
 * NOTE: spaces go too, so 'Cote d Ivoire' meets "Côte d'Ivoire" and 'People’s' meets "People's".
 */
export function countryKey(name: string): string {
  const words = anyAscii(name)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/['`]/g, '')
    .replace(/&/g, ' and ')
    .split(/[^a-z0-9]+/)
    .filter((w) => w && w !== 'the')
    .map((w) => (w === 'st' ? 'saint' : w));
  return words.join('');
}

type NameIndex = { codes: Map<string, string>; notAvailable: Set<string> };
let INDEX: NameIndex | null = null;

/**
 * Every name → its code, built once. Sources in order of trust; a name one source gives keeps
 * its code. A name two countries share within one source ('Congo', 'Congolese', 'Dominican',
 * 'Virgin Islands') goes to the one independent country among them, or to none: never guess.
 */
function nameIndex(): NameIndex {
  if (INDEX) return INDEX;
  const codes = new Map<string, string>();
  const blocked = new Set<string>();
  const independent = new Set(worldCountries.filter((c) => c.independent).map((c) => c.cca2.toLowerCase()));
  const level = (pairs: Iterable<readonly [string, string]>) => {
    const found = new Map<string, Set<string>>();
    for (const [name, code] of pairs) {
      const k = countryKey(name);
      if (!k || codes.has(k) || blocked.has(k)) continue;
      (found.get(k) ?? found.set(k, new Set()).get(k)!).add(code.toLowerCase());
    }
    for (const [k, set] of found) {
      const all = [...set];
      const sovereign = all.filter((c) => independent.has(c));
      const pick = all.length === 1 ? all[0] : sovereign.length === 1 ? sovereign[0] : undefined;
      if (pick) codes.set(k, pick);
      else blocked.add(k);
    }
  };
  const isoNames = (lang: string) =>
    Object.entries(isoCountries.getNames(lang, { select: 'all' })).flatMap(([code, names]) => names.map((n) => [n, code] as const));
  const demonyms = (lang: string) =>
    worldCountries.flatMap((c) => {
      const d = c.demonyms?.[lang];
      const forms = [...new Set([d?.m, d?.f].filter((x): x is string => !!x))];
      // Plurals: 'Iranians'; not for forms that are their own plural ('Swiss', 'Chinese', 'French').
      const plurals = lang === 'eng' ? forms.filter((f) => !/(?:s|sh|ch|ese|x|z)$/i.test(f)).map((f) => `${f}s`) : [];
      return [...forms, ...plurals].map((f) => [f, c.cca2] as const);
    });
  level(Object.entries(LIST_NAMES));
  level(TERRITORIES.flatMap((t) => [t.label, ...t.names].map((n) => [n, t.code] as const)).filter(([, code]) => code !== 'zz'));
  level(isoNames('en'));
  level(
    worldCountries.flatMap((c) =>
      // NOTE: alternative spellings start with the alpha-2 code itself; codes are read only in code fields.
      [c.name.common, c.name.official, ...c.altSpellings.filter((a) => a.toUpperCase() !== c.cca2)].map((n) => [n, c.cca2] as const),
    ),
  );
  level(demonyms('eng'));
  level([
    ...isoNames('fr'),
    ...isoNames('es'),
    ...worldCountries.flatMap((c) => ['fra', 'spa'].flatMap((l) => [c.translations[l]?.common, c.translations[l]?.official]).filter((n): n is string => !!n).map((n) => [n, c.cca2] as const)),
    ...demonyms('fra'),
  ]);
  // Native names in other scripts only ('Российская Федерация'): Latin-script ones transliterate to
  // English words ('Ísland' → 'Island').
  level(
    worldCountries.flatMap((c) =>
      Object.values(c.name.native ?? {})
        .flatMap((n) => [n.common, n.official])
        .filter((n) => !/\p{Script=Latin}/u.test(n))
        .map((n) => [n, c.cca2] as const),
    ),
  );
  INDEX = { codes, notAvailable: new Set(NOT_AVAILABLE.map(countryKey)) };
  return INDEX;
}

const KNOWN_CODES = new Set([...Object.keys(isoCountries.getAlpha2Codes()).map((c) => c.toLowerCase()), ...FTM_TERRITORY_CODES]);

function fromCode(text: string): string | null {
  const t = text.toLowerCase();
  if (KNOWN_CODES.has(t)) return t;
  if (/^[a-z]{3}$/.test(t)) return isoCountries.alpha3ToAlpha2(t.toUpperCase())?.toLowerCase() ?? null;
  return null;
}

/** Surrounding whitespace, quotes and punctuation; a parenthesis that does not close (a cut value). */
function clean(raw: string): string {
  let t = raw.replace(/\s+/g, ' ').replace(/^[\s"'“”‘’«».,;:*/-]+|[\s"'“”‘’«».,;:*/-]+$/g, '');
  if (t.endsWith(')') && !t.includes('(')) t = t.slice(0, -1).trim();
  if (t.startsWith('(') && !t.includes(')')) t = t.slice(1).trim();
  if (/\([^)]*$/.test(t)) t = `${t})`;
  return t;
}

const found = (code: string, uncertain = false): CountryResolution => ({ code, uncertain });
const hasCode = (r: CountryResolution): r is { code: string; uncertain: boolean } => !!r && r.code !== null;

function resolveName(raw: string, depth: number): CountryResolution {
  const text = clean(raw);
  if (!text || depth > 5) return null;
  const { codes, notAvailable } = nameIndex();
  const key = countryKey(text);
  if (notAvailable.has(key)) return { code: null, notAvailable: true };
  const direct = codes.get(key);
  if (direct) return found(direct);
  const next = (t: string) => resolveName(t, depth + 1);

  const doubt = UNCERTAIN_PREFIX.exec(text);
  if (doubt) {
    const r = next(doubt[1] ?? '');
    return hasCode(r) ? found(r.code, true) : r;
  }
  const lost = LOST_SUFFIX.exec(text);
  if (lost) {
    const r = next(lost[1] ?? '');
    return hasCode(r) ? found(r.code, true) : null;
  }
  // 'X (Y)': 'USSR (now Russian Federation)' → Y; 'Iran (Islamic Republic of)' → 'Y X';
  // 'Libya (in custody)' → X, Y being a remark; 'Mordovia (Russian Federation)' → Y.
  const paren = /^(.*?)\s*\(([^()]*)\)\s*(.*)$/.exec(text);
  if (paren) {
    const [, before = '', inside = '', after = ''] = paren;
    const outside = `${before} ${after}`.trim();
    const now = /^now\s+(.+)$/i.exec(inside.trim());
    if (now) return next(now[1] ?? '');
    if (outside) {
      const inverted = next(`${inside} ${outside}`);
      if (hasCode(inverted)) return inverted;
      const r = next(outside);
      if (hasCode(r)) return LOST.test(inside) ? found(r.code, true) : r;
    }
    const r = next(inside);
    return hasCode(r) ? r : null;
  }
  const suffix = SUFFIXES.exec(text);
  if (suffix) {
    const r = next(suffix[1] ?? '');
    if (r) return r;
  }
  for (const p of PREFIXES) {
    const m = p.exec(text);
    if (m) {
      const r = next(m[1] ?? '');
      if (r) return r;
    }
  }
  // 'Korea, North' → 'North Korea'; 'Congo, Democratic Republic of the'; 'Bahamas, The'.
  const comma = /^([^,]+),\s*([^,]+)$/.exec(text);
  if (comma) {
    const r = next(`${comma[2]} ${comma[1]}`);
    if (r) return r;
  }
  return null;
}

/**
 * One country value → its code; `uncertain` when the list does not assert it ('possibly
 * Ethiopian', a nationality it says was revoked); `notAvailable` for 'n/a', 'unknown'…; null when
 * it cannot be resolved (a city, a region, a historic state without a code, several countries: see
 * normalizeCountries). Never a guess.
 */
export function resolveCountry(raw: string, opts: CountryOptions = {}): CountryResolution {
  const text = clean(raw);
  if (!text) return null;
  if (opts.codeField) {
    if (text === '00') return { code: null, notAvailable: true };
    const code = fromCode(text);
    if (code) return found(code);
  }
  return resolveName(text, 0);
}

/** How one value lists several countries, tried in this order when the whole does not resolve. */
const SEPARATORS = [/\s*;\s*/, /\.\s+/, /\s*,\s*/, /\s+and\s*\/\s*or\s+/i, /\s*\/\s*(?:or\s+)?/i, /\s+and\s+/i, /\s+or\s+/i, /\s*&\s*/];

function resolveAll(value: string, opts: CountryOptions, depth: number): Array<Exclude<CountryResolution, null>> | null {
  const one = resolveCountry(value, opts);
  if (one) return [one];
  if (depth > 3) return null;
  const doubt = UNCERTAIN_PREFIX.exec(clean(value));
  if (doubt) {
    const all = resolveAll(doubt[1] ?? '', opts, depth + 1);
    return all && all.map((r) => (r.code === null ? r : { code: r.code, uncertain: true }));
  }
  for (const sep of SEPARATORS) {
    const parts = value.split(sep).map(clean).filter(Boolean);
    if (parts.length < 2) continue;
    const each = parts.map((p) => resolveAll(p, opts, depth + 1));
    if (each.every((e) => e !== null)) return each.flat() as Array<Exclude<CountryResolution, null>>;
  }
  return null;
}

/**
 * The country values of a record → distinct codes in first-seen order. A value naming several
 * countries ('Russian, Ukrainian', 'Latvia and Israel', 'Sudan/South Sudan') gives each, but only
 * when every part resolves. `uncertain`: codes only ever stated uncertainly (a code stated for sure
 * elsewhere is in `codes` alone); `unresolved`: the values as written; "not available" is neither.
 */
export function normalizeCountries(values: readonly string[], opts: CountryOptions = {}): NormalizedCountries {
  const codes: string[] = [];
  const uncertain: string[] = [];
  const unresolved: string[] = [];
  for (const value of values) {
    const all = resolveAll(value, opts, 0);
    if (!all) {
      const v = value.trim();
      if (v && !unresolved.includes(v)) unresolved.push(v);
      continue;
    }
    for (const r of all) {
      if (r.code === null) continue;
      const list = r.uncertain ? uncertain : codes;
      if (!list.includes(r.code)) list.push(r.code);
    }
  }
  return { codes, uncertain: uncertain.filter((c) => !codes.includes(c)), unresolved };
}

const DISPLAY = new Map<string, string>([
  ...worldCountries.map((c) => [c.cca2.toLowerCase(), c.name.common] as const),
  ...TERRITORIES.map((t) => [t.code, t.label] as const),
]);

/** English display name of a code ('ir' → 'Iran', 'suhh' → 'Soviet Union'); the code in upper case if unknown. */
export function countryName(code: string): string {
  const c = code.trim().toLowerCase();
  return DISPLAY.get(c) ?? isoCountries.getName(c.toUpperCase(), 'en') ?? code.trim().toUpperCase();
}

/**
 * The countries free-text addresses end with ("9 ul. Bolshaya Yakimanka, Moscow, 119180, Russian
 * Federation; …"): the last comma-separated part of each address (several per value, separated by
 * ';'), without postal codes and a parenthesis ("Russian Federation (HQ)", "Russia 115035").
 * Only what resolves for sure: a city, a street or a part that names no country gives nothing (an
 * address need not end with its country), and an uncertain or "not available" value neither.
 */
export function addressCountries(addresses: readonly string[]): string[] {
  const codes: string[] = [];
  for (const address of addresses) {
    for (const one of address.split(';')) {
      const last = one.split(',').pop() ?? '';
      const text = last.replace(/\([^)]*\)/g, ' ').replace(/\b\d[\d\s-]*\b/g, ' ').trim();
      // NOTE: two or three letters are a state or a code ("NY", "UAE" resolves by name): names only.
      if (text.length < 3) continue;
      const r = resolveCountry(text);
      if (r && r.code !== null && !r.uncertain && !codes.includes(r.code)) codes.push(r.code);
    }
  }
  return codes;
}

/**
 * The country of an OFAC ADD.CSV row. OFAC files Hong Kong and Macau addresses under the country
 * "China" with the territory as the city ("Kowloon…", "Hong Kong", "China"), while the EU, the UK and
 * the curated case record them as HK and MO: without this a Hong Kong front company is "China" on
 * one list and "Hong Kong" on the others, and a country filter or the matcher splits it.
 */
export function ofacAddressCountry(cityOrState: string, country: string): string {
  if (countryKey(country) !== countryKey('China')) return country;
  if (/\b(hong\s*kong|kowloon)\b/i.test(cityOrState)) return 'Hong Kong';
  if (/\b(macau|macao)\b/i.test(cityOrState)) return 'Macau';
  return country;
}
