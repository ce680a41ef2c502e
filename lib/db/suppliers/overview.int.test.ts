import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testViewer } from '../../../test/actions';
import { prisma } from '../client';
import { getSupplierOverview } from './overview';
import { parseSuppliersQuery } from '../../validation/suppliers';
import { searchParamsToObject } from '../../validation/search-params';

const overview = async (qs: string) => getSupplierOverview(await testViewer(), parseSuppliersQuery(searchParamsToObject(new URLSearchParams(qs))).query);
const names = (o: { suppliers: Array<{ name: string }> }) => o.suppliers.map((s) => s.name);

describe('the gap question of issue 26 on the seeded drone case', () => {
  it('a case keeps exactly the suppliers one of its actions listed', async () => {
    const all = await overview('');
    const inCase = await overview('case=iran-drones');
    const listedByCase = new Set(
      (await prisma.$queryRaw<Array<{ id: string }>>`SELECT DISTINCT d.entity_id AS id FROM designation d JOIN case_action ca ON ca.action_id = d.action_id
        JOIN sanctions_case sc ON sc.id = ca.case_id WHERE sc.slug = 'iran-drones' AND d.deleted_at IS NULL`).map((r) => r.id),
    );
    expect(inCase.suppliers.map((x) => x.id).sort()).toEqual(all.suppliers.filter((x) => listedByCase.has(x.id)).map((x) => x.id).sort());
    expect(inCase.suppliers.length).toBeGreaterThan(0);
    expect(inCase.suppliers.length).toBeLessThan(all.suppliers.length);
  });

  it('lists the Shahed-136 suppliers in China, Hong Kong and Türkiye that neither the EU nor the UK designated', async () => {
    const o = await overview('weapon=shahed-136&country=cn&country=hk&country=tr&notby=EU&notby=UK');
    // data/drone-case: the five Chinese/Hong Kong suppliers of the 2023 Treasury action (links to
    // HESA for the Shahed-136) and the Turkish and Hong Kong servo suppliers of the 2023 network
    // (participants); OFAC designated all of them, the EU and the UK none. Left out: the Iranian and
    // UAE ones (other countries), and Shenzhen Jiasibo, whose link to HESA names no program.
    expect(names(o)).toEqual([
      'ANKA PORT IC VE DIS TICARET INSAAT LOJISTIK SANAYI LIMITED SIRKETI',
      'DAL ENERJI MADENCILIK TURIZM SANAYI VE TICARET ANONIM SIRKETI',
      'GUILIN ALPHA RUBBER & PLASTICS TECHNOLOGY CO., LTD',
      'HANGZHOU FUYANG KOTO MACHINERY CO., LTD',
      'HONGKONG HIMARK ELECTRON MODEL LIMITED',
      'RAVEN INTERNATIONAL TRADE LIMITED',
      'S&C TRADE PTY CO., LTD',
      'SHENZHEN CASPRO TECHNOLOGY CO., LTD',
    ]);
    for (const s of o.suppliers) expect(s.designations.map((d) => d.authority)).toEqual(['US-OFAC']);
    // The network draws the five links to HESA and the three role-only suppliers to the program.
    expect(o.network.edges).toHaveLength(8);
    expect(o.network.nodes.filter((n) => !o.suppliers.some((s) => s.id === n.id)).map((n) => [n.name, n.kind]).sort()).toEqual([
      ['IRAN AIRCRAFT MANUFACTURING INDUSTRIAL COMPANY', 'entity'],
      ['Shahed-136', 'program'],
    ]);
  });

  it('by the US but not by the EU, in Russia: the suppliers of the uncertain links to HESA that the EU has not listed', async () => {
    const o = await overview('by=US-OFAC&notby=EU&country=ru');
    expect(names(o)).toEqual(['DELTA-AERO TECHNICAL SERVICE CENTER LLC']);
  });
});

// Own fixture rows (origin 'test-suppliers-gap'; countries XD/XE/XF, user-assigned ISO codes no real
// entity has), removed afterwards.
const ORIGIN = 'test-suppliers-gap';
const SRC = 'https://example.org/fixture';
const ids: Record<string, string> = {};
const programs: Record<string, string> = {};
let n = 0;
const FIX = 'country=xd&country=xe&country=xf';

async function designate(entityId: string, authorityId: string, date: string, endDate?: string) {
  await prisma.designation.create({
    data: { entityId, authorityId, listingDate: new Date(`${date}T00:00:00Z`), listingDatePrecision: 'DAY', endDate: endDate ? new Date(`${endDate}T00:00:00Z`) : null, endDatePrecision: endDate ? 'DAY' : null, sourceUrl: SRC, origin: ORIGIN, originKey: String(n++) },
  });
}

beforeAll(async () => {
  for (const [key, name, countries] of [
    ['maker', 'Gap Fixture Maker', ['xd']],
    ['s1', 'Gap Fixture Engines', ['xd']],
    ['s2', 'Gap Fixture Electronics', ['xe']],
    ['s3', 'Gap Fixture Role Only', ['xf']],
    ['s4', 'Gap Fixture Lifted', ['xd']],
    ['s5', 'Gap Fixture No Program', ['xe']],
    ['gone', 'Gap Fixture Deleted Recipient', ['xd']],
  ] as const) {
    ids[key] = (await prisma.entity.create({ data: { schema: 'Company', name, countries: [...countries] } })).id;
  }
  for (const slug of ['test-gap-drone', 'test-gap-other']) {
    programs[slug] = (await prisma.weaponsProgram.create({ data: { slug, name: slug === 'test-gap-drone' ? 'Gap Drone' : 'Gap Other', type: 'UAV', sourceUrls: [SRC] } })).id;
  }
  const P1 = programs['test-gap-drone']!;
  const P2 = programs['test-gap-other']!;
  const link = (s: string, r: string, componentCategory: 'ENGINES' | 'ELECTRONICS' | 'OTHER' | 'SERVOS', weaponsProgramId: string | null) =>
    prisma.supplyLink.create({ data: { supplierId: ids[s]!, recipientId: ids[r]!, componentCategory, weaponsProgramId, sourceUrl: SRC } });
  await link('s1', 'maker', 'ENGINES', P1);
  await link('s2', 'maker', 'ELECTRONICS', P2);
  await link('s4', 'gone', 'OTHER', P1);
  await link('s5', 'maker', 'SERVOS', null);
  // s2 supplies P1 too, as a participant without a link for P1; s3 only so.
  for (const key of ['s2', 's3']) await prisma.programParticipant.create({ data: { entityId: ids[key]!, weaponsProgramId: P1, role: 'COMPONENT_SUPPLIER', sourceUrl: SRC } });
  await prisma.entity.update({ where: { id: ids.gone! }, data: { deletedAt: new Date() } });
  await designate(ids.maker!, 'US-OFAC', '2022-11-15');
  await designate(ids.maker!, 'EU', '2023-02-25');
  await designate(ids.s1!, 'US-OFAC', '2023-01-10');
  await designate(ids.s2!, 'EU', '2023-03-01');
  // Lifted: a designation all the same ("designated by" is any listing, lifted or not).
  await designate(ids.s4!, 'UK', '2022-05-01', '2023-05-01');
  await designate(ids.s5!, 'US-OFAC', '2023-06-01');
});

afterAll(async () => {
  await prisma.designation.deleteMany({ where: { origin: ORIGIN } });
  await prisma.supplyLink.deleteMany({ where: { supplierId: { in: Object.values(ids) } } });
  await prisma.programParticipant.deleteMany({ where: { weaponsProgramId: { in: Object.values(programs) } } });
  await prisma.weaponsProgram.deleteMany({ where: { id: { in: Object.values(programs) } } });
  await prisma.entity.deleteMany({ where: { id: { in: Object.values(ids) } } });
});

describe('supplier gap filters', () => {
  it('takes several countries at once, and a program through a link or a participant role', async () => {
    expect(names(await overview(`${FIX}`))).toEqual(['Gap Fixture Electronics', 'Gap Fixture Engines', 'Gap Fixture Lifted', 'Gap Fixture No Program', 'Gap Fixture Role Only']);
    expect(names(await overview('country=xe'))).toEqual(['Gap Fixture Electronics', 'Gap Fixture No Program']);
    expect(names(await overview(`${FIX}&weapon=test-gap-drone`))).toEqual(['Gap Fixture Electronics', 'Gap Fixture Engines', 'Gap Fixture Lifted', 'Gap Fixture Role Only']);
    expect(names(await overview(`${FIX}&weapon=test-gap-drone&weapon=test-gap-other`))).toHaveLength(4);
  });

  it('designated by any of some authorities, and by none of others (a lifted listing counts as designated)', async () => {
    const p1 = `${FIX}&weapon=test-gap-drone`;
    expect(names(await overview(`${p1}&notby=EU`))).toEqual(['Gap Fixture Engines', 'Gap Fixture Lifted', 'Gap Fixture Role Only']);
    expect(names(await overview(`${p1}&notby=EU&notby=UK`))).toEqual(['Gap Fixture Engines', 'Gap Fixture Role Only']);
    expect(names(await overview(`${p1}&by=US-OFAC&notby=EU`))).toEqual(['Gap Fixture Engines']);
    expect(names(await overview(`${p1}&by=US-OFAC&by=UK`))).toEqual(['Gap Fixture Engines', 'Gap Fixture Lifted']);
    expect(names(await overview(`${p1}&notby=any`))).toEqual(['Gap Fixture Role Only']);
    expect(names(await overview(`${p1}&by=EU&notby=EU`))).toEqual([]);
  });

  it('applies category and program to one and the same link', async () => {
    // Engines for the first program, electronics for the other: neither is "engines for the other".
    expect(names(await overview(`${FIX}&weapon=test-gap-other&category=ENGINES`))).toEqual([]);
    expect(names(await overview(`${FIX}&weapon=test-gap-other&category=ELECTRONICS`))).toEqual(['Gap Fixture Electronics']);
    expect(names(await overview(`${FIX}&category=ENGINES&category=SERVOS`))).toEqual(['Gap Fixture Engines', 'Gap Fixture No Program']);
  });

  it('counts each table within the other filters: designation status without by/notby, the matrix without country and category', async () => {
    const o = await overview(`${FIX}&weapon=test-gap-drone&notby=EU`);
    expect(o.base).toBe(4);
    expect(o.byAuthority).toEqual([
      { authority: 'EU', count: 1 },
      { authority: 'UK', count: 1 },
      { authority: 'US-OFAC', count: 1 },
    ]);
    expect(o.undesignated).toBe(1);
    expect(o.total).toBeGreaterThan(o.base);
    // Only the fixture has suppliers of this program; the EU-designated one is left out.
    expect(o.byCountryCategory).toEqual([
      { country: 'xd', category: 'ENGINES', count: 1 },
      { country: 'xd', category: 'OTHER', count: 1 },
      { country: 'xf', category: 'UNSPECIFIED', count: 1 },
    ]);
    expect(o.options.weapons).toEqual(expect.arrayContaining([{ slug: 'test-gap-drone', name: 'Gap Drone' }, { slug: 'shahed-136', name: 'Shahed-136' }]));
    expect(o.options.countries).toEqual(expect.arrayContaining(['xd', 'xe', 'xf', 'cn', 'tr']));
  });

  it('gives the network of the suppliers kept: each link to its recipient, a role-only supplier to its program, no deleted recipient', async () => {
    const o = await overview(`${FIX}&weapon=test-gap-drone&notby=EU`);
    const name = new Map(o.network.nodes.map((x) => [x.id, x.name]));
    expect(o.network.edges.map((e) => [name.get(e.supplierId), name.get(e.recipientId), e.componentCategory, e.program]).sort()).toEqual([
      ['Gap Fixture Engines', 'Gap Fixture Maker', 'ENGINES', 'test-gap-drone'],
      ['Gap Fixture Role Only', 'Gap Drone', 'UNSPECIFIED', 'test-gap-drone'],
    ]);
    const maker = o.network.nodes.find((x) => x.id === ids.maker)!;
    expect(maker).toMatchObject({ kind: 'entity', href: `/entities/${ids.maker}`, authorities: ['EU', 'US-OFAC'] });
    expect(o.network.nodes.find((x) => x.kind === 'program')).toMatchObject({ id: 'program:test-gap-drone', href: '/programs/test-gap-drone', authorities: [] });
    expect(o.network.nodes.some((x) => x.id === ids.gone)).toBe(false);
    // Every supplier kept is a node, with its authorities (the lifted one included).
    expect(o.network.nodes.find((x) => x.id === ids.s4)).toMatchObject({ authorities: ['UK'] });
  });
});
