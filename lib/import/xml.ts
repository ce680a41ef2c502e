// Streaming XML for the list formats: saxes over the checked UTF-8 text chunks of read.ts. Only the
// subtrees a parser asks for are built (one list entry, one reference value), so memory is bounded
// by the largest entry, not the file. Namespace prefixes are dropped: the lists differ only in them.
import { SaxesParser } from 'saxes';
import { fileLabel, fileSize, readTextChunks } from './read';
import { ImportFileError, type ParseContext, type SourceRecord } from './types';

/** One element: its local name, attributes, text and child elements. */
export type XmlElement = { name: string; attrs: Record<string, string>; text: string; children: XmlElement[] };

const local = (name: string) => name.slice(name.indexOf(':') + 1);

export const xmlKids = (n: XmlElement | undefined, name: string) => n?.children.filter((c) => c.name === name) ?? [];
export const xmlKid = (n: XmlElement | undefined, name: string) => n?.children.find((c) => c.name === name);
export const xmlText = (n: XmlElement | undefined) => (n?.text ?? '').replace(/\s+/g, ' ').trim();
/** The trimmed text of the first child `name`. */
export const xmlVal = (n: XmlElement | undefined, name: string) => xmlText(xmlKid(n, name));
/** The trimmed attribute, '' when absent. */
export const xmlAttr = (n: XmlElement | undefined, name: string) => (n?.attrs[name] ?? '').trim();
/** Every descendant named `name`, depth first. */
export function xmlFind(n: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of n.children) {
    if (c.name === name) out.push(c);
    xmlFind(c, name, out);
  }
  return out;
}

export type XmlStreamOptions = {
  file: string;
  ctx: ParseContext;
  /** The root elements this format accepts, and what the file is called in errors ('an EU FSF export'). */
  roots: readonly string[];
  formatName: string;
  /** Build a subtree for this element? `path` is the names of its ancestors, the root first. */
  capture: (name: string, path: readonly string[]) => boolean;
  /** A captured subtree is complete: return what it yields (records), or throw to name a problem. */
  onElement: (el: XmlElement, path: readonly string[], where: string) => void;
  /** Records are counted by the caller; it reports how many it has yielded. */
  records: () => number;
};

/**
 * Streams the file through saxes. `onElement` runs for each captured subtree as it closes; the
 * generator yields after each chunk so the caller can hand out what its handler has queued.
 */
export async function* streamXml(opts: XmlStreamOptions): AsyncGenerator<void> {
  const label = fileLabel(opts.file);
  const total = fileSize(opts.file);
  const parser = new SaxesParser({ xmlns: false, position: true });
  const path: string[] = [];
  const stack: XmlElement[] = [];
  let root: string | null = null;
  let failure: Error | null = null;
  const where = () => `line ${parser.line}`;
  parser.on('opentag', (tag) => {
    const name = local(tag.name);
    if (path.length === 0) {
      root = name;
      if (!opts.roots.includes(name)) failure ??= new ImportFileError(label, where(), `the root element is <${name}>, not <${opts.roots.join('> or <')}>: not ${opts.formatName}`);
    }
    if (stack.length || (!failure && path.length > 0 && opts.capture(name, path))) {
      const attrs: Record<string, string> = {};
      for (const [k, v] of Object.entries(tag.attributes)) attrs[local(k)] = String(v);
      const el: XmlElement = { name, attrs, text: '', children: [] };
      stack.at(-1)?.children.push(el);
      stack.push(el);
    }
    path.push(name);
  });
  const onText = (t: string) => {
    const top = stack.at(-1);
    if (top) top.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    path.pop();
    const el = stack.pop();
    if (el && stack.length === 0 && !failure) {
      try {
        opts.onElement(el, path, where());
      } catch (err) {
        failure = err instanceof ImportFileError ? err : new ImportFileError(label, `${el.name} ending ${where()}`, err instanceof Error ? err.message : String(err));
      }
    }
  });
  const strip = (err: unknown) => (err instanceof Error ? err.message : String(err)).replace(/^(?:[^:]*:)?\d+:\d+: /, '');
  for await (const chunk of readTextChunks(opts.file, { maxLineLength: null, onBytes: (b) => opts.ctx.onProgress?.({ bytesRead: b, bytesTotal: total, records: opts.records() }) })) {
    try {
      parser.write(chunk);
    } catch (err) {
      throw new ImportFileError(label, where(), `malformed XML: ${strip(err)}`);
    }
    if (failure) throw failure;
    yield;
  }
  try {
    parser.close();
  } catch (err) {
    throw new ImportFileError(label, where(), `the XML ends before it is complete (truncated file?): ${strip(err)}`);
  }
  if (failure) throw failure;
  if (!root) throw new ImportFileError(label, null, `no XML element found: not ${opts.formatName}`);
  yield;
}

/** 'YYYY-MM-DD…' / 'DD/MM/YYYY' helpers live in lib/dates; this one reads XML's xs:date (with an optional zone). */
export const xsDate = (v: string) => /^(\d{4}-\d{2}-\d{2})/.exec(v.trim())?.[1] ?? '';

/**
 * streamXml for the parsers that make records: the handler pushes onto `queue` (from wherever it
 * builds them), and after each chunk this yields what is queued, counting it for the progress bar.
 */
export async function* drainXml(opts: Omit<XmlStreamOptions, 'records'>, queue: SourceRecord[]): AsyncGenerator<SourceRecord> {
  let records = 0;
  for await (const _ of streamXml({ ...opts, records: () => records })) {
    void _;
    while (queue.length) {
      records++;
      yield queue.shift()!;
    }
  }
}
