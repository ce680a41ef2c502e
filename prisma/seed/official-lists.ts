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

// editionDate: the EU journal CSVs (OpenSanctions' 2026 consolidations) state no edition date; the
// latest listing date they hold (30.7.2026, data/eu/README.md) is the earliest the edition can be.
// The UK and UN files state theirs (the UK list's latest last_updated, the UN's dateGenerated; the
// parsers read the same, tested in lib/import/list-formats.test.ts). scopes: the edition registry's.
export const SEED_LISTS: ReadonlyArray<{ name: string; format: ImportFormat; files: string[][]; editionDate: string; scopes: string[] }> = [
  {
    name: 'eu', format: 'eu-csv', files: [['eu', '32012R0267.csv'], ['eu', '32014R0269.csv'], ['eu', '32023R1529.csv']], editionDate: '2026-07-30',
    scopes: ['eu-journal:32012R0267', 'eu-journal:32014R0269', 'eu-journal:32023R1529'],
  },
  { name: 'uk', format: 'uk-csv', files: [['uk', 'subjects.csv'], ['uk', 'subject_names.csv']], editionDate: '2026-04-29', scopes: ['uk-list'] },
  { name: 'un', format: 'un-xml', files: [['un', 'consolidated-2018-08-27.xml']], editionDate: '2018-08-24', scopes: ['un-sc'] },
];

export async function seedOfficialLists(db: PrismaClient): Promise<SeedReport> {
  const report: SeedReport = { dataset: 'official-lists' };
  for (const list of SEED_LISTS) {
    const files = list.files.map((f) => dataPath(...f));
    const shas = (await Promise.all(files.map(hashFile))).map((f) => f.sha256).join(',');
    const before = await db.importRun.findFirst({ where: { format: list.format, fileSha256: shas, status: 'APPLIED', dryRun: false }, select: { id: true } });
    if (before) {
      // A database seeded before the edition registry existed: record what it holds.
      const infos = await Promise.all(files.map(hashFile));
      await db.listEdition.createMany({
        data: list.scopes.map((scope) => ({
          scope, editionDate: new Date(`${list.editionDate}T00:00:00Z`), checksum: shas, format: list.format, fileName: infos.map((f) => f.name).join(', '), records: 0, source: 'seed', importRunId: before.id,
        })),
        skipDuplicates: true,
      });
      report[list.name] = `skipped: these files were applied before (import run ${before.id})`;
      continue;
    }
    // Resolution runs once, over every list, as the seed's last step (seed/resolution.ts).
    const result = await runImport({ format: list.format, files, actor: systemActor('system:seed'), db, editionDate: list.editionDate, editionSource: 'seed', resolve: false });
    report[list.name] = `created ${result.created}, changed ${result.changed}, lifted ${result.lifted}, unchanged ${result.unchanged}`;
  }
  return report;
}
