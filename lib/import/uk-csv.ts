// The UK Sanctions List as normalised in data/uk (subjects.csv + subject_names.csv, joined on
// unique_id; data/uk/README.md). The regime is the unique_id's letters (RUS, IRN, INU…).
// NOTE: that is a third-party normalisation of the UK list. `--format uk-csv` also takes the FCDO's
// own UK Sanctions List CSV (lib/import/uk-gov.ts), told apart by its header; both key an entry by
// its Unique ID, so they converge on the same designations.
//
// Edition date: subjects.csv states none of its own; the latest `last_updated` of its subjects is
// the day the list was last changed, the edition's date (a value that is not a DD/MM/YYYY date is
// skipped). The FCDO's CSV and XML state theirs (lib/import/uk-gov.ts).
import { parseSlashedDate } from '../dates';
import { fileLabel, fileSize, readCsvObjects } from './read';
import { ImportFileError, type EntitySchemaName, type ParseContext, type ParsedImport, type SourceRecord } from './types';
import { parseUkGovCsv, parseUkGovXml, ukCsvKind, UK_AUTHORITY, UK_LIST_URL, UK_ORIGIN } from './uk-gov';

export { UK_AUTHORITY, UK_LIST_URL, UK_ORIGIN };

const SUBJECT_COLUMNS = ['unique_id', 'subject_type', 'un_reference_number', 'ofsi_group_id', 'date_designated', 'last_updated'] as const;
const NAME_COLUMNS = ['name_id', 'unique_id', 'name_type', 'alias_strength', 'full_name'] as const;
const SCHEMA: Record<string, EntitySchemaName> = { individual: 'Person', entity: 'Organization', ship: 'Vessel' };

type Name = { type: string; strength: string; full: string };

async function headerOf(file: string): Promise<'subjects' | 'names' | 'gov'> {
  const { kind, header } = await ukCsvKind(file);
  if (kind === 'ofsi-conlist') {
    throw new ImportFileError(fileLabel(file), null, "this is OFSI's Consolidated List (ConList.csv, keyed by Group ID, frozen in January 2026), not the UK Sanctions List: import the FCDO's UK Sanctions List CSV (keyed by Unique ID) instead");
  }
  if (!kind) {
    throw new ImportFileError(fileLabel(file), 'line 1', `wrong header for the UK list: expected the FCDO UK Sanctions List CSV (Report Date line, then ${['Last Updated', 'Unique ID', 'OFSI Group ID', '…'].join(',')}), or subjects.csv (${SUBJECT_COLUMNS.join(',')}) with subject_names.csv (${NAME_COLUMNS.join(',')}); found ${header.slice(0, 6).join(',')}`);
  }
  return kind;
}

/** The FCDO's UK Sanctions List XML (`--format uk-xml`). */
export function parseUkXml(files: string[], ctx: ParseContext): ParsedImport {
  if (files.length !== 1 || !files[0]) throw new ImportFileError(files.map(fileLabel).join(', ') || '(none)', null, 'a UK Sanctions List XML import takes exactly one file');
  let generated: string | null = null;
  return { records: parseUkGovXml(files[0], ctx, (d) => (generated = d)), liftScope: () => ({ origin: UK_ORIGIN, keyPrefixes: null }), editionDate: () => generated };
}

export function parseUkCsv(files: string[], ctx: ParseContext): ParsedImport {
  const total = files.reduce((n, f) => n + fileSize(f), 0);
  let records = 0;
  let edition: string | null = null;

  async function* generate(): AsyncGenerator<SourceRecord> {
    const kinds = await Promise.all(files.map(headerOf));
    if (kinds.includes('gov')) {
      if (files.length !== 1) throw new ImportFileError(files.map(fileLabel).join(', '), null, 'a UK Sanctions List CSV (FCDO format) is imported on its own, one file');
      yield* parseUkGovCsv(files[0]!, ctx, (d) => (edition = d));
      return;
    }
    const subjectsFile = files[kinds.indexOf('subjects')];
    const namesFile = files[kinds.indexOf('names')];
    if (!subjectsFile || !namesFile || files.length !== 2) {
      throw new ImportFileError(files.map(fileLabel).join(', '), null, 'a UK list import needs subjects.csv and subject_names.csv, one of each');
    }
    let before = 0;
    const progress = (b: number) => ctx.onProgress?.({ bytesRead: before + b, bytesTotal: total, records });
    // Names first (joined by id); the subjects then stream out in the file's order.
    const names = new Map<string, Name[]>();
    for await (const { row } of readCsvObjects(namesFile, NAME_COLUMNS, 'the UK subject_names.csv', { onBytes: progress })) {
      const id = row.unique_id ?? '';
      (names.get(id) ?? names.set(id, []).get(id)!).push({ type: row.name_type ?? '', strength: row.alias_strength ?? '', full: (row.full_name ?? '').trim() });
    }
    before += fileSize(namesFile);
    const label = fileLabel(subjectsFile);
    for await (const { row, line } of readCsvObjects(subjectsFile, SUBJECT_COLUMNS, 'the UK subjects.csv', { onBytes: progress })) {
      const id = (row.unique_id ?? '').trim();
      const regime = /^([A-Z]+)\d+$/.exec(id)?.[1];
      if (!regime) throw new ImportFileError(label, `line ${line}`, `"${id}" is not a UK unique id (letters then digits, e.g. RUS1652)`);
      const schema = SCHEMA[row.subject_type ?? ''];
      if (!schema) throw new ImportFileError(label, `line ${line}`, `unknown subject_type "${row.subject_type}" (expected individual, entity or ship)`);
      const designated = parseSlashedDate(row.date_designated);
      if (!designated) throw new ImportFileError(label, `line ${line}`, `date_designated "${row.date_designated}" is not a DD/MM/YYYY date`);
      const own = (names.get(id) ?? []).filter((n) => n.full);
      names.delete(id);
      const primary = own.find((n) => n.type === 'primary') ?? own[0];
      if (!primary) throw new ImportFileError(label, `line ${line}`, `subject ${id} has no name in subject_names.csv`);
      const aliases = own
        .filter((n) => n !== primary && n.full !== primary.full)
        .map((n) => ({ name: n.full, kind: n.strength === 'low_quality_aka' ? ('WEAK_ALIAS' as const) : ('ALIAS' as const) }));
      const extra: Record<string, unknown> = {};
      if (row.ofsi_group_id) extra.ofsiGroupId = row.ofsi_group_id;
      if (row.last_updated) extra.lastUpdated = row.last_updated;
      const updated = parseSlashedDate(row.last_updated)?.date.toISOString().slice(0, 10);
      if (updated && (!edition || updated > edition)) edition = updated;
      records++;
      yield {
        key: id,
        at: `${label} line ${line}`,
        entity: {
          source: UK_ORIGIN,
          externalId: id,
          schema,
          name: primary.full,
          aliases,
          countries: [],
          addresses: [],
          birthDate: null,
          identifiers: row.un_reference_number ? [{ type: 'unReferenceNumber', value: row.un_reference_number.trim(), country: null }] : [],
          notes: null,
          extra: Object.keys(extra).length ? extra : null,
        },
        designations: [
          {
            origin: UK_ORIGIN,
            originKey: id,
            entity: { source: UK_ORIGIN, externalId: id },
            authorityId: UK_AUTHORITY,
            programs: [regime],
            listingDate: designated,
            startDate: designated,
            endDate: null,
            reason: null,
            measures: [],
            legalAct: null,
            authorityRecordId: id,
            sourceUrl: UK_LIST_URL,
          },
        ],
        relationships: [],
      };
    }
    let orphans = 0;
    for (const list of names.values()) orphans += list.length;
    if (orphans) ctx.report.warnings['names in subject_names.csv for subjects not in subjects.csv'] = orphans;
  }

  return { records: generate(), liftScope: () => ({ origin: UK_ORIGIN, keyPrefixes: null }), editionDate: () => edition };
}
