import { describe, expect, it } from 'vitest';
import { ANY_AUTHORITY, MAX_VALUES, hasSupplierFilters, parseSuppliersQuery, suppliersHref, suppliersQuerySchema } from './suppliers';
import { searchParamsToObject } from './search-params';

const parse = (qs: string) => parseSuppliersQuery(searchParamsToObject(new URLSearchParams(qs)));

describe('parseSuppliersQuery', () => {
  it('reads the gap question of issue 26 from one URL: a program, several countries, not by the EU or the UK', () => {
    const { query, problems } = parse('weapon=shahed-136&country=cn&country=HK&country=tr&notby=EU&notby=UK');
    expect(query).toEqual({ country: ['cn', 'hk', 'tr'], category: [], weapon: ['shahed-136'], case: [], by: [], notby: ['EU', 'UK'] });
    expect(problems).toEqual([]);
  });

  it('drops each bad value on its own, keeps the rest of its parameter, and says what it ignored', () => {
    const { query, problems } = parse('country=cn&country=c%20n&category=ENGINES&category=ROCKETS&by=US-OFAC&by=us&notby=nobody&weapon=Shahed%20136');
    expect(query).toEqual({ country: ['cn'], category: ['ENGINES'], weapon: [], case: [], by: ['US-OFAC'], notby: [] });
    expect(Object.fromEntries(problems.map((p) => [p.field, p.message]))).toEqual({
      country: expect.stringContaining('Ignored “c n”'),
      category: expect.stringContaining('Ignored “ROCKETS”'),
      weapon: expect.stringContaining('Ignored “Shahed 136”'),
      by: expect.stringContaining('Ignored “us”'),
      notby: expect.stringContaining('Ignored “nobody”'),
    });
  });

  it('expresses "not yet designated by anyone" (notby=any), which makes other notby values redundant', () => {
    expect(parse('notby=EU&notby=any').query.notby).toEqual([ANY_AUTHORITY]);
  });

  it('says when "designated by" and "not designated by" exclude each other, and keeps both (the list is then empty)', () => {
    const a = parse('by=EU&notby=EU&notby=UK');
    expect(a.query).toMatchObject({ by: ['EU'], notby: ['EU', 'UK'] });
    expect(a.problems).toEqual([{ field: 'notby', message: expect.stringMatching(/no supplier can be both/) }]);
    expect(parse('by=EU&notby=any').problems).toEqual([{ field: 'notby', message: expect.stringMatching(/not designated by any authority/) }]);
  });

  it('still reads the old single filter: designated=EU is by=EU, designated=none is notby=any', () => {
    expect(parse('designated=EU&country=XB').query).toMatchObject({ by: ['EU'], country: ['xb'], notby: [] });
    expect(parse('designated=none').query).toMatchObject({ by: [], notby: [ANY_AUTHORITY] });
  });

  it('leaves out a parameter holding a control character, reports it, and never throws', () => {
    const { query, problems } = parse('country=%00&notby=E%E2%80%AEU&weapon=shahed-136');
    expect(query).toMatchObject({ country: [], notby: [], weapon: ['shahed-136'] });
    expect(problems.map((p) => p.field).sort()).toEqual(['country', 'notby']);
    expect(() => suppliersQuerySchema.parse(null)).not.toThrow();
    expect(suppliersQuerySchema.parse({ country: ['cn', 'a\u0000'] })).toMatchObject({ country: [] });
  });

  it('keeps at most MAX_VALUES values of a parameter and duplicates once', () => {
    const many = Array.from({ length: MAX_VALUES + 5 }, (_, i) => `country=c${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`).join('&');
    const { query, problems } = parse(`${many}&weapon=a&weapon=a`);
    expect(query.country).toHaveLength(MAX_VALUES);
    expect(query.weapon).toEqual(['a']);
    expect(problems).toEqual([{ field: 'country', message: `Only the first ${MAX_VALUES} values are used.` }]);
  });
});

describe('suppliersHref', () => {
  it('writes a query back as the URL that reads as the same query', () => {
    const q = parse('weapon=shahed-136&country=cn&country=hk&notby=EU&notby=UK').query;
    const href = suppliersHref(q);
    expect(href).toBe('/suppliers?country=cn&country=hk&weapon=shahed-136&notby=EU&notby=UK');
    expect(parse(href.split('?')[1]!).query).toEqual(q);
    expect(suppliersHref(q, { by: ['US-OFAC'], notby: [] })).toBe('/suppliers?country=cn&country=hk&weapon=shahed-136&by=US-OFAC');
    expect(suppliersHref(parse('').query)).toBe('/suppliers');
    expect(hasSupplierFilters(parse('').query)).toBe(false);
    expect(hasSupplierFilters(q)).toBe(true);
  });
  it('reads a case by its slug and drops a malformed one', () => {
    const { query, problems } = parseSuppliersQuery({ case: ['iran-drones', 'Not A Slug'] });
    expect(query.case).toEqual(['iran-drones']);
    expect(problems).toEqual([{ field: 'case', message: expect.stringContaining('“Not A Slug”') }]);
  });
});
