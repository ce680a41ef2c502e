import { describe, expect, it } from 'vitest';
import { NOT_BY_ANY, entitiesHref, entityListQueryProblems, entityListQuerySchema, toggle } from './entities';

describe('entityListQuerySchema', () => {
  it('sorts by relevance with a query and by name without one, unless a sort is chosen', () => {
    expect(entityListQuerySchema.parse({ q: 'qods' })).toMatchObject({ sort: 'relevance', isSortExplicit: false });
    expect(entityListQuerySchema.parse({})).toMatchObject({ sort: 'name', isSortExplicit: false });
    expect(entityListQuerySchema.parse({ q: 'qods', sort: 'listed' })).toMatchObject({ sort: 'listed', isSortExplicit: true });
    expect(entityListQuerySchema.parse({ sort: 'relevance' })).toMatchObject({ sort: 'name' });
    expect(entityListQuerySchema.parse({ q: 'qods', sort: '' })).toMatchObject({ sort: 'relevance', isSortExplicit: false });
  });

  it('keeps valid filters and drops malformed ones', () => {
    const q = entityListQuerySchema.parse({ q: '  ', schema: ['Person', 'Spaceship'], country: ['IR', 'x', '<script>'], page: '-3' });
    expect(q).toMatchObject({ q: undefined, schema: ['Person'], country: ['ir'], page: 1 });
  });
});

describe('entitiesHref', () => {
  it('reproduces the view, resets the page on a filter change, and omits defaults', () => {
    const q = entityListQuerySchema.parse({ q: 'shahid aviation', authority: 'EU', page: '3' });
    expect(entitiesHref(q, { page: 4 })).toBe('/entities?q=shahid+aviation&authority=EU&page=4');
    expect(entitiesHref(q, { schema: toggle(q.schema, 'Company') })).toBe('/entities?q=shahid+aviation&authority=EU&schema=Company');
    expect(entitiesHref(q, { authority: toggle(q.authority, 'EU') })).toBe('/entities?q=shahid+aviation');
    expect(entitiesHref(q, { sort: 'listed' })).toBe('/entities?q=shahid+aviation&authority=EU&sort=listed');
    expect(entitiesHref(entityListQuerySchema.parse({}), {})).toBe('/entities');
  });
});

describe('designated by X but not by Y (issue 26)', () => {
  it('reads notby beside authority, collapses "any", and the link keeps both', () => {
    const q = entityListQuerySchema.parse({ authority: 'US-OFAC', notby: ['EU', 'UK', 'EU'], country: ['CN', 'hk'] });
    expect(q).toMatchObject({ authority: ['US-OFAC'], notby: ['EU', 'UK'], country: ['cn', 'hk'] });
    expect(entitiesHref(q, {})).toBe('/entities?authority=US-OFAC&notby=EU&notby=UK&country=cn&country=hk');
    expect(entityListQuerySchema.parse({ notby: ['EU', NOT_BY_ANY] }).notby).toEqual([NOT_BY_ANY]);
    expect(entityListQuerySchema.parse({}).notby).toEqual([]);
  });

  it('drops a malformed authority and says which values it ignored', () => {
    const raw = { authority: ['US-OFAC', 'us ofac'], notby: ['E U', 'EU'], country: ['cn', '<x>'], schema: 'Spaceship' };
    const q = entityListQuerySchema.parse(raw);
    expect(q).toMatchObject({ authority: ['US-OFAC'], notby: ['EU'], country: ['cn'], schema: [] });
    const problems = entityListQueryProblems(raw, q);
    expect(problems.map((p) => p.field)).toEqual(['authority', 'notby', 'schema', 'country']);
    expect(problems[0]!.message).toContain('“us ofac”');
    expect(problems[1]!.message).toContain('“E U”');
    expect(entityListQueryProblems({ authority: 'EU', notby: ['UK', NOT_BY_ANY] }, entityListQuerySchema.parse({ authority: 'EU', notby: ['UK', NOT_BY_ANY] }))).toEqual([]);
  });
});
