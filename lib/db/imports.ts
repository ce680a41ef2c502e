import 'server-only';
// The one loader of every import format (lib/import/*): stages the parsed records, compares them
// with the database and applies the difference in ONE transaction with batched multi-row inserts.
// Idempotent (a re-import changes nothing), incremental (a newer edition: new entries, amended
// fields, programs added or removed, entries that disappeared are lifted — never deleted), refuses a
// truncated edition, and a dry run computes the same plan without writing.
import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { Prisma, PrismaClient } from './generated/client';
import { pgConfigFromUrl } from './url';
import { prisma } from './client';
import { type Actor, toAuditJson } from './audit';
import { parsePartialDate, type PartialDate } from '../dates';
import { standardAuthority } from '../import/authorities';
import {
  ImportRefusedError,
  type DesignationRecord,
  type EntityRecord,
  type EntityRef,
  type ImportReport,
  type LiftScope,
  type RelationshipRecord,
  type SourceRecord,
} from '../import/types';

type Tx = Prisma.TransactionClient;

/** A client on another database (tests' fresh databases, the CLI) — the app uses `prisma`. */
export function connectDatabase(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ ...pgConfigFromUrl(url), max: 4 }) });
}

export const defaultDb = (): PrismaClient => prisma;

/** Share of a list's active entries a run may lift before it is taken for a truncated file. */
export const MAX_LIFT_SHARE = 0.5;
const BATCH = 2000;
const SAMPLE_DIFFS = 10;

export type ImportFileInfo = { name: string; sha256: string; bytes: number };
export type ImportCounts = { created: number; changed: number; lifted: number; unchanged: number; records: number };
export type SampleDiff = { key: string; status: 'created' | 'changed' | 'lifted'; changes: Record<string, { from: unknown; to: unknown }> };
export type ImportResult = ImportCounts & { runId: string | null; dryRun: boolean; samples: SampleDiff[]; report: ImportReport; durationMs: number };

export type LoadOptions = {
  db?: PrismaClient;
  actor: Actor;
  format: string;
  files: ImportFileInfo[];
  dryRun: boolean;
  editionDate: string | null;
  allowMassLift?: boolean;
  report: ImportReport;
  /** Called once, when the records are staged and the database is about to be written. */
  onStage?: (stage: { records: number; phase: 'staged' | 'writing' | 'applying' }) => void;
  today?: string;
};

const refKey = (r: EntityRef) => `${r.source}\u0000${r.externalId}`;
const dayIso = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);
const pd = (d: PartialDate | null) => (d ? `${dayIso(d.date)}/${d.precision}` : null);
const dbPd = (date: Date | null, precision: string | null) => (date ? `${dayIso(date)}/${precision ?? 'DAY'}` : null);
const day = (iso: string): PartialDate => parsePartialDate(iso)!;
const KEY_AT_DATE = /^(.*)@(\d{4}-\d{2}-\d{2})$/;
const baseKey = (originKey: string) => KEY_AT_DATE.exec(originKey)?.[1] ?? originKey;

// ---------------------------------------------------------------- staging

type Stage = {
  records: SourceRecord[];
  entities: Map<string, EntityRecord>;
  designations: Map<string, { d: DesignationRecord; record: string }>;
  relationships: Map<string, { r: RelationshipRecord; record: string }>;
};

async function stageRecords(records: AsyncIterable<SourceRecord>): Promise<Stage> {
  const stage: Stage = { records: [], entities: new Map(), designations: new Map(), relationships: new Map() };
  const seen = new Set<string>();
  for await (const rec of records) {
    if (seen.has(rec.key)) throw new ImportRefusedError(`${rec.at}: the entry ${rec.key} appears twice in the file(s)`);
    seen.add(rec.key);
    stage.records.push(rec);
    if (rec.entity) stage.entities.set(refKey(rec.entity), rec.entity);
    for (const d of rec.designations) stage.designations.set(`${d.origin}\u0000${d.originKey}`, { d, record: rec.key });
    for (const r of rec.relationships) stage.relationships.set(`${r.origin}\u0000${r.originKey}`, { r, record: rec.key });
  }
  return stage;
}

// ---------------------------------------------------------------- entity snapshots

type EntitySnapshot = {
  schema: string;
  name: string;
  countries: string[];
  addresses: string[];
  birthDate: string | null;
  notes: string | null;
  extra: string | null;
  aliases: string[];
  identifiers: string[];
};

const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

/** JSON with object keys sorted at every level: PostgreSQL's jsonb does not keep key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
// NOTE: the unit separator (U+001F) joins the parts: names and numbers may hold '|'.
const SEP = '\u001f';
const aliasKey = (a: { kind: string; name: string }) => `${a.kind}${SEP}${a.name}`;
const idKey = (i: { type: string; value: string; country: string | null }) => `${i.type}${SEP}${i.value}${SEP}${i.country ?? ''}`;

function recordSnapshot(e: EntityRecord): EntitySnapshot {
  return {
    schema: e.schema,
    name: e.name,
    countries: sorted(e.countries),
    addresses: sorted(e.addresses),
    birthDate: pd(e.birthDate),
    notes: e.notes,
    extra: e.extra ? canonicalJson(e.extra) : null,
    aliases: sorted(e.aliases.filter((a) => a.name !== e.name || a.kind !== 'ALIAS').map(aliasKey)),
    identifiers: sorted(e.identifiers.map(idKey)),
  };
}

/** What an existing entity becomes: its own facts plus what the record adds (no flip-flopping between lists). */
function mergedSnapshot(current: EntitySnapshot, e: EntityRecord): EntitySnapshot {
  const mine = recordSnapshot(e);
  return {
    ...current,
    countries: sorted([...current.countries, ...mine.countries]),
    addresses: sorted([...current.addresses, ...mine.addresses]),
    birthDate: current.birthDate ?? mine.birthDate,
    notes: current.notes ?? mine.notes,
    aliases: sorted([...current.aliases, ...mine.aliases, ...(e.name !== current.name ? [aliasKey({ kind: 'ALIAS', name: e.name })] : [])]),
    identifiers: sorted([...current.identifiers, ...mine.identifiers]),
  };
}

function diff(a: object, b: object): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const k of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
    if (JSON.stringify(ra[k] ?? null) !== JSON.stringify(rb[k] ?? null)) out[k] = { from: ra[k] ?? null, to: rb[k] ?? null };
  }
  return out;
}

async function inChunks<T>(items: T[], write: (chunk: T[]) => Promise<unknown>, size = BATCH): Promise<void> {
  for (let i = 0; i < items.length; i += size) await write(items.slice(i, i + size));
}


// ---------------------------------------------------------------- bulk writes

type BulkColumn = { name: string; type: string; array?: boolean };

/**
 * INSERT … SELECT FROM unnest($1::type[], …): one statement and one parameter per column for a
 * whole batch. NOTE: the ORM's createMany built these batches in JavaScript ~50× slower, with
 * gigabytes of garbage; PostgreSQL inserts 15,000 rows this way in well under a second.
 * Table and column names are constants of this file; every value is a bound parameter.
 */
async function bulkInsert(tx: Tx, table: string, columns: BulkColumn[], rows: unknown[][], onConflictDoNothing = false): Promise<void> {
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  const aliases = columns.map((_, i) => `c${i}`).join(', ');
  // text[] columns travel as JSON text (unnest would flatten a two-dimensional array).
  const params = columns.map((c, i) => `$${i + 1}::${c.array ? 'jsonb' : c.type === 'jsonb' ? 'jsonb' : 'text'}[]`).join(', ');
  const select = columns
    .map((c, i) => (c.array ? `ARRAY(SELECT jsonb_array_elements_text(c${i}))` : c.type === 'text' || c.type === 'jsonb' ? `c${i}` : `c${i}::${c.type}`))
    .join(', ');
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${select} FROM unnest(${params}) AS t(${aliases})${onConflictDoNothing ? ' ON CONFLICT DO NOTHING' : ''}`;
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    const values = columns.map((c, ci) =>
      chunk.map((r) => {
        const v = r[ci];
        if (v === null || v === undefined) return null;
        if (c.array || c.type === 'jsonb') return JSON.stringify(v);
        if (v instanceof Date) return v.toISOString();
        return String(v);
      }),
    );
    await tx.$executeRawUnsafe(sql, ...values);
  }
}

const ENTITY_COLUMNS: BulkColumn[] = [
  { name: 'id', type: 'text' }, { name: 'schema', type: '"EntitySchema"' }, { name: 'name', type: 'text' }, { name: 'countries', type: 'text', array: true },
  { name: 'addresses', type: 'text', array: true }, { name: 'birth_date', type: 'date' }, { name: 'birth_date_precision', type: '"DatePrecision"' },
  { name: 'notes', type: 'text' }, { name: 'extra', type: 'jsonb' }, { name: 'updated_at', type: 'timestamp' },
];
const DESIGNATION_COLUMNS: BulkColumn[] = [
  { name: 'id', type: 'text' }, { name: 'origin', type: 'text' }, { name: 'origin_key', type: 'text' }, { name: 'entity_id', type: 'text' }, { name: 'authority_id', type: 'text' },
  { name: 'listing_date', type: 'date' }, { name: 'listing_date_precision', type: '"DatePrecision"' }, { name: 'listing_date_qualifier', type: '"DateQualifier"' },
  { name: 'start_date', type: 'date' }, { name: 'start_date_precision', type: '"DatePrecision"' }, { name: 'end_date', type: 'date' }, { name: 'end_date_precision', type: '"DatePrecision"' },
  { name: 'status', type: '"DesignationStatus"' }, { name: 'reason', type: 'text' }, { name: 'measures', type: 'text', array: true }, { name: 'legal_act', type: 'text' },
  { name: 'authority_record_id', type: 'text' }, { name: 'source_url', type: 'text' }, { name: 'note', type: 'text' }, { name: 'updated_at', type: 'timestamp' },
];
const RELATIONSHIP_COLUMNS: BulkColumn[] = [
  { name: 'id', type: 'text' }, { name: 'origin', type: 'text' }, { name: 'origin_key', type: 'text' }, { name: 'type', type: '"RelationshipType"' },
  { name: 'subject_id', type: 'text' }, { name: 'object_id', type: 'text' }, { name: 'role', type: 'text' },
  { name: 'start_date', type: 'date' }, { name: 'start_date_precision', type: '"DatePrecision"' }, { name: 'end_date', type: 'date' }, { name: 'end_date_precision', type: '"DatePrecision"' },
  { name: 'source_url', type: 'text' }, { name: 'extra', type: 'jsonb' }, { name: 'updated_at', type: 'timestamp' },
];
const text = (name: string): BulkColumn => ({ name, type: 'text' });

// ---------------------------------------------------------------- the plan and its application

type Counts = { created: number; changed: number; lifted: number; unchanged: number };

/**
 * Stages `records`, compares them with the database and (unless dry run) applies the difference in
 * one transaction, with an ImportRun row and one audit event per run plus one per changed entry.
 */
export async function loadImport(records: AsyncIterable<SourceRecord>, liftScope: () => LiftScope, opts: LoadOptions): Promise<ImportResult> {
  const started = Date.now();
  const db = opts.db ?? defaultDb();
  const stage = await stageRecords(records);
  if (stage.records.length === 0) {
    throw new ImportRefusedError('the file(s) hold no entries: refusing an empty edition (a failed download is not a mass delisting)');
  }
  opts.onStage?.({ records: stage.records.length, phase: 'staged' });
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  const editionIso = opts.editionDate ?? today;
  const scope = liftScope();

  // A dry run runs the same code in a transaction that is rolled back: its counts are the apply's.
  const DRY_RUN_ROLLBACK = Symbol('dry-run');
  let result: ImportResult | null = null;
  try {
    await db.$transaction(
      async (tx) => {
        // NOTE: the planner's JIT costs more than these short lookups gain from it.
        await tx.$executeRaw`SET LOCAL jit = off`;
        const counts = await apply(tx, stage, scope, { ...opts, editionIso });
        opts.onStage?.({ records: stage.records.length, phase: 'applying' });
        const durationMs = Date.now() - started;
        const fileName = opts.files.map((f) => f.name).join(', ');
        let runId: string | null = null;
        if (!opts.dryRun) {
          const run = await tx.importRun.create({
            data: {
              actorId: opts.actor.userId,
              actorLabel: opts.actor.label,
              format: opts.format,
              fileName,
              fileSha256: opts.files.map((f) => f.sha256).join(','),
              fileBytes: BigInt(opts.files.reduce((n, f) => n + f.bytes, 0)),
              status: 'APPLIED',
              dryRun: false,
              created: counts.counts.created,
              changed: counts.counts.changed,
              lifted: counts.counts.lifted,
              unchanged: counts.counts.unchanged,
              records: stage.records.length,
              report: toAuditJson({ ...opts.report, editionDate: editionIso, samples: counts.samples, files: opts.files }),
              finishedAt: new Date(),
            },
          });
          runId = run.id;
          await tx.auditEvent.create({
            data: {
              actorId: opts.actor.userId,
              actorLabel: opts.actor.label,
              action: 'import.apply',
              targetType: 'ImportRun',
              targetId: run.id,
              meta: toAuditJson({ format: opts.format, files: opts.files, editionDate: editionIso, ...counts.counts, records: stage.records.length, report: opts.report }),
            },
          });
          await inChunks(counts.entryDiffs, (chunk) =>
            tx.auditEvent.createMany({
              data: chunk.map((d) => ({
                actorId: opts.actor.userId,
                actorLabel: opts.actor.label,
                action: `import.${d.status}`,
                targetType: d.targetType,
                targetId: d.targetId,
                before: toAuditJson(Object.fromEntries(Object.entries(d.changes).map(([k, v]) => [k, v.from]))),
                after: toAuditJson(Object.fromEntries(Object.entries(d.changes).map(([k, v]) => [k, v.to]))),
                meta: toAuditJson({ importRunId: run.id, key: d.key }),
              })),
            }),
          );
        }
        result = { ...counts.counts, records: stage.records.length, runId, dryRun: opts.dryRun, samples: counts.samples, report: opts.report, durationMs };
        if (opts.dryRun) throw DRY_RUN_ROLLBACK;
      },
      { timeout: 60 * 60_000, maxWait: 60_000, isolationLevel: 'ReadCommitted' },
    );
  } catch (err) {
    if (err !== DRY_RUN_ROLLBACK) throw err;
  }
  return result!;
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

type EntryDiff = { key: string; status: 'created' | 'changed' | 'lifted'; targetType: string; targetId: string; changes: Record<string, { from: unknown; to: unknown }> };

async function apply(tx: Tx, stage: Stage, scope: LiftScope, opts: LoadOptions & { editionIso: string }) {
  const t0 = Date.now();
  const lap = (what: string) => {
    if (process.env.IMPORT_DEBUG) process.stderr.write(`  ${what}: ${Date.now() - t0} ms\n`);
  };
  const recordStatus = new Map<string, 'created' | 'changed'>();
  const entryDiffs: EntryDiff[] = [];
  const mark = (record: string, status: 'created' | 'changed', targetType: string, targetId: string, changes: EntryDiff['changes']) => {
    const prev = recordStatus.get(record);
    // The record's status is its first item's (created entity → created, even with new designations).
    if (!prev) recordStatus.set(record, status);
    entryDiffs.push({ key: record, status, targetType, targetId, changes });
  };

  // ---------- authorities and programs
  const authorityIds = new Map<string, { name: string; country: string | null }>();
  for (const { d } of stage.designations.values()) {
    const std = standardAuthority(d.authorityId);
    authorityIds.set(d.authorityId, std ? { name: std.name, country: std.country } : (d.authority ?? { name: d.authorityId, country: null }));
  }
  if (authorityIds.size) {
    await tx.authority.createMany({
      data: [...authorityIds].map(([id, a]) => {
        const std = standardAuthority(id);
        return std ? { ...std } : { id, name: a.name, shortName: a.country ? a.country.toUpperCase() : a.name.slice(0, 40), country: a.country?.toUpperCase() ?? null };
      }),
      skipDuplicates: true,
    });
    const programCodes = [...stage.designations.values()].flatMap(({ d }) => d.programs.map((code) => ({ authorityId: d.authorityId, code, legalBasis: d.programInfo?.[code]?.legalBasis ?? null, url: d.programInfo?.[code]?.url ?? null })));
    await inChunks(dedupeBy(programCodes, (p) => `${p.authorityId}|${p.code}`), (chunk) => tx.sanctionsProgram.createMany({ data: chunk, skipDuplicates: true }));
  }
  const programIds = new Map(
    (await tx.sanctionsProgram.findMany({ where: { authorityId: { in: [...authorityIds.keys()] } }, select: { id: true, code: true, authorityId: true } })).map((p) => [`${p.authorityId}|${p.code}`, p.id]),
  );
  const programCode = new Map([...programIds].map(([k, id]) => [id, k.slice(k.indexOf('|') + 1)]));

  lap('entities');
  // ---------- entities
  const sources = new Set<string>();
  for (const e of stage.entities.values()) sources.add(e.source);
  for (const { d } of stage.designations.values()) sources.add(d.entity.source);
  for (const { r } of stage.relationships.values()) {
    sources.add(r.subject.source);
    sources.add(r.object.source);
  }
  const entityIdByRef = new Map<string, string>();
  for (const source of sources) {
    for (const x of await tx.externalId.findMany({ where: { source }, select: { externalId: true, entityId: true } })) entityIdByRef.set(refKey({ source, externalId: x.externalId }), x.entityId);
  }
  const existingIds = [...new Set([...stage.entities.keys()].map((k) => entityIdByRef.get(k)).filter((x): x is string => !!x))];
  const current = new Map<string, { snapshot: EntitySnapshot; sourceCount: number }>();
  // NOTE: one SQL query per 5,000 entities with the aliases and identifiers aggregated in place;
  // the ORM's include would issue three queries and build far more objects.
  type Row = { id: string; schema: string; name: string; countries: string[]; addresses: string[]; birth_date: Date | null; birth_date_precision: string | null; notes: string | null; extra: unknown; aliases: string[] | null; identifiers: string[] | null; sources: number };
  for (let i = 0; i < existingIds.length; i += 5000) {
    const rows = await tx.$queryRaw<Row[]>(Prisma.sql`
      SELECT e.id, e.schema::text AS schema, e.name, e.countries, e.addresses, e.birth_date, e.birth_date_precision::text AS birth_date_precision, e.notes, e.extra,
        (SELECT array_agg(a.kind::text || chr(31) || a.name) FROM entity_alias a WHERE a.entity_id = e.id) AS aliases,
        (SELECT array_agg(x.type || chr(31) || x.value || chr(31) || coalesce(x.country, '')) FROM identifier x WHERE x.entity_id = e.id) AS identifiers,
        (SELECT count(*)::int FROM external_id s WHERE s.entity_id = e.id) AS sources
      FROM entity e WHERE e.id = ANY(${existingIds.slice(i, i + 5000)}::text[])`);
    for (const r of rows) {
      current.set(r.id, {
        sourceCount: r.sources,
        snapshot: {
          schema: r.schema, name: r.name, countries: sorted(r.countries), addresses: sorted(r.addresses), birthDate: dbPd(r.birth_date, r.birth_date_precision), notes: r.notes,
          extra: r.extra === null ? null : canonicalJson(r.extra), aliases: sorted(r.aliases ?? []), identifiers: sorted(r.identifiers ?? []),
        },
      });
    }
  }

  const newEntities: Array<{ id: string; e: EntityRecord }> = [];
  const entityUpdates: Array<{ id: string; from: EntitySnapshot; to: EntitySnapshot }> = [];
  const recordOfEntity = new Map<string, string>();
  for (const rec of stage.records) if (rec.entity) recordOfEntity.set(refKey(rec.entity), rec.key);
  for (const [k, e] of stage.entities) {
    const id = entityIdByRef.get(k);
    if (!id) {
      const nid = randomUUID();
      newEntities.push({ id: nid, e });
      entityIdByRef.set(k, nid);
      mark(recordOfEntity.get(k)!, 'created', 'Entity', nid, {});
      continue;
    }
    const cur = current.get(id)!;
    // NOTE: an entity that exists is only added to (names, identifiers, countries, addresses; a new
    // name becomes an alias), never renamed or narrowed: admins, the curated drone case and other
    // lists refine the same entities, and a list must not undo their work on every run.
    const want = mergedSnapshot(cur.snapshot, e);
    const changes = diff(cur.snapshot, want);
    if (Object.keys(changes).length) {
      entityUpdates.push({ id, from: cur.snapshot, to: want });
      mark(recordOfEntity.get(k)!, 'changed', 'Entity', id, changes);
    }
  }

  lap('entity writes');
  if (!opts.dryRun) {
    opts.onStage?.({ records: stage.records.length, phase: 'writing' });
    const now = new Date();
    await bulkInsert(tx, 'entity', ENTITY_COLUMNS, newEntities.map(({ id, e }) => [id, e.schema, e.name, sorted(e.countries), sorted(e.addresses), e.birthDate?.date ?? null, e.birthDate?.precision ?? null, e.notes, e.extra ? toAuditJson(e.extra) : null, now]));
    await bulkInsert(tx, 'external_id', [text('id'), text('entity_id'), text('source'), text('external_id')], newEntities.map(({ id, e }) => [randomUUID(), id, e.source, e.externalId]));
    const snapshotChildren = (id: string, s: EntitySnapshot) => ({
      aliases: s.aliases.map((a) => ({ entityId: id, kind: a.slice(0, a.indexOf(SEP)) as 'ALIAS' | 'WEAK_ALIAS' | 'PREVIOUS_NAME', name: a.slice(a.indexOf(SEP) + 1) })),
      identifiers: s.identifiers.map((x) => {
        const [type = '', value = '', country = ''] = x.split(SEP);
        return { entityId: id, type, value, country: country || null };
      }),
    });
    const children = [...newEntities.map(({ id, e }) => snapshotChildren(id, recordSnapshot(e))), ...entityUpdates.map((u) => snapshotChildren(u.id, u.to))];
    if (entityUpdates.length) {
      const ids = entityUpdates.map((u) => u.id);
      await inChunks(ids, (chunk) => tx.entityAlias.deleteMany({ where: { entityId: { in: chunk } } }));
      await inChunks(ids, (chunk) => tx.identifier.deleteMany({ where: { entityId: { in: chunk } } }));
      for (const u of entityUpdates) {
        const bd = u.to.birthDate ? parsePartialDate(u.to.birthDate.slice(0, 10)) : null;
        const precision = u.to.birthDate ? (u.to.birthDate.slice(11) as 'YEAR' | 'MONTH' | 'DAY') : null;
        await tx.entity.update({
          where: { id: u.id },
          data: {
            schema: u.to.schema as EntityRecord['schema'], name: u.to.name, countries: u.to.countries, addresses: u.to.addresses,
            birthDate: bd?.date ?? null, birthDatePrecision: precision, notes: u.to.notes,
            extra: u.to.extra === null ? Prisma.JsonNull : (JSON.parse(u.to.extra) as Prisma.InputJsonValue),
            version: { increment: 1 },
          },
        });
      }
    }
    await bulkInsert(tx, 'entity_alias', [text('id'), text('entity_id'), text('name'), { name: 'kind', type: '"AliasKind"' }], children.flatMap((c) => c.aliases.map((a) => [randomUUID(), a.entityId, a.name, a.kind])), true);
    await bulkInsert(tx, 'identifier', [text('id'), text('entity_id'), text('type'), text('value'), text('country')], children.flatMap((c) => c.identifiers.map((x) => [randomUUID(), x.entityId, x.type, x.value, x.country])), true);
  }

  lap('designations');
  // ---------- designations
  const origins = new Set([...stage.designations.values()].map(({ d }) => d.origin));
  if (scope) origins.add(scope.origin);
  type ExistingDesignation = Prisma.DesignationGetPayload<{ include: { programs: true } }>;
  const groups = new Map<string, ExistingDesignation[]>();
  const originHadAny = new Map<string, boolean>();
  for (const origin of origins) {
    const rows = await tx.designation.findMany({ where: { origin, deletedAt: null }, include: { programs: true } });
    originHadAny.set(origin, rows.length > 0);
    for (const r of rows) {
      const k = `${origin}\u0000${baseKey(r.originKey)}`;
      (groups.get(k) ?? groups.set(k, []).get(k)!).push(r);
    }
  }

  type NewDesignation = { id: string; origin: string; originKey: string; entityId: string; d: DesignationRecord; listing: PartialDate | null; qualifier: 'EXACT' | 'ON_OR_BEFORE'; programs: string[]; note: string | null };
  const newDesignations: NewDesignation[] = [];
  const designationUpdates: Array<{ id: string; data: Prisma.DesignationUpdateInput }> = [];
  const newLinks: Array<{ designationId: string; programId: string; removedOn: Date | null }> = [];
  const removedLinks: Array<{ designationId: string; programId: string; removedOn: Date }> = [];
  const events: Array<{ designationId: string; status: 'LISTED' | 'AMENDED' | 'DELISTED' | 'RELISTED'; date: Date; datePrecision: 'YEAR' | 'MONTH' | 'DAY'; note: string | null; sourceUrl: string | null }> = [];
  const edition = day(opts.editionIso);
  const unresolved = (what: string) => (opts.report.warnings[what] = (opts.report.warnings[what] ?? 0) + 1);

  for (const [k, { d, record }] of stage.designations) {
    const entityId = entityIdByRef.get(refKey(d.entity));
    if (!entityId) {
      unresolved('designations whose entity is neither in the file nor in the database (skipped)');
      continue;
    }
    const group = groups.get(k);
    const pid = (code: string) => programIds.get(`${d.authorityId}|${code}`)!;
    if (!group) {
      const firstEdition = !d.listingDate && !!d.listingFromEdition && !originHadAny.get(d.origin);
      const listing = d.listingDate ?? (d.listingFromEdition ? edition : null);
      const id = randomUUID();
      newDesignations.push({
        id, origin: d.origin, originKey: d.originKey, entityId, d, listing, qualifier: firstEdition ? 'ON_OR_BEFORE' : 'EXACT', programs: d.programs,
        note: firstEdition ? `Already on the list in the first edition imported (${opts.editionIso}): listed on or before that day.` : null,
      });
      for (const code of d.programs) newLinks.push({ designationId: id, programId: pid(code), removedOn: null });
      if (listing) events.push({ designationId: id, status: 'LISTED', date: listing.date, datePrecision: listing.precision, note: firstEdition ? 'on or before this date' : null, sourceUrl: d.sourceUrl });
      if (d.endDate) events.push({ designationId: id, status: 'DELISTED', date: d.endDate.date, datePrecision: d.endDate.precision, note: 'end date given by the source', sourceUrl: d.sourceUrl });
      mark(record, 'created', 'Designation', id, {});
      continue;
    }
    const base = group.find((g) => g.originKey === d.originKey) ?? group[0]!;
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const data: Prisma.DesignationUpdateInput = {};
    const setField = (field: string, from: unknown, to: unknown, apply: () => void) => {
      if (JSON.stringify(from ?? null) !== JSON.stringify(to ?? null)) {
        changes[field] = { from: from ?? null, to: to ?? null };
        apply();
      }
    };
    setField('reason', base.reason, d.reason, () => (data.reason = d.reason));
    setField('legalAct', base.legalAct, d.legalAct, () => (data.legalAct = d.legalAct));
    setField('measures', base.measures, d.measures, () => (data.measures = d.measures));
    setField('authorityRecordId', base.authorityRecordId, d.authorityRecordId, () => (data.authorityRecordId = d.authorityRecordId));
    // NOTE: sourceUrl is not compared: a curated designation (the drone-case seed) cites the
    // authority's press release, which the list file does not replace.
    if (d.listingDate) setField('listingDate', dbPd(base.listingDate, base.listingDatePrecision), pd(d.listingDate), () => ((data.listingDate = d.listingDate!.date), (data.listingDatePrecision = d.listingDate!.precision), (data.listingDateQualifier = 'EXACT')));
    setField('startDate', dbPd(base.startDate, base.startDatePrecision), pd(d.startDate), () => ((data.startDate = d.startDate?.date ?? null), (data.startDatePrecision = d.startDate?.precision ?? null)));
    const lifted = group.every((g) => g.endDate !== null);
    if (d.endDate) {
      // The source itself states an end (FtM): it is a fact of the record, not a disappearance.
      setField('endDate', dbPd(base.endDate, base.endDatePrecision), pd(d.endDate), () => {
        data.endDate = d.endDate!.date;
        data.endDatePrecision = d.endDate!.precision;
        data.status = 'DELISTED';
        events.push({ designationId: base.id, status: 'DELISTED', date: d.endDate!.date, datePrecision: d.endDate!.precision, note: 'end date given by the source', sourceUrl: d.sourceUrl });
      });
    } else if (lifted) {
      // Back on the list after being lifted.
      changes.status = { from: base.status, to: 'RELISTED' };
      for (const g of group) {
        designationUpdates.push({ id: g.id, data: { status: 'RELISTED', endDate: null, endDatePrecision: null, version: { increment: 1 } } });
      }
      events.push({ designationId: base.id, status: 'RELISTED', date: edition.date, datePrecision: 'DAY', note: `listed again in the edition of ${opts.editionIso}`, sourceUrl: d.sourceUrl });
    }
    if (Object.keys(data).length) designationUpdates.push({ id: base.id, data: { ...data, version: { increment: 1 } } });

    // Programs: added → a new designation on the edition's date; removed → recorded on the holder.
    const active = new Map<string, string>(); // code → designation id holding it
    for (const g of group) for (const l of g.programs) if (!l.removedOn) active.set(programCode.get(l.programId) ?? l.programId, g.id);
    const added = d.programs.filter((p) => !active.has(p));
    const removed = [...active.keys()].filter((p) => !d.programs.includes(p));
    const changeDate = d.listingDate && !originHadAny.get(d.origin) ? d.listingDate : edition;
    if (added.length) {
      const key = `${d.originKey}@${dayIso(changeDate.date)}`;
      const sameDay = group.find((g) => g.originKey === key);
      const id = sameDay?.id ?? randomUUID();
      if (!sameDay) {
        newDesignations.push({ id, origin: d.origin, originKey: key, entityId, d, listing: changeDate, qualifier: 'EXACT', programs: added, note: null });
        events.push({ designationId: id, status: 'LISTED', date: changeDate.date, datePrecision: changeDate.precision, note: `program(s) ${added.join(', ')} added`, sourceUrl: d.sourceUrl });
      }
      for (const code of added) newLinks.push({ designationId: id, programId: pid(code), removedOn: null });
      changes.programsAdded = { from: null, to: added };
    }
    for (const code of removed) {
      const holder = active.get(code)!;
      removedLinks.push({ designationId: holder, programId: pid(code), removedOn: edition.date });
      events.push({ designationId: holder, status: 'AMENDED', date: edition.date, datePrecision: 'DAY', note: `program ${code} removed`, sourceUrl: d.sourceUrl });
    }
    if (removed.length) changes.programsRemoved = { from: removed, to: null };
    if (Object.keys(changes).length) mark(record, 'changed', 'Designation', base.id, changes);
  }

  lap('lifted');
  // ---------- lifted: entries of the list that this edition no longer holds
  let liftedEntries = 0;
  const liftedSamples: EntryDiff[] = [];
  if (scope) {
    const stagedBases = new Set([...stage.designations.values()].filter(({ d }) => d.origin === scope.origin).map(({ d }) => d.originKey));
    const inScope = (key: string) => !scope.keyPrefixes || scope.keyPrefixes.some((p) => key.startsWith(p));
    const activeBases: string[] = [];
    const toLift: ExistingDesignation[][] = [];
    for (const [k, group] of groups) {
      if (!k.startsWith(`${scope.origin}\u0000`)) continue;
      const key = k.slice(scope.origin.length + 1);
      if (!inScope(key) || !group.some((g) => g.endDate === null)) continue;
      activeBases.push(key);
      if (!stagedBases.has(key)) toLift.push(group);
    }
    liftedEntries = toLift.length;
    const stagedInScope = [...stagedBases].filter(inScope).length;
    if (liftedEntries > 0 && !opts.allowMassLift && (stagedInScope === 0 || liftedEntries > MAX_LIFT_SHARE * activeBases.length)) {
      throw new ImportRefusedError(
        `refusing to lift ${liftedEntries} of ${activeBases.length} entries: the file looks empty or truncated (a failed download is not a mass delisting); check the file, or pass --allow-mass-lift if the authority really lifted them`,
      );
    }
    for (const group of toLift) {
      const first = group[0]!;
      for (const g of group.filter((x) => x.endDate === null)) {
        designationUpdates.push({ id: g.id, data: { endDate: edition.date, endDatePrecision: 'DAY', status: 'DELISTED', version: { increment: 1 } } });
        events.push({ designationId: g.id, status: 'DELISTED', date: edition.date, datePrecision: 'DAY', note: `absent from the edition of ${opts.editionIso}`, sourceUrl: null });
      }
      const diffEntry: EntryDiff = { key: baseKey(first.originKey), status: 'lifted', targetType: 'Designation', targetId: first.id, changes: { endDate: { from: null, to: opts.editionIso }, status: { from: first.status, to: 'DELISTED' } } };
      entryDiffs.push(diffEntry);
      liftedSamples.push(diffEntry);
    }
  }

  lap('relationships');
  // ---------- relationships
  const existingRels = new Map<string, Prisma.RelationshipGetPayload<object>>();
  for (const origin of new Set([...stage.relationships.values()].map(({ r }) => r.origin))) {
    for (const r of await tx.relationship.findMany({ where: { origin } })) existingRels.set(`${origin}\u0000${r.originKey}`, r);
  }
  const newRels: Prisma.RelationshipCreateManyInput[] = [];
  const relUpdates: Array<{ id: string; data: Prisma.RelationshipUpdateInput }> = [];
  for (const [k, { r, record }] of stage.relationships) {
    const subjectId = entityIdByRef.get(refKey(r.subject));
    const objectId = entityIdByRef.get(refKey(r.object));
    if (!subjectId || !objectId) {
      unresolved('relationships whose subject or object is neither in the file nor in the database (skipped)');
      continue;
    }
    const want = {
      type: r.type, subjectId, objectId, role: r.role,
      startDate: r.startDate?.date ?? null, startDatePrecision: r.startDate?.precision ?? null,
      endDate: r.endDate?.date ?? null, endDatePrecision: r.endDate?.precision ?? null,
      sourceUrl: r.sourceUrl, extra: r.extra ? (toAuditJson(r.extra) as Prisma.InputJsonValue) : Prisma.JsonNull,
    };
    const old = existingRels.get(k);
    if (!old) {
      const id = randomUUID();
      newRels.push({ id, origin: r.origin, originKey: r.originKey, ...want });
      mark(record, 'created', 'Relationship', id, {});
      continue;
    }
    const snap = (x: { type: string; subjectId: string; objectId: string; role: string | null; startDate: Date | null; endDate: Date | null; sourceUrl: string; extra: unknown }) => ({
      type: x.type, subjectId: x.subjectId, objectId: x.objectId, role: x.role, startDate: dayIso(x.startDate), endDate: dayIso(x.endDate), sourceUrl: x.sourceUrl,
      extra: x.extra === Prisma.JsonNull || x.extra === null || x.extra === undefined ? null : canonicalJson(x.extra),
    });
    const changes = diff(snap(old), snap({ ...want, extra: r.extra }));
    if (Object.keys(changes).length) {
      relUpdates.push({ id: old.id, data: { ...want, subject: undefined, object: undefined, version: { increment: 1 } } });
      mark(record, 'changed', 'Relationship', old.id, changes);
    }
  }

  lap('write');
  // ---------- write
  if (!opts.dryRun) {
    const now = new Date();
    await bulkInsert(tx, 'designation', DESIGNATION_COLUMNS, newDesignations.map((n) => [
      n.id, n.origin, n.originKey, n.entityId, n.d.authorityId, n.listing?.date ?? null, n.listing?.precision ?? null, n.qualifier,
      n.d.startDate?.date ?? null, n.d.startDate?.precision ?? null, n.d.endDate?.date ?? null, n.d.endDate?.precision ?? null,
      n.d.endDate ? 'DELISTED' : 'LISTED', n.d.reason, n.d.measures, n.d.legalAct, n.d.authorityRecordId, n.d.sourceUrl, n.note, now,
    ]));
    for (const u of designationUpdates) await tx.designation.update({ where: { id: u.id }, data: u.data });
    await bulkInsert(tx, 'designation_program', [text('designation_id'), text('program_id'), { name: 'removed_on', type: 'date' }], newLinks.map((l) => [l.designationId, l.programId, l.removedOn]), true);
    for (const l of removedLinks) await tx.designationProgram.update({ where: { designationId_programId: { designationId: l.designationId, programId: l.programId } }, data: { removedOn: l.removedOn } });
    await bulkInsert(
      tx,
      'designation_event',
      [text('id'), text('designation_id'), { name: 'status', type: '"DesignationStatus"' }, { name: 'date', type: 'date' }, { name: 'date_precision', type: '"DatePrecision"' }, text('note'), text('source_url')],
      events.map((e) => [randomUUID(), e.designationId, e.status, e.date, e.datePrecision, e.note, e.sourceUrl]),
      true,
    );
    await bulkInsert(tx, 'relationship', RELATIONSHIP_COLUMNS, newRels.map((r) => [r.id, r.origin, r.originKey, r.type, r.subjectId, r.objectId, r.role ?? null, r.startDate ?? null, r.startDatePrecision ?? null, r.endDate ?? null, r.endDatePrecision ?? null, r.sourceUrl, r.extra === Prisma.JsonNull ? null : r.extra, now]));
    for (const u of relUpdates) await tx.relationship.update({ where: { id: u.id }, data: u.data });
  }

  lap('done');
  const counts: Counts = { created: 0, changed: 0, lifted: liftedEntries, unchanged: 0 };
  for (const rec of stage.records) {
    const s = recordStatus.get(rec.key);
    if (s === 'created') counts.created++;
    else if (s === 'changed') counts.changed++;
    else counts.unchanged++;
  }
  const samples: SampleDiff[] = [
    ...entryDiffs.filter((d) => d.status === 'changed').slice(0, SAMPLE_DIFFS),
    ...entryDiffs.filter((d) => d.status === 'created').slice(0, SAMPLE_DIFFS),
    ...liftedSamples.slice(0, SAMPLE_DIFFS),
  ].map(({ key, status, changes }) => ({ key, status, changes }));
  // Per-entry audit diffs: changes and lifts (creations are counted in the run's event).
  return { counts, samples, entryDiffs: entryDiffs.filter((d) => d.status !== 'created') };
}

function dedupeBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => (seen.has(key(t)) ? false : (seen.add(key(t)), true)));
}

// ---------------------------------------------------------------- the run log

export async function listImportRuns(limit = 50, db: PrismaClient = defaultDb()) {
  const rows = await db.importRun.findMany({ orderBy: { startedAt: 'desc' }, take: limit, include: { actor: { select: { email: true } } } });
  return rows.map((r) => ({
    id: r.id,
    who: r.actor?.email ?? r.actorLabel,
    format: r.format,
    fileName: r.fileName,
    fileSha256: r.fileSha256,
    fileBytes: Number(r.fileBytes),
    status: r.status,
    created: r.created,
    changed: r.changed,
    lifted: r.lifted,
    unchanged: r.unchanged,
    records: r.records,
    error: r.error,
    startedAt: r.startedAt.toISOString(),
    durationMs: r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null,
  }));
}
