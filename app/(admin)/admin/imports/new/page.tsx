import { requirePagePrincipal } from '@/lib/auth/session';
import type { Metadata } from 'next';
import Link from 'next/link';
import { env } from '@/lib/env';
import { IMPORT_FORMATS } from '@/lib/import/types';
import { ImportUploader } from '@/components/admin/import-uploader';

export const metadata: Metadata = { title: 'New import · Admin' };

/** What each format expects; a format added to IMPORT_FORMATS shows with its code until described here. */
const FORMAT_INFO: Record<string, { label: string; files: string }> = {
  'ofac-sdn-csv': { label: 'OFAC SDN.CSV (or the consolidated list, CONS_PRIM.CSV)', files: 'sdn.csv (name it with the edition date, e.g. sdn-2024-05-10.csv), plus optional add.csv and alt.csv' },
  'ofac-sdn-xml': { label: 'OFAC advanced XML (SDN_ADVANCED.XML)', files: 'one XML file' },
  'eu-csv': { label: 'EU annex listing CSV', files: 'one or more annex CSVs' },
  'eu-xml': { label: 'EU Financial Sanctions Files XML', files: 'one XML file' },
  'uk-csv': { label: 'UK Sanctions List CSV', files: 'subjects.csv and subject_names.csv' },
  'un-xml': { label: 'UN Security Council consolidated list XML', files: 'one XML file (consolidated.xml)' },
  ftm: { label: 'FollowTheMoney JSON lines (OpenSanctions)', files: 'one or more .ftm.json files' },
};

export default async function NewImportPage() {
  await requirePagePrincipal('import:run');
  const formats = IMPORT_FORMATS.map((id) => ({ id, label: FORMAT_INFO[id]?.label ?? id, files: FORMAT_INFO[id]?.files ?? 'see the README' }));
  return (
    <>
      <header className="page-header">
        <div>
          <h1>New import</h1>
          <p className="muted">
            Upload an official list. A dry run shows first what it would change — nothing is written until you apply it. The import is all or nothing: a bad file changes nothing. Past runs are in the <Link href="/admin/imports">import history</Link>.
          </p>
        </div>
      </header>
      <ImportUploader formats={formats} maxMb={env.IMPORT_MAX_UPLOAD_MB} />
    </>
  );
}
