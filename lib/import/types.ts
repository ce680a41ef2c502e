// The normalized records every parser yields and the one loader applies (lib/db/imports.ts).
// A parser knows its file format; the loader knows the database. Neither knows the other's side.
import type { DatePrecision, PartialDate } from '../dates';

// The CLI contract's order (issue 5); uk-xml is the FCDO's XML of the UK list.
export const IMPORT_FORMATS = ['ftm', 'ofac-sdn-csv', 'ofac-sdn-xml', 'un-xml', 'eu-csv', 'eu-xml', 'uk-csv', 'uk-xml'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export type EntitySchemaName = 'Person' | 'Organization' | 'Company' | 'LegalEntity' | 'Vessel' | 'Airplane';
export type AliasKindName = 'ALIAS' | 'WEAK_ALIAS' | 'PREVIOUS_NAME';
export type RelationshipTypeName = 'OWNERSHIP' | 'DIRECTORSHIP' | 'FAMILY' | 'ASSOCIATE' | 'EMPLOYMENT' | 'MEMBERSHIP' | 'UNKNOWN_LINK';

/** How a source names an entity: ExternalId(source, externalId) is unique, which makes imports idempotent. */
export type EntityRef = { source: string; externalId: string };

export type EntityRecord = EntityRef & {
  schema: EntitySchemaName;
  name: string;
  aliases: Array<{ name: string; kind: AliasKindName }>;
  countries: string[];
  addresses: string[];
  birthDate: PartialDate | null;
  /** `label`: the list's own words for the type; `details`: what it adds (issued …, expires …). */
  identifiers: Array<{ type: string; value: string; country: string | null; label?: string; details?: string | null }>;
  notes: string | null;
  /**
   * Source properties we do not model as columns, kept verbatim (never dropped silently). Under
   * `original`: the values as the file gave them that the import's text policy changed (controls
   * removed, truncated), by field path — lib/import/sanitize.ts.
   */
  extra: Record<string, unknown> | null;
};

/**
 * One listing of one entry. `originKey` is the entry's base key; programs added to an entry already
 * listed become a new designation `${originKey}@${date}` (the OFAC seed's convention).
 */
export type DesignationRecord = {
  origin: string;
  originKey: string;
  entity: EntityRef;
  authorityId: string;
  /** For authorities not in the standard list (FtM): created from the file's own words. */
  authority?: { name: string; country: string | null };
  programs: string[];
  /** Facts about a program the file states (created with it when new). */
  programInfo?: Record<string, { legalBasis: string | null; url: string | null }>;
  listingDate: PartialDate | null;
  /** The file carries no listing dates (OFAC SDN.CSV): a new entry is listed on the edition's date. */
  listingFromEdition?: boolean;
  /** ON_OR_BEFORE: `listingDate` is only an upper bound (already listed then). Absent: the loader decides (EXACT, or ON_OR_BEFORE for a first edition). */
  listingDateQualifier?: 'EXACT' | 'ON_OR_BEFORE';
  startDate: PartialDate | null;
  endDate: PartialDate | null;
  /** ON_OR_BEFORE: lifted on or before `endDate`, after `endDateAfter` (exclusive) when known. Absent: EXACT. */
  endDateQualifier?: 'EXACT' | 'ON_OR_BEFORE';
  /** The last day the entry was known to be listed (exclusive lower bound of a bounded lifting); null: unknown. */
  endDateAfter?: PartialDate | null;
  reason: string | null;
  measures: string[];
  legalAct: string | null;
  authorityRecordId: string | null;
  sourceUrl: string;
};

export type RelationshipRecord = {
  origin: string;
  originKey: string;
  type: RelationshipTypeName;
  subject: EntityRef;
  object: EntityRef;
  role: string | null;
  startDate: PartialDate | null;
  endDate: PartialDate | null;
  sourceUrl: string;
  extra: Record<string, unknown> | null;
};

/** One entry of the source (a CSV row, an XML element, an FtM entity): the unit of the counts. */
export type SourceRecord = {
  key: string;
  /** Where it is in the file, for error messages: 'line 12', 'record 7'. */
  at: string;
  entity: EntityRecord | null;
  designations: DesignationRecord[];
  relationships: RelationshipRecord[];
};

/**
 * What a run may lift: designations of `origin` (whose key starts with one of `keyPrefixes`, when
 * given) that the files no longer list. null: the format is an extract, never a whole list (FtM).
 */
export type LiftScope = { origin: string; keyPrefixes: string[] | null } | null;

export type ParseProgress = { bytesRead: number; bytesTotal: number; records: number };

export type ParseContext = {
  onProgress?: (p: ParseProgress) => void;
  /** Things the format carries that the model does not, with counts (FtM Position, Occupancy…). */
  report: ImportReport;
};

export type ImportReport = {
  notModelled: Record<string, number>;
  /** Named, counted: a parser's ("Sanction without an entity (skipped)") and the text policy's ("name: markup kept as text"). */
  warnings: Record<string, number>;
  /** Cross-list resolution (lib/db/import-resolution.ts): entities merged, pairs proposed for review. */
  resolution?: { merged: number; candidates: number; conflicts: number };
  /** The change log (lib/db/changes/record-changes.ts): rows recorded; a list's first edition is its baseline. */
  changes?: { recorded: number; baseline: boolean };
};

export type ParsedImport = {
  records: AsyncIterable<SourceRecord>;
  /** Known once the records have been read. */
  liftScope: () => LiftScope;
  /**
   * The date of the edition (YYYY-MM-DD) as the files state it — OFAC XML's publish date, the EU
   * FSF generation date, the UN's dateGenerated, the UK list's last update, a dated file name —
   * or null. Known once the records have been read (XML states it anywhere in the file).
   */
  editionDate: () => string | null;
};

export const emptyReport = (): ImportReport => ({ notModelled: {}, warnings: {} });

export function countInto(map: Record<string, number>, key: string, by = 1): void {
  map[key] = (map[key] ?? 0) + by;
}

/** A problem with the input file: shown to the person importing, as is. */
export class ImportFileError extends Error {
  constructor(
    readonly file: string,
    readonly where: string | null,
    message: string,
  ) {
    super(`${file}${where ? ` (${where})` : ''}: ${message}`);
    this.name = 'ImportFileError';
  }
}

/** The loader refuses the run (e.g. a truncated edition that would lift most of a list). */
export class ImportRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportRefusedError';
  }
}

export type DateLike = { date: Date; precision: DatePrecision } | null;
