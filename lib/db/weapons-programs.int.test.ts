import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testViewer } from '../../test/actions';
import { prisma } from './client';
import { getWeaponsProgram, listWeaponsPrograms } from './weapons-programs';
import { getSupplierOverview } from './suppliers/overview';
import { suppliersQuerySchema } from '../validation/suppliers';

// Own fixture rows (origin 'test-explore', countries XA/XB/XC — user-assigned ISO codes no real
// entity has), removed afterwards, so the assertions hold whatever the curated seed contains.
const ORIGIN = 'test-explore';
const SRC = 'https://example.org/fixture';
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const ids: Record<string, string> = {};
let programId = '';
let n = 0;

async function designate(entityId: string, authorityId: string, date: string, endDate?: string, onOrBefore = false) {
  await prisma.designation.create({
    data: { entityId, authorityId, listingDate: day(date), listingDatePrecision: 'DAY', listingDateQualifier: onOrBefore ? 'ON_OR_BEFORE' : 'EXACT', endDate: endDate ? day(endDate) : null, endDatePrecision: endDate ? 'DAY' : null, sourceUrl: SRC, origin: ORIGIN, originKey: String(n++) },
  });
}

beforeAll(async () => {
  for (const [key, name, countries] of [
    ['maker', 'Fixture Drone Maker', ['xa']],
    ['supA', 'Fixture Engine Supplier', ['xb']],
    ['supB', 'Fixture Role Supplier', ['xc']],
    ['supC', 'Fixture Chip Supplier', []],
  ] as const) {
    ids[key] = (await prisma.entity.create({ data: { schema: 'Company', name, countries: [...countries] } })).id;
  }
  programId = (await prisma.weaponsProgram.create({ data: { slug: 'test-explore-drone', name: 'Test Explore Drone', type: 'UAV', countryOfOrigin: 'xa', sourceUrls: [SRC] } })).id;
  for (const [key, role] of [
    ['maker', 'MANUFACTURER'],
    ['supA', 'COMPONENT_SUPPLIER'],
    ['supB', 'COMPONENT_SUPPLIER'],
  ] as const) {
    await prisma.programParticipant.create({ data: { entityId: ids[key]!, weaponsProgramId: programId, role, sourceUrl: SRC } });
  }
  await prisma.supplyLink.create({ data: { supplierId: ids.supA!, recipientId: ids.maker!, componentCategory: 'ENGINES', weaponsProgramId: programId, sourceUrl: SRC } });
  await prisma.supplyLink.create({ data: { supplierId: ids.supC!, recipientId: ids.supA!, componentCategory: 'ELECTRONICS', weaponsProgramId: programId, sourceUrl: SRC, isUncertain: true } });
  await designate(ids.maker!, 'US-OFAC', '2021-08-18', undefined, true);
  await designate(ids.maker!, 'US-OFAC', '2022-11-15');
  await designate(ids.maker!, 'UK', '2023-01-10', '2023-06-01');
  await designate(ids.supA!, 'EU', '2023-02-25');
});

afterAll(async () => {
  await prisma.designation.deleteMany({ where: { origin: ORIGIN } });
  await prisma.supplyLink.deleteMany({ where: { weaponsProgramId: programId } });
  await prisma.programParticipant.deleteMany({ where: { weaponsProgramId: programId } });
  await prisma.weaponsProgram.deleteMany({ where: { id: programId } });
  await prisma.entity.deleteMany({ where: { id: { in: Object.values(ids) } } });
});

describe('weapons programs', () => {
  it('lists programs with participant, designated and supply-link counts', async () => {
    const p = (await listWeaponsPrograms(await testViewer())).find((x) => x.slug === 'test-explore-drone');
    expect(p).toMatchObject({ participants: 3, designatedParticipants: 2, supplyLinks: 2 });
  });

  it('gives the participant × authority matrix: earliest listing per authority, lifted or not', async () => {
    const d = (await getWeaponsProgram(await testViewer(), 'test-explore-drone'))!;
    // Roles in the schema's order (developer, manufacturer, … supplier), names within a role.
    expect(d.participants.map((p) => [p.entityName, p.role])).toEqual([
      ['Fixture Drone Maker', 'MANUFACTURER'],
      ['Fixture Engine Supplier', 'COMPONENT_SUPPLIER'],
      ['Fixture Role Supplier', 'COMPONENT_SUPPLIER'],
    ]);
    const cells = d.matrix.map((m) => [m.entityId, m.authority, m.firstListed, m.onOrBefore, m.active]);
    expect(cells).toEqual(
      expect.arrayContaining([
        [ids.maker, 'US-OFAC', '2021-08-18', true, true],
        [ids.maker, 'UK', '2023-01-10', false, false],
        [ids.supA, 'EU', '2023-02-25', false, true],
      ]),
    );
    expect(d.matrix).toHaveLength(3);
  });

  it('gives the supplier network with each node’s authorities', async () => {
    const d = (await getWeaponsProgram(await testViewer(), 'test-explore-drone'))!;
    expect(d.edges.map((e) => [e.supplierId, e.recipientId, e.componentCategory, e.isUncertain])).toEqual([
      [ids.supA, ids.maker, 'ENGINES', false],
      [ids.supC, ids.supA, 'ELECTRONICS', true],
    ]);
    expect(Object.fromEntries(d.nodes.map((x) => [x.name, x.authorities]))).toEqual({
      'Fixture Chip Supplier': [],
      'Fixture Drone Maker': ['UK', 'US-OFAC'],
      'Fixture Engine Supplier': ['EU'],
    });
  });

  it('counts participants’ designations per quarter, leaving out the "on or before" one', async () => {
    const d = (await getWeaponsProgram(await testViewer(), 'test-explore-drone'))!;
    expect(d.quarters).toEqual([
      { bin: '2022-Q4', authority: 'US-OFAC', count: 1 },
      { bin: '2023-Q1', authority: 'EU', count: 1 },
      { bin: '2023-Q1', authority: 'UK', count: 1 },
    ]);
    expect(d.unplaced).toBe(1);
  });

  it('is null for an unknown program', async () => {
    expect(await getWeaponsProgram(await testViewer(), 'no-such-program')).toBeNull();
  });
});

describe('suppliers', () => {
  const overview = async (q: Record<string, string> = {}) => getSupplierOverview(await testViewer(), suppliersQuerySchema.parse(q));

  it('finds suppliers from supply links and from the component-supplier role, by country and category', async () => {
    const o = await overview();
    const mine = o.suppliers.filter((s) => Object.values(ids).includes(s.id));
    expect(mine.map((s) => [s.name, s.countries, s.categories])).toEqual([
      ['Fixture Chip Supplier', ['unknown'], ['ELECTRONICS']],
      ['Fixture Engine Supplier', ['xb'], ['ENGINES']],
      ['Fixture Role Supplier', ['xc'], ['UNSPECIFIED']],
    ]);
    expect(o.byCountryCategory.filter((c) => c.country === 'xb' || c.country === 'xc')).toEqual([
      { country: 'xb', category: 'ENGINES', count: 1 },
      { country: 'xc', category: 'UNSPECIFIED', count: 1 },
    ]);
    expect(mine.find((s) => s.name === 'Fixture Engine Supplier')!.designations).toEqual([{ authority: 'EU', firstListed: '2023-02-25', onOrBefore: false }]);
    expect(mine.find((s) => s.name === 'Fixture Engine Supplier')!.programs).toEqual([{ slug: 'test-explore-drone', name: 'Test Explore Drone' }]);
  });

  it('filters by designating authority or by none', async () => {
    const none = await overview({ designated: 'none' });
    expect(none.suppliers.map((s) => s.id)).toEqual(expect.arrayContaining([ids.supB, ids.supC]));
    expect(none.suppliers.map((s) => s.id)).not.toContain(ids.supA);
    expect(none.undesignated).toBeGreaterThanOrEqual(2);
    const eu = await overview({ designated: 'EU', country: 'XB' });
    expect(eu.suppliers.map((s) => s.id)).toEqual([ids.supA]);
    const engines = await overview({ category: 'ENGINES', country: 'xb' });
    expect(engines.suppliers.map((s) => s.id)).toEqual([ids.supA]);
  });
});
