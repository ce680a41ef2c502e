import 'server-only';
// The one loader of every import format (lib/import/*). The parsed records stream into a temporary
// staging table with COPY; the comparison with the live tables and the apply are set-based SQL,
// all in ONE transaction on one connection (docs/adr/0006-import-pipeline.md):
//   parse → COPY import_record → plan (temp tables: new / changed / unchanged / lifted, with diffs)
//   → dry run: ROLLBACK | apply: INSERT … SELECT / UPDATE … FROM, events, run log, audit → COMMIT.
// Node's memory is bounded by the COPY buffer, not by the file; a failure (or a killed process)
// anywhere rolls everything back. Idempotent (a re-import changes nothing), incremental (amended
// fields, programs added or removed, entries that disappeared are lifted — never deleted), refuses
// an empty or truncated edition.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { PrismaPg } from '@prisma/adapter-pg';
import { type Prisma, PrismaClient } from './generated/client';
import { pgConfigFromUrl } from './url';
import { prisma } from './client';
import { requireDatabaseUrl } from '../env';
import { type Actor, toAuditJson } from './audit';
import { standardAuthority } from '../import/authorities';
import { resolveAfterImport } from './resolution/resolve';
import { groupActionsAfterImport } from './sanctions-actions/grouping';
import { recordImportChanges } from './changes/record-changes';
import { createNotificationsForRun } from './alerts/notify';
import { countInto, ImportRefusedError, type ImportReport, type LiftScope, type SourceRecord } from '../import/types';
import { editionScopes, NO_EDITION_DATE, newerHeld, olderEditionMessage } from '../sources/editions';
import { heldEditions, recordEditions } from './sources/editions';

// NOTE: the loader needs the connection string (COPY runs on a pg connection of its own, not through
// the ORM): clients made here remember theirs; the app's client uses DATABASE_URL.
const urlOf = new WeakMap<PrismaClient, string>();

/** A client on another database (tests' fresh databases, the CLI) — the app uses `prisma`. */
export function connectDatabase(url: string): PrismaClient {
  const client = new PrismaClient({ adapter: new PrismaPg({ ...pgConfigFromUrl(url), max: 4 }) });
  urlOf.set(client, url);
  return client;
}

export const defaultDb = (): PrismaClient => prisma;

function databaseUrl(db: PrismaClient | undefined): string {
  if (!db || db === prisma) return requireDatabaseUrl();
  const url = urlOf.get(db);
  if (!url) throw new Error('loadImport: pass a client made by connectDatabase(url)');
  return url;
}

/**
 * A run that would lift more than this share of a list's active entries, and at least
 * MIN_MASS_LIFT of them, is taken for a truncated file. Between consecutive real OFAC editions of
 * 2021–2024 the largest share lifted was under 4%.
 */
export const MAX_LIFT_SHARE = 0.1;
export const MIN_MASS_LIFT = 25;
const SAMPLE_DIFFS = 10;
/** Bytes of COPY text buffered before a write: bounds memory, keeps the write calls few. */
const COPY_CHUNK = 1 << 20;
/** Bytes of COPY data queued for the server before the loader waits for it to drain. */
const COPY_QUEUED = 8 << 20;

export type ImportFileInfo = { name: string; sha256: string; bytes: number };
export type ImportCounts = { created: number; changed: number; lifted: number; unchanged: number; records: number };
export type SampleDiff = { key: string; status: 'created' | 'changed' | 'lifted'; changes: Record<string, { from: unknown; to: unknown }> };
/** The advisory lock key that serialises applied imports (any constant no other code uses). */
export const IMPORT_LOCK_KEY = 7_345_101;

export type ImportResult = ImportCounts & { runId: string | null; dryRun: boolean; samples: SampleDiff[]; report: ImportReport; durationMs: number };

export type AfterApplyRun = { runId: string; dryRun: false; actor: Actor; report: ImportReport; origins: string[]; editionDate: string; sql: pg.ClientBase };
/**
 * A step run after the apply, inside the import transaction (never in a dry run): `tx` is an ORM
 * client and `run.sql` the raw connection, both on the import's connection, so the step sees the
 * rows just written and its own writes commit or roll back with them. Cross-list resolution
 * (lib/db/resolution/resolve.ts, `resolveAfterImport`) is one.
 */
export type AfterApplyStep = (tx: Prisma.TransactionClient, run: AfterApplyRun) => Promise<unknown>;
/** The steps every applied import runs, in order. The one hook point: add a step here. */
export const AFTER_APPLY_STEPS: Array<{ name: 'resolution' | 'actions' | 'changes' | 'alerts'; run: AfterApplyStep }> = [
  // The same vessel/company/person from another list becomes one entity, or a review candidate —
  // the matcher over the records this run created or changed (lib/db/resolution/resolve.ts).
  { name: 'resolution', run: (tx, run) => resolveAfterImport(tx, run) },
  // Its listings of each day join their sanctions action (lib/db/sanctions-actions/grouping.ts).
  { name: 'actions', run: (tx, run) => groupActionsAfterImport(tx, run) },
  // What changed, per record and field (lib/db/changes/record-changes.ts): after resolution, so each
  // change names the entity its record belongs to now.
  {
    name: 'changes',
    run: async (_tx, run) => {
      run.report.changes = await recordImportChanges(run.sql, { runId: run.runId, editionDate: run.editionDate });
    },
  },
  // Who watches what changed: one notification per watcher and change (lib/db/alerts/notify.ts);
  // mail and webhooks go out after the commit (lib/db/alerts/deliver.ts).
  { name: 'alerts', run: (tx, run) => createNotificationsForRun(tx, run) },
];

/**
 * An ORM client whose every query runs on `client` (the import's connection, in its transaction).
 * NOTE: the pg adapter takes a pg.Pool; this one hands out no connections of its own.
 */
function ormOnConnection(client: pg.ClientBase): PrismaClient {
  const pool = new pg.Pool({ max: 1 });
  Object.assign(pool, {
    query: client.query.bind(client),
    connect: () => Promise.reject(new Error('an after-apply step runs inside the import transaction: it cannot open another')),
  });
  return new PrismaClient({ adapter: new PrismaPg(pool) });
}

export type LoadOptions = {
  db?: PrismaClient;
  actor: Actor;
  format: string;
  files: ImportFileInfo[];
  dryRun: boolean;
  /** The edition's date: the file's own, or --date; read once the records are staged. */
  editionDate: () => string | null;
  allowMassLift?: boolean;
  /** Apply an edition older than the latest the database holds (rebuilding history in order). */
  allowOlder?: boolean;
  report: ImportReport;
  /** Called when the records are staged, before the writes, and before the commit. */
  onStage?: (stage: { records: number; phase: 'staged' | 'writing' | 'applying' }) => void;
  /** What the edition registry records as the writer ('import', or 'seed' for the seed's lists). */
  editionSource?: 'import' | 'seed';
  /** Extra steps after the standard ones (tests). */
  afterApply?: AfterApplyStep[];
  /** false: skip cross-list resolution (the seed resolves once, at its end); the other steps run. */
  resolve?: boolean;
  today?: string;
};

/** JSON with object keys sorted at every level: PostgreSQL's jsonb does not keep key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

// ---------------------------------------------------------------- staging (COPY)

/** COPY text format: backslash, tab and line breaks escaped; \N is NULL. */
const copyText = (s: string) => s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));

/** Records per INSERT when the server cannot COPY (the embedded database). */
const INSERT_BATCH = 1000;

/**
 * Streams every record into `import_record` (one row per record, its content as jsonb) with COPY.
 * NOTE: jsonb rather than one staging table per record part: one COPY stream, and PostgreSQL takes
 * the parts apart in C, set-based, far faster than building rows in JavaScript. The embedded
 * database (PGlite behind pglite-socket) has no COPY FROM STDIN on the wire: there the same rows go
 * in batches of multi-row INSERT … SELECT FROM unnest(…), one statement per batch.
 */
async function stageRecords(client: pg.Client, records: AsyncIterable<SourceRecord>, useCopy: boolean): Promise<number> {
  await client.query(`CREATE TEMP TABLE import_record (ord int NOT NULL, key text NOT NULL, at text NOT NULL, rec jsonb NOT NULL) ON COMMIT DROP`);
  const json = (rec: SourceRecord) => JSON.stringify({ entity: rec.entity, designations: rec.designations, relationships: rec.relationships });
  let n = 0;
  if (!useCopy) {
    let batch: [number[], string[], string[], string[]] = [[], [], [], []];
    const flush = async () => {
      if (batch[0].length) await client.query(`INSERT INTO import_record SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::jsonb[])`, batch);
      batch = [[], [], [], []];
    };
    for await (const rec of records) {
      n++;
      batch[0].push(n);
      batch[1].push(rec.key);
      batch[2].push(rec.at);
      batch[3].push(json(rec));
      if (batch[0].length >= INSERT_BATCH) await flush();
    }
    await flush();
    return n;
  }
  const stream = client.query(copyFrom('COPY import_record (ord, key, at, rec) FROM STDIN'));
  const done = finished(stream);
  done.catch(() => undefined); // awaited below; a parse error destroys the stream first
  let buf = '';
  try {
    for await (const rec of records) {
      n++;
      // JSON text holds no raw tab or line break (JSON escapes them): only its backslashes need doubling.
      const text = json(rec);
      buf += `${n}\t${copyText(rec.key)}\t${copyText(rec.at)}\t${text.includes('\\') ? text.replaceAll('\\', '\\\\') : text}\n`;
      if (buf.length >= COPY_CHUNK) {
        stream.write(buf);
        buf = '';
        // NOTE: waits only when several chunks are queued, not at the stream's 16 kB mark: parsing
        // the next chunk overlaps the server's work on this one (memory stays bounded by COPY_QUEUED).
        if (stream.writableLength > COPY_QUEUED) await Promise.race([once(stream, 'drain'), done]);
      }
    }
    if (buf) stream.write(buf);
    stream.end();
  } catch (err) {
    // CopyFail: the server drops the partial COPY; the transaction is rolled back by the caller.
    stream.destroy(err instanceof Error ? err : new Error(String(err)));
    await done.catch(() => undefined);
    throw err;
  }
  await done;
  return n;
}

// ---------------------------------------------------------------- the plan, in SQL

const PD = (col: string) => `(${col}->>'precision')`;
const DAYOF = (col: string) => `left(${col}->>'date', 10)::date`;
/** "YYYY-MM-DD/PRECISION" of a date column pair, as the diffs show dates. */
const pdText = (date: string, precision: string) => `CASE WHEN ${date} IS NULL THEN NULL ELSE ${date}::text || '/' || coalesce(${precision}::text, 'DAY') END`;
const sortedSet = (arr: string) => `ARRAY(SELECT x FROM unnest(${arr}) x GROUP BY x ORDER BY x COLLATE "C")`;
/**
 * The strings of a JSON array (none when it is missing), optionally as a sorted set. NOTE: most
 * such arrays (countries, programs, …) hold zero or one value, which need no subquery: two
 * subqueries per entity were a fifth of the planning of an FtM import.
 */
const jsonStrings = (json: string, then: (arr: string) => string) => {
  const j = `coalesce(${json}, '[]')`;
  return `(CASE jsonb_array_length(${j}) WHEN 0 THEN '{}'::text[] WHEN 1 THEN ARRAY[${j}->>0] ELSE ${then(`ARRAY(SELECT jsonb_array_elements_text(${j}))`)} END)`;
};
const textArr = (json: string) => jsonStrings(json, (arr) => arr);
const sortedJsonSet = (json: string) => jsonStrings(json, sortedSet);
/** A change entry { field: { from, to } } or nothing. */
const change = (field: string, when: string, from: string, to: string) => `CASE WHEN ${when} THEN jsonb_build_object('${field}', jsonb_build_object('from', to_jsonb(${from}), 'to', to_jsonb(${to}))) ELSE '{}'::jsonb END`;

/**
 * Builds the plan in temporary tables: p_entity, p_alias, p_ident (entities), s_desig + p_desig,
 * p_new_desig, p_link, p_unlink, p_event, p_lift (designations), p_rel (relationships), and p_item
 * (one row per created or changed item: the counts, samples and audit diffs).
 */
async function plan(q: Query, edition: string, scope: LiftScope, previous: Array<{ prefix: string; date: string | null }>) {
  // ---------- entities: the last record naming an entity wins
  await q(`CREATE TEMP TABLE p_entity ON COMMIT DROP AS
    SELECT s.*, x.entity_id AS existing_id, coalesce(x.entity_id, gen_random_uuid()::text) AS id,
      x.id AS existing_rid, coalesce(x.id, gen_random_uuid()::text) AS rid, (x.id IS NOT NULL AND (x.properties IS DISTINCT FROM s.props OR x.name IS DISTINCT FROM s.name OR x.schema::text IS DISTINCT FROM s.schema)) AS record_changed,
      -- What the record said before this edition: the change log's "before" (lib/db/changes/record-changes.ts).
      x.properties AS old_props FROM (
      SELECT DISTINCT ON (e->>'source', e->>'externalId') r.ord, r.key AS rkey, e->>'source' AS source, e->>'externalId' AS ext, e->>'schema' AS schema, e->>'name' AS name,
        -- The source record's own values, as this edition states them (docs/adr/0014).
        e - 'source' - 'externalId' AS props,
        ${sortedJsonSet(`e->'countries'`)} AS countries, ${sortedJsonSet(`e->'addresses'`)} AS addresses,
        ${DAYOF(`e->'birthDate'`)} AS birth_date, ${PD(`e->'birthDate'`)} AS birth_prec, e->>'notes' AS notes, nullif(e->'extra', 'null'::jsonb) AS extra,
        e->'aliases' AS aliases, e->'identifiers' AS identifiers
      -- OFFSET 0 keeps the subquery: pulled up, each of the ~15 uses of e extracted it from rec anew.
      FROM import_record r CROSS JOIN LATERAL (SELECT r.rec->'entity' AS e OFFSET 0) y
      WHERE jsonb_typeof(e) = 'object'
      ORDER BY e->>'source', e->>'externalId', r.ord DESC) s
    LEFT JOIN external_id x ON x.source = s.source AND x.external_id = s.ext`);
  // Names: the record's aliases, plus its name as an alias when an existing entity is called otherwise.
  // NOTE: an entity that exists is only added to (names, identifiers, countries, addresses), never
  // renamed or narrowed: admins, the curated drone case and other lists refine the same entities.
  await q(`CREATE TEMP TABLE p_alias ON COMMIT DROP AS
    SELECT DISTINCT ON (s.id, s.name, s.kind) s.id AS entity_id, s.existing_id, s.name, s.kind, s.rid FROM (
      SELECT p.id, p.existing_id, a->>'name' AS name, a->>'kind' AS kind, p.rid FROM p_entity p CROSS JOIN LATERAL jsonb_array_elements(p.aliases) a
      WHERE NOT (a->>'kind' = 'ALIAS' AND a->>'name' = p.name)
      UNION ALL
      SELECT p.id, p.existing_id, p.name, 'ALIAS', p.rid FROM p_entity p JOIN entity e ON e.id = p.existing_id WHERE p.name <> e.name) s
    WHERE s.existing_id IS NULL OR (NOT EXISTS (SELECT 1 FROM entity_alias ea WHERE ea.entity_id = s.id AND ea.name = s.name AND ea.kind::text = s.kind)
      -- An entity's own name is not also its alias (as a merge has it): else a merged entity would
      -- gain it again at every import.
      AND NOT (s.kind = 'ALIAS' AND EXISTS (SELECT 1 FROM entity e2 WHERE e2.id = s.id AND e2.name = s.name)))
    ORDER BY s.id, s.name, s.kind, s.rid`);
  // One identifier per (type, value), as the table's unique key has it (the first country wins).
  await q(`CREATE TEMP TABLE p_ident ON COMMIT DROP AS
    SELECT * FROM (
      SELECT DISTINCT ON (p.id, i->>'type', i->>'value') p.id AS entity_id, p.existing_id, i->>'type' AS type, i->>'value' AS value, nullif(i->>'country', '') AS country,
        i->>'label' AS label, nullif(i->>'countryRaw', '') AS country_raw, i->>'key' AS key, p.rid
      FROM p_entity p CROSS JOIN LATERAL jsonb_array_elements(p.identifiers) i
      ORDER BY p.id, i->>'type', i->>'value', coalesce(i->>'country', '') COLLATE "C") s
    WHERE s.existing_id IS NULL OR NOT EXISTS (SELECT 1 FROM identifier x WHERE x.entity_id = s.entity_id AND x.type = s.type AND x.value = s.value)`);
  await q(`CREATE TEMP TABLE p_entity_change ON COMMIT DROP AS
    SELECT p.id, p.rkey, p.ord, m.countries, m.addresses, m.birth, m.notes,
      ${change('countries', 'm.countries IS NOT NULL', 'e.countries', 'm.countries')} || ${change('addresses', 'm.addresses IS NOT NULL', 'e.addresses', 'm.addresses')}
      || ${change('birthDate', 'm.birth', 'NULL::text', pdText('p.birth_date', 'p.birth_prec'))} || ${change('notes', 'm.notes', 'NULL::text', 'p.notes')}
      || ${change('aliasesAdded', 'a.names IS NOT NULL', 'NULL::text', 'a.names')} || ${change('identifiersAdded', 'i.ids IS NOT NULL', 'NULL::text', 'i.ids')} AS changes
    FROM p_entity p JOIN entity e ON e.id = p.existing_id
    CROSS JOIN LATERAL (SELECT
      CASE WHEN NOT p.countries <@ e.countries THEN ${sortedSet('e.countries || p.countries')} END AS countries,
      CASE WHEN NOT p.addresses <@ e.addresses THEN ${sortedSet('e.addresses || p.addresses')} END AS addresses,
      (e.birth_date IS NULL AND p.birth_date IS NOT NULL) AS birth, (e.notes IS NULL AND p.notes IS NOT NULL) AS notes) m
    LEFT JOIN (SELECT entity_id, array_agg(kind || ': ' || name ORDER BY kind, name COLLATE "C") AS names FROM p_alias WHERE existing_id IS NOT NULL GROUP BY 1) a ON a.entity_id = p.id
    LEFT JOIN (SELECT entity_id, array_agg(type || ': ' || value ORDER BY type, value COLLATE "C") AS ids FROM p_ident WHERE existing_id IS NOT NULL GROUP BY 1) i ON i.entity_id = p.id
    WHERE m.countries IS NOT NULL OR m.addresses IS NOT NULL OR m.birth OR m.notes OR a.names IS NOT NULL OR i.ids IS NOT NULL`);

  // ---------- designations: the last record listing a key wins
  // Every entity a designation or relationship names: in the database, or new in this run (p_entity).
  await q(`CREATE TEMP TABLE s_desig ON COMMIT DROP AS
    SELECT s.*, coalesce(x.entity_id, p.id) AS entity_id, coalesce(x.id, p.rid) AS record_id FROM (
    SELECT DISTINCT ON (d->>'origin', d->>'originKey') r.ord, n AS seq, r.key AS rkey, d->>'origin' AS origin, d->>'originKey' AS okey,
      d->'entity'->>'source' AS ent_source, d->'entity'->>'externalId' AS ent_ext, d->>'authorityId' AS authority_id,
      ${textArr(`d->'programs'`)} AS programs, d->'programInfo' AS program_info,
      ${DAYOF(`d->'listingDate'`)} AS listing_date, ${PD(`d->'listingDate'`)} AS listing_prec, coalesce((d->>'listingFromEdition')::boolean, false) AS from_edition,
      ${DAYOF(`d->'startDate'`)} AS start_date, ${PD(`d->'startDate'`)} AS start_prec, ${DAYOF(`d->'endDate'`)} AS end_date, ${PD(`d->'endDate'`)} AS end_prec,
      d->>'listingDateQualifier' AS listing_qual, coalesce(d->>'endDateQualifier', 'EXACT') AS end_qual, ${DAYOF(`d->'endDateAfter'`)} AS end_after,
      d->>'reason' AS reason, ${textArr(`d->'measures'`)} AS measures, d->>'legalAct' AS legal_act, d->>'authorityRecordId' AS authority_record_id, d->>'sourceUrl' AS source_url
    FROM import_record r CROSS JOIN LATERAL jsonb_array_elements(r.rec->'designations') WITH ORDINALITY AS t(d, n)
    ORDER BY d->>'origin', d->>'originKey', r.ord DESC, n DESC) s
    LEFT JOIN external_id x ON x.source = s.ent_source AND x.external_id = s.ent_ext LEFT JOIN p_entity p ON p.source = s.ent_source AND p.ext = s.ent_ext`);
  await q(`CREATE INDEX ON s_desig (origin, okey)`);

  // The live designations of the origins concerned, grouped by base key (`key@date` → `key`).
  const origins = scope ? [scope.origin] : [];
  await q(`CREATE TEMP TABLE x_desig ON COMMIT DROP AS
    SELECT d.id, d.origin, d.origin_key, regexp_replace(d.origin_key, '@\\d{4}-\\d{2}-\\d{2}$', '') AS base, d.end_date, d.status::text AS status
    FROM designation d WHERE d.deleted_at IS NULL AND d.origin IN (SELECT DISTINCT origin FROM s_desig UNION SELECT unnest($1::text[]))`, [origins]);
  await q(`CREATE INDEX ON x_desig (origin, base)`);
  await q(`CREATE TEMP TABLE x_group ON COMMIT DROP AS
    SELECT origin, base, (array_agg(id ORDER BY origin_key = base DESC, origin_key COLLATE "C"))[1] AS base_id,
      bool_and(end_date IS NOT NULL) AS all_ended, bool_or(end_date IS NULL) AS any_active, max(end_date) AS max_end
    FROM x_desig GROUP BY origin, base`);
  await q(`CREATE UNIQUE INDEX ON x_group (origin, base)`);
  // Programs currently held (not removed) by each group: code → the designation holding it.
  await q(`CREATE TEMP TABLE x_active ON COMMIT DROP AS
    SELECT DISTINCT ON (x.origin, x.base, sp.code) x.origin, x.base, sp.code, sp.id AS program_id, x.id AS holder
    FROM x_desig x JOIN designation_program dp ON dp.designation_id = x.id AND dp.removed_on IS NULL JOIN sanctions_program sp ON sp.id = dp.program_id
    WHERE EXISTS (SELECT 1 FROM s_desig s WHERE s.origin = x.origin AND s.okey = x.base)
    ORDER BY x.origin, x.base, sp.code, x.origin_key COLLATE "C" DESC`);
  await q(`CREATE INDEX ON x_active (origin, base)`);

  // Staged designations against their group (the base designation's current facts).
  await q(`CREATE TEMP TABLE p_desig ON COMMIT DROP AS
    SELECT s.*, g.base_id, g.all_ended, b.status AS base_status,
      (s.reason IS DISTINCT FROM b.reason) AS c_reason, (s.legal_act IS DISTINCT FROM b.legal_act) AS c_legal_act, (s.measures IS DISTINCT FROM b.measures) AS c_measures,
      (s.authority_record_id IS DISTINCT FROM b.authority_record_id) AS c_record_id,
      (s.listing_date IS NOT NULL AND ${pdText('b.listing_date', 'b.listing_date_precision')} IS DISTINCT FROM ${pdText('s.listing_date', 's.listing_prec')}) AS c_listing,
      (${pdText('b.start_date', 'b.start_date_precision')} IS DISTINCT FROM ${pdText('s.start_date', 's.start_prec')}) AS c_start,
      (s.end_date IS NOT NULL AND ${pdText('b.end_date', 'b.end_date_precision')} IS DISTINCT FROM ${pdText('s.end_date', 's.end_prec')}) AS c_end,
      (s.end_date IS NULL AND g.all_ended AND g.max_end <= $1::date) AS relisted, '{}'::text[] AS renamed,
      ARRAY(SELECT c FROM unnest(s.programs) WITH ORDINALITY u(c, o) WHERE NOT EXISTS (SELECT 1 FROM x_active a WHERE a.origin = s.origin AND a.base = s.okey AND a.code = u.c) GROUP BY c ORDER BY min(o)) AS added,
      ARRAY(SELECT a.code FROM x_active a WHERE a.origin = s.origin AND a.base = s.okey AND a.code <> ALL (s.programs) ORDER BY a.code COLLATE "C") AS removed,
      b.listing_date AS b_listing, b.listing_date_precision::text AS b_listing_prec, b.start_date AS b_start, b.start_date_precision::text AS b_start_prec,
      b.end_date AS b_end, b.end_date_precision::text AS b_end_prec, b.reason AS b_reason, b.legal_act AS b_legal_act, b.measures AS b_measures, b.authority_record_id AS b_record_id
    FROM s_desig s JOIN x_group g ON g.origin = s.origin AND g.base = s.okey JOIN designation b ON b.id = g.base_id
    WHERE s.entity_id IS NOT NULL`, [edition]);

  // Renames (program_succession, kind RENAME, from the curated registry): an entry that loses the
  // old code and gains its successor keeps its designation under the new code — no new designation.
  await q(`CREATE TEMP TABLE p_rename ON COMMIT DROP AS
    SELECT DISTINCT ON (p.origin, p.okey, t.code) p.origin, p.okey, a.holder AS designation_id, p.authority_id, a.code AS from_code, t.code AS to_code, ps.source_url
    FROM p_desig p
    JOIN x_active a ON a.origin = p.origin AND a.base = p.okey AND a.code = ANY (p.removed)
    JOIN program_succession ps ON ps.from_id = a.program_id AND ps.kind = 'RENAME' AND ps.date <= $1::date
    JOIN sanctions_program t ON t.id = ps.to_id AND t.code = ANY (p.added)
    ORDER BY p.origin, p.okey, t.code, ps.date DESC`, [edition]);
  await q(`UPDATE p_desig p SET
      added = ARRAY(SELECT c FROM unnest(p.added) WITH ORDINALITY u(c, o) WHERE NOT EXISTS (SELECT 1 FROM p_rename r WHERE r.origin = p.origin AND r.okey = p.okey AND r.to_code = u.c) ORDER BY o),
      renamed = ARRAY(SELECT r.from_code || ' → ' || r.to_code FROM p_rename r WHERE r.origin = p.origin AND r.okey = p.okey ORDER BY r.from_code COLLATE "C")
    WHERE EXISTS (SELECT 1 FROM p_rename r WHERE r.origin = p.origin AND r.okey = p.okey)`);
  await q(`ALTER TABLE p_desig ADD COLUMN changes jsonb`);
  // NOTE: sourceUrl is not compared: a curated designation (the drone-case seed) cites the
  // authority's press release, which the list file does not replace.
  await q(`UPDATE p_desig SET changes =
      ${change('reason', 'c_reason', 'b_reason', 'reason')} || ${change('legalAct', 'c_legal_act', 'b_legal_act', 'legal_act')}
      || ${change('measures', 'c_measures', 'b_measures', 'measures')} || ${change('authorityRecordId', 'c_record_id', 'b_record_id', 'authority_record_id')}
      || ${change('listingDate', 'c_listing', pdText('b_listing', 'b_listing_prec'), pdText('listing_date', 'listing_prec'))}
      || ${change('startDate', 'c_start', pdText('b_start', 'b_start_prec'), pdText('start_date', 'start_prec'))}
      || ${change('endDate', 'c_end', pdText('b_end', 'b_end_prec'), pdText('end_date', 'end_prec'))}
      || ${change('status', 'relisted', 'base_status', `'RELISTED'::text`)}
      || ${change('programsAdded', 'cardinality(added) > 0', 'NULL::text', 'added')} || ${change('programsRemoved', 'cardinality(removed) > 0', 'removed', 'NULL::text')}
      || ${change('programsRenamed', 'cardinality(renamed) > 0', 'NULL::text', 'renamed')}`);

  // New designations: keys never seen, and programs added to a listed entry (`key@edition`).
  await q(`CREATE TEMP TABLE p_origin_had ON COMMIT DROP AS SELECT DISTINCT origin FROM x_desig`);
  await q(`CREATE TEMP TABLE p_new_desig ON COMMIT DROP AS
    SELECT gen_random_uuid()::text AS id, s.ord, s.seq, s.rkey, s.origin, s.okey AS origin_key, s.entity_id, s.authority_id, s.programs,
      coalesce(s.listing_date, CASE WHEN s.from_edition THEN $1::date END) AS listing_date, coalesce(s.listing_prec, CASE WHEN s.from_edition THEN 'DAY' END) AS listing_prec,
      coalesce(s.listing_qual, CASE WHEN f.first THEN 'ON_OR_BEFORE' ELSE 'EXACT' END) AS qualifier,
      CASE WHEN f.first THEN 'Already on the list in the first edition imported (' || $1::text || '): listed on or before that day.' END AS note,
      CASE WHEN f.first THEN 'on or before this date' END AS event_note,
      s.start_date, s.start_prec, s.end_date, s.end_prec, s.end_qual, s.end_after, s.reason, s.measures, s.legal_act, s.authority_record_id, s.source_url, true AS is_entry, s.record_id
    FROM s_desig s CROSS JOIN LATERAL (SELECT s.listing_date IS NULL AND s.from_edition AND NOT EXISTS (SELECT 1 FROM p_origin_had o WHERE o.origin = s.origin) AS first) f
    WHERE s.entity_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM x_group g WHERE g.origin = s.origin AND g.base = s.okey)`, [edition]);
  await q(`INSERT INTO p_new_desig
    SELECT gen_random_uuid()::text, p.ord, p.seq, p.rkey, p.origin, p.okey || '@' || $1::text, p.entity_id, p.authority_id, p.added, $1::date, 'DAY', 'EXACT', NULL,
      'program(s) ' || array_to_string(p.added, ', ') || ' added',
      p.start_date, p.start_prec, p.end_date, p.end_prec, p.end_qual, p.end_after, p.reason, p.measures, p.legal_act, p.authority_record_id, p.source_url, false, p.record_id
    FROM p_desig p WHERE cardinality(p.added) > 0 AND NOT EXISTS (SELECT 1 FROM x_desig x WHERE x.origin = p.origin AND x.origin_key = p.okey || '@' || $1::text)`, [edition]);

  // Program links to add and to mark removed.
  await q(`CREATE TEMP TABLE p_link ON COMMIT DROP AS
    SELECT n.id AS designation_id, n.authority_id, c AS code FROM p_new_desig n CROSS JOIN LATERAL unnest(n.programs) c
    UNION
    SELECT x.id, p.authority_id, c FROM p_desig p JOIN x_desig x ON x.origin = p.origin AND x.origin_key = p.okey || '@' || $1::text CROSS JOIN LATERAL unnest(p.added) c
    UNION
    SELECT designation_id, authority_id, to_code FROM p_rename`, [edition]);
  await q(`CREATE TEMP TABLE p_unlink ON COMMIT DROP AS
    SELECT a.holder AS designation_id, a.program_id, a.code, coalesce(r.source_url, p.source_url) AS source_url, r.to_code AS renamed_to
    FROM p_desig p JOIN x_active a ON a.origin = p.origin AND a.base = p.okey AND a.code = ANY (p.removed)
    LEFT JOIN p_rename r ON r.origin = p.origin AND r.okey = p.okey AND r.from_code = a.code`);

  // ---------- lifted: entries of the list that this edition no longer holds
  await q(`CREATE TEMP TABLE p_lift ON COMMIT DROP AS
    SELECT g.origin, g.base, g.base_id, b.status AS base_status, false AS in_file
    FROM x_group g JOIN designation b ON b.id = g.base_id
    WHERE g.origin = $1 AND g.any_active AND ($2::text[] IS NULL OR EXISTS (SELECT 1 FROM unnest($2::text[]) p WHERE left(g.base, length(p)) = p))
      -- An entry listed after this edition is not missing from it (an older edition, allowed).
      AND (b.listing_date IS NULL OR b.listing_date <= $3::date)`,
  [scope?.origin ?? null, scope?.keyPrefixes ?? null, edition]);
  // The lifting's lower bound: the last edition of its scope held before this one.
  await q(`ALTER TABLE p_lift ADD COLUMN after date`);
  await q(`UPDATE p_lift l SET after = pv.date FROM unnest($1::text[], $2::date[]) AS pv(prefix, date) WHERE left(l.base, length(pv.prefix)) = pv.prefix`,
    [previous.map((p) => p.prefix), previous.map((p) => p.date)]);
  await q(`UPDATE p_lift l SET in_file = true WHERE EXISTS (SELECT 1 FROM s_desig s WHERE s.origin = l.origin AND s.okey = l.base)`);

  // ---------- relationships: the last record wins
  await q(`CREATE TEMP TABLE p_rel ON COMMIT DROP AS
    SELECT s.*, coalesce(xs.entity_id, ps.id) AS subject_id, coalesce(xo.entity_id, po.id) AS object_id, o.id AS existing_id, coalesce(o.id, gen_random_uuid()::text) AS id,
      o.type::text AS o_type, o.subject_id AS o_subject, o.object_id AS o_object, o.role AS o_role, o.start_date AS o_start, o.end_date AS o_end, o.source_url AS o_source_url,
      nullif(o.extra, 'null'::jsonb) AS o_extra
    FROM (SELECT DISTINCT ON (x->>'origin', x->>'originKey') r.ord, n AS seq, r.key AS rkey, x->>'origin' AS origin, x->>'originKey' AS okey, x->>'type' AS type,
        x->'subject'->>'source' AS s_source, x->'subject'->>'externalId' AS s_ext, x->'object'->>'source' AS o_source, x->'object'->>'externalId' AS o_ext, x->>'role' AS role,
        ${DAYOF(`x->'startDate'`)} AS start_date, ${PD(`x->'startDate'`)} AS start_prec, ${DAYOF(`x->'endDate'`)} AS end_date, ${PD(`x->'endDate'`)} AS end_prec,
        x->>'sourceUrl' AS source_url, nullif(x->'extra', 'null'::jsonb) AS extra
      FROM import_record r CROSS JOIN LATERAL jsonb_array_elements(r.rec->'relationships') WITH ORDINALITY AS t(x, n)
      ORDER BY x->>'origin', x->>'originKey', r.ord DESC, n DESC) s
    LEFT JOIN external_id xs ON xs.source = s.s_source AND xs.external_id = s.s_ext LEFT JOIN p_entity ps ON ps.source = s.s_source AND ps.ext = s.s_ext
    LEFT JOIN external_id xo ON xo.source = s.o_source AND xo.external_id = s.o_ext LEFT JOIN p_entity po ON po.source = s.o_source AND po.ext = s.o_ext
    LEFT JOIN relationship o ON o.origin = s.origin AND o.origin_key = s.okey`);
  await q(`ALTER TABLE p_rel ADD COLUMN changes jsonb`);
  await q(`UPDATE p_rel SET changes =
      ${change('type', 'type IS DISTINCT FROM o_type', 'o_type', 'type')} || ${change('subjectId', 'subject_id IS DISTINCT FROM o_subject', 'o_subject', 'subject_id')}
      || ${change('objectId', 'object_id IS DISTINCT FROM o_object', 'o_object', 'object_id')} || ${change('role', 'role IS DISTINCT FROM o_role', 'o_role', 'role')}
      || ${change('startDate', 'start_date IS DISTINCT FROM o_start', 'o_start', 'start_date')} || ${change('endDate', 'end_date IS DISTINCT FROM o_end', 'o_end', 'end_date')}
      || ${change('sourceUrl', 'source_url IS DISTINCT FROM o_source_url', 'o_source_url', 'source_url')} || ${change('extra', 'extra IS DISTINCT FROM o_extra', 'o_extra', 'extra')}
    WHERE existing_id IS NOT NULL AND subject_id IS NOT NULL AND object_id IS NOT NULL`);

  // ---------- one row per created or changed item, in the order a record's status is decided:
  // its entity, then its designations, then its relationships (a created entity → created).
  await q(`CREATE TEMP TABLE p_item ON COMMIT DROP AS
    SELECT rkey, ord, 1 AS phase, 0::bigint AS seq, 'created' AS status, 'Entity' AS target_type, id AS target_id, '{}'::jsonb AS changes FROM p_entity WHERE existing_id IS NULL
    UNION ALL SELECT rkey, ord, 1, 0, 'changed', 'Entity', id, changes FROM p_entity_change
    UNION ALL SELECT rkey, ord, 2, seq, 'created', 'Designation', id, '{}' FROM p_new_desig WHERE is_entry
    UNION ALL SELECT rkey, ord, 2, seq, 'changed', 'Designation', base_id, changes FROM p_desig WHERE changes <> '{}'
    -- A relationship new on an entry already in the database (OFAC's \`Linked To:\` added in a later
    -- edition) changes that entry; only a new entry, or a relationship record of its own (FtM), is created.
    UNION ALL SELECT r.rkey, r.ord, 3, r.seq, CASE WHEN pe.existing_id IS NOT NULL THEN 'changed' ELSE 'created' END, 'Relationship', r.id,
        CASE WHEN pe.existing_id IS NOT NULL THEN jsonb_build_object('relationshipAdded', jsonb_build_object('from', NULL, 'to', r.type || ' ' || r.o_source || ':' || r.o_ext)) ELSE '{}' END
      FROM p_rel r LEFT JOIN p_entity pe ON pe.rkey = r.rkey WHERE r.existing_id IS NULL AND r.subject_id IS NOT NULL AND r.object_id IS NOT NULL
    UNION ALL SELECT rkey, ord, 3, seq, 'changed', 'Relationship', id, changes FROM p_rel WHERE changes <> '{}'`);
}

type Query = <T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<T[]>;

// ---------------------------------------------------------------- the apply, in SQL

async function applyPlan(q: Query, edition: string, authorities: unknown[][]) {
  // Authorities and programs first: designations refer to them.
  await q(`INSERT INTO authority (id, name, short_name, country, url, updated_at)
    SELECT * , now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) ON CONFLICT (id) DO NOTHING`, authorities);
  await q(`INSERT INTO sanctions_program (id, authority_id, code, legal_basis, url, updated_at)
    SELECT DISTINCT ON (s.authority_id, c) gen_random_uuid()::text, s.authority_id, c, s.program_info->c->>'legalBasis', s.program_info->c->>'url', now()
    FROM s_desig s CROSS JOIN LATERAL unnest(s.programs) c ORDER BY s.authority_id, c, s.ord
    ON CONFLICT (authority_id, code) DO NOTHING`);

  // Entities: the new ones whole; the existing ones only added to.
  // NOTE: new entities come with the designation summary their new designations will give them
  // (what st_entity_summary_refresh computes when those are inserted, finding nothing to change): the
  // trigger would otherwise rewrite every new entity row once more (non-HOT: ~10% of an import).
  await q(`INSERT INTO entity (id, schema, name, countries, addresses, birth_date, birth_date_precision, notes, extra, designation_authorities, first_listed, updated_at)
    SELECT p.id, p.schema::"EntitySchema", p.name, p.countries, p.addresses, p.birth_date, p.birth_prec::"DatePrecision", p.notes, p.extra,
      coalesce(s.authorities, '{}'), s.first_listed, now()
    FROM p_entity p
    LEFT JOIN (SELECT entity_id, array_agg(DISTINCT authority_id ORDER BY authority_id) AS authorities, min(listing_date) AS first_listed FROM p_new_desig GROUP BY 1) s
      ON s.entity_id = p.id
    WHERE p.existing_id IS NULL`);
  await q(`INSERT INTO external_id (id, entity_id, source, external_id, schema, name, properties, updated_at)
    SELECT rid, id, source, ext, schema::"EntitySchema", name, props, now() FROM p_entity WHERE existing_id IS NULL`);
  // Each record keeps what its list says now (the entity, a cluster, is only added to).
  await q(`UPDATE external_id x SET schema = p.schema::"EntitySchema", name = p.name, properties = p.props, updated_at = now() FROM p_entity p WHERE x.id = p.existing_rid AND p.record_changed`);
  await q(`UPDATE entity e SET countries = coalesce(c.countries, e.countries), addresses = coalesce(c.addresses, e.addresses),
      birth_date = CASE WHEN c.birth THEN p.birth_date ELSE e.birth_date END, birth_date_precision = CASE WHEN c.birth THEN p.birth_prec::"DatePrecision" ELSE e.birth_date_precision END,
      notes = CASE WHEN c.notes THEN p.notes ELSE e.notes END, version = e.version + 1, updated_at = now()
    FROM p_entity_change c JOIN p_entity p ON p.id = c.id WHERE e.id = c.id`);
  await q(`INSERT INTO entity_alias (id, entity_id, name, kind, source_record_id) SELECT gen_random_uuid()::text, entity_id, name, kind::"AliasKind", rid FROM p_alias ON CONFLICT DO NOTHING`);
  await q(`INSERT INTO identifier (id, entity_id, type, value, country, label, country_raw, key, source_record_id)
    SELECT gen_random_uuid()::text, entity_id, type, value, country, label, country_raw, key, rid FROM p_ident ON CONFLICT DO NOTHING`);

  // Designations: new ones, amended facts, relistings, lifts.
  await q(`INSERT INTO designation (id, origin, origin_key, entity_id, authority_id, listing_date, listing_date_precision, listing_date_qualifier, start_date, start_date_precision,
      end_date, end_date_precision, end_date_qualifier, end_date_after, status, reason, measures, legal_act, authority_record_id, source_url, note, source_record_id, updated_at)
    SELECT id, origin, origin_key, entity_id, authority_id, listing_date, listing_prec::"DatePrecision", qualifier::"DateQualifier", start_date, start_prec::"DatePrecision",
      end_date, end_prec::"DatePrecision", CASE WHEN end_date IS NULL THEN 'EXACT' ELSE end_qual END::"DateQualifier", CASE WHEN end_date IS NOT NULL THEN end_after END, (CASE WHEN end_date IS NULL THEN 'LISTED' ELSE 'DELISTED' END)::"DesignationStatus", reason, measures, legal_act, authority_record_id, source_url, note, record_id, now()
    FROM p_new_desig`);
  await q(`UPDATE designation d SET reason = p.reason, legal_act = p.legal_act, measures = p.measures, authority_record_id = p.authority_record_id,
      listing_date = CASE WHEN p.c_listing THEN p.listing_date ELSE d.listing_date END,
      listing_date_precision = CASE WHEN p.c_listing THEN p.listing_prec::"DatePrecision" ELSE d.listing_date_precision END,
      listing_date_qualifier = CASE WHEN p.c_listing THEN 'EXACT'::"DateQualifier" ELSE d.listing_date_qualifier END,
      start_date = p.start_date, start_date_precision = p.start_prec::"DatePrecision",
      end_date = CASE WHEN p.c_end THEN p.end_date ELSE d.end_date END, end_date_precision = CASE WHEN p.c_end THEN p.end_prec::"DatePrecision" ELSE d.end_date_precision END,
      end_date_qualifier = CASE WHEN p.c_end THEN p.end_qual::"DateQualifier" ELSE d.end_date_qualifier END, end_date_after = CASE WHEN p.c_end THEN p.end_after ELSE d.end_date_after END,
      status = CASE WHEN p.c_end THEN 'DELISTED'::"DesignationStatus" ELSE d.status END, version = d.version + 1, updated_at = now()
    FROM p_desig p WHERE d.id = p.base_id AND (p.c_reason OR p.c_legal_act OR p.c_measures OR p.c_record_id OR p.c_listing OR p.c_start OR p.c_end)`);
  // Back on the list after being lifted: every designation of the entry.
  await q(`UPDATE designation d SET status = 'RELISTED', end_date = NULL, end_date_precision = NULL, end_date_qualifier = 'EXACT', end_date_after = NULL, version = d.version + 1, updated_at = now()
    FROM p_desig p JOIN x_desig x ON x.origin = p.origin AND x.base = p.okey WHERE p.relisted AND d.id = x.id`);
  await q(`UPDATE designation d SET end_date = $1::date, end_date_precision = 'DAY', end_date_qualifier = 'ON_OR_BEFORE', end_date_after = l.after, status = 'DELISTED', version = d.version + 1, updated_at = now()
    FROM p_lift l JOIN x_desig x ON x.origin = l.origin AND x.base = l.base WHERE NOT l.in_file AND x.end_date IS NULL AND d.id = x.id`, [edition]);

  await q(`INSERT INTO designation_program (designation_id, program_id)
    SELECT l.designation_id, sp.id FROM p_link l JOIN sanctions_program sp ON sp.authority_id = l.authority_id AND sp.code = l.code ON CONFLICT DO NOTHING`);
  await q(`UPDATE designation_program dp SET removed_on = $1::date FROM p_unlink u WHERE dp.designation_id = u.designation_id AND dp.program_id = u.program_id`, [edition]);

  // Status history, one statement: listings, ends given by the source, relistings, removed programs, lifts.
  await q(`INSERT INTO designation_event (id, designation_id, status, date, date_precision, note, source_url)
    SELECT gen_random_uuid()::text, designation_id, status::"DesignationStatus", date, precision::"DatePrecision", note, source_url FROM (
      SELECT id AS designation_id, 'LISTED' AS status, listing_date AS date, listing_prec AS precision, event_note AS note, source_url FROM p_new_desig WHERE listing_date IS NOT NULL
      UNION ALL SELECT id, 'DELISTED', end_date, end_prec, 'end date given by the source', source_url FROM p_new_desig WHERE is_entry AND end_date IS NOT NULL
      UNION ALL SELECT base_id, 'DELISTED', end_date, end_prec, 'end date given by the source', source_url FROM p_desig WHERE c_end
      UNION ALL SELECT base_id, 'RELISTED', $1::date, 'DAY', 'listed again in the edition of ' || $1::text, source_url FROM p_desig WHERE relisted
      UNION ALL SELECT designation_id, 'AMENDED', $1::date, 'DAY',
        CASE WHEN renamed_to IS NULL THEN 'program ' || code || ' removed' ELSE 'program ' || code || ' renamed ' || renamed_to || ' (the designation continues under the new code)' END, source_url FROM p_unlink
      UNION ALL SELECT x.id, 'DELISTED', $1::date, 'DAY', 'absent from the edition of ' || $1::text || coalesce(', last seen in the edition of ' || l.after::text, '') || ': lifted on or before this date', NULL
        FROM p_lift l JOIN x_desig x ON x.origin = l.origin AND x.base = l.base WHERE NOT l.in_file AND x.end_date IS NULL
    ) ev ON CONFLICT DO NOTHING`, [edition]);

  // Relationships.
  await q(`INSERT INTO relationship (id, origin, origin_key, type, subject_id, object_id, role, start_date, start_date_precision, end_date, end_date_precision, source_url, extra, updated_at)
    SELECT id, origin, okey, type::"RelationshipType", subject_id, object_id, role, start_date, start_prec::"DatePrecision", end_date, end_prec::"DatePrecision", source_url, extra, now()
    FROM p_rel WHERE existing_id IS NULL AND subject_id IS NOT NULL AND object_id IS NOT NULL`);
  await q(`UPDATE relationship r SET type = p.type::"RelationshipType", subject_id = p.subject_id, object_id = p.object_id, role = p.role,
      start_date = p.start_date, start_date_precision = p.start_prec::"DatePrecision", end_date = p.end_date, end_date_precision = p.end_prec::"DatePrecision",
      source_url = p.source_url, extra = p.extra, version = r.version + 1, updated_at = now()
    FROM p_rel p WHERE r.id = p.existing_id AND p.changes <> '{}'`);
}

// ---------------------------------------------------------------- the run

/**
 * Stages `records` (COPY), compares them with the database and (unless dry run) applies the
 * difference, all in one transaction, with an ImportRun row and one audit event per run plus one
 * per changed item or lifted entry.
 */
export async function loadImport(records: AsyncIterable<SourceRecord>, liftScope: () => LiftScope, opts: LoadOptions): Promise<ImportResult> {
  const started = Date.now();
  const t0 = Date.now();
  const lap = (what: string) => {
    if (process.env.IMPORT_DEBUG) process.stderr.write(`  ${what}: ${Date.now() - t0} ms\n`);
  };
  const client = new pg.Client(pgConfigFromUrl(databaseUrl(opts.db)));
  // A dropped connection fails the pending query (and so the import); unhandled, it would crash the process.
  client.on('error', () => undefined);
  await client.connect();
  const q: Query = async (sql, params) => {
    const t = Date.now();
    const rows = (await client.query(sql, params)).rows;
    if (process.env.IMPORT_DEBUG && Date.now() - t > 200) process.stderr.write(`    ${Date.now() - t} ms: ${sql.replace(/\s+/g, ' ').slice(0, 90)}\n`);
    return rows;
  };
  try {
    // NOTE: temp_buffers before the first temp table of the session; the planner's JIT costs more
    // than these statements gain from it.
    // (The embedded database has one backend for every connection: there it may be set already.)
    await client.query(`SET temp_buffers = '64MB'`).catch(() => undefined);
    await q('BEGIN ISOLATION LEVEL READ COMMITTED');
    await q(`SET LOCAL jit = off`);
    await q(`SET LOCAL work_mem = '64MB'`);
    // One applied import at a time per database, whichever process runs it (two app instances, the
    // CLI, the seed): two applies planned from the same snapshot would both create the same entries.
    // A transaction-level lock, released by COMMIT/ROLLBACK or a dropped connection. Dry runs write
    // nothing and need none. (On the embedded database all clients share one backend: always granted.)
    if (!opts.dryRun) {
      const [lock] = await q<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1::bigint) AS locked', [IMPORT_LOCK_KEY]);
      if (!lock?.locked) throw new ImportRefusedError('another import is being applied to this database right now (by another app instance or the command line); nothing was written: start this one again when it has finished');
    }
    const [server] = await q<{ version: string }>('SELECT version()');
    const n = await stageRecords(client, records, !/emscripten|PGlite/i.test(server!.version));
    lap('staged');
    if (n === 0) throw new ImportRefusedError('the file(s) hold no entries: refusing an empty edition (a failed download is not a mass delisting)');
    // Keys alone are grouped first: collecting every key's positions cost 0.2 s per 100k records.
    const [dup] = await q<{ key: string; at: string }>(
      `WITH dups AS (SELECT key FROM import_record GROUP BY key HAVING count(*) > 1)
       SELECT r.key, (array_agg(r.at ORDER BY r.ord))[2] AS at FROM import_record r JOIN dups USING (key) GROUP BY r.key ORDER BY min(r.ord) LIMIT 1`,
    );
    if (dup) throw new ImportRefusedError(`${dup.at}: the entry ${dup.key} appears twice in the file(s)`);
    opts.onStage?.({ records: n, phase: 'staged' });

    const today = opts.today ?? new Date().toISOString().slice(0, 10);
    const scope = liftScope();
    const scopes = editionScopes(scope);
    // Editions in order: a whole list states its date (the file's own, or --date); an apply without
    // one is refused, a dry run says so. An extract (FtM, no lift scope) needs none.
    const stated = opts.editionDate();
    if (!stated && scopes.length) {
      if (!opts.dryRun) throw new ImportRefusedError(NO_EDITION_DATE);
      countInto(opts.report.warnings, `${NO_EDITION_DATE} — this dry run compared it as an edition of today (${today})`);
    }
    const editionIso = stated ?? today;
    const held = await heldEditions(q, scopes.map((x) => x.scope), editionIso);
    const newer = newerHeld(editionIso, held.map((h) => ({ scope: h.scope, editionDate: h.latest })));
    if (newer.length && !opts.allowOlder) throw new ImportRefusedError(olderEditionMessage(editionIso, newer));
    if (newer.length) countInto(opts.report.warnings, `applied with --allow-older: older than the held edition(s) ${newer.map((h) => `${h.scope} ${h.editionDate}`).join(', ')}`);
    const previous = scopes.map((x) => ({ prefix: x.prefix, date: held.find((h) => h.scope === x.scope)?.previous ?? null }));
    await plan(q, editionIso, scope, previous);
    lap('planned');

    // Warnings for what cannot be linked.
    const [unresolved] = await q<{ d: number; r: number }>(`SELECT (SELECT count(*)::int FROM s_desig WHERE entity_id IS NULL) AS d, (SELECT count(*)::int FROM p_rel WHERE subject_id IS NULL OR object_id IS NULL) AS r`);
    if (unresolved!.d) opts.report.warnings['designations whose entity is neither in the file nor in the database (skipped)'] = (opts.report.warnings['designations whose entity is neither in the file nor in the database (skipped)'] ?? 0) + unresolved!.d;
    if (unresolved!.r) opts.report.warnings['relationships whose subject or object is neither in the file nor in the database (skipped)'] = (opts.report.warnings['relationships whose subject or object is neither in the file nor in the database (skipped)'] ?? 0) + unresolved!.r;

    // A failed download is not a mass delisting.
    let lifted = 0;
    if (scope) {
      const [l] = await q<{ active: number; lifted: number; staged: number }>(
        `SELECT count(*)::int AS active, count(*) FILTER (WHERE NOT in_file)::int AS lifted,
           (SELECT count(DISTINCT okey)::int FROM s_desig s WHERE s.origin = $1 AND ($2::text[] IS NULL OR EXISTS (SELECT 1 FROM unnest($2::text[]) p WHERE left(s.okey, length(p)) = p))) AS staged
         FROM p_lift`,
        [scope.origin, scope.keyPrefixes],
      );
      lifted = l!.lifted;
      if (lifted > 0 && !opts.allowMassLift && (l!.staged === 0 || (lifted > MAX_LIFT_SHARE * l!.active && lifted >= MIN_MASS_LIFT))) {
        throw new ImportRefusedError(
          `refusing to lift ${lifted} of ${l!.active} entries (${((100 * lifted) / l!.active).toFixed(1)}%; the guard refuses more than ${MAX_LIFT_SHARE * 100}% when at least ${MIN_MASS_LIFT} entries): ` +
            `the file looks empty or truncated (a failed download is not a mass delisting); check the file, or pass --allow-mass-lift if the authority really lifted them`,
        );
      }
    }

    // Counts: a record's status is its first item's; lifts are counted per entry.
    const [c] = await q<{ created: number; changed: number }>(
      `SELECT count(*) FILTER (WHERE status = 'created')::int AS created, count(*) FILTER (WHERE status = 'changed')::int AS changed
       FROM (SELECT DISTINCT ON (rkey) rkey, status FROM p_item ORDER BY rkey, phase, seq) s`,
    );
    const counts = { created: c!.created, changed: c!.changed, lifted, unchanged: n - c!.created - c!.changed };
    const samples = await q<SampleDiff>(
      `(SELECT rkey AS key, status, changes FROM p_item WHERE status = 'changed' ORDER BY phase, ord, seq LIMIT ${SAMPLE_DIFFS})
       UNION ALL (SELECT rkey, status, changes FROM p_item WHERE status = 'created' ORDER BY phase, ord, seq LIMIT ${SAMPLE_DIFFS})
       UNION ALL (SELECT base, 'lifted', jsonb_build_object('endDate', jsonb_build_object('from', NULL, 'to', CASE WHEN after IS NULL THEN 'on or before ' || $1::text ELSE 'after ' || after::text || ', on or before ' || $1::text END), 'status', jsonb_build_object('from', base_status, 'to', 'DELISTED'))
                  FROM p_lift WHERE NOT in_file ORDER BY base COLLATE "C" LIMIT ${SAMPLE_DIFFS})`,
      [editionIso],
    );
    lap('counted');

    if (opts.dryRun) {
      // The same plan the apply would run, then nothing written.
      await q('ROLLBACK');
      return { ...counts, records: n, runId: null, dryRun: true, samples, report: opts.report, durationMs: Date.now() - started };
    }

    opts.onStage?.({ records: n, phase: 'writing' });
    // NOTE: the rollups' writer lock (the rollup_version row) before any write: designation writers
    // take it, then entity rows (st_entity_summary_refresh); an import that locked entity rows first
    // (updating them) and then waited for it could deadlock with an admin's designation edit.
    await q('SELECT 1 FROM rollup_version WHERE id = 1 FOR UPDATE');
    const authorities = await q<{ authority_id: string; name: string | null; country: string | null }>(
      `SELECT DISTINCT ON (authority_id) authority_id, d->'authority'->>'name' AS name, d->'authority'->>'country' AS country
       FROM import_record r CROSS JOIN LATERAL jsonb_array_elements(r.rec->'designations') d CROSS JOIN LATERAL (SELECT d->>'authorityId' AS authority_id) a
       ORDER BY authority_id, r.ord DESC`,
    );
    const authorityRows = authorities.map((a) => {
      const std = standardAuthority(a.authority_id);
      if (std) return [std.id, std.name, std.shortName, std.country, std.url];
      const name = a.name ?? a.authority_id;
      return [a.authority_id, name, a.country ? a.country.toUpperCase() : name.slice(0, 40), a.country?.toUpperCase() ?? null, null];
    });
    await applyPlan(q, editionIso, [0, 1, 2, 3, 4].map((i) => authorityRows.map((r) => r[i] ?? null)));
    lap('applied');

    const runId = randomUUID();
    const fileName = opts.files.map((f) => f.name).join(', ');
    const actor = [opts.actor.userId, opts.actor.label];
    await q(
      `INSERT INTO import_run (id, actor_id, actor_label, format, file_name, file_sha256, file_bytes, status, dry_run, created, changed, lifted, unchanged, records, report, started_at, finished_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'APPLIED', false, $8, $9, $10, $11, $12, $13, $14, clock_timestamp())`,
      [runId, ...actor, opts.format, fileName, opts.files.map((f) => f.sha256).join(','), opts.files.reduce((s, f) => s + f.bytes, 0), counts.created, counts.changed, counts.lifted, counts.unchanged, n,
        JSON.stringify(toAuditJson({ ...opts.report, editionDate: editionIso, samples, files: opts.files })), new Date(started)],
    );
    await q(`INSERT INTO audit_event (actor_id, actor_label, action, target_type, target_id, meta) VALUES ($1, $2, 'import.apply', 'ImportRun', $3, $4)`, [
      ...actor, runId, JSON.stringify(toAuditJson({ format: opts.format, files: opts.files, editionDate: editionIso, ...(newer.length ? { allowOlder: newer } : {}), ...counts, records: n, report: opts.report })),
    ]);
    // Per-entry audit diffs: changes and lifts (creations are counted in the run's event).
    await q(
      `INSERT INTO audit_event (actor_id, actor_label, action, target_type, target_id, before, after, meta)
       SELECT $1, $2, 'import.' || status, target_type, target_id,
         (SELECT jsonb_object_agg(k, v->'from') FROM jsonb_each(changes) AS j(k, v)), (SELECT jsonb_object_agg(k, v->'to') FROM jsonb_each(changes) AS j(k, v)),
         jsonb_build_object('importRunId', $3::text, 'key', key)
       FROM (
         SELECT rkey AS key, status, target_type, target_id, changes, phase, ord, seq FROM p_item WHERE status = 'changed'
         UNION ALL SELECT base, 'lifted', 'Designation', base_id, jsonb_build_object('endDate', jsonb_build_object('from', NULL, 'to', CASE WHEN after IS NULL THEN 'on or before ' || $4::text ELSE 'after ' || after::text || ', on or before ' || $4::text END), 'status', jsonb_build_object('from', base_status, 'to', 'DELISTED')), 4, 0, 0
           FROM p_lift WHERE NOT in_file
       ) e ORDER BY phase, ord, seq`,
      [...actor, runId, editionIso],
    );
    // The edition registry: which edition of each scope this database now holds.
    await recordEditions(q, scopes.map((x) => ({
      scope: x.scope, editionDate: editionIso, checksum: opts.files.map((f) => f.sha256).join(','), format: opts.format, fileName, records: n,
      source: opts.editionSource ?? 'import', importRunId: runId, allowedOlder: newer.length > 0,
    })));
    const origins = (await q<{ origin: string }>(`SELECT DISTINCT origin FROM s_desig UNION SELECT DISTINCT origin FROM p_rel`)).map((r) => r.origin);
    if (scope && !origins.includes(scope.origin)) origins.push(scope.origin);
    const steps = [...AFTER_APPLY_STEPS.filter((st) => opts.resolve !== false || st.name !== 'resolution').map((st) => ({ name: st.name as string, run: st.run })), ...(opts.afterApply ?? []).map((run) => ({ name: 'extra', run }))];
    lap('audited');
    if (steps.length) {
      const tx = ormOnConnection(client);
      try {
        for (const step of steps) {
          await step.run(tx, { runId, dryRun: false, actor: opts.actor, report: opts.report, origins, editionDate: editionIso, sql: client });
          lap(`after-apply step ${step.name}`);
        }
      } finally {
        await tx.$disconnect();
      }
      // The steps add to the report (e.g. what resolution merged): the run's row keeps the final one.
      await q(`UPDATE import_run SET report = $2 WHERE id = $1`, [runId, JSON.stringify(toAuditJson({ ...opts.report, editionDate: editionIso, samples, files: opts.files }))]);
    }
    lap('after-apply steps');
    opts.onStage?.({ records: n, phase: 'applying' });
    await q('COMMIT');
    lap('committed');
    return { ...counts, records: n, runId, dryRun: false, samples, report: opts.report, durationMs: Date.now() - started };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The run log keeps failures too (who, which file, why), in a write of its own. */
export async function recordFailedImport(opts: { db?: PrismaClient; actor: Actor; format: string; files: ImportFileInfo[]; error: string; startedAt: Date }): Promise<void> {
  const db = opts.db ?? defaultDb();
  await db.importRun.create({
    data: {
      actorId: opts.actor.userId,
      actorLabel: opts.actor.label,
      format: opts.format,
      fileName: opts.files.map((f) => f.name).join(', '),
      fileSha256: opts.files.map((f) => f.sha256).join(','),
      fileBytes: BigInt(opts.files.reduce((n, f) => n + f.bytes, 0)),
      status: 'FAILED',
      error: opts.error.slice(0, 2000),
      startedAt: opts.startedAt,
      finishedAt: new Date(),
    },
  });
}
