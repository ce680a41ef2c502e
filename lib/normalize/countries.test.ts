import { describe, expect, it } from 'vitest';
import ftmModel from '@alephdata/followthemoney/dist/defaultModel.json' with { type: 'json' };
import isoCountries from 'i18n-iso-countries';
import { addressCountries, countryName, ofacAddressCountry, FTM_TERRITORY_CODES, normalizeCountries, resolveCountry } from './countries';
import fixture from './country-values.fixture.json' with { type: 'json' };

/** What normalizeCountries makes of one value, as the fixture writes it: 'ua ru', '?et', 'n/a', null. */
function encode(value: string, codeField: boolean): string | null {
  const r = normalizeCountries([value], { codeField });
  if (r.unresolved.length) return null;
  const out = [...r.codes, ...r.uncertain.map((c) => `?${c}`)];
  return out.length ? out.join(' ') : 'n/a';
}

const ftmCountries = (ftmModel as { types: { country: { values: Record<string, string> } } }).types.country.values;

describe('every country value of data/ (scripts/lib/country-values.ts → country-values.fixture.json)', () => {
  it('name fields: each value resolves as reviewed', () => {
    const names = Object.entries(fixture.names as Record<string, string | null>);
    expect(names.length).toBeGreaterThan(400);
    const got = Object.fromEntries(names.map(([v]) => [v, encode(v, false)]));
    expect(got).toEqual(fixture.names);
  });

  it('code fields (FtM): each value resolves as reviewed', () => {
    const codes = Object.entries(fixture.codes as Record<string, string | null>);
    const got = Object.fromEntries(codes.map(([v]) => [v, encode(v, true)]));
    expect(got).toEqual(fixture.codes);
  });
});

describe('resolveCountry', () => {
  it.each([
    ['Iran', 'ir'],
    ['IRAN', 'ir'],
    ['  Iran. ', 'ir'],
    ['Iranian', 'ir'],
    ['Iranians', 'ir'],
    ['Korea, North', 'kp'],
    ['Korea, South', 'kr'],
    ['Burma', 'mm'],
    ['Iran (Islamic Republic of)', 'ir'],
    ['Türkiye', 'tr'],
    ['Turkiye', 'tr'],
    ['Palestinian', 'ps'],
    ['UAE', 'ae'],
    ['USSR', 'suhh'],
    ['Soviet Union', 'suhh'],
    ['former Yugoslavia', 'yucs'],
    ['Czechoslovakia', 'cshh'],
    ['Serbia and Montenegro', 'csxx'],
    ['Kosovo', 'xk'],
    ['Kurdistan Region', 'iq-kr'],
    ['Crimea', 'ua-cri'],
    ['Congo, Democratic Republic of the', 'cd'],
    ['Congo, Republic of the', 'cg'],
    ['Democratic People’s Republic of Korea', 'kp'],
    ['RPDC', 'kp'],
    ['Bahamas, The', 'bs'],
    ['Man, Isle of', 'im'],
    ['Virgin Islands, British', 'vg'],
    ['Macedonia, The Former Yugoslav Republic of', 'mk'],
    ['North Macedonia, The Republic of', 'mk'],
    ['St. Kitts & Nevis', 'kn'],
    ['Cote d Ivoire', 'ci'],
    ["Côte d'Ivoire", 'ci'],
    ['Republic of Belarus', 'by'],
    ['citizen of Iran', 'ir'],
    ['Syrian nationality', 'sy'],
    ['Sudanese by birth', 'sd'],
    ['Tunisian passport', 'tn'],
    ['Region: Gaza', 'ps'],
    ['USSR (now Ukraine)', 'ua'],
    ['USSR (until 1991)', 'suhh'],
    ['Libya (in custody)', 'ly'],
    ['Российская Федерация', 'ru'],
    ['Irán', 'ir'],
    ['Allemagne', 'de'],
    ['Rusia', 'ru'],
    ['Russe', 'ru'],
  ])('%j → %s', (raw, code) => {
    expect(resolveCountry(raw)).toEqual({ code, uncertain: false });
  });

  it.each([['Possibly Ethiopian', 'et'], ['possibly Palestinian', 'ps'], ['believed to hold Syrian nationality', 'sy'], ['Bahrain (citizenship revoked in Jan. 2015)', 'bh'], ['Kuwaiti citizenship withdrawn in 2002', 'kw']])(
    '%j → %s, uncertain',
    (raw, code) => {
      expect(resolveCountry(raw)).toEqual({ code, uncertain: true });
    },
  );

  it.each(['na', 'NA', 'n/a', 'N/A', 'N/D', 'not available', 'Unknown', 'undetermined', 'None Identified'])('%j is "not available" in a name field', (raw) => {
    expect(resolveCountry(raw)).toEqual({ code: null, notAvailable: true });
  });

  // NOTE: never a guess: a city, a region, a name two countries share, a historic state without a code.
  it.each(['Moscow', 'North', 'Donetsk', 'Donetsk Region', 'Congo', 'Congolese', 'Dominican', 'Region: Northern Mali', 'Russian SFSR', 'Ottoman Empire', 'Worldwide', 'Various', '', '  ', 'IRN', 'ru', 'Russian, Ukrainian'])(
    '%j does not resolve',
    (raw) => {
      expect(resolveCountry(raw)).toBeNull();
    },
  );

  describe('code fields', () => {
    it.each([['ru', 'ru'], ['RU', 'ru'], ['IRN', 'ir'], ['RUS', 'ru'], ['USA', 'us'], ['xk', 'xk'], ['suhh', 'suhh'], ['ua-cri', 'ua-cri'], ['NA', 'na'], ['Iran', 'ir']])('%j → %s', (raw, code) => {
      expect(resolveCountry(raw, { codeField: true })).toEqual({ code, uncertain: false });
    });

    it("'00' (the EU FSF's unknown) and 'n/a' are not available; 'yo' is no code", () => {
      expect(resolveCountry('00', { codeField: true })).toEqual({ code: null, notAvailable: true });
      expect(resolveCountry('n/a', { codeField: true })).toEqual({ code: null, notAvailable: true });
      expect(resolveCountry('yo', { codeField: true })).toBeNull();
    });

    it('every code FtM knows resolves to itself', () => {
      for (const code of Object.keys(ftmCountries)) expect(resolveCountry(code, { codeField: true })).toEqual({ code, uncertain: false });
    });
  });
});

describe('normalizeCountries', () => {
  it('splits what the lists write as several countries, each part resolved', () => {
    expect(normalizeCountries(['Armenian, Russian, Finnish', 'Latvia and Israel', 'Ukrainian and/or Russian', 'Sudan/or South Sudan'])).toEqual({
      codes: ['am', 'ru', 'fi', 'lv', 'il', 'ua', 'sd', 'ss'],
      uncertain: [],
      unresolved: [],
    });
  });

  it('keeps a value whole, unresolved, when one of its parts does not resolve', () => {
    expect(normalizeCountries(['Moscow, Russia', 'Iran'])).toEqual({ codes: ['ir'], uncertain: [], unresolved: ['Moscow, Russia'] });
  });

  it('dedupes in first-seen order; uncertain only what no value states for sure; n/a is neither', () => {
    const r = normalizeCountries(['Iran', 'possibly Palestinian', 'Iranian', 'na', 'Possibly Ethiopian', 'Ethiopia', 'Atlantis', 'Atlantis']);
    expect(r).toEqual({ codes: ['ir', 'et'], uncertain: ['ps'], unresolved: ['Atlantis'] });
    expect(normalizeCountries(['Iran', 'possibly Palestinian', 'Iranian', 'na', 'Possibly Ethiopian', 'Ethiopia', 'Atlantis'])).toEqual(r);
  });

  it('"United States. Also believed to hold Syrian nationality"', () => {
    expect(normalizeCountries(['United States. Also believed to hold Syrian nationality'])).toEqual({ codes: ['us'], uncertain: ['sy'], unresolved: [] });
  });

  it('reads codes in code fields', () => {
    expect(normalizeCountries(['ru', 'RU', 'NA', 'suhh'], { codeField: true }).codes).toEqual(['ru', 'na', 'suhh']);
  });
});

describe('countryName', () => {
  it.each([['ir', 'Iran'], ['IR', 'Iran'], ['kp', 'North Korea'], ['ru', 'Russia'], ['xk', 'Kosovo'], ['suhh', 'Soviet Union'], ['ua-cri', 'Crimea (Occupied Ukraine)'], ['qq', 'QQ']])('%s → %s', (code, name) => {
    expect(countryName(code)).toBe(name);
  });

  it('names every ISO code', () => {
    for (const code of Object.keys(isoCountries.getAlpha2Codes())) expect(countryName(code)).not.toBe(code);
  });

  it("the non-ISO codes are FtM's, with FtM's labels", () => {
    for (const code of FTM_TERRITORY_CODES) expect([code, countryName(code)]).toEqual([code, ftmCountries[code]]);
    const iso = new Set(Object.keys(isoCountries.getAlpha2Codes()).map((c) => c.toLowerCase()));
    expect(Object.keys(ftmCountries).filter((c) => !iso.has(c)).sort()).toEqual([...FTM_TERRITORY_CODES].sort());
  });
});

describe('addressCountries', () => {
  it('reads the country a free-text address ends with (the EU annexes), without postal codes or asides', () => {
    // Rosbank and Alabuga as the EU's Regulation 269/2014 writes their addresses.
    expect(addressCountries(['9 ul. Bolshaya Yakimanka, Moscow, 119180, Russian Federation; 107078, Moscow, Masha Poryvaeva str., 34, Russian Federation; Russian Federation'])).toEqual(['ru']);
    expect(addressCountries(['Tehran, Iran.', 'Dubai, United Arab Emirates', 'Moscow, Russia 115035', 'Russian Federation (HQ)'])).toEqual(['ir', 'ae', 'ru']);
    expect(addressCountries(['Simferopol, Crimea'])).toEqual(['ua-cri']);
  });

  it('gives nothing for an address that does not end with a country', () => {
    expect(addressCountries(['Moscow', 'Office 1', '21', 'Listed under Council Decision 2014/145/CFSP on 16.12.2022', 'NY'])).toEqual([]);
  });
});

describe('ofacAddressCountry', () => {
  it('reads OFAC’s Hong Kong and Macau addresses filed under China as their territories, and nothing else', () => {
    expect(ofacAddressCountry('Hong Kong', 'China')).toBe('Hong Kong');
    expect(ofacAddressCountry('Kowloon, Hong Kong', 'China')).toBe('Hong Kong');
    expect(ofacAddressCountry('Macau', 'China')).toBe('Macau');
    expect(resolveCountry(ofacAddressCountry('Hong Kong', 'China'))?.code).toBe('hk');
    expect(ofacAddressCountry('Fuyang Hangzhou, Zhejiang', 'China')).toBe('China');
    expect(ofacAddressCountry('Hong Kong', 'United Kingdom')).toBe('United Kingdom');
  });
});
