// One import run: files → the format's streaming parser → the loader (lib/db/imports.ts).
// Used by the CLI (scripts/import.ts), the benchmark and the tests.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { PrismaClient } from '../db/generated/client';
import { loadImport, recordFailedImport, type ImportFileInfo, type ImportResult } from '../db/imports';
import type { Actor } from '../db/audit';
import { parseOfacSdnCsv } from './ofac-sdn-csv';
import { parseEuCsv } from './eu-csv';
import { parseUkCsv, parseUkXml } from './uk-csv';
import { parseOfacSdnXml } from './ofac-sdn-xml';
import { parseEuXml } from './eu-xml';
import { parseUnXml } from './un-xml';
import { parseFtm } from './ftm';
import { fileLabel, fileSize } from './read';
import { sanitizeRecords } from './sanitize';
import { normalizeRecords } from './normalize';
import { emptyReport, type ImportFormat, type ParseContext, type ParsedImport, type ParseProgress } from './types';

export type RunImportOptions = {
  format: ImportFormat;
  files: string[];
  dryRun?: boolean;
  actor: Actor;
  db?: PrismaClient;
  editionDate?: string | null;
  allowMassLift?: boolean;
  /** Apply an edition older than the latest the database holds (audited). */
  allowOlder?: boolean;
  /** Who the edition registry names as the writer. */
  editionSource?: 'import' | 'seed';
  onProgress?: (p: ParseProgress) => void;
  onPhase?: (phase: 'staged' | 'writing' | 'applying', records: number) => void;
  today?: string;
  /** false: no cross-list resolution after the apply (the seed resolves once, at its end). */
  resolve?: boolean;
};

/**
 * The records of the files, as every run reads them: the format's parser, then the import's text
 * policy (lib/import/sanitize.ts), then countries and identifiers as codes (lib/import/normalize.ts)
 * — the one place every format passes through on its way to the loader, so no parser can skip it.
 */
export function parseFiles(format: ImportFormat, files: string[], ctx: ParseContext, editionDate?: string | null): ParsedImport {
  const parsed = parseFormat(format, files, ctx, editionDate);
  return { ...parsed, records: normalizeRecords(sanitizeRecords(parsed.records, ctx.report), ctx.report) };
}

function parseFormat(format: ImportFormat, files: string[], ctx: ParseContext, editionDate?: string | null): ParsedImport {
  switch (format) {
    case 'ofac-sdn-csv':
      return parseOfacSdnCsv(files, ctx, { editionDate });
    case 'ofac-sdn-xml':
      return parseOfacSdnXml(files, ctx);
    case 'eu-csv':
      return parseEuCsv(files, ctx);
    case 'eu-xml':
      return parseEuXml(files, ctx);
    case 'uk-xml':
      return parseUkXml(files, ctx);
    case 'uk-csv':
      return parseUkCsv(files, ctx);
    case 'un-xml':
      return parseUnXml(files, ctx);
    case 'ftm':
      return parseFtm(files, ctx);
  }
}

export async function hashFile(file: string): Promise<ImportFileInfo> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) hash.update(chunk);
  return { name: fileLabel(file), sha256: hash.digest('hex'), bytes: fileSize(file) };
}

export async function runImport(opts: RunImportOptions): Promise<ImportResult> {
  const startedAt = new Date();
  const infos: ImportFileInfo[] = [];
  for (const f of opts.files) infos.push(await hashFile(f));
  const ctx: ParseContext = { onProgress: opts.onProgress, report: emptyReport() };
  try {
    const parsed = parseFiles(opts.format, opts.files, ctx, opts.editionDate);
    return await loadImport(parsed.records, parsed.liftScope, {
      db: opts.db,
      actor: opts.actor,
      format: opts.format,
      files: infos,
      dryRun: opts.dryRun ?? false,
      editionDate: () => opts.editionDate ?? parsed.editionDate(),
      allowMassLift: opts.allowMassLift,
      allowOlder: opts.allowOlder,
      editionSource: opts.editionSource,
      report: ctx.report,
      onStage: (s) => opts.onPhase?.(s.phase, s.records),
      today: opts.today,
      resolve: opts.resolve,
    });
  } catch (err) {
    if (!opts.dryRun) {
      const message = err instanceof Error ? err.message : String(err);
      await recordFailedImport({ db: opts.db, actor: opts.actor, format: opts.format, files: infos, error: message, startedAt }).catch(() => undefined);
    }
    throw err;
  }
}
