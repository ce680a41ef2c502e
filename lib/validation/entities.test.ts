import { describe, expect, it } from 'vitest';
import { entitiesHref, entityListQuerySchema, toggle } from './entities';

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
