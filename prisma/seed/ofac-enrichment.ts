// The seeded OFAC history (ofac-history.ts) knows each entry's name, type and programs; what OFAC's
// Remarks say of it — dates of birth, nationality, passports and registration numbers, IMO numbers,
// aliases — comes from the last full row OFAC published for each of the 15,892 entries
// (data/ofac-sdn/sdn-last-rows.csv, README there), so lifted entries are enriched too. It is read by
// the importer's own parser (lib/import/ofac-sdn-csv.ts + ofac-remarks.ts: one parser, not two) and
// written by the one loader, as entity values and `Linked To:` links between entries: the
// designations are the history's, so the rows' programs (the last ones, not the history) are left
// out, and nothing is lifted.
// Idempotent: the same file (sha-256) applied before is skipped; applied again, it changes nothing.
import type { PrismaClient } from '../../lib/db/generated/client';
import { systemActor } from '../../lib/db/audit';
import { loadImport } from '../../lib/db/imports';
import { hashFile, parseFiles } from '../../lib/import/run';
import { emptyReport, type SourceRecord } from '../../lib/import/types';
import { dataPath } from './files';
import type { SeedReport } from './util';

export const OFAC_ENRICHMENT_FORMAT = 'ofac-sdn-remarks';

export async function seedOfacEnrichment(db: PrismaClient): Promise<SeedReport> {
  // With OFAC's 2026 ADD.CSV and ALT.CSV (data/ofac-sdn/add-alt-2026/README.md): addresses with their
  // countries and aliases, for the entries still listed in 2026 (the parser attaches them by ent_num).
  const files = [dataPath('ofac-sdn', 'sdn-last-rows.csv'), dataPath('ofac-sdn', 'add-alt-2026', 'add.csv'), dataPath('ofac-sdn', 'add-alt-2026', 'alt.csv')];
  const infos = await Promise.all(files.map(hashFile));
  const sha = infos.map((i) => i.sha256).join(',');
  const before = await db.importRun.findFirst({ where: { format: OFAC_ENRICHMENT_FORMAT, fileSha256: sha, status: 'APPLIED', dryRun: false }, select: { id: true } });
  if (before) return { dataset: 'ofac-enrichment', skipped: `applied before (import run ${before.id})` };
  const ctx = { report: emptyReport() };
  const parsed = parseFiles('ofac-sdn-csv', files, ctx, null);
  async function* entitiesOnly(): AsyncGenerator<SourceRecord> {
    for await (const r of parsed.records) yield { ...r, designations: [] };
  }
  const result = await loadImport(entitiesOnly(), () => null, {
    db, actor: systemActor('system:seed'), format: OFAC_ENRICHMENT_FORMAT, files: infos, dryRun: false, editionDate: () => null, report: ctx.report,
    // Resolution runs once, over every list, as the seed's last step.
    resolve: false,
  });
  const unmapped = Object.entries(ctx.report.warnings).filter(([k]) => k.startsWith('remarks: unmapped')).reduce((n, [, v]) => n + v, 0);
  return { dataset: 'ofac-enrichment', records: result.records, created: result.created, enriched: result.changed, unchanged: result.unchanged, unmappedRemarkLabels: unmapped };
}
