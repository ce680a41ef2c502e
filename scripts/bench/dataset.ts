// The synthetic benchmark dataset (npm run bench:data): deterministic — a seeded PRNG, so the same
// --designations and --seed give the same rows — and shaped like the real lists at scale: ~0.3
// entities per designation of every type, 8 authorities with ~25 programs each, listings from 2000 to
// 2026 growing over time with bursts after the article's milestones (data/milestones.json), a heavy
// tail (a few entities on hundreds of lists), delistings with their events, soft-deleted rows,
// transliteration variants in names and aliases, weapons-program participants and supply links.
// Rows go in with multi-row INSERT … SELECT FROM unnest(arrays) in large batches: the triggers
// (name_norm/name_words and the word vocabulary, the overview rollup) run as they do for any import.
import pg from 'pg';
import { readMilestones } from '../../prisma/seed/milestones';
import { prng } from '../../lib/random';

export type DatasetOptions = { url: string; designations: number; seed?: number; log?: (line: string) => void };
export type DatasetSummary = { entities: number; aliases: number; designations: number; programs: number; participants: number; supplyLinks: number; milestones: number; ms: number };

/**
 * What generateDataset writes on its database (COMMENT ON DATABASE): a database of an older generator
 * is generated again (ensureBenchDatabase) rather than measured. 2: names at the SDN list's rates.
 */
export const DATASET_VERSION = 'st-bench-dataset 2';

const BATCH = 20_000;
const TODAY = Date.UTC(2026, 10, 25);
const DAY = 86_400_000;

// The generator lives in lib/random.ts (the matcher's test corpus draws from it too); re-exported for the bench.
export { prng };

export const AUTHORITIES = [
  { id: 'US-OFAC', name: 'Office of Foreign Assets Control', shortName: 'OFAC', country: 'US', weight: 0.34 },
  { id: 'EU', name: 'European Union', shortName: 'EU', country: null, weight: 0.18 },
  { id: 'UK', name: 'United Kingdom (OFSI/FCDO)', shortName: 'UK', country: 'GB', weight: 0.14 },
  { id: 'UN', name: 'United Nations Security Council', shortName: 'UN', country: null, weight: 0.06 },
  { id: 'CA', name: 'Canada (Global Affairs)', shortName: 'CA', country: 'CA', weight: 0.09 },
  { id: 'AU', name: 'Australia (DFAT)', shortName: 'AU', country: 'AU', weight: 0.07 },
  { id: 'JP', name: 'Japan (MOFA/METI)', shortName: 'JP', country: 'JP', weight: 0.06 },
  { id: 'CH', name: 'Switzerland (SECO)', shortName: 'CH', country: 'CH', weight: 0.06 },
] as const;

const PROGRAM_STEMS = ['IRAN', 'RUSSIA', 'NPWMD', 'SDGT', 'SYRIA', 'DPRK', 'BELARUS', 'VENEZUELA', 'CYBER', 'GLOMAG', 'IFSR', 'UKRAINE', 'LIBYA', 'MYANMAR', 'SUDAN', 'IRAQ', 'YEMEN', 'MALI', 'CAAR', 'HUMAN-RIGHTS', 'TERRORISM', 'ARMS', 'DRONES', 'MISSILES', 'NUCLEAR'];
const SCHEMAS = [
  ['Person', 0.45],
  ['Company', 0.25],
  ['Organization', 0.15],
  ['LegalEntity', 0.08],
  ['Vessel', 0.05],
  ['Airplane', 0.02],
] as const;
const COUNTRIES = [
  ['ir', 0.22],
  ['ru', 0.28],
  ['cn', 0.07],
  ['ae', 0.05],
  ['tr', 0.04],
  ['kp', 0.05],
  ['sy', 0.06],
  ['by', 0.05],
  ['ve', 0.03],
  ['iq', 0.03],
  ['lb', 0.03],
  ['hk', 0.03],
  ['ua', 0.02],
  ['ye', 0.02],
  ['mm', 0.02],
] as const;
// Names: how often a word recurs decides how many names a search matches, so the words are drawn
// at the rates of a real list. The named words below (the bench queries' words, with their Latin
// spelling variants) carry how many names of their kind hold them in OFAC's SDN list of 2024-05-03
// (6,854 individuals, 6,884 entities; counted as whole words, a count of 0 taken as 1): a person's
// given name is one of them 27% of the time, a family name 2%, a firm's name word 3%. Every other
// word is coined (coinedWords), with Zipf frequencies, as the SDN list's own: 28,162 distinct words
// in its 35,225 names and aliases, over half of them once. So a query for a name matches tens to
// hundreds of names at a million designations, as it would in real lists. Until 2026-12-04 every
// name was made of 40 given, 40 family or 40 firm words: "Ghods" and its spellings were in 4.4% of
// all names (SDN: 0.1%), and the vocabulary held 7,831 words for 427k names
// (docs/adr/0011-search-by-words.md, "The benchmark's names").
export const GIVEN: NamedWords = { names: 6854, words: [['Mohammad', 134], ['Muhammad', 199], ['Mohammed', 56], ['Hossein', 35], ['Hussein', 44], ['Husayn', 25], ['Ali', 230], ['Reza', 53], ['Mahmoud', 26], ['Mehdi', 13], ['Ahmad', 131], ['Abbas', 24], ['Qasem', 2], ['Ghasem', 1], ['Sergei', 31], ['Sergey', 84], ['Dmitri', 5], ['Dmitry', 42], ['Aleksandr', 56], ['Alexander', 78], ['Yevgeny', 7], ['Evgeniy', 7], ['Igor', 53], ['Viktor', 39], ['Vladimir', 92], ['Oleg', 52], ['Kim', 52], ['Jong', 16], ['Wei', 8], ['Li', 14], ['Hassan', 62], ['Hasan', 53], ['Javad', 11], ['Saeed', 9], ['Said', 12], ['Nikolai', 10], ['Nikolay', 36], ['Yuri', 11], ['Iouri', 0], ['Andrei', 27]] };
export const FAMILY: NamedWords = { names: 6854, words: [['Rezaei', 2], ['Rezai', 0], ['Hosseini', 5], ['Husseini', 1], ['Mohammadi', 8], ['Muhammadi', 1], ['Karimi', 5], ['Soleimani', 5], ['Sulaimani', 0], ['Ahmadi', 5], ['Jafari', 5], ['Ivanov', 13], ['Ivanoff', 0], ['Petrov', 7], ['Smirnov', 3], ['Kuznetsov', 5], ['Volkov', 0], ['Sokolov', 1], ['Popov', 6], ['Lebedev', 4], ['Kozlov', 3], ['Novikov', 4], ['Morozov', 3], ['Shoigu', 4], ['Rotenberg', 8], ['Deripaska', 1], ['Abramovich', 0], ['Chen', 9], ['Zhang', 10], ['Wang', 13], ['Nasrallah', 3], ['Haqqani', 5], ['Tehrani', 3], ['Shirazi', 1], ['Esfahani', 0], ['Ghorbani', 0], ['Qorbani', 0], ['Khamenei', 2], ['Larijani', 1], ['Mousavi', 2]] };
export const FIRM_WORDS: NamedWords = { names: 6884, words: [['Qods', 2], ['Quds', 5], ['Ghods', 0], ['Shahed', 2], ['Shahid', 30], ['Kavoshgar', 0], ['Pars', 32], ['Kish', 22], ['Arya', 5], ['Sepehr', 8], ['Rostec', 1], ['Almaz', 6], ['Kalashnikov', 1], ['Tupolev', 1], ['Sukhoi', 0], ['Zala', 1], ['Kronshtadt', 1], ['Baikal', 2], ['Volga', 1], ['Neva', 3], ['Ural', 10], ['Sibir', 0], ['Amur', 1], ['Taiga', 0], ['Polyus', 6], ['Vostok', 4], ['Zarya', 0], ['Mahan', 2], ['Caspian', 5], ['Persian Gulf', 8], ['Golden Star', 2], ['Silk Road', 1], ['Eastern', 7], ['Northern', 4], ['Global', 39], ['Pioneer', 3], ['Orient', 2], ['Dragon', 2], ['Phoenix', 3], ['Falcon', 6]] };
// Generic words of firms' names, which real lists repeat too ("company" is in 27% of the SDN's entity names).
const FIRM_KINDS = ['Aviation Industries', 'Trading LLC', 'Shipping Co', 'Electronics', 'Engineering Group', 'Industrial Company', 'Aerospace', 'Logistics FZE', 'Holding', 'Technologies', 'Research Center', 'Bank', 'Petrochemical Company', 'Machine Building Plant'];
const VESSEL = ['Adrian', 'Darya', 'Grace', 'Sabiti', 'Helm', 'Pegas', 'Ocean', 'Sea Star', 'Blue Wave', 'Arctic', 'Lady', 'Princess', 'Sun', 'Glory', 'Fortune'];
const ROLES = ['DEVELOPER', 'MANUFACTURER', 'PROCUREMENT_AGENT', 'COMPONENT_SUPPLIER', 'LOGISTICS', 'FINANCIER', 'OPERATOR'] as const;
const COMPONENTS = ['ENGINES', 'ELECTRONICS', 'NAVIGATION', 'SERVOS', 'AIRFRAME_MATERIALS', 'AEROSPACE_COMPONENTS', 'OTHER'] as const;

function weighted<T>(rand: () => number, items: ReadonlyArray<readonly [T, number]>): T {
  let u = rand() * items.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of items) if ((u -= w) <= 0) return v;
  return items[items.length - 1]![0];
}
const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** The first day of the period a date of this precision stands for. */
function truncate(ms: number, precision: 'DAY' | 'MONTH' | 'YEAR'): number {
  const d = new Date(ms);
  if (precision === 'YEAR') return Date.UTC(d.getUTCFullYear(), 0, 1);
  if (precision === 'MONTH') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  return ms;
}

export type NamedWords = { names: number; words: Array<[string, number]> };

/** Coined words (syllables), `size` of them: the words of a list that no query names. */
export function coinedWords(rand: () => number, size: number): string[] {
  const onsets = ['b', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'sh', 'kh', 'ch', 'zh', 'j', 'y', 'h', 'br', 'tr', 'st'];
  const vowels = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'i', 'o', 'ai', 'ou', 'ia'];
  const codas = ['', '', '', 'n', 'r', 'v', 'k', 'l', 'm', 'sk', 'ts'];
  return Array.from({ length: size }, () => {
    let w = '';
    for (let k = 2 + Math.floor(rand() * 3); k > 0; k--) w += pick(rand, onsets) + pick(rand, vowels);
    w += pick(rand, codas);
    return w[0]!.toUpperCase() + w.slice(1);
  });
}

/**
 * Draws a word of one kind: a named word at its rate in the SDN list (NamedWords), else a coined
 * word of the kind's pool, the word of rank r with weight 1/r (Zipf's law, which the words of names
 * follow as those of any text do).
 */
export function wordDrawer(named: NamedWords, pool: string[]): (rand: () => number) => string {
  const counts = named.words.map(([, c]) => Math.max(1, c));
  const namedShare = counts.reduce((a, b) => a + b, 0) / named.names;
  const cumNamed = cumulative(counts);
  const cumPool = cumulative(pool.map((_, r) => 1 / (r + 1)));
  return (rand) => {
    const u = rand();
    if (u < namedShare) return named.words[indexAt(cumNamed, (u / namedShare) * cumNamed[cumNamed.length - 1]!)]![0];
    return pool[indexAt(cumPool, rand() * cumPool[cumPool.length - 1]!)]!;
  };
}
function cumulative(weights: number[]): Float64Array {
  const c = new Float64Array(weights.length);
  weights.reduce((sum, w, i) => (c[i] = sum + w), 0);
  return c;
}
/** The first index whose cumulative weight exceeds x. */
function indexAt(cum: Float64Array, x: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

type NameMaker = (rand: () => number, schema: string, n: number) => string;

/**
 * Names of every type, drawn with the dataset's PRNG; the coined pools come from a PRNG of their own.
 * Their sizes give 0.21 distinct words per name at a million designations (88k words, 429k names)
 * and 0.51 at 100k; the SDN list has 0.8 at 35k names (fewer as a list grows: Heaps' law).
 */
function nameMaker(seed: number): NameMaker {
  const poolRand = prng(seed ^ 0x5eed);
  const given = wordDrawer(GIVEN, coinedWords(poolRand, 20_000));
  const family = wordDrawer(FAMILY, coinedWords(poolRand, 60_000));
  const firm = wordDrawer(FIRM_WORDS, coinedWords(poolRand, 60_000));
  return (rand, schema, n) => {
    switch (schema) {
      case 'Person':
        return `${given(rand)} ${rand() < 0.4 ? `${given(rand)} ` : ''}${family(rand)}`;
      case 'Vessel':
        return `${pick(rand, VESSEL)} ${1 + (n % 97)}`;
      case 'Airplane':
        return `EP-${String.fromCharCode(65 + (n % 26))}${String.fromCharCode(65 + ((n >> 5) % 26))}${String.fromCharCode(65 + ((n >> 10) % 26))}`;
      default:
        return `${firm(rand)} ${rand() < 0.3 ? `${firm(rand)} ` : ''}${pick(rand, FIRM_KINDS)} ${n % 1000}`;
    }
  };
}

/** Runs one multi-row INSERT per batch: columns as arrays, cast to their SQL types. */
async function insertRows(client: pg.Client, table: string, columns: Array<[string, string]>, rows: unknown[][]) {
  for (let i = 0; i < rows.length; i += BATCH) {
    const chunk = rows.slice(i, i + BATCH);
    const arrays = columns.map((_, c) => chunk.map((r) => r[c]));
    const list = columns.map(([name]) => `"${name}"`).join(', ');
    // Every column travels as text and is cast in SQL (array columns as their '{…}' literal).
    const unnest = columns.map((_, c) => `$${c + 1}::text[]`).join(', ');
    const select = columns.map(([, type], c) => `u.c${c}::${type}`).join(', ');
    const names = columns.map((_, c) => `c${c}`).join(', ');
    await client.query(`INSERT INTO "${table}" (${list}) SELECT ${select} FROM unnest(${unnest}) AS u(${names})`, arrays);
  }
}

/** Generates the dataset into an empty, migrated database. */
export async function generateDataset(opts: DatasetOptions): Promise<DatasetSummary> {
  const started = Date.now();
  const log = opts.log ?? (() => undefined);
  const seed = opts.seed ?? 20_261_125;
  const rand = prng(seed);
  const nameOf = nameMaker(seed);
  const nDesignations = opts.designations;
  const nEntities = Math.max(50, Math.round(nDesignations * 0.3));
  const client = new pg.Client({ connectionString: opts.url });
  await client.connect();
  try {
    const existing = await client.query<{ n: string }>('SELECT count(*) AS n FROM designation');
    if (Number(existing.rows[0]?.n) > 0) throw new Error('the database already holds designations: generate into an empty, migrated database');
    const now = new Date().toISOString();

    // Authorities and ~25 programs each (the 200 programs the issue names).
    await insertRows(client, 'authority', [['id', 'text'], ['name', 'text'], ['short_name', 'text'], ['country', 'text'], ['updated_at', 'timestamp']],
      AUTHORITIES.map((a) => [a.id, a.name, a.shortName, a.country, now]));
    const programs: Array<{ id: string; authority: string }> = [];
    for (const a of AUTHORITIES) for (const stem of PROGRAM_STEMS) programs.push({ id: `bench-p-${a.id}-${stem}`, authority: a.id });
    await insertRows(client, 'sanctions_program', [['id', 'text'], ['authority_id', 'text'], ['code', 'text'], ['title', 'text'], ['updated_at', 'timestamp']],
      programs.map((p) => [p.id, p.authority, p.id.slice(`bench-p-${p.authority}-`.length), `${p.authority} ${p.id.slice(`bench-p-${p.authority}-`.length)} sanctions`, now]));
    const programsOf = new Map(AUTHORITIES.map((a) => [a.id as string, programs.filter((p) => p.authority === a.id)]));

    // Milestones: the article's, as the seed loads them; their dates shape the bursts.
    const milestones = readMilestones();
    await insertRows(client, 'milestone',
      [['id', 'text'], ['slug', 'text'], ['date', 'date'], ['date_precision', '"DatePrecision"'], ['end_date', 'date'], ['end_date_precision', '"DatePrecision"'], ['title', 'text'], ['category', '"MilestoneCategory"'], ['quote', 'text'], ['note', 'text'], ['source_url', 'text'], ['updated_at', 'timestamp']],
      milestones.map((m) => [`bench-m-${m.slug}`, m.slug, iso(m.date.getTime()), m.datePrecision, m.endDate ? iso(m.endDate.getTime()) : null, m.endDatePrecision, m.title, m.category, m.quote, m.note, m.sourceUrl, now]));
    const bursts = milestones.map((m) => m.date.getTime()).filter((t) => t >= Date.UTC(2000, 0, 1) && t <= TODAY);
    log(`authorities ${AUTHORITIES.length}, programs ${programs.length}, milestones ${milestones.length}`);

    // Entities (0.5% soft-deleted) and aliases (a third have one or two spelling variants).
    const entityRows: unknown[][] = [];
    const aliasRows: unknown[][] = [];
    const schemaOf: string[] = [];
    for (let n = 0; n < nEntities; n++) {
      const schema = weighted(rand, SCHEMAS);
      schemaOf.push(schema);
      const name = nameOf(rand, schema, n);
      const countries = [weighted(rand, COUNTRIES)];
      if (rand() < 0.15) countries.push(weighted(rand, COUNTRIES));
      entityRows.push([`bench-e-${n}`, schema, name, `{${[...new Set(countries)].join(',')}}`, rand() < 0.005 ? now : null, now]);
      const aliases = rand() < 0.33 ? (rand() < 0.3 ? 2 : 1) : 0;
      for (let k = 0; k < aliases; k++) aliasRows.push([`bench-a-${n}-${k}`, `bench-e-${n}`, `${nameOf(rand, schema, n + k + 1)}`, k === 0 ? 'ALIAS' : 'WEAK_ALIAS']);
    }
    await insertRows(client, 'entity', [['id', 'text'], ['schema', '"EntitySchema"'], ['name', 'text'], ['countries', 'text[]'], ['deleted_at', 'timestamp'], ['updated_at', 'timestamp']], entityRows);
    // (entity_id, name, kind) is unique: a repeated variant is simply dropped.
    const seenAlias = new Set<string>();
    const uniqueAliases = aliasRows.filter((r) => {
      const key = `${r[1]}|${r[2]}|${r[3]}`;
      if (seenAlias.has(key)) return false;
      seenAlias.add(key);
      return true;
    });
    await insertRows(client, 'entity_alias', [['id', 'text'], ['entity_id', 'text'], ['name', 'text'], ['kind', '"AliasKind"']], uniqueAliases);
    log(`entities ${nEntities}, aliases ${uniqueAliases.length}`);

    // Designations: 70% spread evenly over the entities, 30% on a power-law head (heavy tail).
    const authWeights = AUTHORITIES.map((a) => [a.id as string, a.weight] as const);
    const years = Array.from({ length: 27 }, (_, i) => [2000 + i, Math.pow(i + 1, 1.6)] as const);
    const designationRows: unknown[][] = [];
    const programRows: unknown[][] = [];
    const eventRows: unknown[][] = [];
    for (let n = 0; n < nDesignations; n++) {
      const entity = rand() < 0.7 ? n % nEntities : Math.floor(nEntities * Math.pow(rand(), 2));
      const authority = weighted(rand, authWeights);
      let day: number;
      if (bursts.length && rand() < 0.3) {
        // After a milestone: most within weeks, some months later (exponential), a few the week before.
        const base = pick(rand, bursts);
        day = base + Math.round((rand() < 0.1 ? -7 * rand() : -Math.log(1 - rand()) * 30) * DAY);
      } else {
        const year = weighted(rand, years);
        const end = Math.min(Date.UTC(year + 1, 0, 1), TODAY);
        day = Date.UTC(year, 0, 1) + Math.floor(rand() * ((end - Date.UTC(year, 0, 1)) / DAY)) * DAY;
      }
      day = Math.min(Math.max(day, Date.UTC(2000, 0, 1)), TODAY);
      const u = rand();
      const precision = u < 0.9 ? 'DAY' : u < 0.97 ? 'MONTH' : 'YEAR';
      const listing = truncate(day, precision);
      // OFAC entries already listed when its history starts (2021-08-18) carry ON_OR_BEFORE.
      const onOrBefore = authority === 'US-OFAC' && listing < Date.UTC(2021, 7, 18) && rand() < 0.15;
      const listingDate = onOrBefore ? Date.UTC(2021, 7, 18) : listing;
      const hasStart = rand() < 0.6;
      const start = hasStart ? Math.min(listingDate + Math.floor(rand() * 30) * DAY, TODAY) : null;
      const lifted = rand() < 0.12 ? Math.min(listingDate + Math.floor((1 + rand() * 8) * 365) * DAY, TODAY) : null;
      const id = `bench-d-${n}`;
      designationRows.push([
        id, `bench-e-${entity}`, authority,
        iso(listingDate), onOrBefore ? 'DAY' : precision, onOrBefore ? 'ON_OR_BEFORE' : 'EXACT',
        start === null ? null : iso(start), start === null ? null : 'DAY',
        lifted === null ? null : iso(lifted), lifted === null ? null : rand() < 0.95 ? 'DAY' : 'MONTH',
        lifted === null ? 'LISTED' : 'DELISTED',
        `https://example.org/bench/${authority}/${n}`, 'bench', String(n), rand() < 0.01 ? now : null, now,
      ]);
      const progs = programsOf.get(authority)!;
      const first = progs[Math.floor(Math.pow(rand(), 1.5) * progs.length)]!;
      programRows.push([id, first.id]);
      if (rand() < 0.2) {
        const second = pick(rand, progs);
        if (second.id !== first.id) programRows.push([id, second.id]);
      }
      if (lifted !== null) {
        eventRows.push([`${id}-l`, id, 'LISTED', iso(listingDate)]);
        eventRows.push([`${id}-d`, id, 'DELISTED', iso(lifted)]);
      }
      if (designationRows.length === BATCH * 5 || n === nDesignations - 1) {
        await insertRows(client, 'designation', [
          ['id', 'text'], ['entity_id', 'text'], ['authority_id', 'text'],
          ['listing_date', 'date'], ['listing_date_precision', '"DatePrecision"'], ['listing_date_qualifier', '"DateQualifier"'],
          ['start_date', 'date'], ['start_date_precision', '"DatePrecision"'], ['end_date', 'date'], ['end_date_precision', '"DatePrecision"'],
          ['status', '"DesignationStatus"'], ['source_url', 'text'], ['origin', 'text'], ['origin_key', 'text'], ['deleted_at', 'timestamp'], ['updated_at', 'timestamp'],
        ], designationRows);
        await insertRows(client, 'designation_program', [['designation_id', 'text'], ['program_id', 'text']], programRows);
        await insertRows(client, 'designation_event', [['id', 'text'], ['designation_id', 'text'], ['status', '"DesignationStatus"'], ['date', 'date']], eventRows);
        designationRows.length = 0;
        programRows.length = 0;
        eventRows.length = 0;
        log(`designations ${n + 1}/${nDesignations}`);
      }
    }

    // Weapons programs, participants (a few thousand) and supply links between firms.
    const weapons = Array.from({ length: 30 }, (_, i) => [`bench-w-${i}`, `bench-uav-${i}`, `Bench UAV ${i}`, i % 3 === 0 ? 'missile' : 'uav', i % 2 ? 'IR' : 'RU', now]);
    await insertRows(client, 'weapons_program', [['id', 'text'], ['slug', 'text'], ['name', 'text'], ['type', 'text'], ['country_of_origin', 'text'], ['updated_at', 'timestamp']], weapons);
    const firms = schemaOf.flatMap((s, i) => (s === 'Company' || s === 'Organization' ? [i] : []));
    const nParticipants = Math.min(firms.length, Math.max(20, Math.round(nDesignations * 0.004)));
    const seenPart = new Set<string>();
    const participantRows: unknown[][] = [];
    for (let k = 0; k < nParticipants; k++) {
      const entity = firms[Math.floor(rand() * firms.length)]!;
      const weapon = Math.floor(Math.pow(rand(), 2) * weapons.length);
      const role = pick(rand, ROLES);
      const key = `${entity}|${weapon}|${role}`;
      if (seenPart.has(key)) continue;
      seenPart.add(key);
      participantRows.push([`bench-pp-${k}`, `bench-e-${entity}`, `bench-w-${weapon}`, role, 'https://example.org/bench/participant', now]);
    }
    await insertRows(client, 'program_participant', [['id', 'text'], ['entity_id', 'text'], ['weapons_program_id', 'text'], ['role', '"ParticipantRole"'], ['source_url', 'text'], ['updated_at', 'timestamp']], participantRows);
    const seenLink = new Set<string>();
    const linkRows: unknown[][] = [];
    for (let k = 0; k < nParticipants; k++) {
      const supplier = firms[Math.floor(rand() * firms.length)]!;
      const recipient = firms[Math.floor(rand() * firms.length)]!;
      const component = pick(rand, COMPONENTS);
      const weapon = Math.floor(rand() * weapons.length);
      const key = `${supplier}|${recipient}|${component}|${weapon}`;
      if (supplier === recipient || seenLink.has(key)) continue;
      seenLink.add(key);
      linkRows.push([`bench-sl-${k}`, `bench-e-${supplier}`, `bench-e-${recipient}`, component, `bench-w-${weapon}`, 'https://example.org/bench/supply', now]);
    }
    await insertRows(client, 'supply_link', [['id', 'text'], ['supplier_id', 'text'], ['recipient_id', 'text'], ['component_category', '"ComponentCategory"'], ['weapons_program_id', 'text'], ['source_url', 'text'], ['updated_at', 'timestamp']], linkRows);
    log(`participants ${participantRows.length}, supply links ${linkRows.length}`);

    // Fresh tables need statistics, or the planner takes them for empty (docs/adr/0008). VACUUM too:
    // the batches' rollup updates left ~3 dead rows per live one in designation_month_count, which a
    // running autovacuum would have removed (it is off on some servers, e.g. these machines').
    await client.query('VACUUM (ANALYZE)');
    // The designation batches' summary triggers (first listing, authorities) rewrote every entity
    // row once, leaving the table twice its size; an import writes a new entity once, summary
    // included (lib/db/imports.ts). Compacted, it is the table an import leaves, which the search
    // reads (half the pages to fetch for a broad match).
    await client.query('VACUUM (FULL, ANALYZE) entity');
    await client.query(`DO $$ BEGIN EXECUTE format('COMMENT ON DATABASE %I IS %L', current_database(), '${DATASET_VERSION}'); END $$`);
    return {
      entities: nEntities,
      aliases: uniqueAliases.length,
      designations: nDesignations,
      programs: programs.length,
      participants: participantRows.length,
      supplyLinks: linkRows.length,
      milestones: milestones.length,
      ms: Date.now() - started,
    };
  } finally {
    await client.end();
  }
}
