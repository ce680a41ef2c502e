// "Designated by X but not by Y" and several countries on the entity search (issue 26), on both of
// its paths: the list without a name query and the name search.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testViewer } from '../../test/actions';
import { prisma } from './client';
import { searchEntities } from './search';
import { entityListQuerySchema } from '../validation/entities';

const search = async (params: Record<string, string | string[]>) => searchEntities(await testViewer(), entityListQuerySchema.parse({ pageSize: '200', ...params }));
const names = (r: { items: Array<{ name: string }> }) => r.items.map((i) => i.name);

// Own rows: countries XG/XH/XI (user-assigned ISO codes no real entity has), one rare word in every name.
const ORIGIN = 'test-search-gaps';
const ids: string[] = [];
let n = 0;

beforeAll(async () => {
  for (const [name, countries, authorities] of [
    ['Zorblaxian Gapsearch US Only', ['xg'], ['US-OFAC']],
    ['Zorblaxian Gapsearch US And EU', ['xh'], ['US-OFAC', 'EU']],
    ['Zorblaxian Gapsearch EU Only', ['xg'], ['EU']],
    ['Zorblaxian Gapsearch Nobody', ['xh'], []],
    ['Zorblaxian Gapsearch US Elsewhere', ['xi'], ['US-OFAC']],
    ['Zorblaxian Gapsearch US And UK', ['xg', 'xi'], ['US-OFAC', 'UK']],
  ] as const) {
    const e = await prisma.entity.create({ data: { schema: 'Company', name, countries: [...countries] } });
    ids.push(e.id);
    for (const authorityId of authorities) {
      await prisma.designation.create({ data: { entityId: e.id, authorityId, listingDate: new Date('2023-01-10T00:00:00Z'), listingDatePrecision: 'DAY', sourceUrl: 'https://example.org/fixture', origin: ORIGIN, originKey: String(n++) } });
    }
  }
});

afterAll(async () => {
  await prisma.designation.deleteMany({ where: { origin: ORIGIN } });
  await prisma.entity.deleteMany({ where: { id: { in: ids } } });
});

describe('entity search: designated by X but not by Y, several countries', () => {
  const both = (extra: Record<string, string | string[]>) => Promise.all([search({ ...extra }), search({ ...extra, q: 'Zorblaxian Gapsearch' })]);

  it('by the US, not by the EU, in either of two countries — with and without a name query', async () => {
    for (const r of await both({ authority: 'US-OFAC', notby: 'EU', country: ['xg', 'xh'] })) {
      expect(names(r).sort()).toEqual(['Zorblaxian Gapsearch US And UK', 'Zorblaxian Gapsearch US Only']);
      expect(r.total).toBe(2);
    }
    for (const r of await both({ authority: 'US-OFAC', notby: ['EU', 'UK'], country: ['xg', 'xh', 'xi'] })) {
      expect(names(r).sort()).toEqual(['Zorblaxian Gapsearch US Elsewhere', 'Zorblaxian Gapsearch US Only']);
    }
  });

  it('by no authority at all (notby=any)', async () => {
    for (const r of await both({ notby: 'any', country: ['xg', 'xh', 'xi'] })) expect(names(r)).toEqual(['Zorblaxian Gapsearch Nobody']);
  });

  it('counts the facets within "not by": the authority facet says what remains', async () => {
    for (const r of await both({ notby: 'EU', country: ['xg', 'xh'] })) {
      expect(r.facets.authority).toEqual([
        { value: 'US-OFAC', count: 2 },
        { value: 'UK', count: 1 },
      ]);
    }
    // The country facet ignores its own filter, not "not by" (with the name query: the fixture's names only).
    expect((await search({ notby: 'EU', country: ['xg', 'xh'], q: 'Zorblaxian Gapsearch' })).facets.country).toEqual([
      { value: 'xg', count: 2 },
      { value: 'xi', count: 2 },
      { value: 'xh', count: 1 },
    ]);
  });

  it('agrees with its definition on the seeded lists: by the US, not by the EU, in China, Hong Kong or Türkiye', async () => {
    const r = await search({ authority: 'US-OFAC', notby: 'EU', country: ['cn', 'hk', 'tr'], pageSize: '10' });
    // The definition, from the designation rows themselves (not the summary kept on the entity row).
    const [row] = await prisma.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM entity e
      WHERE e.deleted_at IS NULL AND e.merged_into_id IS NULL AND e.countries && ARRAY['cn', 'hk', 'tr']
        AND EXISTS (SELECT 1 FROM designation d WHERE d.entity_id = e.id AND d.deleted_at IS NULL AND d.authority_id = 'US-OFAC')
        AND NOT EXISTS (SELECT 1 FROM designation d WHERE d.entity_id = e.id AND d.deleted_at IS NULL AND d.authority_id = 'EU')`;
    expect(r.total).toBe(row!.n);
    expect(r.total).toBeGreaterThan(100);
    for (const i of r.items) {
      expect(i.authorities).toContain('US-OFAC');
      expect(i.authorities).not.toContain('EU');
    }
  });
});

describe('the case facet of the search (ADR 0017)', () => {
  it('keeps exactly the entities the case’s actions listed, with or without a name query, and combines with the gap filters', async () => {
    const listed = await prisma.$queryRaw<Array<{ id: string }>>`
      SELECT DISTINCT e.id FROM designation d JOIN entity e ON e.id = d.entity_id AND e.deleted_at IS NULL AND e.merged_into_id IS NULL
      JOIN case_action ca ON ca.action_id = d.action_id JOIN sanctions_case sc ON sc.id = ca.case_id
      WHERE sc.slug = 'iran-drones' AND d.deleted_at IS NULL`;
    const r = await search({ case: 'iran-drones' });
    expect(r.total).toBe(listed.length);
    expect(r.items.map((i) => i.id).sort()).toEqual(listed.map((x) => x.id).sort());
    // A name query inside the case: Paravar Pars is in it (us-2022-09-08).
    expect(names(await search({ case: 'iran-drones', q: 'paravar' }))).toContain('PARAVAR PARS COMPANY');
    expect((await search({ q: 'Zorblaxian', case: 'iran-drones' })).total).toBe(0);
    // The gap filter within the case: never an entity the EU designated.
    const notEu = await search({ case: 'iran-drones', notby: 'EU' });
    expect(notEu.total).toBeGreaterThan(0);
    expect(notEu.total).toBeLessThan(r.total);
    for (const i of notEu.items) expect(i.authorities).not.toContain('EU');
  });
});
