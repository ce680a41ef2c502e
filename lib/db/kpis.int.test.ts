// The overview's key figures follow its filters (issue 26, "results first"), on the real seed: the
// unfiltered figures are the totals of everything held (as before), and a filtered view's figures
// equal (1) plain counts written here over the rows, without the app's filter SQL, (2) the chart's
// total for the same query, and (3) for the Iran-drone case, the curated file itself.
import { describe, expect, it } from 'vitest';
import { prisma } from './client';
import { Prisma } from './generated/client';
import { getKpis, getTimelineData } from './metrics';
import { parseDashboardQuery, type DashboardQuery } from '../validation/dashboard';
import { searchParamsToObject } from '../validation/search-params';
import { readJson } from '../../prisma/seed/files';
import { testViewer } from '../../test/actions';

const query = (qs: string): DashboardQuery => {
  const { query: q, problems } = parseDashboardQuery(searchParamsToObject(new URLSearchParams(qs)));
  expect(problems).toEqual([]);
  return q;
};

type Counts = { designations: number; active: number; entities: number; actions: number };

/** Plain counts over live designations of live entities meeting `where` (on `d` and `e`). */
async function countRows(where: Prisma.Sql): Promise<Counts> {
  const [row] = await prisma.$queryRaw<Counts[]>`
    SELECT count(*)::int AS designations, count(*) FILTER (WHERE d.end_date IS NULL)::int AS active,
      count(DISTINCT d.entity_id)::int AS entities, count(DISTINCT d.action_id)::int AS actions
    FROM designation d JOIN entity e ON e.id = d.entity_id
    WHERE d.deleted_at IS NULL AND e.deleted_at IS NULL AND ${where}`;
  return row!;
}

const figures = (k: Awaited<ReturnType<typeof getKpis>>): Counts => ({ designations: k.designations, active: k.activeDesignations, entities: k.entities, actions: k.actions });

/** The chart's total: the distinct designations per bin, summed (new designations, listed). */
async function chartTotal(q: DashboardQuery): Promise<number> {
  const data = await getTimelineData(await testViewer(), q);
  return data.listed.filter((r) => r.series === null).reduce((n, r) => n + r.count, 0);
}

describe('the key figures', () => {
  it('unfiltered: the totals of everything held, as before issue 26', async () => {
    const viewer = await testViewer();
    for (const k of [await getKpis(viewer), await getKpis(viewer, query('')), await getKpis(viewer, query('split=program&granularity=month&basis=start'))]) {
      expect(k.scope).toEqual({ isFiltered: false });
      expect(k.entities).toBe(await prisma.entity.count({ where: { deletedAt: null, mergedIntoId: null } }));
      const all = await countRows(Prisma.sql`d.authority_id IN (SELECT id FROM authority WHERE deleted_at IS NULL)`);
      expect([k.designations, k.activeDesignations, k.actions]).toEqual([all.designations, all.active, all.actions]);
      expect(k.liftedDesignations).toBe(all.designations - all.active);
      expect(k.designations).toBe(k.byAuthority.reduce((n, a) => n + a.total, 0));
    }
  });

  it('the Iran-drone case in 2022–23: the curated file’s designations, the chart’s total, plain counts', async () => {
    type DroneCaseFile = { actions: Array<{ id: string; designations: Array<{ listedOn: string }> }> };
    const file = readJson<DroneCaseFile>('drone-case', 'drone-case.json');
    const inRange = file.actions.flatMap((a) => a.designations.filter((d) => d.listedOn >= '2022-01-01' && d.listedOn <= '2023-12-31'));
    const q = query('case=iran-drones&from=2022&to=2023');
    const k = await getKpis(await testViewer(), q);
    expect(k.scope).toEqual({ isFiltered: true });
    expect(inRange.length).toBeGreaterThan(0);
    expect(k.designations).toBe(inRange.length);
    expect(k.designations).toBe(await chartTotal(q));
    const plain = await countRows(Prisma.sql`d.action_id IN (SELECT ca.action_id FROM case_action ca JOIN sanctions_case sc ON sc.id = ca.case_id WHERE sc.slug = 'iran-drones' AND sc.deleted_at IS NULL)
      AND d.listing_date BETWEEN DATE '2022-01-01' AND DATE '2023-12-31' AND d.listing_date_qualifier = 'EXACT' AND d.listing_date_precision IN ('MONTH', 'DAY')`);
    expect(figures(k)).toEqual(plain);
    expect(k.byAuthority.reduce((n, a) => n + a.total, 0)).toBe(k.designations);
    // Differs from the unfiltered figures (the point of the change).
    expect(k.designations).toBeLessThan((await getKpis(await testViewer())).designations);
  });

  it('a program filter in the default range (since Jan 2015, by quarter): plain counts over the program’s designations', async () => {
    // The seed's largest OFAC program, found here rather than assumed.
    const [top] = await prisma.$queryRaw<Array<{ key: string }>>`
      SELECT sp.authority_id || ':' || sp.code AS key FROM designation_program dp JOIN sanctions_program sp ON sp.id = dp.program_id
      WHERE sp.authority_id = 'US-OFAC' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`;
    const k = await getKpis(await testViewer(), query(`program=${encodeURIComponent(top!.key)}`));
    expect(k.scope).toEqual({ isFiltered: true });
    const [authorityId, code] = top!.key.split(/:(.*)/s) as [string, string];
    const plain = await countRows(Prisma.sql`EXISTS (SELECT 1 FROM designation_program dp JOIN sanctions_program sp ON sp.id = dp.program_id
      WHERE dp.designation_id = d.id AND sp.authority_id = ${authorityId} AND sp.code = ${code})
      AND d.listing_date >= DATE '2015-01-01' AND d.listing_date_qualifier = 'EXACT' AND d.listing_date_precision IN ('MONTH', 'DAY')`);
    expect(plain.designations).toBeGreaterThan(0);
    expect(figures(k)).toEqual(plain);
    // Cached at the rollup version: the second answer is the same.
    expect(figures(await getKpis(await testViewer(), query(`program=${encodeURIComponent(top!.key)}`)))).toEqual(plain);
  });

  it('authorities, entity types, countries and a date range: the chart’s total and plain counts', async () => {
    const viewer = await testViewer();
    const q = query('authority=EU&authority=UK&schema=Person&from=2022-03&to=2023-06&granularity=month');
    const k = await getKpis(viewer, q);
    const plain = await countRows(Prisma.sql`d.authority_id IN ('EU', 'UK') AND e.schema = 'Person'
      AND d.listing_date BETWEEN DATE '2022-03-01' AND DATE '2023-06-30' AND d.listing_date_qualifier = 'EXACT' AND d.listing_date_precision IN ('MONTH', 'DAY')`);
    expect(plain.designations).toBeGreaterThan(0);
    expect(figures(k)).toEqual(plain);
    expect(k.designations).toBe(await chartTotal(q));
    expect(k.byAuthority.map((a) => a.authorityId).sort()).toEqual(['EU', 'UK']);

    const byCountry = await getKpis(viewer, query('country=ir'));
    expect(figures(byCountry)).toEqual(
      await countRows(Prisma.sql`EXISTS (SELECT 1 FROM unnest(e.countries) c WHERE lower(c) = 'ir')
        AND d.listing_date >= DATE '2015-01-01' AND d.listing_date_qualifier = 'EXACT' AND d.listing_date_precision IN ('MONTH', 'DAY')`),
    );
    expect(byCountry.designations).toBe(await chartTotal(query('country=ir')));
    expect(byCountry.designations).toBeGreaterThan(0);
  });

  it('leaving out the UK’s carried-over listings removes them from the figures', async () => {
    const since2000 = Prisma.sql`d.authority_id = 'UK' AND d.listing_date >= DATE '2000-01-01' AND d.listing_date_qualifier = 'EXACT' AND d.listing_date_precision IN ('YEAR', 'MONTH', 'DAY')`;
    const k = await getKpis(await testViewer(), query('ukcarry=exclude&authority=UK&from=2000&granularity=year'));
    const plain = await countRows(Prisma.sql`${since2000} AND d.listing_date <> DATE '2020-12-31'`);
    expect(plain.designations).toBeGreaterThan(0);
    expect(figures(k)).toEqual(plain);
    expect(k.designations).toBeLessThan((await countRows(since2000)).designations);
  });
});
