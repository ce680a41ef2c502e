import { describe, expect, it } from 'vitest';
import { celexFromActName, classifySource, designationCelex, designationGrounds, euActName, eurLexUrl, firstPrimarySource, isCelex, orderSources, type GroundsInput } from './legal-links';

const EU_REASON_ROW: GroundsInput = {
  authorityId: 'EU',
  legalAct: 'Council Regulation (EU) No 269/2014',
  origin: 'eu-journal',
  originKey: '32014R0269#I.ENTITIES#119',
  sourceUrl: 'https://www.eurointegration.com.ua/eng/news/2022/10/19/7148994/',
  action: { sourceUrls: ['https://www.eurointegration.com.ua/eng/news/2022/10/19/7148994/'], legalAct: null, scope: null },
  sourceRecord: { document: 'eu:32014R0269', urls: [] },
  programs: [{ code: '32014R0269', authorityId: 'EU', legalBasis: 'Regulation (EU) No 269/2014', url: 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32014R0269' }],
};

describe('CELEX numbers and EU act names', () => {
  it('names an act from its CELEX number, with the numbering of its period', () => {
    expect(euActName('32014R0269')).toBe('Council Regulation (EU) No 269/2014');
    expect(euActName('32023R1529')).toBe('Council Regulation (EU) 2023/1529');
    expect(euActName('32023D1532')).toBe('Council Decision (CFSP) 2023/1532');
    expect(euActName('not a celex')).toBe('not a celex');
  });

  it('reads back exactly the names euActName makes, nothing looser', () => {
    for (const celex of ['32014R0269', '32012R0267', '32023R1529', '32023D1532']) expect(celexFromActName(euActName(celex))).toBe(celex);
    expect(celexFromActName('Regulation (EU) No 269/2014')).toBeNull();
    expect(celexFromActName('Council Regulation (EU) No 1529/2023')).toBeNull(); // old numbering after 2015
    expect(celexFromActName('Council Regulation (EU) 2014/269')).toBeNull(); // new numbering before 2015
    expect(celexFromActName('Executive Order 13382')).toBeNull();
  });

  it('recognises CELEX numbers of legislation only', () => {
    expect(isCelex('32023R1529')).toBe(true);
    expect(isCelex('2023/1529')).toBe(false);
    expect(isCelex('52023PC0001')).toBe(false);
    expect(isCelex(null)).toBe(false);
  });

  it('finds an EU designation\'s CELEX in its legal act, listing key, source record or action — and never for other lists', () => {
    const bare = { authorityId: 'EU', legalAct: null, origin: 'admin', originKey: 'x', sourceUrl: null };
    expect(designationCelex({ ...bare, legalAct: '32023R1529' })).toBe('32023R1529');
    expect(designationCelex({ ...bare, legalAct: 'Council Regulation (EU) 2023/1529' })).toBe('32023R1529');
    expect(designationCelex({ ...bare, origin: 'eu-journal', originKey: '32012R0267#IX.I.B#17' })).toBe('32012R0267');
    expect(designationCelex({ ...bare, sourceRecord: { document: 'eu:32014R0269', urls: [] } })).toBe('32014R0269');
    expect(designationCelex({ ...bare, action: { sourceUrls: [], legalAct: null, scope: '32014R0269' } })).toBe('32014R0269');
    expect(designationCelex(bare)).toBeNull();
    expect(designationCelex({ ...bare, authorityId: 'UK', legalAct: '32023R1529' })).toBeNull();
  });
});

describe('classifying sources', () => {
  it('counts official publishers as primary, by domain or subdomain', () => {
    for (const url of [
      'https://ofac.treasury.gov/recent-actions/20221115',
      'https://home.treasury.gov/news/press-releases/jy1104',
      'https://sanctionssearch.ofac.treas.gov/Details.aspx?id=39637',
      'https://www.state.gov/imposing-sanctions/',
      'https://www.gov.uk/government/publications/the-uk-sanctions-list',
      'https://www.legislation.gov.uk/uksi/2019/855/contents',
      'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=LEGISSUM%3A4685697',
      'https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list',
    ]) expect(classifySource(url), url).toBe('primary');
  });

  it('counts press and look-alike hosts as secondary, and refuses what is not an http(s) URL', () => {
    expect(classifySource('https://www.arabnews.pk/node/2200406')).toBe('secondary');
    expect(classifySource('https://www.cfoi.co.uk/new-uk-sanctions-on-iranian-drone-supply-network')).toBe('secondary');
    expect(classifySource('https://treasury.gov.example.com/fake')).toBe('secondary');
    expect(classifySource('https://notgov.uk/x')).toBe('secondary');
    expect(classifySource('https://www.opensanctions.org/entities/x/')).toBe('secondary');
    expect(classifySource('javascript:alert(1)')).toBeNull();
    expect(classifySource('data/eu/eu_sanctions_map_programs.csv')).toBeNull();
  });

  it('orders primary before secondary, once per URL, with every citation kept', () => {
    const { primary, secondary } = orderSources([
      { url: 'https://www.urdupoint.com/en/world/eu-extends-sanctions-against-iran-bans-drone-1728753.html', cite: 'the action' },
      { url: 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=LEGISSUM%3A4685697', cite: 'the action' },
      { url: 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=LEGISSUM%3A4685697', cite: 'the designation' },
      { url: 'not a url', cite: 'the designation' },
    ]);
    expect(primary.map((l) => [l.label, l.cites])).toEqual([['EUR-Lex', ['the action', 'the designation']]]);
    expect(secondary.map((l) => l.label)).toEqual(['urdupoint.com']);
    expect(primary.concat(secondary).every((l) => !l.derived)).toBe(true);
  });
});

describe('a designation\'s grounds', () => {
  it('EU: the act named and linked on EUR-Lex, marked as derived from the CELEX number; the press kept as secondary', () => {
    const g = designationGrounds(EU_REASON_ROW);
    expect(g.legalAct).toMatchObject({ name: 'Council Regulation (EU) No 269/2014', celex: '32014R0269' });
    expect(g.legalAct?.link).toMatchObject({ url: eurLexUrl('32014R0269'), derived: true, kind: 'primary' });
    expect(g.legalAct?.link?.cites[0]).toBe('the CELEX number 32014R0269');
    // The program registry's copy of the same URL is one link, not two.
    expect(g.primary.map((l) => l.url)).toEqual([eurLexUrl('32014R0269')]);
    expect(g.primary[0]?.cites).toContain('program 32014R0269');
    expect(g.programBases).toEqual([]);
    expect(g.secondary.map((l) => [l.label, l.cites])).toEqual([['eurointegration.com.ua', ['the designation', 'the action']]]);
    expect(firstPrimarySource(g)?.derived).toBe(true);
  });

  it('EU with the CELEX as its legal act: named from the number', () => {
    const g = designationGrounds({ authorityId: 'EU', legalAct: '32023R1529', origin: 'admin', originKey: 'x', sourceUrl: null });
    expect(g.legalAct?.name).toBe('Council Regulation (EU) 2023/1529');
    expect(g.legalAct?.link?.url).toBe(eurLexUrl('32023R1529'));
  });

  it('OFAC: no page is made up — only what the stored sources cite, the official ones first', () => {
    const g = designationGrounds({
      authorityId: 'US-OFAC',
      legalAct: null,
      origin: 'ofac-sdn',
      originKey: '39637',
      sourceUrl: 'https://www.arabnews.pk/node/2200406',
      action: { sourceUrls: ['https://www.arabnews.pk/node/2200406', 'https://home.treasury.gov/news/press-releases/jy1104'], legalAct: null, scope: null },
      sourceRecord: { document: 'ofac-sdn', urls: [] },
      programs: [
        { code: 'IRGC', authorityId: 'US-OFAC', legalBasis: null, url: 'https://ofac.treasury.gov/specially-designated-nationals-list-sdn-list/program-tag-definitions-for-ofac-sanctions-lists' },
        { code: 'NPWMD', authorityId: 'US-OFAC', legalBasis: 'Executive Order 13382', url: 'https://ofac.treasury.gov/specially-designated-nationals-list-sdn-list/program-tag-definitions-for-ofac-sanctions-lists' },
      ],
    });
    expect(g.legalAct).toBeNull();
    expect(g.primary.map((l) => l.url)).toEqual(['https://home.treasury.gov/news/press-releases/jy1104', 'https://ofac.treasury.gov/specially-designated-nationals-list-sdn-list/program-tag-definitions-for-ofac-sanctions-lists']);
    expect(g.primary.some((l) => l.derived)).toBe(false);
    expect(g.secondary.map((l) => l.url)).toEqual(['https://www.arabnews.pk/node/2200406']);
    // A program without a stated legal basis is no basis, but its page is still one cited source.
    expect(g.programBases).toEqual([expect.objectContaining({ code: 'NPWMD', legalBasis: 'Executive Order 13382' })]);
    expect(g.primary[1]?.cites).toEqual(['program IRGC', 'program NPWMD']);
    const stored = new Set(['https://www.arabnews.pk/node/2200406', 'https://home.treasury.gov/news/press-releases/jy1104', 'https://ofac.treasury.gov/specially-designated-nationals-list-sdn-list/program-tag-definitions-for-ofac-sanctions-lists']);
    expect([...g.primary, ...g.secondary].every((l) => stored.has(l.url))).toBe(true);
  });

  it('OFAC with press only: no primary link at all rather than a guessed one', () => {
    const g = designationGrounds({ authorityId: 'US-OFAC', legalAct: null, origin: 'ofac-sdn', originKey: '39637', sourceUrl: 'https://www.arabnews.pk/node/2200406' });
    expect(g.primary).toEqual([]);
    expect(firstPrimarySource(g)).toBeNull();
  });

  it('UK: the regime\'s regulations from the program registry, the list page the designation cites', () => {
    const g = designationGrounds({
      authorityId: 'UK',
      legalAct: null,
      origin: 'uk-list',
      originKey: 'RUS2080',
      sourceUrl: 'https://www.gov.uk/government/publications/the-uk-sanctions-list',
      eventUrls: [null],
      programs: [{ code: 'RUS', authorityId: 'UK', legalBasis: 'The Russia (Sanctions) (EU Exit) Regulations 2019 (S.I. 2019/855)', url: 'https://www.legislation.gov.uk/uksi/2019/855/contents' }],
    });
    expect(g.primary.map((l) => l.label)).toEqual(['GOV.UK', 'legislation.gov.uk']);
    expect(g.programBases[0]?.link?.url).toBe('https://www.legislation.gov.uk/uksi/2019/855/contents');
    expect(g.secondary).toEqual([]);
  });
});
