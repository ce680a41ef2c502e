// Imported text meets the forms' rules with the import's policy (issue 22; the detector and the
// policies are lib/security/text-safety.ts): every record of every format passes through here on
// its way from the parser to the loader (parseFiles, lib/import/run.ts), once. Controls and bidi
// controls are removed, over-long values truncated, markup and formula prefixes kept as text; each
// change is a counted, named warning of the run's report ("name: right-to-left/bidi controls
// removed"), shown in the dry run and stored with the applied run.
//
// The value as the file gave it is kept with the record, in its `extra` JSON under `original`, keyed
// by the field's path in the record as parsed:
//   entity.extra.original = { "name": { value | base64, length, sha256 }, "aliases.2.name": …,
//     "addresses.0": …, "identifiers.1.value": …, "designations.0.reason": …, "extra.remark": … }
//   relationship.extra.original = { "role": …, "extra.…": … }
// (OriginalText in lib/security/text-safety.ts: the first N characters, the whole length, SHA-256.)
// NOTE: a designation has no `extra`; its originals go to the entity of the same record — each entity
// row is one list's record today. A record with a designation but no entity (an FtM Sanction) has
// nowhere to keep them: that is counted as its own warning.
// Keys and ids (externalId, originKey, sourceUrl, dates) are identities, not text: never changed;
// one holding a control character refuses the run (assertCleanKeys).
import { hasBidiControls, hasHiddenControls, importWarning, sanitizeImported, type ImportTextKind, type OriginalText } from '../security/text-safety';
import { countInto, ImportRefusedError, type DesignationRecord, type EntityRecord, type ImportReport, type RelationshipRecord, type SourceRecord } from './types';

/** The key of `extra` that holds the originals of changed values. */
export const ORIGINAL_KEY = 'original';
export const ORIGINAL_NOT_KEPT = 'designation text changed in a record without its entity: original not kept (no place to store it)';

type Originals = Record<string, OriginalText>;

class RecordSanitizer {
  readonly originals: Originals = {};
  constructor(private readonly report: ImportReport) {}

  /** `flags`: count markup and formula prefixes (not in `extra`: verbatim source data, not shown as names). */
  text(value: string, kind: ImportTextKind, label: string, path: string, flags = true): string {
    const r = sanitizeImported(value, kind);
    for (const c of r.changes) if (flags || (c.kind !== 'markup-kept' && c.kind !== 'formula-kept')) countInto(this.report.warnings, importWarning(label, c));
    if (r.original) this.originals[path] = r.original;
    return r.value;
  }

  optional(value: string | null, kind: ImportTextKind, label: string, path: string): string | null {
    return value === null ? null : this.text(value, kind, label, path) || null;
  }

  /** Each value cleaned; those left empty dropped. */
  list(values: string[], kind: ImportTextKind, label: string, path: string): string[] {
    const out: string[] = [];
    values.forEach((v, i) => {
      const clean = this.text(v, kind, label, `${path}.${i}`);
      if (clean) out.push(clean);
    });
    return out;
  }

  /**
   * The strings of a source's verbatim properties (values and keys), cleaned of controls and capped:
   * a NUL anywhere would fail the whole import (PostgreSQL's jsonb cannot hold one). A key's original
   * is not kept (it names a property; its value's original is, under the cleaned key). Under our own
   * `original` key (an export of ours, re-imported) the originals are kept as they are, but for NUL.
   */
  json(value: unknown, path: string, inOriginals = false): unknown {
    if (typeof value === 'string') return inOriginals ? this.withoutNul(value) : this.text(value, 'long-text', 'extra', path, false);
    if (Array.isArray(value)) return value.map((v, i) => this.json(v, `${path}.${i}`, inOriginals));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const key = inOriginals ? this.withoutNul(k) : this.key(k);
        out[key] = this.json(v, `${path}.${key}`, inOriginals || (path === 'extra' && key === ORIGINAL_KEY));
      }
      return out;
    }
    return value;
  }

  private key(k: string): string {
    const r = sanitizeImported(k, 'code');
    for (const c of r.changes) if (c.kind !== 'markup-kept' && c.kind !== 'formula-kept') countInto(this.report.warnings, importWarning('extra', c));
    return r.value;
  }

  private withoutNul(v: string): string {
    if (!v.includes('\u0000')) return v;
    countInto(this.report.warnings, importWarning('extra', { kind: 'control-chars-removed', count: 1 }));
    return v.replace(/\u0000/g, '');
  }

  extra(extra: Record<string, unknown> | null): Record<string, unknown> | null {
    return extra === null ? null : (this.json(extra, 'extra') as Record<string, unknown>);
  }
}

/** `extra` with the originals added under `original` (none: `extra` as it was). */
function withOriginals(extra: Record<string, unknown> | null, originals: Originals): Record<string, unknown> | null {
  if (!Object.keys(originals).length) return extra;
  const kept = extra?.[ORIGINAL_KEY];
  const before = kept && typeof kept === 'object' && !Array.isArray(kept) ? (kept as Record<string, unknown>) : {};
  return { ...(extra ?? {}), [ORIGINAL_KEY]: { ...before, ...originals } };
}

function sanitizeEntity(e: EntityRecord, s: RecordSanitizer): EntityRecord {
  const aliases: EntityRecord['aliases'] = [];
  e.aliases.forEach((a, i) => {
    const name = s.text(a.name, 'name', 'alias', `aliases.${i}.name`);
    if (name) aliases.push({ name, kind: a.kind });
  });
  return {
    ...e,
    name: s.text(e.name, 'name', 'name', 'name'),
    aliases,
    countries: s.list(e.countries, 'code', 'country', 'countries'),
    addresses: s.list(e.addresses, 'text', 'address', 'addresses'),
    identifiers: e.identifiers.map((x, i) => ({
      type: s.text(x.type, 'code', 'identifier type', `identifiers.${i}.type`),
      value: s.text(x.value, 'code', 'identifier', `identifiers.${i}.value`),
      country: s.optional(x.country, 'code', 'identifier country', `identifiers.${i}.country`),
    })),
    notes: s.optional(e.notes, 'long-text', 'notes', 'notes'),
    extra: s.extra(e.extra),
  };
}

function sanitizeDesignation(d: DesignationRecord, s: RecordSanitizer, path: string): DesignationRecord {
  // A program code cleaned is a new code: its facts (programInfo) follow it.
  const programs: string[] = [];
  let programInfo: DesignationRecord['programInfo'];
  d.programs.forEach((code, i) => {
    const clean = s.text(code, 'code', 'program', `${path}.programs.${i}`);
    if (clean && !programs.includes(clean)) programs.push(clean);
    const info = d.programInfo?.[code];
    if (clean && info) {
      programInfo ??= {};
      programInfo[clean] = { legalBasis: s.optional(info.legalBasis, 'text', 'program legal basis', `${path}.programInfo.${clean}.legalBasis`), url: info.url };
    }
  });
  return {
    ...d,
    ...(d.authority ? { authority: { name: s.text(d.authority.name, 'text', 'authority', `${path}.authority.name`), country: d.authority.country } } : {}),
    programs,
    ...(d.programInfo ? { programInfo: programInfo ?? {} } : {}),
    reason: s.optional(d.reason, 'long-text', 'reason', `${path}.reason`),
    measures: s.list(d.measures, 'text', 'measure', `${path}.measures`),
    legalAct: s.optional(d.legalAct, 'text', 'legal act', `${path}.legalAct`),
    authorityRecordId: s.optional(d.authorityRecordId, 'code', 'authority record id', `${path}.authorityRecordId`),
  };
}

function sanitizeRelationship(r: RelationshipRecord, report: ImportReport): RelationshipRecord {
  const s = new RecordSanitizer(report);
  const role = s.optional(r.role, 'text', 'role', 'role');
  const extra = s.extra(r.extra);
  return { ...r, role, extra: withOriginals(extra, s.originals) };
}

/**
 * Keys are identities: cleaning one would silently make another record of it. A key holding a
 * control character (PostgreSQL refuses a NUL outright) stops the run with a message naming it.
 */
function assertCleanKeys(rec: SourceRecord): void {
  const keys: Array<[string, string]> = [];
  if (rec.entity) keys.push(['entity id', rec.entity.externalId], ['entity source', rec.entity.source]);
  for (const d of rec.designations) keys.push(['designation key', d.originKey], ['entity id', d.entity.externalId], ['source URL', d.sourceUrl]);
  for (const r of rec.relationships) keys.push(['entity id', r.subject.externalId], ['entity id', r.object.externalId]);
  for (const [what, key] of keys) {
    if (hasHiddenControls(key) || hasBidiControls(key)) {
      throw new ImportRefusedError(`a ${what} holds invisible control characters (${JSON.stringify(key.slice(0, 80))}): keys are kept exactly as the list writes them, so this one cannot be cleaned; nothing was written — fix the file`);
    }
  }
}

/** One record, cleaned and flagged; its warnings counted into `report`. */
export function sanitizeRecord(rec: SourceRecord, report: ImportReport): SourceRecord {
  assertCleanKeys(rec);
  const s = new RecordSanitizer(report);
  const entity = rec.entity ? sanitizeEntity(rec.entity, s) : null;
  const designations = rec.designations.map((d, j) => sanitizeDesignation(d, s, `designations.${j}`));
  const relationships = rec.relationships.map((r) => sanitizeRelationship(r, report));
  if (entity) entity.extra = withOriginals(entity.extra, s.originals);
  else if (Object.keys(s.originals).length) countInto(report.warnings, ORIGINAL_NOT_KEPT, Object.keys(s.originals).length);
  return { ...rec, entity, designations, relationships };
}

export async function* sanitizeRecords(records: AsyncIterable<SourceRecord>, report: ImportReport): AsyncGenerator<SourceRecord> {
  for await (const rec of records) yield sanitizeRecord(rec, report);
}
