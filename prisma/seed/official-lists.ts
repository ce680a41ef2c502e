// The real EU, UK and UN lists of data/ (the EU annex CSVs, the UK subjects/names CSVs, the UN XML),
// loaded through the same importers an admin uses (lib/import), so the timeline compares
// authorities on real data. Idempotent like every import: a second seed finds nothing to change.
// NOTE: runs after the drone case. The curated case gives its EU and UK records (under the keys the
// importers use: celex#annex#recordId, Unique ID) to the entities it unifies with OFAC; imported
// afterwards, the lists find those records and add to them instead of making duplicates.
// NOTE: a list whose exact files (sha-256) were applied before is skipped. Re-importing them would
// change nothing (the loader is idempotent; tested in lib/import), but costs ~10 s per start on the
// embedded database; and re-applying an old file after an admin imported a newer edition would
// lift what the newer one added.
import type { PrismaClient } from '../../lib/db/generated/client';
import { systemActor } from '../../lib/db/audit';
import { hashFile, runImport } from '../../lib/import/run';
import type { ImportFormat } from '../../lib/import/types';
import { dataPath } from './files';
import type { SeedReport } from './util';

export const SEED_LISTS: ReadonlyArray<{ name: string; format: ImportFormat; files: string[][] }> = [
  { name: 'eu', format: 'eu-csv', files: [['eu', '32012R0267.csv'], ['eu', '32014R0269.csv'], ['eu', '32023R1529.csv']] },
  { name: 'uk', format: 'uk-csv', files: [['uk', 'subjects.csv'], ['uk', 'subject_names.csv']] },
  { name: 'un', format: 'un-xml', files: [['un', 'consolidated-2018-08-27.xml']] },
];

export async function seedOfficialLists(db: PrismaClient): Promise<SeedReport> {
  const report: SeedReport = { dataset: 'official-lists' };
  for (const list of SEED_LISTS) {
    const files = list.files.map((f) => dataPath(...f));
    const shas = (await Promise.all(files.map(hashFile))).map((f) => f.sha256).join(',');
    const before = await db.importRun.findFirst({ where: { format: list.format, fileSha256: shas, status: 'APPLIED', dryRun: false }, select: { id: true } });
    if (before) {
      report[list.name] = `skipped: these files were applied before (import run ${before.id})`;
      continue;
    }
    const result = await runImport({ format: list.format, files, actor: systemActor('system:seed'), db });
    report[list.name] = `created ${result.created}, changed ${result.changed}, lifted ${result.lifted}, unchanged ${result.unchanged}`;
  }
  return report;
}
