// Sanctioning authorities. Names and official list pages are public facts about the institutions;
// where we could not confirm a list page's address, the url is left empty rather than guessed.
import type { PrismaClient } from '../../lib/db/generated/client';

export const AUTHORITIES = [
  { id: 'US-OFAC', name: 'US Treasury — Office of Foreign Assets Control (SDN list)', shortName: 'US (OFAC)', country: 'US', url: 'https://ofac.treasury.gov/specially-designated-nationals-and-blocked-persons-list-sdn-human-readable-lists' },
  { id: 'EU', name: 'Council of the European Union', shortName: 'EU', country: null, url: 'https://www.sanctionsmap.eu/' },
  { id: 'UK', name: 'United Kingdom — FCDO / OFSI (UK Sanctions List)', shortName: 'UK', country: 'GB', url: 'https://www.gov.uk/government/publications/the-uk-sanctions-list' },
  { id: 'UN', name: 'United Nations Security Council', shortName: 'UN', country: null, url: 'https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list' },
  { id: 'CA', name: 'Canada — Global Affairs Canada', shortName: 'Canada', country: 'CA', url: 'https://www.international.gc.ca/world-monde/international_relations-relations_internationales/sanctions/consolidated-consolide.aspx' },
  { id: 'AU', name: 'Australia — DFAT Australian Sanctions Office', shortName: 'Australia', country: 'AU', url: 'https://www.dfat.gov.au/international-relations/security/sanctions/consolidated-list' },
  { id: 'JP', name: 'Japan — Ministry of Finance / MOFA', shortName: 'Japan', country: 'JP', url: null },
  { id: 'CH', name: 'Switzerland — SECO', shortName: 'Switzerland', country: 'CH', url: null },
] as const;

export async function seedAuthorities(db: PrismaClient) {
  let created = 0;
  for (const a of AUTHORITIES) {
    const existing = await db.authority.findUnique({ where: { id: a.id } });
    if (!existing) {
      await db.authority.create({ data: { ...a } });
      created++;
    }
  }
  return { dataset: 'authorities', created, unchanged: AUTHORITIES.length - created };
}
