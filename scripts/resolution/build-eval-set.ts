// The labelled evaluation set of cross-list record pairs (issue 24, item 5): real OFAC, EU, UK and
// UN records from data/, paired and labelled same / not the same, each label with its source.
// What the set is and how to use it: data/resolution/README.md.
//
//   npx tsx scripts/resolution/build-eval-set.ts           writes data/resolution/eval-pairs.csv
//   npx tsx scripts/resolution/build-eval-set.ts --check   re-derives it; exit 1 on any difference
//
// Labels of three sources are derived here from the data files on every run (shared-identifier,
// un-reference, drone-case); hand-review labels are read from data/resolution/hand-review.csv,
// whose rows keep the two names the reviewer saw, so --check notices a record changed since.
// Records are read with the import's own parsers (lib/import/run.ts parseFiles), so the keys are
// exactly the `source:externalId` the loader stores.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import anyAscii from 'any-ascii';
import { parse } from 'csv-parse/sync';
import { doubleMetaphone } from 'double-metaphone';
import { jaroWinkler } from '@skyra/jaro-winkler';
import type { EntityRecord, ImportFormat } from '../../lib/import/types';
import { isIdentifierType, type IdentifierType } from '../../lib/normalize/identifier-types';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DATA = path.join(ROOT, 'data');
const OUT_DIR = path.join(DATA, 'resolution');
const PAIRS_FILE = path.join(OUT_DIR, 'eval-pairs.csv');
const HAND_REVIEW_FILE = path.join(OUT_DIR, 'hand-review.csv');
const DRONE_CASE_FILE = path.join(DATA, 'drone-case', 'drone-case.json');

/** Bump to draw a different sample (the README's counts change with it). */
const SEED = 'eval-pairs/v1';

const AUTHORITIES = ['UN', 'OFAC', 'EU', 'UK'] as const;
type Authority = (typeof AUTHORITIES)[number];
const LIST_PAIRS = ['OFAC-EU', 'OFAC-UK', 'EU-UK', 'UN-OFAC', 'UN-EU', 'UN-UK'] as const;
type ListPair = (typeof LIST_PAIRS)[number];
const PAIR_SCHEMAS = ['Person', 'Organization', 'Vessel', 'Airplane'] as const;
type PairSchema = (typeof PAIR_SCHEMAS)[number];
const LABEL_SOURCES = ['shared-identifier', 'un-reference', 'drone-case', 'hand-review'] as const;
type LabelSource = (typeof LABEL_SOURCES)[number];

// NOTE: the seeded editions (prisma/seed/official-lists.ts SEED_LISTS, prisma/seed/ofac-history.ts),
// named here rather than imported so a change to the seed cannot silently change the set.
const LISTS: ReadonlyArray<{ authority: Authority; source: string; format: ImportFormat; files: string[]; editionDate: string | null }> = [
  { authority: 'OFAC', source: 'ofac-sdn', format: 'ofac-sdn-csv', files: ['ofac-sdn/sdn-last-rows.csv'], editionDate: null },
  { authority: 'EU', source: 'eu-journal', format: 'eu-csv', files: ['eu/32012R0267.csv', 'eu/32014R0269.csv', 'eu/32023R1529.csv'], editionDate: '2026-07-30' },
  { authority: 'UK', source: 'uk-list', format: 'uk-csv', files: ['uk/subjects.csv', 'uk/subject_names.csv'], editionDate: null },
  { authority: 'UN', source: 'un-sc', format: 'un-xml', files: ['un/consolidated-2018-08-27.xml'], editionDate: null },
];

export type Rec = { key: string; authority: Authority; entity: EntityRecord; programs: string[] };
export type Pair = { a: string; b: string; same: boolean; listPair: ListPair; schema: PairSchema; labelSource: LabelSource; evidence: string; withheld: string };
type Candidate = Omit<Pair, 'listPair' | 'schema'>;

// ---------------------------------------------------------------------------------------------
// Reading the lists

async function readLists(): Promise<Map<string, Rec>> {
  // Loaded late: run.ts reaches lib/db, which needs the react-server condition (see main()).
  const { parseFiles } = await import('../../lib/import/run');
  const { emptyReport } = await import('../../lib/import/types');
  const records = new Map<string, Rec>();
  for (const list of LISTS) {
    const files = list.files.map((f) => path.join(DATA, f));
    for (const f of files) if (!existsSync(f)) throw new Error(`missing ${path.relative(ROOT, f)}: the set is built from the seeded editions`);
    const parsed = parseFiles(list.format, files, { report: emptyReport() }, list.editionDate);
    for await (const r of parsed.records) {
      if (!r.entity) continue;
      // The keys are the set's contract with the matcher: a renamed source would orphan every pair.
      if (r.entity.source !== list.source) throw new Error(`${list.format} now names its records ${r.entity.source}:…, not ${list.source}:…`);
      const key = recordKey(r.entity);
      records.set(key, { key, authority: list.authority, entity: r.entity, programs: [...new Set(r.designations.flatMap((d) => d.programs))] });
    }
  }
  return records;
}

export const recordKey = (e: { source: string; externalId: string }) => `${e.source}:${e.externalId}`;

export function pairSchema(e: EntityRecord): PairSchema {
  // FtM: Company and LegalEntity are kinds of Organization; the lists do not use them consistently.
  return e.schema === 'Person' || e.schema === 'Vessel' || e.schema === 'Airplane' ? e.schema : 'Organization';
}

export function listPairOf(x: Authority, y: Authority): ListPair | null {
  if (x === y) return null;
  const [p, q] = AUTHORITIES.indexOf(x) < AUTHORITIES.indexOf(y) ? [x, y] : [y, x];
  const name = `${p}-${q}`;
  return (LIST_PAIRS as readonly string[]).includes(name) ? (name as ListPair) : null;
}

// ---------------------------------------------------------------------------------------------
// Names

// Legal forms, honorifics and particles: they say nothing about which entity a name means.
const NAME_NOISE = new Set(
  ('ooo llc ltd limited liability company co jsc ojsc pjsc cjsc ao oao zao pao tov fgup fgbu joint stock public open closed ' +
    'obshchestvo s ogranichennoi ogranichennoy otvetstvennostyu aktsionernoe aktsionernoye publichnoe otkrytoe zakrytoe ' +
    'the of and inc corp corporation gmbh sa se ag plc fze fzco fzc fz dmcc sdn bhd llp lp pte jv ' +
    'al el ul ad ed bin ibn bint haji hajji mullah maulavi mawlawi sayyid sayed seyed seyyed sheikh shaykh dr').split(' '),
);

export function nameTokens(name: string): string[] {
  return anyAscii(name)
    .toLowerCase()
    .replace(/['’‘`ʼ]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((t) => t && !NAME_NOISE.has(t));
}

/** Two tokens that may be one word in two transliterations (Mohammad/Muhammad, Yevgeniy/Evgeny, Ghani/Qaani). */
export function tokensAgree(x: string, y: string): boolean {
  if (x === y) return true;
  if (x.length < 3 || y.length < 3 || /\d/.test(x) || /\d/.test(y)) return false;
  if (jaroWinkler(x, y) >= 0.88) return true;
  const [px] = doubleMetaphone(x);
  const [py] = doubleMetaphone(y);
  return px.length >= 2 && px === py;
}

/** How many tokens of the shorter name find a partner in the other (each partner used once). */
function matchedTokens(xs: string[], ys: string[]): number {
  const [short, long] = xs.length <= ys.length ? [xs, ys] : [ys, xs];
  const used = new Set<number>();
  let matched = 0;
  for (const t of short) {
    const j = long.findIndex((u, i) => !used.has(i) && tokensAgree(t, u));
    if (j >= 0) {
      used.add(j);
      matched++;
    }
  }
  return matched;
}

/** Names agree: most of the shorter name's words are in the other (at least two, or its one long word). */
export function tokenListsAgree(xs: string[], ys: string[]): boolean {
  const shorter = Math.min(xs.length, ys.length);
  if (shorter === 0) return false;
  const m = matchedTokens(xs, ys);
  if (shorter === 1) return m === 1 && (xs.length === 1 ? xs[0]! : ys[0]!).length >= 3;
  return m >= 2 && m / shorter >= 0.6;
}

const variants = (e: EntityRecord) => [e.name, ...e.aliases.map((a) => a.name)].map(nameTokens).filter((t) => t.length);

/** A word on few records of all four lists (a company's own name, a surname), not 'plant' or 'bank'. */
const RARE_WORD_RECORDS = 10;

export type NameMatcher = {
  /** Any name or alias of one agrees with any of the other; for companies and vessels, one rare word in common is enough. */
  agree: (x: EntityRecord, y: EntityRecord) => boolean;
  /** Near-same primary names, for hard negatives: two words in common, half the longer name, one of them rare. */
  near: (x: EntityRecord, y: EntityRecord) => boolean;
};

export function nameMatcher(records: Iterable<Rec>): NameMatcher {
  const df = new Map<string, number>();
  for (const r of records) for (const t of new Set(variants(r.entity).flat())) df.set(t, (df.get(t) ?? 0) + 1);
  const isRare = (t: string) => (df.get(t) ?? 0) <= RARE_WORD_RECORDS && (t.length >= 4 || /\d/.test(t));
  const rareInCommon = (xs: string[], ys: string[]) => xs.some((t) => isRare(t) && ys.some((u) => isRare(u) && tokensAgree(t, u)));
  return {
    agree(x, y) {
      const vx = variants(x);
      const vy = variants(y);
      if (vx.some((tx) => vy.some((ty) => tokenListsAgree(tx, ty)))) return true;
      return x.schema !== 'Person' && y.schema !== 'Person' && vx.some((tx) => vy.some((ty) => rareInCommon(tx, ty)));
    },
    near(x, y) {
      const tx = nameTokens(x.name);
      const ty = nameTokens(y.name);
      const m = matchedTokens(tx, ty);
      return m >= 2 && m / Math.max(tx.length, ty.length) >= 0.5 && rareInCommon(tx, ty);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Identifiers

type Family = 'passport' | 'nationalId' | 'tax' | 'registration' | 'okpo' | 'lei' | 'imo' | 'swift' | 'mmsi';

/**
 * The importers type identifiers with the vocabulary (lib/normalize/identifier-types.ts); a shared
 * value counts only within one family. NOTE: an INN counts as a tax number and an OGRN as a
 * registration number, as the lists label one number either way; a KPP is shared by many companies
 * and a call sign or MSN is reused, so they are left out.
 */
const FAMILY_OF_TYPE: Partial<Record<IdentifierType, Family>> = {
  passportNumber: 'passport', idNumber: 'nationalId', taxNumber: 'tax', innCode: 'tax', registrationNumber: 'registration',
  ogrnCode: 'registration', okpoCode: 'okpo', leiCode: 'lei', imoNumber: 'imo', swiftBic: 'swift', mmsi: 'mmsi',
};

/** The vocabulary's name for each family, used in `withheld`. */
const FAMILY_TYPE: Record<Family, IdentifierType> = {
  passport: 'passportNumber', nationalId: 'idNumber', tax: 'taxNumber', registration: 'registrationNumber', okpo: 'okpoCode', lei: 'leiCode', imo: 'imoNumber', swift: 'swiftBic', mmsi: 'mmsi',
};

const FAMILY_LABEL: Record<Family, string> = {
  passport: 'passport', nationalId: 'national ID', tax: 'tax number', registration: 'registration number', okpo: 'OKPO code', lei: 'LEI', imo: 'IMO number', swift: 'SWIFT/BIC', mmsi: 'MMSI',
};

/** The order the evidence names shared numbers in: the commonest kinds first. */
const FAMILY_ORDER: readonly Family[] = ['tax', 'registration', 'passport', 'nationalId', 'imo', 'lei', 'swift', 'mmsi', 'okpo'];

/**
 * The number(s) a value holds, normalised: '5110002377 (Tax Identification Number)', 'SRN: 1127746541427',
 * '7726700943 KPP: 772601001' (a KPP is shared by many companies: dropped), '5-5715-00025-50-6'.
 */
export function identifierValues(value: string): string[] {
  const head = value.replace(/\([^)]*\)/g, ' ').split(/KPP|КПП/i)[0] ?? '';
  return head
    .split(/[\s;,/]+/)
    .map((t) => t.toUpperCase().replace(/[^0-9A-Z]/g, ''))
    .filter((t) => t.length >= 5 && /\d/.test(t));
}

function identifierIndex(recs: Rec[]): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  for (const r of recs) {
    for (const id of r.entity.identifiers) {
      const family = isIdentifierType(id.type) ? FAMILY_OF_TYPE[id.type] : undefined;
      if (!family) continue;
      for (const v of identifierValues(id.value)) {
        const k = `${family}:${v}`;
        (index.get(k) ?? index.set(k, new Set()).get(k)!).add(r.key);
      }
    }
  }
  return index;
}

const onlyOne = (s: Set<string> | undefined): string | undefined => (s && s.size === 1 ? [...s][0] : undefined);

/**
 * Positives: two records of two lists carry the same identifier of one family, no other record of
 * either list carries it (a value shared by a parent and its branches says nothing), each record
 * has that one partner, and the names agree. Every identifier the two share is withheld.
 */
export function sharedIdentifierPairs(xs: Rec[], ys: Rec[], names: NameMatcher, skipped: string[]): Candidate[] {
  const ix = identifierIndex(xs);
  const iy = identifierIndex(ys);
  const shared = new Map<string, string[]>(); // pair → identifier keys
  for (const [k, holders] of ix) {
    const x = onlyOne(holders);
    const y = onlyOne(iy.get(k));
    if (!x || !y) continue;
    const p = orderedKey(x, y);
    (shared.get(p) ?? shared.set(p, []).get(p)!).push(k);
  }
  // A record paired with two different records by two different numbers: a data error, not a label.
  const partners = new Map<string, number>();
  for (const p of shared.keys()) for (const k of p.split('|')) partners.set(k, (partners.get(k) ?? 0) + 1);
  const byKey = new Map([...xs, ...ys].map((r) => [r.key, r]));
  const out: Candidate[] = [];
  for (const [p, ids] of [...shared].sort(([a], [b]) => a.localeCompare(b))) {
    const [a, b] = p.split('|') as [string, string];
    const ra = byKey.get(a)!;
    const rb = byKey.get(b)!;
    if ((partners.get(a) ?? 0) > 1 || (partners.get(b) ?? 0) > 1) {
      skipped.push(`shared-identifier ${p}: a record shares numbers with two different records`);
      continue;
    }
    if (pairSchema(ra.entity) !== pairSchema(rb.entity)) {
      skipped.push(`shared-identifier ${p}: ${ra.entity.schema} vs ${rb.entity.schema}`);
      continue;
    }
    if (!names.agree(ra.entity, rb.entity)) {
      skipped.push(`shared-identifier ${p}: ${ids.join(', ')} shared but the names disagree ("${ra.entity.name}" / "${rb.entity.name}")`);
      continue;
    }
    const familyOf = (k: string) => FAMILY_ORDER.indexOf(k.split(':')[0] as Family);
    ids.sort((x, y) => familyOf(x) - familyOf(y) || x.localeCompare(y));
    const [family, value] = ids[0]!.split(':') as [Family, string];
    const more = ids.length > 1 ? ` (and ${ids.length - 1} more number${ids.length > 2 ? 's' : ''})` : '';
    out.push({
      a, b, same: true, labelSource: 'shared-identifier',
      evidence: `Same ${FAMILY_LABEL[family]} ${value}${more} on both and on no other record of either list; the names agree.`,
      withheld: ids.map((k) => { const [f, v] = k.split(':') as [Family, string]; return `${FAMILY_TYPE[f]}:${v}`; }).join(';'),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// UN reference numbers (UK records of UN-derived entries carry them)

const birthYear = (e: EntityRecord) => (e.birthDate ? e.birthDate.date.getUTCFullYear() : null);

/**
 * Positives: the UK record's UN reference names this UN entry (a reference on two UK records is a
 * data error: left out; so is one whose names disagree with the entry's). Negatives: a UN entry
 * with a near-same name that is not the referenced one, both persons with birth years five or
 * more apart (the UN lists one person twice now and then, under two regimes: a different entry
 * alone does not make a different person).
 */
export function unReferencePairs(uk: Rec[], un: Rec[], names: NameMatcher, skipped: string[]): Candidate[] {
  const unByRef = new Map(un.map((r) => [r.entity.externalId.toLowerCase(), r]));
  const refs = new Map<string, Rec[]>();
  for (const r of uk) {
    for (const id of r.entity.identifiers) {
      if (id.type !== 'unReferenceNumber') continue;
      const ref = id.value.trim().toLowerCase();
      (refs.get(ref) ?? refs.set(ref, []).get(ref)!).push(r);
    }
  }
  // Blocking for the negatives: UN entries by each name word.
  const byToken = new Map<string, Rec[]>();
  for (const r of un) for (const t of new Set(nameTokens(r.entity.name))) (byToken.get(t) ?? byToken.set(t, []).get(t)!).push(r);

  const out: Candidate[] = [];
  for (const [ref, holders] of [...refs].sort(([a], [b]) => a.localeCompare(b))) {
    const target = unByRef.get(ref);
    if (!target) continue; // listed by the UN after this 2018 edition, or delisted before it
    if (holders.length > 1) {
      skipped.push(`un-reference ${ref}: on ${holders.length} UK records (${holders.map((h) => h.key).join(', ')})`);
      continue;
    }
    const ukRec = holders[0]!;
    const withheld = `unReferenceNumber:${target.entity.externalId}`;
    if (pairSchema(ukRec.entity) !== pairSchema(target.entity) || !names.agree(ukRec.entity, target.entity)) {
      skipped.push(`un-reference ${ukRec.key} → ${target.key}: the names or types disagree ("${ukRec.entity.name}" / "${target.entity.name}")`);
      continue;
    }
    const [a, b] = ordered(ukRec.key, target.key);
    out.push({ a, b, same: true, labelSource: 'un-reference', evidence: `The UK record gives UN reference ${target.entity.externalId}, this UN entry.`, withheld });

    const born = birthYear(target.entity);
    if (target.entity.schema !== 'Person' || born === null) continue;
    const near = new Set<Rec>();
    for (const t of new Set(nameTokens(ukRec.entity.name))) for (const r of byToken.get(t) ?? []) near.add(r);
    for (const other of [...near].sort((x, y) => x.key.localeCompare(y.key))) {
      const otherBorn = birthYear(other.entity);
      if (other === target || other.entity.schema !== 'Person' || otherBorn === null) continue;
      if (Math.abs(otherBorn - born) < 5 || !names.near(ukRec.entity, other.entity)) continue;
      const [x, y] = ordered(ukRec.key, other.key);
      out.push({
        a: x, b: y, same: false, labelSource: 'un-reference',
        evidence: `The UK record gives UN reference ${target.entity.externalId} (born ${born}), another UN entry than this one (born ${otherBorn}); the names are near-same.`,
        withheld,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The curated drone case

type DroneEntity = { key: string; name: string; refs: { ofac?: string[]; eu?: Array<{ celex: string; annex: string; recordId: string }>; uk?: string[] } };

/**
 * Positives: the records the curated case unifies under one entity. Negatives: records of two
 * entities it keeps apart whose names are near-same (the case's authors decided they differ).
 */
export function droneCasePairs(records: Map<string, Rec>, names: NameMatcher, problems: string[]): Candidate[] {
  const { entities } = JSON.parse(readFileSync(DRONE_CASE_FILE, 'utf8')) as { entities: DroneEntity[] };
  const keysOf = (e: DroneEntity) => [
    ...(e.refs.ofac ?? []).map((n) => `ofac-sdn:${n}`),
    ...(e.refs.eu ?? []).map((r) => `eu-journal:${r.celex}#${r.annex}#${r.recordId}`),
    ...(e.refs.uk ?? []).map((id) => `uk-list:${id}`),
  ];
  const members: Array<{ entity: DroneEntity; rec: Rec }> = [];
  for (const entity of entities) {
    for (const k of keysOf(entity)) {
      const rec = records.get(k);
      if (rec) members.push({ entity, rec });
      else problems.push(`drone-case: ${entity.key} names ${k}, which the lists do not hold`);
    }
  }
  const out: Candidate[] = [];
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) {
      const x = members[i]!;
      const y = members[j]!;
      if (!listPairOf(x.rec.authority, y.rec.authority)) continue;
      const [a, b] = ordered(x.rec.key, y.rec.key);
      if (x.entity === y.entity) {
        out.push({ a, b, same: true, labelSource: 'drone-case', evidence: `The curated drone case (data/drone-case/drone-case.json) unifies both as '${x.entity.key}'.`, withheld: '' });
      } else if (pairSchema(x.rec.entity) === pairSchema(y.rec.entity) && names.near(x.rec.entity, y.rec.entity)) {
        out.push({ a, b, same: false, labelSource: 'drone-case', evidence: `The curated drone case keeps them apart: '${x.entity.key}' and '${y.entity.key}'.`, withheld: '' });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Hand review

export const HAND_REVIEW_COLUMNS = ['a', 'b', 'same', 'a_name', 'b_name', 'evidence'] as const;

/** Rows of hand-review.csv, checked against the records: both exist, still carry the names reviewed, same type. */
export function readHandReview(records: Map<string, Rec>, problems: string[]): Candidate[] {
  const rows = parse(readFileSync(HAND_REVIEW_FILE, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  const out: Candidate[] = [];
  rows.forEach((row, i) => {
    const at = `hand-review.csv row ${i + 2}`;
    const missing = HAND_REVIEW_COLUMNS.filter((c) => !(row[c] ?? '').trim());
    if (missing.length) return void problems.push(`${at}: empty ${missing.join(', ')}`);
    const [a, b] = ordered(row.a!, row.b!);
    if (a !== row.a) return void problems.push(`${at}: a must sort before b`);
    const ra = records.get(a);
    const rb = records.get(b);
    if (!ra || !rb) return void problems.push(`${at}: ${!ra ? a : b} is not a record of the lists`);
    if (ra.entity.name !== row.a_name || rb.entity.name !== row.b_name) {
      return void problems.push(`${at}: the records' names changed since the review ("${row.a_name}" → "${ra.entity.name}", "${row.b_name}" → "${rb.entity.name}"): review again`);
    }
    if (!listPairOf(ra.authority, rb.authority)) return void problems.push(`${at}: ${ra.authority} and ${rb.authority} is not a list pair of the set`);
    if (pairSchema(ra.entity) !== pairSchema(rb.entity)) return void problems.push(`${at}: ${ra.entity.schema} vs ${rb.entity.schema}`);
    if (row.same !== 'yes' && row.same !== 'no') return void problems.push(`${at}: same must be yes or no`);
    // NOTE: a UK record's UN reference settles a UN-UK pair by itself; it is withheld there as in un-reference pairs.
    const ukRef = [ra, rb].find((r) => r.authority === 'UK')?.entity.identifiers.find((id) => id.type === 'unReferenceNumber');
    const isUnUk = listPairOf(ra.authority, rb.authority) === 'UN-UK';
    out.push({ a, b, same: row.same === 'yes', labelSource: 'hand-review', evidence: row.evidence!.trim(), withheld: isUnUk && ukRef ? `unReferenceNumber:${ukRef.value.trim()}` : '' });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Assembling the set

const ordered = (x: string, y: string): [string, string] => (x < y ? [x, y] : [y, x]);
const orderedKey = (x: string, y: string) => ordered(x, y).join('|');
const rank = (p: { a: string; b: string }) => createHash('sha256').update(`${SEED}|${p.a}|${p.b}`).digest('hex');

/**
 * `n` pairs drawn in a seeded order, taking the strata in turn (one from each, then again), so
 * no program or regime fills the quota alone.
 */
export function sample<T extends { a: string; b: string }>(items: T[], n: number, stratum: (t: T) => string): T[] {
  const groups = new Map<string, T[]>();
  for (const t of [...items].sort((x, y) => rank(x).localeCompare(rank(y)))) {
    const s = stratum(t);
    (groups.get(s) ?? groups.set(s, []).get(s)!).push(t);
  }
  const queues = [...groups.keys()].sort().map((k) => groups.get(k)!);
  const out: T[] = [];
  for (let round = 0; out.length < n && queues.some((q) => q.length > round); round++) {
    for (const q of queues) if (q[round] && out.length < n) out.push(q[round]!);
  }
  return out;
}

/**
 * How many mechanically labelled pairs of each kind the set keeps (drawn by `sample`); the pools
 * are larger than an evaluation needs, and far larger for un-reference than the other list pairs.
 * Drone-case and hand-review pairs are always kept.
 */
const QUOTA: Record<string, number> = {
  'OFAC-EU shared-identifier Person yes': 40,
  'OFAC-EU shared-identifier Organization yes': 75,
  'UN-OFAC shared-identifier Person yes': 45,
  'UN-OFAC shared-identifier Organization yes': 10,
  'UN-EU shared-identifier Person yes': 10,
  'UN-UK un-reference Person yes': 40,
  'UN-UK un-reference Organization yes': 20,
  'UN-UK un-reference Person no': 46,
};

/** One sampled kind of pair: how many the set keeps of how many the data yield. */
export type Drawn = { kind: string; kept: number; available: number };
export type BuildResult = { pairs: Pair[]; problems: string[]; skipped: string[]; drawn: Drawn[] };

export function buildPairs(records: Map<string, Rec>): BuildResult {
  const problems: string[] = [];
  const skipped: string[] = [];
  const of = (a: Authority) => [...records.values()].filter((r) => r.authority === a);
  const [ofac, eu, uk, un] = [of('OFAC'), of('EU'), of('UK'), of('UN')];
  const names = nameMatcher(records.values());

  // In order of precedence: a pair two sources label keeps the first one's label.
  const mechanical: Candidate[] = [
    ...sharedIdentifierPairs(ofac, eu, names, skipped),
    ...sharedIdentifierPairs(un, ofac, names, skipped),
    ...sharedIdentifierPairs(un, eu, names, skipped),
    ...unReferencePairs(uk, un, names, skipped),
  ];
  const drone = droneCasePairs(records, names, problems);
  const hand = readHandReview(records, problems);

  const chosen = new Map<string, Candidate>();
  const kept = new Set<string>(); // drone-case pairs: never sampled out, whatever their label
  for (const c of [...mechanical, ...drone, ...hand]) {
    const k = `${c.a}|${c.b}`;
    const before = chosen.get(k);
    if (!before) {
      chosen.set(k, c);
    } else if (before.same !== c.same) {
      problems.push(`${k}: ${before.labelSource} says ${before.same ? 'same' : 'not the same'}, ${c.labelSource} the opposite`);
    } else if (c.labelSource === 'hand-review') {
      problems.push(`hand-review.csv: ${k} is already labelled by ${before.labelSource}; remove the row`);
    }
    if (c.labelSource === 'drone-case' || c.labelSource === 'hand-review') kept.add(k);
  }

  const full = [...chosen.values()].map((c): Pair => {
    const ra = records.get(c.a)!;
    const rb = records.get(c.b)!;
    return { ...c, listPair: listPairOf(ra.authority, rb.authority)!, schema: pairSchema(ra.entity) };
  });
  const kind = (p: Pair) => `${p.listPair} ${p.labelSource} ${p.schema} ${p.same ? 'yes' : 'no'}`;
  const pools = new Map<string, Pair[]>();
  const pairs: Pair[] = [];
  for (const p of full) {
    if (kept.has(`${p.a}|${p.b}`)) pairs.push(p);
    else (pools.get(kind(p)) ?? pools.set(kind(p), []).get(kind(p))!).push(p);
  }
  const program = (p: Pair) => {
    const un = [p.a, p.b].map((k) => records.get(k)!).find((r) => r.authority === 'UN') ?? records.get(p.a)!;
    return un.programs.join(',');
  };
  const drawn: Drawn[] = [];
  for (const [k, pool] of [...pools].sort(([x], [y]) => x.localeCompare(y))) {
    const kept = sample(pool, QUOTA[k] ?? pool.length, program);
    pairs.push(...kept);
    drawn.push({ kind: k, kept: kept.length, available: pool.length });
  }
  pairs.sort((x, y) => LIST_PAIRS.indexOf(x.listPair) - LIST_PAIRS.indexOf(y.listPair) || PAIR_SCHEMAS.indexOf(x.schema) - PAIR_SCHEMAS.indexOf(y.schema) || x.a.localeCompare(y.a) || x.b.localeCompare(y.b));
  return { pairs, problems, skipped, drawn };
}

// ---------------------------------------------------------------------------------------------
// Output

const CSV_COLUMNS = ['a', 'b', 'same', 'list_pair', 'schema', 'label_source', 'evidence', 'withheld'] as const;

const csvField = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function toCsv(pairs: Pair[]): string {
  const lines = pairs.map((p) => [p.a, p.b, p.same ? 'yes' : 'no', p.listPair, p.schema, p.labelSource, p.evidence, p.withheld].map(csvField).join(','));
  return [CSV_COLUMNS.join(','), ...lines].join('\n') + '\n';
}

/** Counts per list pair × schema × same, and per label source: for the console and the README. */
export function summarize(pairs: Pair[]): string {
  const lines: string[] = [];
  const count = (f: (p: Pair) => boolean) => pairs.filter(f).length;
  lines.push('| list pair | schema | same | not same |', '|---|---|---:|---:|');
  for (const lp of LIST_PAIRS) {
    for (const s of PAIR_SCHEMAS) {
      const yes = count((p) => p.listPair === lp && p.schema === s && p.same);
      const no = count((p) => p.listPair === lp && p.schema === s && !p.same);
      if (yes || no) lines.push(`| ${lp} | ${s} | ${yes} | ${no} |`);
    }
    lines.push(`| **${lp}** | all | **${count((p) => p.listPair === lp && p.same)}** | **${count((p) => p.listPair === lp && !p.same)}** |`);
  }
  lines.push(`| **all** | all | **${count((p) => p.same)}** | **${count((p) => !p.same)}** |`, '');
  lines.push('| label source | ' + LIST_PAIRS.join(' | ') + ' | all |', '|---|' + LIST_PAIRS.map(() => '---:').join('|') + '|---:|');
  for (const l of LABEL_SOURCES) {
    const cell = (lp: ListPair | null) => {
      const yes = count((p) => p.labelSource === l && (!lp || p.listPair === lp) && p.same);
      const no = count((p) => p.labelSource === l && (!lp || p.listPair === lp) && !p.same);
      return yes || no ? `${yes} / ${no}` : '–';
    };
    lines.push(`| ${l} | ${LIST_PAIRS.map(cell).join(' | ')} | ${cell(null)} |`);
  }
  return lines.join('\n');
}

function diff(committed: string, built: string): string[] {
  const rows = (text: string) => new Map(text.split('\n').slice(1).filter(Boolean).map((l) => [l.split(',').slice(0, 2).join(','), l]));
  const [was, now] = [rows(committed), rows(built)];
  const out: string[] = [];
  for (const [k, l] of was) if (!now.has(k)) out.push(`- ${l}`);
  for (const [k, l] of now) if (!was.has(k)) out.push(`+ ${l}`);
  for (const [k, l] of now) if (was.has(k) && was.get(k) !== l) out.push(`~ ${was.get(k)}\n  → ${l}`);
  return out;
}

async function main(): Promise<void> {
  // NOTE: lib/import/run.ts imports lib/db (marked server-only), which loads only under the
  // react-server condition (package.json scripts pass it); re-run this script with it.
  if (!process.execArgv.some((a) => a.includes('react-server'))) {
    const r = spawnSync(process.execPath, ['--conditions=react-server', ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
    process.exit(r.status ?? 1);
  }
  const check = process.argv.includes('--check');
  const started = Date.now();
  const records = await readLists();
  const { pairs, problems, skipped, drawn } = buildPairs(records);
  const csv = toCsv(pairs);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(summarize(pairs));
  console.log('\nsampled (kept of available):');
  for (const d of drawn) console.log(`  ${d.kind}: ${d.kept} of ${d.available}`);
  console.log(`\n${pairs.length} pairs from ${records.size} records in ${seconds} s; ${skipped.length} mechanical candidates left out (names or types disagree, ambiguous numbers)`);
  if (process.argv.includes('--verbose')) for (const s of skipped) console.log(`  left out: ${s}`);
  for (const p of problems) console.error(`problem: ${p}`);
  if (check) {
    const committed = existsSync(PAIRS_FILE) ? readFileSync(PAIRS_FILE, 'utf8') : '';
    const changes = diff(committed, csv);
    for (const c of changes) console.error(c);
    if (changes.length || problems.length) {
      console.error(`\n--check: ${changes.length} differences from ${path.relative(ROOT, PAIRS_FILE)}, ${problems.length} problems`);
      process.exit(1);
    }
    console.log(`--check: ${path.relative(ROOT, PAIRS_FILE)} agrees with the data files`);
    return;
  }
  if (problems.length) {
    console.error(`\nnot written: ${problems.length} problems`);
    process.exit(1);
  }
  writeFileSync(PAIRS_FILE, csv);
  console.log(`wrote ${path.relative(ROOT, PAIRS_FILE)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
