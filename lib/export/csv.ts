// Export as CSV: one row per designation with its entity, for spreadsheets: program codes and their
// labels (lib/programs/registry.ts) side by side; an end date known only within bounds says so
// (end_date_qualifier ON_OR_BEFORE, end_date_after the exclusive lower bound). Cells that a spreadsheet
// would run as a formula (= + - @ at the start) are prefixed with an apostrophe.
import type { PrismaClient } from '../db/generated/client';
import { listEntitiesForExport, type ExportEntity, type ExportFilter } from '../db/exports';
import { toPartialDateString } from '../dates';
import { csvCell } from './csv-cell';
import { programLabel } from '../programs/registry';

export const CSV_COLUMNS = [
  'entity_id', 'schema', 'name', 'aliases', 'countries', 'birth_or_incorporation_date', 'identifiers', 'source_ids',
  'authority', 'programs', 'program_titles', 'listing_date', 'listing_date_qualifier', 'start_date', 'end_date', 'end_date_qualifier', 'end_date_after', 'status', 'reason', 'measures', 'legal_act', 'authority_record_id', 'source_url', 'origin', 'origin_key',
] as const;

export { csvCell } from './csv-cell';

const d = (date: Date | null, p: 'YEAR' | 'MONTH' | 'DAY' | null) => (date ? toPartialDateString(date, p ?? 'DAY') : '');

export function entityToCsvRows(e: ExportEntity): string[] {
  const entity = [
    e.id, e.schema, e.name, e.aliases.map((a) => a.name).join(' | '), e.countries.join(' | '), d(e.birthDate, e.birthDatePrecision),
    e.identifiers.map((i) => `${i.type}: ${i.value}`).join(' | '), e.externalIds.map((x) => `${x.source}:${x.externalId}`).join(' | '),
  ];
  const rows = e.designations.map((x) => [
    ...entity, x.authorityId, x.programs.map((p) => p.program.code).join(' | '), x.programs.map((p) => programLabel(p.program)).join(' | '), d(x.listingDate, x.listingDatePrecision), x.listingDateQualifier,
    // The end date's qualifier only where there is an end date; `end_date_after`: the exclusive lower bound of a lifting known only within bounds.
    d(x.startDate, x.startDatePrecision), d(x.endDate, x.endDatePrecision), x.endDate ? x.endDateQualifier : '', d(x.endDateAfter, 'DAY'), x.status, x.reason ?? '', x.measures.join(' | '), x.legalAct ?? '', x.authorityRecordId ?? '', x.sourceUrl, x.origin, x.originKey,
  ]);
  // An entity with no designation still gets its row.
  if (!rows.length) rows.push([...entity, ...Array<string>(CSV_COLUMNS.length - entity.length).fill('')]);
  return rows.map((r) => `${r.map(csvCell).join(',')}\r\n`);
}

export async function* exportCsv(filter: ExportFilter = {}, db?: PrismaClient): AsyncGenerator<string> {
  yield `${CSV_COLUMNS.join(',')}\r\n`;
  for await (const e of listEntitiesForExport(filter, db)) yield* entityToCsvRows(e);
}
