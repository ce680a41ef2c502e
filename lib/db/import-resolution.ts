import 'server-only';
// Cross-list resolution (docs/adr/0006-import-pipeline.md): the same vessel, company or person on
// OFAC's, the EU's, the UK's, the UN's and OpenSanctions' lists becomes ONE entity with several
// designations. Runs inside the import's transaction, after the loader has written its rows, and
// works on database rows only (so it does not depend on how the loader stages its records):
// - strong identifiers (IMO number, aircraft registration or serial number, company registration
//   or tax number with the same issuing country, LEI, SWIFT/BIC, OpenSanctions ids and referents,
//   the UK list's UN reference numbers) → the entities are merged, the admin merge's way
//   (mergeEntitiesInTx: redirect, everything moved, one `entity.merge` audit event);
// - weaker matches (same normalised name or alias + same country + same birth or incorporation
//   year) → a MatchCandidate for the admin review queue (/admin/matches), never merged here.
// Two entries of the same list are never merged (a list does not name one thing twice), a pair an
// admin rejected is never merged or proposed again, and a re-import finds nothing new: merged
// entities share their external ids, and candidates are unique per pair.
import type { Prisma } from './generated/client';
import type { Actor } from './audit';
import { mergeEntitiesBulkInTx, type BulkMerge } from './admin/entities';
import type { ImportReport } from '../import/types';

type Tx = Prisma.TransactionClient;

export type ResolutionSummary = { merged: number; candidates: number; conflicts: number };

/** More entities than this sharing one identifier value: a placeholder ("N/A", "0000"), not an identity. */
const MAX_GROUP = 8;

/**
 * Country names as the official lists write them → ISO 3166-1 alpha-2 (lower case, as FtM has it),
 * so that "Russia" (OFAC, UN) and "ru" (EU, OpenSanctions) compare equal.
 */
export const COUNTRY_CODES: Record<string, string> = {
  russia: 'ru', 'russian federation': 'ru', iran: 'ir', 'iran (islamic republic of)': 'ir', china: 'cn', "china, people's republic of": 'cn',
  'hong kong': 'hk', belarus: 'by', 'north korea': 'kp', "korea, north": 'kp', "democratic people's republic of korea": 'kp', syria: 'sy',
  'syrian arab republic': 'sy', 'united arab emirates': 'ae', uae: 'ae', turkey: 'tr', turkiye: 'tr', 'türkiye': 'tr', ukraine: 'ua', iraq: 'iq',
  afghanistan: 'af', pakistan: 'pk', india: 'in', lebanon: 'lb', yemen: 'ye', libya: 'ly', sudan: 'sd', 'south sudan': 'ss', somalia: 'so',
  mali: 'ml', 'central african republic': 'cf', 'congo, democratic republic of the': 'cd', 'democratic republic of the congo': 'cd',
  venezuela: 've', cuba: 'cu', nicaragua: 'ni', myanmar: 'mm', burma: 'mm', kazakhstan: 'kz', uzbekistan: 'uz', kyrgyzstan: 'kg', armenia: 'am',
  azerbaijan: 'az', georgia: 'ge', moldova: 'md', serbia: 'rs', cyprus: 'cy', malta: 'mt', greece: 'gr', germany: 'de', france: 'fr', italy: 'it',
  'united kingdom': 'gb', uk: 'gb', 'united states': 'us', usa: 'us', switzerland: 'ch', 'saudi arabia': 'sa', qatar: 'qa', oman: 'om',
  kuwait: 'kw', bahrain: 'bh', jordan: 'jo', egypt: 'eg', israel: 'il', panama: 'pa', liberia: 'lr', 'marshall islands': 'mh', comoros: 'km',
  malaysia: 'my', singapore: 'sg', indonesia: 'id', thailand: 'th', vietnam: 'vn', 'viet nam': 'vn', 'sri lanka': 'lk', seychelles: 'sc',
  'british virgin islands': 'vg', 'virgin islands, british': 'vg', estonia: 'ee', latvia: 'lv', lithuania: 'lt', finland: 'fi', poland: 'pl',
  tajikistan: 'tj', turkmenistan: 'tm', mongolia: 'mn', algeria: 'dz', tunisia: 'tn', morocco: 'ma', nigeria: 'ng', eritrea: 'er', ethiopia: 'et',
  zimbabwe: 'zw', 'bosnia and herzegovina': 'ba', 'north macedonia': 'mk', albania: 'al', kosovo: 'xk', 'korea, south': 'kr', 'south korea': 'kr', japan: 'jp',
};
const COUNTRY_JSON = JSON.stringify(COUNTRY_CODES);

/** Identifier types (letters only, lower case) → the class of identity they prove. */
const IDENTIFIER_CLASSES: Record<string, { cls: 'imo' | 'aircraft-reg' | 'aircraft-msn' | 'lei' | 'bic' | 'reg' | 'tax'; country?: string; airplaneOnly?: boolean }> = {
  imo: { cls: 'imo' },
  imonumber: { cls: 'imo' },
  aircrafttailnumber: { cls: 'aircraft-reg' },
  aircraftmanufacturersserialnumbermsn: { cls: 'aircraft-msn' },
  serialnumber: { cls: 'aircraft-msn', airplaneOnly: true },
  leicode: { cls: 'lei' },
  swiftbic: { cls: 'bic' },
  registrationnumber: { cls: 'reg' },
  businessregistrationnumber: { cls: 'reg' },
  ogrncode: { cls: 'reg', country: 'ru' },
  taxnumber: { cls: 'tax' },
  taxidno: { cls: 'tax' },
  inncode: { cls: 'tax', country: 'ru' },
};
const CLASS_LABEL: Record<string, string> = {
  imo: 'IMO number', 'aircraft-reg': 'aircraft registration', 'aircraft-msn': 'aircraft serial number (MSN)', lei: 'LEI', bic: 'SWIFT/BIC', reg: 'registration number', tax: 'tax number',
};

type Live = { id: string; kind: string; countries: string[]; sources: string[]; createdAt: Date };
type Pair = { a: string; b: string; reason: string };

const orgLike = (kind: string) => kind === 'Organization' || kind === 'Company' || kind === 'LegalEntity';
/** A person is never the same thing as a company or a vessel; the three organisation schemas may be. */
export const compatibleSchemas = (x: string, y: string) => x === y || (orgLike(x) && orgLike(y));
const ordered = (x: string, y: string): [string, string] => (x < y ? [x, y] : [y, x]);
const pairKey = (x: string, y: string) => ordered(x, y).join('|');
const disjoint = (x: Iterable<string>, y: Set<string>) => [...x].every((s) => !y.has(s));

/**
 * The one entry point, called by the loader inside the import transaction once its rows are
 * written. A dry run writes no entities, so it resolves nothing (its counts say so: zero).
 */
export async function resolveCrossListMatches(tx: Tx, opts: { actor: Actor; dryRun: boolean; report?: ImportReport }): Promise<ResolutionSummary> {
  const summary: ResolutionSummary = { merged: 0, candidates: 0, conflicts: 0 };
  if (opts.dryRun) return summary;
  // NOTE: the loader has just written thousands of rows in this transaction, which autovacuum cannot
  // see: without fresh statistics the planner picked nested loops here (8 s per OFAC edition).
  // Only the columns resolution filters and joins on: the long name columns cost most to sample
  // and the names are matched through st_match_names, which has its own statistics.
  // A small sample (default_statistics_target 20, for this ANALYZE only: 0.3 → 0.07 s at 54k
  // entities) is enough to steer these plans away from nested loops; autovacuum re-analyzes the
  // tables with the full sample once the import has committed.
  const [stats] = await tx.$queryRaw<Array<{ target: string }>>`SELECT current_setting('default_statistics_target') AS target`;
  await tx.$executeRawUnsafe(`SET LOCAL default_statistics_target = 20`);
  await tx.$executeRawUnsafe(`ANALYZE entity (id, schema, deleted_at, merged_into_id, birth_date, countries),
    external_id (entity_id, source, external_id), identifier (entity_id, type, value, country), entity_alias (entity_id, kind)`);
  await tx.$queryRaw`SELECT set_config('default_statistics_target', ${stats?.target ?? '100'}, true)`;
  const { strong, weakFromIds, live } = await findStrongMatches(tx);
  const rejected = await rejectedPairs(tx);

  // Union-find over the strong pairs, joining two groups only when no list has an entry in both.
  const parent = new Map<string, string>();
  const sources = new Map<string, Set<string>>();
  const reasons = new Map<string, string[]>();
  const find = (x: string): string => {
    const p = parent.get(x) ?? x;
    if (p === x) return x;
    const r = find(p);
    parent.set(x, r);
    return r;
  };
  for (const p of strong.sort((x, y) => pairKey(x.a, x.b).localeCompare(pairKey(y.a, y.b)) || x.reason.localeCompare(y.reason))) {
    if (rejected.has(pairKey(p.a, p.b))) continue;
    const ra = find(p.a);
    const rb = find(p.b);
    if (ra === rb) continue;
    const sa = sources.get(ra) ?? new Set(live.get(ra)?.sources ?? []);
    const sb = sources.get(rb) ?? new Set(live.get(rb)?.sources ?? []);
    if (!disjoint(sa, sb)) {
      summary.conflicts++;
      continue;
    }
    parent.set(rb, ra);
    sources.set(ra, new Set([...sa, ...sb]));
    reasons.set(ra, [...(reasons.get(ra) ?? []), ...(reasons.get(rb) ?? []), p.reason]);
  }
  const groups = new Map<string, string[]>();
  for (const id of parent.keys()) (groups.get(find(id)) ?? groups.set(find(id), [find(id)]).get(find(id))!).push(id);

  const merges: BulkMerge[] = [];
  for (const [root, members] of groups) {
    const ids = [...new Set(members)];
    // Survivor: an entity no list brought (curated by hand), else the oldest; the others redirect to it.
    const survivor = ids.map((id) => live.get(id)!).sort((x, y) => Number(x.sources.length > 0) - Number(y.sources.length > 0) || x.createdAt.getTime() - y.createdAt.getTime() || x.id.localeCompare(y.id))[0]!;
    const why = [...new Set(reasons.get(root) ?? [])];
    for (const id of ids) if (id !== survivor.id) merges.push({ mergedId: id, survivorId: survivor.id, meta: { via: 'import', matchedOn: why } });
  }
  // One set-based merge for all groups: one pair at a time took a minute for the seed's 887 pairs.
  await mergeEntitiesBulkInTx(tx, opts.actor, merges);
  summary.merged = merges.length;

  summary.candidates = (await proposeCandidates(tx, weakFromIds.filter((p) => !rejected.has(pairKey(p.a, p.b))))) + (await proposeWeakMatches(tx));
  if (opts.report) {
    opts.report.resolution = summary;
    if (summary.conflicts) opts.report.warnings['strong cross-list matches not merged: the same list holds more than one of the entities'] = summary.conflicts;
  }
  return summary;
}

async function rejectedPairs(tx: Tx): Promise<Set<string>> {
  const rows = await tx.matchCandidate.findMany({ where: { status: 'REJECTED' }, select: { entityAId: true, entityBId: true } });
  return new Set(rows.map((r) => pairKey(r.entityAId, r.entityBId)));
}

/** Strong pairs from shared identifiers and from the cross-references the files give. */
async function findStrongMatches(tx: Tx): Promise<{ strong: Pair[]; weakFromIds: Pair[]; live: Map<string, Live> }> {
  type Row = { key: string; cls: string; value: string; entity_id: string; kind: string; id_country: string | null; countries: string[]; sources: string[]; created_at: Date };
  // NOTE: grouped in SQL first, so only identifier values two or more live entities share come back.
  const rows = await tx.$queryRaw<Row[]>`
    WITH cls AS (SELECT key AS t, value->>'cls' AS cls, value->>'country' AS country, coalesce((value->>'airplaneOnly')::boolean, false) AS airplane_only
                 FROM jsonb_each(${JSON.stringify(IDENTIFIER_CLASSES)}::jsonb)),
    live AS (SELECT e.id, e.schema::text AS kind, e.countries, e.created_at FROM entity e WHERE e.deleted_at IS NULL AND e.merged_into_id IS NULL),
    ids AS (
      SELECT i.entity_id, l.kind,
        CASE WHEN c.cls = 'aircraft-reg' OR (c.cls = 'reg' AND l.kind = 'Airplane') THEN 'aircraft-reg' ELSE c.cls END AS cls,
        regexp_replace(upper(regexp_replace(i.value, '[^A-Za-z0-9]', '', 'g')), CASE WHEN c.cls = 'imo' THEN '^IMO' ELSE '^$' END, '') AS value,
        coalesce(c.country, lower(nullif(trim(i.country), ''))) AS id_country
      FROM identifier i JOIN live l ON l.id = i.entity_id
      JOIN cls c ON c.t = lower(regexp_replace(i.type, '[^A-Za-z]', '', 'g'))
      WHERE (NOT c.airplane_only OR l.kind = 'Airplane')
    ),
    keyed AS (SELECT DISTINCT cls || ':' || value AS key, cls, value, entity_id, kind, id_country FROM ids
              WHERE length(value) >= 4 AND (cls <> 'imo' OR value ~ '^[0-9]{7}$')),
    shared AS (SELECT key FROM keyed GROUP BY key HAVING count(DISTINCT entity_id) BETWEEN 2 AND ${MAX_GROUP})
    SELECT k.key, k.cls, k.value, k.entity_id, k.kind, k.id_country, l.countries, l.created_at,
      coalesce((SELECT array_agg(DISTINCT x.source) FROM external_id x WHERE x.entity_id = k.entity_id), '{}') AS sources
    FROM keyed k JOIN shared s ON s.key = k.key JOIN live l ON l.id = k.entity_id
    ORDER BY k.key, k.entity_id`;

  // The files' own cross-references: the UK list's UN reference number → the UN entry; an
  // OpenSanctions entity's referents (the source entries it was built from) → those entries
  // (OpenSanctions ids, and OFAC's `ofac-<ent_num>`); an OpenSanctions id `ofac-<ent_num>` → that OFAC entry.
  type RefRow = { a: string; b: string; reason: string };
  // NOTE: joins on the tables themselves (with their statistics), one equality per branch: over
  // CTEs or an OR condition the planner chose nested loops, minutes on the real lists.
  const refs = await tx.$queryRaw<RefRow[]>`
    SELECT r.id AS a, x.entity_id AS b, 'OpenSanctions referent ' || r.ref AS reason
      FROM (SELECT e.id, jsonb_array_elements_text(e.extra->'referents') AS ref FROM entity e
            WHERE jsonb_typeof(e.extra->'referents') = 'array' AND e.deleted_at IS NULL AND e.merged_into_id IS NULL) r
      JOIN external_id x ON x.source = 'opensanctions' AND x.external_id = r.ref
      JOIN entity eb ON eb.id = x.entity_id
      WHERE x.entity_id <> r.id AND eb.deleted_at IS NULL AND eb.merged_into_id IS NULL
    UNION
    SELECT r.id AS a, x.entity_id AS b, 'OpenSanctions referent ' || r.ref AS reason
      FROM (SELECT e.id, jsonb_array_elements_text(e.extra->'referents') AS ref FROM entity e
            WHERE jsonb_typeof(e.extra->'referents') = 'array' AND e.deleted_at IS NULL AND e.merged_into_id IS NULL) r
      JOIN external_id x ON x.source IN ('ofac-sdn', 'ofac-cons') AND x.external_id = substr(r.ref, 6)
      JOIN entity eb ON eb.id = x.entity_id
      WHERE r.ref ~ '^ofac-[0-9]+$' AND x.entity_id <> r.id AND eb.deleted_at IS NULL AND eb.merged_into_id IS NULL
    UNION
    SELECT o.entity_id AS a, x.entity_id AS b, 'OpenSanctions id ' || o.external_id AS reason
      FROM external_id o JOIN external_id x ON x.source IN ('ofac-sdn', 'ofac-cons') AND x.external_id = substr(o.external_id, 6)
      JOIN entity ea ON ea.id = o.entity_id JOIN entity eb ON eb.id = x.entity_id
      WHERE o.source = 'opensanctions' AND o.external_id ~ '^ofac-[0-9]+$' AND o.entity_id <> x.entity_id
        AND ea.deleted_at IS NULL AND ea.merged_into_id IS NULL AND eb.deleted_at IS NULL AND eb.merged_into_id IS NULL`;
  // The UK list's UN reference numbers → the UN entries: two small lists, matched here (a join on
  // the normalised values ran as a nested loop, 30 s).
  const norm = (v: string) => v.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const unRefs = await tx.$queryRaw<Array<{ entity_id: string; value: string }>>`
    SELECT i.entity_id, i.value FROM identifier i JOIN entity e ON e.id = i.entity_id
    WHERE lower(regexp_replace(i.type, '[^A-Za-z]', '', 'g')) = 'unreferencenumber' AND e.deleted_at IS NULL AND e.merged_into_id IS NULL`;
  if (unRefs.length) {
    const unEntries = new Map(
      (await tx.$queryRaw<Array<{ entity_id: string; external_id: string }>>`
        SELECT x.entity_id, x.external_id FROM external_id x JOIN entity e ON e.id = x.entity_id
        WHERE x.source = 'un-sc' AND e.deleted_at IS NULL AND e.merged_into_id IS NULL`).map((x) => [norm(x.external_id), x.entity_id]),
    );
    for (const r of unRefs) {
      const un = unEntries.get(norm(r.value));
      if (un && un !== r.entity_id) refs.push({ a: r.entity_id, b: un, reason: `UN reference number ${r.value}` });
    }
  }

  const refIds = [...new Set(refs.flatMap((r) => [r.a, r.b]))];
  const live = new Map<string, Live>();
  for (const r of rows) live.set(r.entity_id, { id: r.entity_id, kind: r.kind, countries: r.countries, sources: r.sources, createdAt: r.created_at });
  const missing = refIds.filter((id) => !live.has(id));
  if (missing.length) {
    const more = await tx.$queryRaw<Array<{ id: string; kind: string; countries: string[]; created_at: Date; sources: string[] }>>`
      SELECT e.id, e.schema::text AS kind, e.countries, e.created_at, coalesce((SELECT array_agg(DISTINCT x.source) FROM external_id x WHERE x.entity_id = e.id), '{}') AS sources
      FROM entity e WHERE e.id = ANY(${missing}::text[])`;
    for (const r of more) live.set(r.id, { id: r.id, kind: r.kind, countries: r.countries, sources: r.sources, createdAt: r.created_at });
  }

  const strong: Pair[] = [];
  const weakFromIds: Pair[] = [];
  for (const r of refs) {
    const a = live.get(r.a);
    const b = live.get(r.b);
    if (a && b && compatibleSchemas(a.kind, b.kind)) strong.push(r);
  }
  const byKey = new Map<string, Row[]>();
  for (const r of rows) (byKey.get(r.key) ?? byKey.set(r.key, []).get(r.key)!).push(r);
  for (const group of byKey.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const x = group[i]!;
        const y = group[j]!;
        if (x.entity_id === y.entity_id || !compatibleSchemas(x.kind, y.kind)) continue;
        if (x.cls === 'aircraft-msn' && (x.kind !== 'Airplane' || y.kind !== 'Airplane')) continue;
        const label = `${CLASS_LABEL[x.cls] ?? x.cls} ${x.value}`;
        if (x.cls === 'reg' || x.cls === 'tax') {
          // A registration or tax number identifies a company only together with the country that issued it.
          const cx = issuingCountry(x);
          const cy = issuingCountry(y);
          if (cx && cy && cx === cy) strong.push({ a: x.entity_id, b: y.entity_id, reason: `${label} (${cx})` });
          else if (!cx || !cy) weakFromIds.push({ a: x.entity_id, b: y.entity_id, reason: `same ${label}, issuing country not known for both` });
          continue;
        }
        strong.push({ a: x.entity_id, b: y.entity_id, reason: label });
      }
    }
  }
  return { strong, weakFromIds, live };
}

export function normCountry(c: string | null | undefined): string | null {
  const v = c?.trim().toLowerCase();
  if (!v) return null;
  return COUNTRY_CODES[v] ?? v;
}

/** The identifier's own country, else the entity's one country (when it has exactly one). */
function issuingCountry(r: { id_country: string | null; countries: string[] }): string | null {
  const own = normCountry(r.id_country);
  if (own) return own;
  const all = [...new Set(r.countries.map(normCountry).filter((c): c is string => !!c))];
  return all.length === 1 ? all[0]! : null;
}

async function proposeCandidates(tx: Tx, pairs: Pair[]): Promise<number> {
  if (!pairs.length) return 0;
  const uniq = new Map<string, Pair>();
  for (const p of pairs) if (!uniq.has(pairKey(p.a, p.b))) uniq.set(pairKey(p.a, p.b), p);
  const list = [...uniq.values()];
  return tx.$executeRaw`
    INSERT INTO match_candidate (id, entity_a_id, entity_b_id, score, reason)
    SELECT gen_random_uuid()::text, least(a, b), greatest(a, b), 0.7, reason
    FROM unnest(${list.map((p) => p.a)}::text[], ${list.map((p) => p.b)}::text[], ${list.map((p) => p.reason)}::text[]) AS t(a, b, reason)
    JOIN entity ea ON ea.id = t.a JOIN entity eb ON eb.id = t.b
    WHERE ea.merged_into_id IS NULL AND eb.merged_into_id IS NULL
    ON CONFLICT (entity_a_id, entity_b_id) DO NOTHING`;
}

/**
 * Weak matches, set-based: the same normalised name or alias (weak aliases excluded), a shared
 * country and the same birth/incorporation year, on entities of compatible schemas that no one list
 * holds both of. Score: 0.6 for the name (0.5 through an alias), + 0.3 same day, 0.2 same month,
 * 0.1 same year. ON CONFLICT keeps one row per pair: pending, merged and rejected pairs stay as decided.
 */
async function proposeWeakMatches(tx: Tx): Promise<number> {
  // NOTE: the names go into a temporary table that is ANALYZEd: over CTEs the planner guessed one
  // row and chose nested loops (105 s on the real lists); with statistics it hash-joins (~1 s).
  // The join keys are in byte order (COLLATE "C"): only equality matters, and the merge join the
  // planner picks sorts them (0.36 → 0.29 s for 54k entities).
  await tx.$executeRawUnsafe(`DROP TABLE IF EXISTS st_match_names`);
  await tx.$executeRawUnsafe(
    `CREATE TEMP TABLE st_match_names (id text, n text COLLATE "C", via_alias boolean, grp text COLLATE "C", year int, birth_date date, bp text, countries text[], sources text[]) ON COMMIT DROP`,
  );
  await tx.$executeRaw`
    -- NOTE: country names are looked up in the jsonb object (a binary search), and the sources come
    -- from one grouped pass over external_id: a join to the expanded map and a subquery per entity
    -- took 1.3 s for 54k entities. Countries, sources and names may repeat: they are only tested
    -- for overlap, and the pairs are made distinct below — deduplicating them cost 0.25 s at 54k.
    WITH cc AS (SELECT ${COUNTRY_JSON}::jsonb AS m),
    src AS (SELECT entity_id, array_agg(source) AS sources FROM external_id GROUP BY 1),
    live AS MATERIALIZED (
      SELECT e.id, e.name_norm, e.birth_date, e.birth_date_precision::text AS bp, extract(year FROM e.birth_date)::int AS year,
        CASE WHEN e.schema IN ('Organization', 'Company', 'LegalEntity') THEN 'org' ELSE e.schema::text END AS grp,
        ARRAY(SELECT coalesce(cc.m ->> lower(trim(c)), lower(trim(c))) FROM unnest(e.countries) c) AS countries,
        coalesce(src.sources, '{}') AS sources
      FROM entity e CROSS JOIN cc LEFT JOIN src ON src.entity_id = e.id
      WHERE e.deleted_at IS NULL AND e.merged_into_id IS NULL AND e.birth_date IS NOT NULL AND cardinality(e.countries) > 0
    ),
    raw AS (
      SELECT id, name_norm AS n, false AS via_alias FROM live
      UNION ALL
      SELECT a.entity_id, a.name_norm, true FROM entity_alias a WHERE a.kind <> 'WEAK_ALIAS'
    )
    INSERT INTO st_match_names
    -- Words in order: "IVANOV, Petr" (OFAC) and "Petr Ivanov" (FtM) are the same name.
    SELECT r.id, CASE WHEN strpos(r.n, ' ') = 0 THEN r.n ELSE array_to_string(ARRAY(SELECT w FROM unnest(string_to_array(r.n, ' ')) w ORDER BY w), ' ') END,
      r.via_alias, l.grp, l.year, l.birth_date, l.bp, l.countries, l.sources
    FROM raw r JOIN live l ON l.id = r.id WHERE length(r.n) >= 4`;
  await tx.$executeRawUnsafe(`ANALYZE st_match_names`);
  return tx.$executeRaw`
    WITH pairs AS (
      SELECT x.id AS a, y.id AS b, x.n, (x.via_alias OR y.via_alias) AS via_alias,
        (SELECT min(c) FROM unnest(x.countries) c WHERE c = ANY(y.countries)) AS country,
        CASE WHEN x.birth_date = y.birth_date AND x.bp = 'DAY' AND y.bp = 'DAY' THEN 0.3
             WHEN date_trunc('month', x.birth_date) = date_trunc('month', y.birth_date) AND x.bp IN ('DAY', 'MONTH') AND y.bp IN ('DAY', 'MONTH') THEN 0.2
             ELSE 0.1 END AS date_score,
        CASE WHEN x.birth_date = y.birth_date AND x.bp = 'DAY' AND y.bp = 'DAY' THEN to_char(x.birth_date, 'YYYY-MM-DD')
             WHEN date_trunc('month', x.birth_date) = date_trunc('month', y.birth_date) AND x.bp IN ('DAY', 'MONTH') AND y.bp IN ('DAY', 'MONTH') THEN to_char(x.birth_date, 'YYYY-MM')
             ELSE to_char(x.birth_date, 'YYYY') END AS date_label
      FROM st_match_names x JOIN st_match_names y ON y.n = x.n AND y.grp = x.grp AND y.year = x.year AND x.id < y.id
      WHERE x.countries && y.countries AND NOT (x.sources && y.sources)
    ),
    best AS (
      SELECT DISTINCT ON (a, b) a, b, (CASE WHEN via_alias THEN 0.5 ELSE 0.6 END + date_score)::float8 AS score,
        'same ' || CASE WHEN via_alias THEN 'name or alias' ELSE 'name' END || ' "' || n || '", country ' || country || ', born/incorporated ' || date_label AS reason
      FROM pairs ORDER BY a, b, via_alias, date_score DESC
    )
    INSERT INTO match_candidate (id, entity_a_id, entity_b_id, score, reason)
    SELECT gen_random_uuid()::text, a, b, round(score::numeric, 2)::float8, reason FROM best
    ON CONFLICT (entity_a_id, entity_b_id) DO NOTHING`;
}
