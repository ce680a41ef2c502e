// Sanity of a downloaded file before it may reach the importer: a publisher's fault (a login or
// error page after a redirect, a truncated body, the wrong file) must fail the sync, never be read as
// an edition. Pure checks over headers and the file's first and last bytes.
import { open } from 'node:fs/promises';
import type { ImportFormat } from '../../import/types';

export type FileKind = 'xml' | 'csv' | 'jsonl';

export function fileKindOf(format: ImportFormat): FileKind {
  switch (format) {
    case 'ofac-sdn-xml':
    case 'un-xml':
    case 'eu-xml':
    case 'uk-xml':
      return 'xml';
    case 'ofac-sdn-csv':
    case 'eu-csv':
    case 'uk-csv':
      return 'csv';
    case 'ftm':
      return 'jsonl';
  }
}

// NOTE: generic download types are accepted (many publishers serve files as octet-stream); the
// content is sniffed then. text/html is never a list.
const GENERIC = new Set(['application/octet-stream', 'binary/octet-stream', 'application/download', 'application/force-download']);
const PLAUSIBLE: Record<FileKind, (type: string) => boolean> = {
  xml: (t) => t === 'application/xml' || t === 'text/xml' || /^application\/[\w.+-]+\+xml$/.test(t),
  csv: (t) => ['text/csv', 'text/plain', 'application/csv', 'text/comma-separated-values', 'application/vnd.ms-excel'].includes(t),
  jsonl: (t) => ['application/json', 'application/x-ndjson', 'application/jsonl', 'text/plain'].includes(t),
};

/** null when plausible for the kind of file, else why not. */
export function contentTypeProblem(kind: FileKind, header: string | null | undefined): string | null {
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase();
  if (!type || GENERIC.has(type)) return null;
  if (type === 'text/html' || type === 'application/xhtml+xml') return `the server sent an HTML page (Content-Type ${type}), not the ${kind.toUpperCase()} file: a login or error page, perhaps after a redirect`;
  if (PLAUSIBLE[kind](type)) return null;
  return `unexpected Content-Type ${type} for a ${kind.toUpperCase()} file`;
}

const HTML_START = /^\s*(<!--[\s\S]*?-->\s*)*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i;

/** Checks the first bytes (decoded leniently): an HTML page, or content of the wrong kind. */
export function headProblem(kind: FileKind, head: string): string | null {
  const text = head.replace(/^\uFEFF/, '');
  if (HTML_START.test(text)) return 'the file is an HTML page, not the list: a login or error page, perhaps after a redirect';
  const first = text.trimStart()[0];
  if (kind === 'xml' && first !== '<') return 'the file does not start like XML';
  if (kind === 'csv' && first === '<') return 'the file looks like markup, not CSV';
  if (kind === 'jsonl' && first !== '{') return 'the file does not start like JSON lines';
  return null;
}

/** The root element's name: the first tag after the prolog (declaration, comments, doctype). */
export function xmlRootName(head: string): string | null {
  const text = head.replace(/^\uFEFF/, '').replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/g, '');
  return /<([A-Za-z_][\w.:-]*)/.exec(text)?.[1] ?? null;
}

/** A complete XML file ends by closing its root element (a cut file does not); null when it does. */
export function xmlEndProblem(head: string, tail: string): string | null {
  const root = xmlRootName(head);
  if (!root) return 'no XML root element found';
  const end = tail.replace(/(<!--[\s\S]*?-->|\s|\0)+$/, '');
  if (new RegExp(`</${root.replace(/[.]/g, '\\.')}\\s*>$`).test(end)) return null;
  return `the XML does not end by closing its root element <${root}>: the file is truncated`;
}

/** The first and last bytes of a file, as text. */
export async function readEnds(file: string, bytes = 64 * 1024): Promise<{ head: string; tail: string; size: number }> {
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    const headBuf = Buffer.alloc(Math.min(bytes, size));
    await fh.read(headBuf, 0, headBuf.length, 0);
    const tailLen = Math.min(bytes, size);
    const tailBuf = Buffer.alloc(tailLen);
    await fh.read(tailBuf, 0, tailLen, size - tailLen);
    return { head: headBuf.toString('utf8'), tail: tailBuf.toString('utf8'), size };
  } finally {
    await fh.close();
  }
}

/** Every content check of a downloaded file; null when it may be imported. */
export async function fileProblem(kind: FileKind, file: string): Promise<string | null> {
  const { head, tail, size } = await readEnds(file);
  if (size === 0) return 'the file is empty';
  return headProblem(kind, head) ?? (kind === 'xml' ? xmlEndProblem(head, tail) : null);
}
