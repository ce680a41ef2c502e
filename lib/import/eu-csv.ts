// EU annex listings as OpenSanctions transcribes the Official Journal (data/eu/README.md): one row
// per listing in an annex of a Council regulation, `startDate` = the annex's "date of listing".
// One file = one act (CELEX); an entry that disappears from a newer consolidation of the same act
// is lifted, entries of other acts are left alone.
// Edition date: the format states none; a YYYY-MM-DD date in the file names (`32014R0269-2024-05-03.csv`)
// is taken when every file's name holds the same one.
import { parseDottedDate, parsePartialDate, type PartialDate } from '../dates';
import { eurLexUrl, euActName } from '../sources/legal-links';
import { fileLabel, fileSize, readCsvObjects } from './read';
import { ImportFileError, type EntityRecord, type EntitySchemaName, type ParseContext, type ParsedImport, type SourceRecord } from './types';

export const EU_AUTHORITY = 'EU';
export const EU_ORIGIN = 'eu-journal';

const REQUIRED = ['celex', 'recordId', 'programKey', 'annex', 'measure', 'startDate', 'reason', 'schema', 'name'] as const;
const SCHEMAS: readonly EntitySchemaName[] = ['Person', 'Organization', 'Company', 'LegalEntity', 'Vessel', 'Airplane'];
const IDENTIFIER_COLUMNS = ['passportNumber', 'registrationNumber', 'taxNumber', 'idNumber', 'innCode', 'ogrnCode', 'kppCode', 'okpoCode', 'leiCode', 'swiftBic', 'imoNumber', 'mmsi'] as const;
const EXTRA_COLUMNS = ['birthPlace', 'position', 'gender', 'appearance', 'ethnicity', 'fatherName', 'motherName', 'legalForm', 'sector', 'ticker', 'flag', 'phone', 'email', 'website'] as const;
const CONSUMED = new Set<string>([...REQUIRED, 'alias', 'weakAlias', 'previousName', 'country', 'nationality', 'jurisdiction', 'birthDate', 'incorporationDate', 'address', 'notes', ...IDENTIFIER_COLUMNS, ...EXTRA_COLUMNS]);

/**
 * The listing's identity. NOTE: recordId is numbered per annex section (III.A #1 is a person, III.B
 * #1 a company), so the annex is part of the key; celex#recordId alone would merge two listings.
 */
export const euOriginKey = (row: { celex: string; annex: string; recordId: string }) => `${row.celex}#${row.annex}#${row.recordId}`;

const split = (v: string | undefined) => (v ?? '').split(';').map((x) => x.trim()).filter(Boolean);

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** '18 April 2012' (a few annex rows spell the month out) → a day-precision date. */
export function parseWordDate(value: string): PartialDate | null {
  const m = /^(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})$/.exec(value.trim());
  const month = m ? MONTHS.indexOf((m[2] ?? '').toLowerCase()) + 1 : 0;
  if (!m || !month) return null;
  return parsePartialDate(`${m[3]}-${String(month).padStart(2, '0')}-${(m[1] ?? '').padStart(2, '0')}`);
}

/** '26.11.1972', '1958; 1959', '1972-11-26', '18 April 2012' → the first date that parses. */
export function parseEuDate(value: string): PartialDate | null {
  for (const part of split(value)) {
    const d = parseDottedDate(part) ?? parsePartialDate(part) ?? parseWordDate(part);
    if (d) return d;
  }
  return null;
}

/** The date every file's name holds (YYYY-MM-DD), or null: a name without one, or two different ones. */
export function euCsvEditionDate(files: string[]): string | null {
  const dates = new Set(files.map((f) => /(\d{4}-\d{2}-\d{2})/.exec(fileLabel(f))?.[1] ?? ''));
  const [date] = [...dates];
  return dates.size === 1 && date && parsePartialDate(date) ? date : null;
}

export function parseEuCsv(files: string[], ctx: ParseContext): ParsedImport {
  const celexes = new Set<string>();
  const total = files.reduce((n, f) => n + fileSize(f), 0);
  let records = 0;

  async function* generate(): AsyncGenerator<SourceRecord> {
    let before = 0;
    for (const file of files) {
      const label = fileLabel(file);
      for await (const { row, line } of readCsvObjects(file, REQUIRED, 'the EU annex CSV (celex,recordId,programKey,annex,…)', {
        onBytes: (b) => ctx.onProgress?.({ bytesRead: before + b, bytesTotal: total, records }),
      })) {
        const celex = row.celex ?? '';
        const recordId = row.recordId ?? '';
        const annex = row.annex ?? '';
        if (!/^3\d{4}[A-Z]\d{4}$/.test(celex)) throw new ImportFileError(label, `line ${line}`, `"${celex}" is not a CELEX number of an EU act`);
        if (!recordId) throw new ImportFileError(label, `line ${line}`, 'the recordId is empty');
        const schema = row.schema as EntitySchemaName;
        if (!SCHEMAS.includes(schema)) throw new ImportFileError(label, `line ${line}`, `unknown schema "${row.schema}"`);
        const name = (row.name ?? '').trim();
        if (!name) throw new ImportFileError(label, `line ${line}`, 'the name is empty');
        const startDate = (row.startDate ?? '').trim();
        const listing = startDate ? (parseDottedDate(startDate) ?? parseWordDate(startDate)) : null;
        if (startDate && !listing) throw new ImportFileError(label, `line ${line}`, `the date of listing "${startDate}" is not a D.M.YYYY date`);
        celexes.add(celex);
        const key = euOriginKey({ celex, annex, recordId });
        const extra: Record<string, unknown> = { annex, programKey: row.programKey };
        for (const c of EXTRA_COLUMNS) if (row[c]) extra[c] = row[c];
        for (const c of Object.keys(row)) if (!CONSUMED.has(c) && row[c]) extra[c] = row[c];
        if (row.birthDate) extra.birthDateText = row.birthDate;
        if (row.incorporationDate) extra.incorporationDateText = row.incorporationDate;
        const birth = schema === 'Person' ? parseEuDate(row.birthDate ?? '') : parseEuDate(row.incorporationDate ?? '');
        const entity: EntityRecord = {
          source: EU_ORIGIN,
          externalId: key,
          schema,
          name,
          aliases: [
            ...split(row.alias).map((n) => ({ name: n, kind: 'ALIAS' as const })),
            ...split(row.weakAlias).map((n) => ({ name: n, kind: 'WEAK_ALIAS' as const })),
            ...split(row.previousName).map((n) => ({ name: n, kind: 'PREVIOUS_NAME' as const })),
          ].filter((a) => a.name !== name),
          countries: [...new Set([...split(row.country), ...split(row.nationality), ...split(row.jurisdiction)])],
          addresses: row.address ? [row.address.trim()] : [],
          birthDate: birth,
          identifiers: IDENTIFIER_COLUMNS.flatMap((c) => split(row[c]).map((value) => ({ type: c, value, country: null }))),
          notes: row.notes?.trim() || null,
          extra,
        };
        records++;
        yield {
          key,
          at: `${label} line ${line}`,
          entity,
          designations: [
            {
              origin: EU_ORIGIN,
              originKey: key,
              entity: { source: EU_ORIGIN, externalId: key },
              authorityId: EU_AUTHORITY,
              // NOTE: EU programs are the Council acts (CELEX), as in the seed; the regime key is kept in extra.
              programs: [celex],
              programInfo: { [celex]: { legalBasis: euActName(celex), url: eurLexUrl(celex) } },
              listingDate: listing,
              startDate: listing,
              endDate: null,
              reason: row.reason?.trim() || null,
              measures: split(row.measure),
              legalAct: euActName(celex),
              authorityRecordId: recordId,
              sourceUrl: eurLexUrl(celex),
            },
          ],
          relationships: [],
        };
      }
      before += fileSize(file);
    }
  }

  return { records: generate(), liftScope: () => ({ origin: EU_ORIGIN, keyPrefixes: [...celexes].map((c) => `${c}#`) }), editionDate: () => euCsvEditionDate(files) };
}
