// The official publications the app can sync (issue 27): what each source fetches, how its files are
// read, where its edition date comes from, and when it is checked. Seeded into list_source
// (prisma/seed/sources.ts) DISABLED — a closed network is the common case — and admin-editable there;
// this file is only the default.
//
// NOTE: the addresses below come from the publishers' documentation and pages found in the stored
// documentation (cited per source). The network here cannot reach them: NONE was checked live. An
// admin who finds one moved edits the source's `urls` (or points it at a local mirror); the
// `officialUrls` keep the documented addresses.
import type { ImportFormat } from '../import/types';

/** Where a source's edition date comes from. */
export const EDITION_DATE_FROM = ['file', 'last-modified'] as const;
/**
 * 'file': the file states it (OFAC advanced XML `DateOfIssue`, EU FSF `generationDate`, UN
 * `dateGenerated`, UK list date); 'last-modified': the newest `Last-Modified` of the set, as a UTC
 * date (the OFAC CSV set states none).
 */
export type EditionDateFrom = (typeof EDITION_DATE_FROM)[number];

export type SourceDefinition = {
  id: string;
  name: string;
  format: ImportFormat;
  /** Fetched and applied as one unit, in this order. */
  urls: readonly string[];
  docsUrl: string;
  editionDateFrom: EditionDateFrom;
  /** croner pattern, UTC. */
  schedule: string;
};

// NOTE: schedules are spread over the hour so that one app does not fetch every list at once; each
// runs a few hours a day around when the publisher usually updates. A check that finds no change
// costs one conditional request per file.
export const SOURCE_REGISTRY: readonly SourceDefinition[] = [
  {
    // OFAC Sanctions List Service file exports: SDN.CSV (12 columns), ADD.CSV, ALT.CSV — the legacy
    // "classic" set, applied as one unit (ADD and ALT attach to SDN's ent_num). The files carry no date.
    // Docs: https://ofac.treasury.gov/sdn-list-data-formats-data-schemas (file list, data spec);
    // the same three-part set at the older treasury.gov/ofac/downloads/{sdn,add,alt}.csv addresses is
    // documented in Oracle's screening guide,
    // https://docs.oracle.com/en/industries/financial-services/ofs-analytical-applications/customer-screening/8.1.2.9.0/csoag/preconfigured-watch-list-information.html
    // ("must be downloaded in three parts"). OFAC's FAQ on list files:
    // https://ofac.treasury.gov/faqs/topic/1641. Not checked live.
    id: 'ofac-sdn',
    name: 'OFAC Specially Designated Nationals (SDN) list — CSV set',
    format: 'ofac-sdn-csv',
    urls: [
      'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.CSV',
      'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADD.CSV',
      'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ALT.CSV',
    ],
    docsUrl: 'https://ofac.treasury.gov/sdn-list-data-formats-data-schemas',
    editionDateFrom: 'last-modified',
    schedule: '15 */2 * * *',
  },
  {
    // OFAC's consolidated non-SDN list in the same layout: CONS_PRIM.CSV + CONS_ADD.CSV + CONS_ALT.CSV,
    // read by our SDN.CSV importer (origin 'ofac-cons': the main file's name holds "cons"), as
    // data/ofac-cons/cons_prim-2025-03.csv is. File names: OFAC's page
    // https://ofac.treasury.gov/consolidated-sanctions-list-non-sdn-lists ("DATA CENTER"), and the
    // treasury.gov/ofac/downloads/consolidated/cons_{prim,add,alt}.csv set in Oracle's guide above.
    // Not checked live.
    id: 'ofac-cons',
    name: 'OFAC Consolidated (non-SDN) list — CSV set',
    format: 'ofac-sdn-csv',
    urls: [
      'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONS_PRIM.CSV',
      'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONS_ADD.CSV',
      'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONS_ALT.CSV',
    ],
    docsUrl: 'https://ofac.treasury.gov/consolidated-sanctions-list-non-sdn-lists',
    editionDateFrom: 'last-modified',
    schedule: '20 */2 * * *',
  },
  {
    // EU Financial Sanctions Files, XML 1.1 (`<export generationDate=…>`). The token is the public
    // constant the Commission's own RSS feed of the files carries, not a credential:
    // https://webgate.ec.europa.eu/fsd/fsf/public/rss (lists the PDF/CSV/XML files with this token).
    // Not checked live. See the EU policy in lib/db/sources/sync.ts: refused on a database whose EU
    // listings came from the annex CSVs.
    id: 'eu-fsf',
    name: 'EU Financial Sanctions Files (consolidated list, XML 1.1)',
    format: 'eu-xml',
    urls: ['https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw'],
    docsUrl: 'https://webgate.ec.europa.eu/fsd/fsf/public/rss',
    editionDateFrom: 'file',
    schedule: '25 */3 * * *',
  },
  {
    // The FCDO's UK Sanctions List, XML (`<Designations>`), the only UK list since OFSI's
    // Consolidated List closed on 28 January 2026. Publication page:
    // https://www.gov.uk/government/publications/the-uk-sanctions-list; format guide:
    // https://www.gov.uk/guidance/format-guide-for-the-uk-sanctions-list. Not checked live.
    id: 'uk-list',
    name: 'UK Sanctions List (FCDO), XML',
    format: 'uk-xml',
    urls: ['https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml'],
    docsUrl: 'https://www.gov.uk/government/publications/the-uk-sanctions-list',
    editionDateFrom: 'file',
    schedule: '35 */3 * * *',
  },
  {
    // UN Security Council Consolidated List, XML (`<CONSOLIDATED_LIST dateGenerated=…>`), linked from
    // https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list. Not checked live.
    id: 'un-sc',
    name: 'UN Security Council Consolidated List, XML',
    format: 'un-xml',
    urls: ['https://scsanctions.un.org/resources/xml/en/consolidated.xml'],
    docsUrl: 'https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list',
    editionDateFrom: 'file',
    schedule: '45 */3 * * *',
  },
];

export function getSourceDefinition(id: string): SourceDefinition | undefined {
  return SOURCE_REGISTRY.find((s) => s.id === id);
}

/** The hosts a proxy or firewall must let the app reach when every official source is enabled. */
export function officialHosts(): string[] {
  return [...new Set(SOURCE_REGISTRY.flatMap((s) => s.urls.map((u) => new URL(u).host)))].sort();
}
