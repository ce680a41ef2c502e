// Streaming readers shared by the parsers: bytes → checked UTF-8 text → CSV rows or lines, with
// progress in bytes and clear errors (the file, the line, the problem). Memory stays bounded by the
// longest line, which is itself capped.
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse';
import { ImportFileError } from './types';

/** A real line of any of our formats is far below this; a longer one is a broken or wrong file. */
export const MAX_LINE_BYTES = 4 * 1024 * 1024;

export type TextChunkOptions = { maxLineLength?: number | null; onBytes?: (bytesRead: number) => void };

export function fileLabel(file: string): string {
  return path.basename(file);
}

export function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    throw new ImportFileError(fileLabel(file), null, 'cannot read the file (missing or not a file)');
  }
}

/**
 * The file as UTF-8 text chunks. Refuses an empty file, bytes that are not UTF-8 (naming the line)
 * and, unless `maxLineLength` is null, a line longer than MAX_LINE_BYTES characters.
 */
export async function* readTextChunks(file: string, opts: TextChunkOptions = {}): AsyncGenerator<string> {
  const label = fileLabel(file);
  if (fileSize(file) === 0) throw new ImportFileError(label, null, 'the file is empty');
  const maxLine = opts.maxLineLength === undefined ? MAX_LINE_BYTES : opts.maxLineLength;
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let line = 1;
  let lineLength = 0;
  let bytesRead = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
    bytesRead += chunk.length;
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new ImportFileError(label, `line ${line + newlinesBeforeBadByte(chunk)}`, 'the file is not valid UTF-8 text (wrong encoding? save it as UTF-8)');
    }
    // One pass over the chunk: counts lines and measures each, so the error names the exact line.
    let from = 0;
    for (let nl = text.indexOf('\n'); ; nl = text.indexOf('\n', from)) {
      const segment = (nl === -1 ? text.length : nl) - from;
      lineLength += segment;
      if (maxLine !== null && lineLength > maxLine) {
        throw new ImportFileError(label, `line ${line}`, `a line longer than ${Math.round(maxLine / 1024 / 1024)} MB: not a file of this format, or a broken one`);
      }
      if (nl === -1) break;
      line++;
      lineLength = 0;
      from = nl + 1;
    }
    opts.onBytes?.(bytesRead);
    yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    throw new ImportFileError(label, `line ${line}`, 'the file ends inside a UTF-8 character (truncated or wrong encoding)');
  }
}

/** Lines before the first byte that is not UTF-8 (the lenient decoder marks it with U+FFFD). */
function newlinesBeforeBadByte(chunk: Buffer): number {
  const text = new TextDecoder('utf-8').decode(chunk);
  const bad = text.indexOf('\uFFFD');
  return countNewlines(bad === -1 ? text : text.slice(0, bad));
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export type CsvRow = { fields: string[]; line: number };

/** CSV rows, streamed; a malformed CSV (unterminated quote, stray quote) names its line. */
export async function* readCsvRows(file: string, opts: TextChunkOptions = {}): AsyncGenerator<CsvRow> {
  const label = fileLabel(file);
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, max_record_size: MAX_LINE_BYTES });
  let stopped = false;
  const feed = (async () => {
    try {
      for await (const text of readTextChunks(file, opts)) {
        if (stopped) return;
        if (!parser.write(text)) {
          await new Promise<void>((resolve) => {
            const done = () => {
              parser.off('drain', done);
              parser.off('close', done);
              resolve();
            };
            parser.on('drain', done);
            parser.on('close', done);
          });
        }
      }
      parser.end();
    } catch (err) {
      parser.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  })();
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { fields: rec.record, line: rec.info.lines };
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw csvError(label, err);
  } finally {
    // The reader stopped early (first line checked, or an error): stop feeding the parser.
    stopped = true;
    if (!parser.destroyed) parser.destroy();
    await feed;
  }
}

function csvError(label: string, err: unknown): ImportFileError {
  const e = err as { code?: string; lines?: number; message?: string };
  const where = typeof e.lines === 'number' ? `line ${e.lines}` : null;
  const what: Record<string, string> = {
    CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed (unterminated quote: the file is truncated or broken)',
    CSV_INVALID_CLOSING_QUOTE: 'a quote inside a field is not escaped (invalid closing quote)',
    CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'characters after a closing quote',
    INVALID_OPENING_QUOTE: 'a quote in the middle of a field: not a CSV file of this format (JSON? XML?)',
    CSV_MAX_RECORD_SIZE: 'a record longer than the limit: not a CSV of this format, or a broken one',
  };
  return new ImportFileError(label, where, (e.code && what[e.code]) ?? `not a readable CSV file (${e.message ?? 'parse error'})`);
}

/** CSV with a header row: checks that the columns the parser needs are there, then yields objects. */
export async function* readCsvObjects(file: string, required: readonly string[], formatName: string, opts: TextChunkOptions = {}): AsyncGenerator<{ row: Record<string, string>; line: number }> {
  const label = fileLabel(file);
  let header: string[] | null = null;
  for await (const { fields, line } of readCsvRows(file, opts)) {
    if (!header) {
      header = fields.map((f) => f.trim());
      const missing = required.filter((c) => !header!.includes(c));
      if (missing.length) throw new ImportFileError(label, `line ${line}`, `wrong header for ${formatName}: missing column(s) ${missing.join(', ')} (found ${header.slice(0, 8).join(', ')}${header.length > 8 ? ', …' : ''})`);
      continue;
    }
    if (fields.length !== header.length) throw new ImportFileError(label, `line ${line}`, `expected ${header.length} fields as in the header, found ${fields.length}`);
    const row: Record<string, string> = {};
    header.forEach((h, i) => (row[h] = fields[i] ?? ''));
    yield { row, line };
  }
  if (!header) throw new ImportFileError(label, null, `no header row: not a ${formatName} file`);
}

/** Lines of a text file (JSON lines), streamed. */
export async function* readLines(file: string, opts: TextChunkOptions = {}): AsyncGenerator<{ text: string; line: number }> {
  let rest = '';
  let line = 0;
  for await (const chunk of readTextChunks(file, opts)) {
    const text = rest + chunk;
    let from = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
      line++;
      yield { text: text.slice(from, nl).replace(/\r$/, ''), line };
      from = nl + 1;
    }
    rest = text.slice(from);
  }
  if (rest.length) yield { text: rest.replace(/\r$/, ''), line: line + 1 };
}
