import { describe, expect, it } from 'vitest';
import { lagQuerySchema, lagSearchParams, parseLagQuery } from './lag';

describe('lagQuerySchema', () => {
  it('keeps valid settings: authorities, cases, sanctions and weapons programs, a saved list', () => {
    expect(lagQuerySchema.parse({ authority: ['EU', 'UK'], case: 'iran-drones', program: ['EU:RUS', 'US-OFAC:IRAN'], weapon: 'shahed-136', view: 'clx1abc', sort: 'entity' })).toEqual({
      authority: ['EU', 'UK'],
      case: ['iran-drones'],
      program: ['EU:RUS', 'US-OFAC:IRAN'],
      weapon: ['shahed-136'],
      view: 'clx1abc',
      sort: 'entity',
    });
  });

  it('reads an old program=<slug> link as the weapons program it named', () => {
    expect(lagQuerySchema.parse({ program: 'shahed-136' })).toMatchObject({ program: [], weapon: ['shahed-136'] });
    expect(lagQuerySchema.parse({ program: ['shahed-136', 'EU:RUS'], weapon: 'shahed-136' })).toMatchObject({ program: ['EU:RUS'], weapon: ['shahed-136'] });
  });

  it('drops malformed values, never throws', () => {
    expect(lagQuerySchema.parse({ program: "x'; drop", case: 'Bad Slug', view: ['a', 'b'], sort: 'nope', authority: 'eu' })).toEqual({ authority: [], case: [], program: [], weapon: [], view: undefined, sort: '-days' });
  });
});

describe('parseLagQuery', () => {
  it('reports each dropped value with a reason', () => {
    const { query, problems } = parseLagQuery({ case: ['iran-drones', 'Not A Slug'], program: 'nonsense!', sort: 'sideways', view: 'x y' });
    expect(query).toMatchObject({ case: ['iran-drones'], program: [], weapon: [], view: undefined, sort: '-days' });
    expect(problems.map((p) => p.field).sort()).toEqual(['case', 'program', 'sort', 'view']);
    expect(problems.find((p) => p.field === 'case')!.message).toContain('“Not A Slug”');
  });

  it('reports control characters as the other pages do', () => {
    const { query, problems } = parseLagQuery({ case: 'iran\u0000-drones', authority: 'EU' });
    expect(query.case).toEqual([]);
    expect(query.authority).toEqual(['EU']);
    expect(problems).toEqual([{ field: 'case', message: expect.stringMatching(/control characters/) }]);
  });

  it('has nothing to report for a clean query', () => {
    expect(parseLagQuery({ case: 'iran-drones', authority: ['EU', 'UK'] }).problems).toEqual([]);
  });
});

describe('lagSearchParams', () => {
  it('writes the query back without defaults, so a link reproduces the view', () => {
    const q = lagQuerySchema.parse({ authority: ['EU', 'UK'], case: 'iran-drones', program: 'shahed-136' });
    expect(lagSearchParams(q).toString()).toBe('authority=EU&authority=UK&case=iran-drones&weapon=shahed-136');
    expect(lagSearchParams(lagQuerySchema.parse({})).toString()).toBe('');
  });
});
