// Authorities a file may name. The standard ones are the seed's (prisma/seed/authorities.ts); an
// authority only an FtM file names is created from the file's own words (name, country), never guessed.
import { createHash } from 'node:crypto';
import { AUTHORITIES } from '../../prisma/seed/authorities';

export type AuthorityInfo = { id: string; name: string; shortName: string; country: string | null; url: string | null };

export const STANDARD_AUTHORITIES: readonly AuthorityInfo[] = AUTHORITIES;

export function standardAuthority(id: string): AuthorityInfo | undefined {
  return STANDARD_AUTHORITIES.find((a) => a.id === id);
}

/** FtM Sanction (country, authority) → our authority id. */
export function authorityIdFor(country: string | null, authority: string | null): string {
  const c = (country ?? '').toLowerCase();
  const a = (authority ?? '').toLowerCase();
  const byName = STANDARD_AUTHORITIES.find((x) => x.name.toLowerCase() === a);
  if (byName) return byName.id;
  if (c === 'us' && /ofac|office of foreign assets control/.test(a)) return 'US-OFAC';
  const byCountry: Record<string, string> = { eu: 'EU', gb: 'UK', un: 'UN', ca: 'CA', au: 'AU', jp: 'JP', ch: 'CH' };
  if (byCountry[c]) return byCountry[c];
  const slug = a.normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || createHash('sha1').update(a).digest('hex').slice(0, 8);
  return `${(c || 'xx').toUpperCase()}-${slug}`;
}
