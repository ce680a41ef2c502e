// The grounds of a designation and their primary sources (issue 26). Pure: used by the entity page,
// the overview's drill-down, the action page and (for the EU act names) the EU importer and seed.
// NOTE: the only links made here are EUR-Lex links derived from a CELEX number, and they say so.
// Every other link is one a stored source holds (the designation's source URL, its action's sources,
// its source record, its program's registry entry): an OFAC or UK page is never guessed.

/** The EUR-Lex page of an act, from its CELEX number (EUR-Lex's documented `uri=CELEX:` form). */
export const eurLexUrl = (celex: string) => `https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:${celex}`;

const CELEX = /^3(\d{4})([A-Z])(\d{4})$/;

/** A CELEX number of a sector-3 act (legislation): '32014R0269', '32023D1532'. */
export const isCelex = (s: string | null | undefined): s is string => !!s && CELEX.test(s.trim());

/** 'Council Regulation (EU) 2023/1529' from CELEX 32023R1529 (numbering changed in 2015: 'No 269/2014' before). */
export function euActName(celex: string): string {
  const m = /^3(\d{4})([RD])(\d{4})$/.exec(celex);
  if (!m) return celex;
  const [, year = '', kind, num = ''] = m;
  const n = String(Number(num));
  const number = Number(year) < 2015 ? `No ${n}/${year}` : `${year}/${n}`;
  return kind === 'R' ? `Council Regulation (EU) ${number}` : `Council Decision (CFSP) ${number}`;
}

/** The CELEX number of a name euActName made — its exact inverse, nothing looser (a title typed by hand is not parsed). */
export function celexFromActName(name: string): string | null {
  const m = /^Council (Regulation \(EU\)|Decision \(CFSP\)) (?:No (\d{1,4})\/(\d{4})|(\d{4})\/(\d{1,4}))$/.exec(name.trim());
  if (!m) return null;
  const kind = m[1]!.startsWith('Regulation') ? 'R' : 'D';
  const [year, num] = m[2] ? [m[3]!, m[2]] : [m[4]!, m[5]!];
  // Each numbering belongs to its period: 'No n/yyyy' before 2015, 'yyyy/n' from 2015.
  if ((m[2] && Number(year) >= 2015) || (m[4] && Number(year) < 2015)) return null;
  const celex = `3${year}${kind}${num.padStart(4, '0')}`;
  return euActName(celex) === name.trim() ? celex : null;
}

// Official publishers: governments, their gazettes and registers, the EU's institutions, the UN.
// A host matches a domain when it is that domain or a subdomain of it.
const PRIMARY_DOMAINS: ReadonlyArray<{ domain: string; publisher: string }> = [
  { domain: 'sanctionssearch.ofac.treas.gov', publisher: 'OFAC Sanctions List Search' },
  { domain: 'ofac.treasury.gov', publisher: 'OFAC' },
  { domain: 'home.treasury.gov', publisher: 'US Treasury' },
  { domain: 'treasury.gov', publisher: 'US Treasury' },
  { domain: 'treas.gov', publisher: 'US Treasury' },
  { domain: 'state.gov', publisher: 'US Department of State' },
  { domain: 'whitehouse.gov', publisher: 'The White House' },
  { domain: 'federalregister.gov', publisher: 'Federal Register' },
  { domain: 'govinfo.gov', publisher: 'GovInfo' },
  { domain: 'ecfr.gov', publisher: 'eCFR' },
  { domain: 'commerce.gov', publisher: 'US Department of Commerce' },
  { domain: 'bis.doc.gov', publisher: 'US Bureau of Industry and Security' },
  { domain: 'justice.gov', publisher: 'US Department of Justice' },
  { domain: 'legislation.gov.uk', publisher: 'legislation.gov.uk' },
  { domain: 'gov.uk', publisher: 'GOV.UK' },
  { domain: 'eur-lex.europa.eu', publisher: 'EUR-Lex' },
  { domain: 'consilium.europa.eu', publisher: 'Council of the EU' },
  { domain: 'europa.eu', publisher: 'European Union' },
  { domain: 'un.org', publisher: 'United Nations' },
];

export type SourceKind = 'primary' | 'secondary';

function parseHttpUrl(url: string): URL | null {
  try {
    const u = new URL(url.trim());
    return u.protocol === 'https:' || u.protocol === 'http:' ? u : null;
  } catch {
    return null;
  }
}

function officialPublisher(host: string): string | null {
  const h = host.toLowerCase().replace(/\.$/, '');
  return PRIMARY_DOMAINS.find((d) => h === d.domain || h.endsWith(`.${d.domain}`))?.publisher ?? null;
}

/** 'primary' (an official domain), 'secondary' (press and everything else), null (not an http(s) URL: never linked). */
export function classifySource(url: string): SourceKind | null {
  const u = parseHttpUrl(url);
  if (!u) return null;
  return officialPublisher(u.hostname) ? 'primary' : 'secondary';
}

export type SourceLink = {
  url: string;
  /** Who publishes it (an official publisher's name) or the site's host. */
  label: string;
  kind: SourceKind;
  /** Made here from a CELEX number, not read from a stored source. */
  derived: boolean;
  /** What cites it: 'the designation', 'the action', 'the source record', 'program NPWMD', 'the CELEX number 32014R0269'. */
  cites: string[];
};

function linkOf(url: string, cite: string): SourceLink | null {
  const u = parseHttpUrl(url);
  if (!u) return null;
  const publisher = officialPublisher(u.hostname);
  return { url: u.href, label: publisher ?? u.hostname.replace(/^www\./, ''), kind: publisher ? 'primary' : 'secondary', derived: false, cites: [cite] };
}

/** Links, once each, primary first (in the order given), then secondary; the citations of one URL merged. */
export function orderSources(cited: ReadonlyArray<{ url: string; cite: string }>): { primary: SourceLink[]; secondary: SourceLink[] } {
  const byUrl = new Map<string, SourceLink>();
  for (const { url, cite } of cited) {
    const link = linkOf(url, cite);
    if (!link) continue;
    const known = byUrl.get(link.url);
    if (!known) byUrl.set(link.url, link);
    else if (!known.cites.includes(cite)) known.cites.push(cite);
  }
  const all = [...byUrl.values()];
  return { primary: all.filter((l) => l.kind === 'primary'), secondary: all.filter((l) => l.kind === 'secondary') };
}

export type GroundsInput = {
  authorityId: string;
  legalAct: string | null;
  origin: string;
  originKey: string;
  sourceUrl: string | null;
  /** The designation's events' sources (listed, amended, lifted). */
  eventUrls?: ReadonlyArray<string | null>;
  action?: { sourceUrls: readonly string[]; legalAct: string | null; scope: string | null } | null;
  /** The source record: its list document ('eu:32014R0269', 'ofac-sdn') and any URL it states. */
  sourceRecord?: { document: string; urls: readonly string[] } | null;
  programs?: ReadonlyArray<{ code: string; authorityId: string; legalBasis?: string | null; url: string | null }>;
};

/**
 * The CELEX number of an EU designation's act, from what is stored: the legal act (a CELEX number,
 * or a name euActName made), the EU journal's listing key (`celex#annex#record`), the source record's
 * document (`eu:<celex>`), the grouped action's scope. Null for other authorities and when none holds one.
 */
export function designationCelex(d: GroundsInput): string | null {
  if (d.authorityId !== 'EU') return null;
  const candidates = [
    d.legalAct?.trim(),
    d.legalAct ? celexFromActName(d.legalAct) : null,
    d.origin === 'eu-journal' ? d.originKey.split('#')[0] : null,
    d.sourceRecord?.document.startsWith('eu:') ? d.sourceRecord.document.slice(3) : null,
    d.action?.scope,
    d.action?.legalAct?.trim(),
  ];
  return candidates.find(isCelex) ?? null;
}

export type Grounds = {
  /** The act the designation is made under, as stored (or named from its CELEX number), with its link. */
  legalAct: { name: string; celex: string | null; link: SourceLink | null } | null;
  /** The legal basis of each program it is listed under, as the program registry states it (not repeated for the EU's act). */
  programBases: Array<{ code: string; legalBasis: string; link: SourceLink | null }>;
  primary: SourceLink[];
  secondary: SourceLink[];
};

/** A designation's legal act and its sources: primary (official) first, then press; the derived EUR-Lex link labelled. */
export function designationGrounds(d: GroundsInput): Grounds {
  const celex = designationCelex(d);
  const storedAct = d.legalAct?.trim() || d.action?.legalAct?.trim() || null;
  const actName = storedAct && !isCelex(storedAct) ? storedAct : celex ? euActName(celex) : storedAct;
  const cited: Array<{ url: string; cite: string }> = [];
  if (d.sourceUrl) cited.push({ url: d.sourceUrl, cite: 'the designation' });
  for (const u of d.eventUrls ?? []) if (u) cited.push({ url: u, cite: 'the designation' });
  for (const u of d.action?.sourceUrls ?? []) cited.push({ url: u, cite: 'the action' });
  for (const u of d.sourceRecord?.urls ?? []) cited.push({ url: u, cite: 'the source record' });
  const { primary, secondary } = orderSources(cited);

  let actLink: SourceLink | null = null;
  if (celex) {
    const url = eurLexUrl(celex);
    const stored = [...primary, ...secondary].find((l) => l.url === url);
    actLink = { url, label: `EUR-Lex: ${euActName(celex)}`, kind: 'primary', derived: true, cites: [`the CELEX number ${celex}`, ...(stored?.cites ?? [])] };
    // The act's link leads the primary sources; a stored copy of the same URL is folded into it.
    primary.splice(0, primary.length, actLink, ...primary.filter((l) => l.url !== url));
  }

  const programBases: Grounds['programBases'] = [];
  for (const p of d.programs ?? []) {
    const cite = `program ${p.code}`;
    const fresh = p.url ? linkOf(p.url, cite) : null;
    // One link per URL: a program's page another citation already holds gains this citation.
    const known = fresh ? [...primary, ...secondary].find((l) => l.url === fresh.url) : undefined;
    if (known && !known.cites.includes(cite)) known.cites.push(cite);
    if (fresh && !known) (fresh.kind === 'primary' ? primary : secondary).push(fresh);
    // An EU program is the act itself (code = CELEX), already named above.
    if (p.legalBasis?.trim() && p.code !== celex) programBases.push({ code: p.code, legalBasis: p.legalBasis.trim(), link: known ?? fresh });
  }
  return { legalAct: actName ? { name: actName, celex, link: actLink } : null, programBases, primary, secondary };
}

/** One primary link for a row of a table: the act's (possibly derived) link first, else the first official source. */
export function firstPrimarySource(g: Grounds): SourceLink | null {
  return g.primary[0] ?? null;
}
