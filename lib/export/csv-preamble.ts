// The opt-in CSV preamble (issue 26; `?preamble=1`): what the file is, its filters, the data's
// as-of and its sources, as "field,value" lines before the header, then one empty line. Off by
// default: scripts expect the header on row 1. Every cell goes through csvCell, like the rows.
import { csvCell } from './csv-cell';

export type CsvPreamble = { title: string; filters: string; asOf: string; sources: string; generatedAt: Date; frozen?: string | null };

/** The query parameter that asks for it, and the values that mean yes. */
export const PREAMBLE_PARAM = 'preamble';
export function wantsPreamble(value: string | null | undefined): boolean {
  return value === '1' || value === 'true' || value === 'yes';
}

export function csvPreamble(p: CsvPreamble): string {
  const lines: Array<[string, string]> = [
    ['title', p.title],
    ['filters', p.filters],
    ['data_as_of', p.asOf],
    ...(p.frozen ? ([['frozen', p.frozen]] as Array<[string, string]>) : []),
    ['sources', p.sources],
    ['generated', p.generatedAt.toISOString()],
  ];
  return lines.map(([k, v]) => `${csvCell(`# ${k}`)},${csvCell(v)}`).join('\r\n') + '\r\n\r\n';
}
