// The UK Sanctions List as normalised in data/uk (subjects.csv + subject_names.csv, joined on
// unique_id; data/uk/README.md). The regime is the unique_id's letters (RUS, IRN, INU…).
// NOTE: this is a third-party normalisation of the UK list, not the FCDO's own CSV/XML layout.
import { parseSlashedDate } from '../dates';
import { fileLabel, fileSize, readCsvObjects, readCsvRows } from './read';
import { ImportFileError, type EntitySchemaName, type ParseContext, type ParsedImport, type SourceRecord } from './types';

export const UK_AUTHORITY = 'UK';
export const UK_ORIGIN = 'uk-list';
export const UK_LIST_URL = 'https://www.gov.uk/government/publications/the-uk-sanctions-list';

const SUBJECT_COLUMNS = ['unique_id', 'subject_type', 'un_reference_number', 'ofsi_group_id', 'date_designated', 'last_updated'] as const;
const NAME_COLUMNS = ['name_id', 'unique_id', 'name_type', 'alias_strength', 'full_name'] as const;
const SCHEMA: Record<string, EntitySchemaName> = { individual: 'Person', entity: 'Organization', ship: 'Vessel' };

type Name = { type: string; strength: string; full: string };

async function headerOf(file: string): Promise<'subjects' | 'names'> {
  for await (const { fields } of readCsvRows(file)) {
    if (fields.includes('name_id')) return 'names';
    if (fields.includes('subject_type')) return 'subjects';
    throw new ImportFileError(fileLabel(file), 'line 1', `wrong header for the UK list: expected subjects.csv (${SUBJECT_COLUMNS.join(',')}) or subject_names.csv (${NAME_COLUMNS.join(',')}), found ${fields.slice(0, 6).join(',')}`);
  }
  throw new ImportFileError(fileLabel(file), null, 'the file is empty');
}

export function parseUkCsv(files: string[], ctx: ParseContext): ParsedImport {
  const total = files.reduce((n, f) => n + fileSize(f), 0);
  let records = 0;

  async function* generate(): AsyncGenerator<SourceRecord> {
    const kinds = await Promise.all(files.map(headerOf));
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

  return { records: generate(), liftScope: () => ({ origin: UK_ORIGIN, keyPrefixes: null }), editionDate: null };
}
