import { describe, expect, it } from 'vitest';
import { DEFAULT_FROM, dashboardParams, dashboardQuerySchema, parseDashboardQuery } from './dashboard';
import { objectToSearchParams, searchParamsToObject } from './search-params';

const parse = (qs: string) => parseDashboardQuery(searchParamsToObject(new URLSearchParams(qs)));

describe('parseDashboardQuery', () => {
  it('gives the defaults for an empty URL', () => {
    const { query, problems } = parse('');
    expect(problems).toEqual([]);
    expect(query).toMatchObject({ granularity: 'quarter', basis: 'listing', mode: 'new', split: 'authority', top: 8, from: DEFAULT_FROM, to: undefined, authority: [], kind: 'listed', page: 1 });
  });

  it("reads what to do with the UK's carried-over listings, and leaves the default out of links", () => {
    expect(parse('').query.ukcarry).toBe('listed');
    expect(parse('ukcarry=earlier').query.ukcarry).toBe('earlier');
    expect(parse('ukcarry=exclude').query.ukcarry).toBe('exclude');
    const bad = parse('ukcarry=sometimes');
    expect([bad.query.ukcarry, bad.problems.map((p) => p.field)]).toEqual(['listed', ['ukcarry']]);
    expect(dashboardParams(parse('ukcarry=earlier').query).ukcarry).toBe('earlier');
    expect(dashboardParams(parse('').query).ukcarry).toBeUndefined();
  });

  it('reads every filter, repeated keys as lists', () => {
    const { query, problems } = parse(
      'granularity=month&mode=net&split=role&from=2022&to=2023-06&authority=US-OFAC&authority=EU&program=US-OFAC:NPWMD&weapon=shahed-136&role=MANUFACTURER&schema=Company&country=IR&q=%20shahed%20&mhide=POLITICAL&bin=2022-11&series=EU&kind=delisted&page=3',
    );
    expect(problems).toEqual([]);
    expect(query).toMatchObject({
      granularity: 'month',
      mode: 'net',
      split: 'role',
      from: '2022',
      to: '2023-06',
      authority: ['US-OFAC', 'EU'],
      program: ['US-OFAC:NPWMD'],
      weapon: ['shahed-136'],
      role: ['MANUFACTURER'],
      schema: ['Company'],
      country: ['ir'],
      q: 'shahed',
      mhide: ['POLITICAL'],
      bin: '2022-11',
      series: 'EU',
      kind: 'delisted',
      page: 3,
    });
  });

  it('drops what does not parse, keeps the rest, and says what it ignored', () => {
    const { query, problems } = parse('granularity=week&from=2023-02-30&role=PILOT&authority=UK&top=500&page=-1');
    expect(query).toMatchObject({ granularity: 'quarter', from: DEFAULT_FROM, role: [], authority: ['UK'], top: 8, page: 1 });
    expect(problems.map((p) => p.field).sort()).toEqual(['from', 'granularity', 'page', 'role', 'top']);
    expect(problems.find((p) => p.field === 'from')?.message).toMatch(/YYYY, YYYY-MM or YYYY-MM-DD/);
  });

  it('refuses a range that ends before it starts, and dates out of any sensible range', () => {
    const reversed = parse('from=2023-05&to=2022');
    expect(reversed.query.to).toBeUndefined();
    expect(reversed.problems[0]?.field).toBe('to');
    expect(parse('from=1200').problems.map((p) => p.field)).toEqual(['from']);
  });

  it('closes a drill-down whose period does not match the bins', () => {
    const { query, problems } = parse('granularity=month&bin=2022-Q1&series=EU');
    expect(query).toMatchObject({ bin: undefined, series: undefined });
    expect(problems.map((p) => p.field)).toEqual(['bin']);
    expect(parse('granularity=quarter&bin=2022-Q1').query.bin).toBe('2022-Q1');
  });

  it('ignores parameters it does not know', () => {
    expect(parse('utm_source=mail&granularity=year')).toMatchObject({ problems: [], query: { granularity: 'year' } });
  });

  it('keeps the strict schema for callers that build a query themselves', () => {
    expect(dashboardQuerySchema.parse({ granularity: 'month', authority: 'US-OFAC' })).toMatchObject({ granularity: 'month', authority: ['US-OFAC'], from: DEFAULT_FROM });
  });
});

describe('dashboardParams', () => {
  it('round-trips a view through the URL, leaving defaults out', () => {
    const { query } = parse('granularity=month&split=program&program=US-OFAC:NPWMD&program=US-OFAC:IFSR&mhide=DOMESTIC&bin=2022-11&series=__other__');
    const qs = objectToSearchParams(dashboardParams(query)).toString();
    expect(qs).not.toContain('mode=');
    expect(qs).not.toContain('from=');
    expect(parse(qs).query).toEqual(query);
  });

  it('applies overrides (a drill-down link drops the page, a new bin replaces the old)', () => {
    const { query } = parse('bin=2022-11&page=4');
    const qs = objectToSearchParams(dashboardParams(query, { bin: '2023-01', page: 1 })).toString();
    expect(qs).toBe('bin=2023-01');
  });
});
