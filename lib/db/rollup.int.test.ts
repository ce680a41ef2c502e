// The overview rollup (designation_month_count, kept by triggers) is never stale: after creates,
// edits, lifts, soft deletes, restores, entity type changes and deletes, merges, hard deletes and an
// import, (1) the table equals the rollup recomputed from the base rows, and (2) the series answered
// from it equal the naive aggregate over the designation rows, for every query the rollup can answer.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from './client';
import { canUseRollup, getCoverage, getKpis, getTimelineData, setFilter } from './metrics';
import { Prisma } from './generated/client';
import { mergeEntities } from './admin/entities';
import { systemActor } from './audit';
import { parseDashboardQuery, type DashboardQuery } from '../validation/dashboard';
import { searchParamsToObject } from '../validation/search-params';
import { freshImportDatabase } from '../import/testing';
import { STALE_ROLLUP_ROWS_SQL } from '../../test/rollup';
import { testViewer } from '../../test/actions';

const tag = randomBytes(3).toString('hex').toUpperCase();
const AUTH = `T7A${tag}`.slice(0, 12);
const actor = systemActor('test:rollup');

const query = (qs: string): DashboardQuery => {
  const { query: q, problems } = parseDashboardQuery(searchParamsToObject(new URLSearchParams(qs)));
  expect(problems).toEqual([]);
  return q;
};

// Rollup-answerable views: every basis, kind (net mode adds liftings), granularity, both splits, filters.
const VIEWS = [
  'granularity=year&from=2000',
  'granularity=quarter&from=2015-01&split=schema',
  'granularity=month&from=2019&to=2024-06&mode=net',
  'granularity=month&from=2000&basis=start&split=schema&mode=net',
  `granularity=year&from=2000&authority=${AUTH}&authority=US-OFAC&mode=net`,
  `granularity=month&from=2020-03&to=2023&authority=${AUTH}&split=schema&schema=Company&schema=Person`,
  'granularity=quarter&from=2021&to=2022-12-31&schema=Vessel&schema=Organization&mode=cumulative&top=2',
];

// Views the program-set and country-set rollups answer: splits by program and country, their
// filters (narrowing the split's values), with authority filters, net mode, a short top.
const P = (n: number) => `${AUTH}:P${n}-${tag}`;
const SET_VIEWS = [
  'granularity=year&from=2000&split=program',
  `granularity=quarter&from=2015&split=program&authority=${AUTH}&mode=net&top=2`,
  `granularity=month&from=2019&to=2024-06&split=program&program=${P(1)}&program=${P(3)}`,
  `granularity=year&from=2000&basis=start&program=${P(2)}&program=US-OFAC:IRAN`,
  'granularity=year&from=2000&split=country',
  `granularity=quarter&from=2015&split=country&country=xa&country=xb&country=xc&mode=net&top=2`,
  `granularity=month&from=2019&country=xb&authority=${AUTH}&authority=EU`,
];

/** Rows of the table that differ from the rollup recomputed from designation and entity. */
async function staleRollupRows(): Promise<unknown[]> {
  return prisma.$queryRawUnsafe(STALE_ROLLUP_ROWS_SQL);
}

async function expectRollupExact(): Promise<void> {
  expect(await staleRollupRows()).toEqual([]);
  for (const qs of VIEWS) {
    const q = query(qs);
    expect(canUseRollup(q)).toBe(true);
    expect([qs, await getTimelineData(await testViewer(), q, 'rollup')]).toEqual([qs, await getTimelineData(await testViewer(), q, 'base')]);
    expect([qs, await getCoverage(await testViewer(), q, 'rollup')]).toEqual([qs, await getCoverage(await testViewer(), q, 'base')]);
  }
  for (const qs of SET_VIEWS) {
    const q = query(qs);
    expect([qs, canUseRollup(q)]).toEqual([qs, true]);
    expect([qs, await getTimelineData(await testViewer(), q, 'rollup')]).toEqual([qs, await getTimelineData(await testViewer(), q, 'base')]);
    expect([qs, await getCoverage(await testViewer(), q, 'rollup')]).toEqual([qs, await getCoverage(await testViewer(), q, 'base')]);
  }
  // The KPIs (from designation_date_count) against the same counts over the rows.
  const byAuthority = await prisma.$queryRaw<Array<{ authorityId: string; total: number; active: number }>>`
    SELECT d.authority_id AS "authorityId", count(*)::int AS total, count(*) FILTER (WHERE d.end_date IS NULL)::int AS active
    FROM designation d JOIN entity e ON e.id = d.entity_id JOIN authority a ON a.id = d.authority_id
    WHERE d.deleted_at IS NULL AND e.deleted_at IS NULL AND a.deleted_at IS NULL
    GROUP BY 1`;
  const kpis = await getKpis(await testViewer());
  const byId = (a: { authorityId: string }, b: { authorityId: string }) => (a.authorityId < b.authorityId ? -1 : 1);
  expect(kpis.byAuthority.map(({ authorityId, total, active }) => ({ authorityId, total, active })).sort(byId)).toEqual(byAuthority.sort(byId));
}

let entityA: string;
let entityB: string;
const created: string[] = [];

beforeAll(async () => {
  await prisma.authority.create({ data: { id: AUTH, name: 'Rollup test authority', shortName: AUTH } });
  // Made-up country codes (mixed case: codes match case-insensitively), so that the seed's entities do not share them.
  entityA = (await prisma.entity.create({ data: { schema: 'Company', name: `Rollup Fixture A ${tag}`, countries: ['XA', 'xb'] } })).id;
  entityB = (await prisma.entity.create({ data: { schema: 'Person', name: `Rollup Fixture B ${tag}`, countries: ['Xb'] } })).id;
  await prisma.sanctionsProgram.createMany({ data: [1, 2, 3].map((n) => ({ authorityId: AUTH, code: `P${n}-${tag}` })) });
});

afterAll(async () => {
  // Hard deletes (fire the delete trigger too); the merged entity's redirect goes with them.
  await prisma.designation.deleteMany({ where: { authorityId: AUTH } });
  await prisma.entity.updateMany({ where: { id: { in: [entityA, entityB] } }, data: { mergedIntoId: null } });
  await prisma.entity.deleteMany({ where: { id: { in: [entityA, entityB] } } });
  await prisma.sanctionsProgram.deleteMany({ where: { authorityId: AUTH } });
  await prisma.authority.delete({ where: { id: AUTH } });
  expect(await staleRollupRows()).toEqual([]);
});

describe('designation_month_count', () => {
  it('matches the base rows on the seeded data, and says which queries it answers', async () => {
    await expectRollupExact();
    expect(canUseRollup(query('split=program'))).toBe(true);
    expect(canUseRollup(query('country=ir'))).toBe(true);
    expect(canUseRollup(query('split=program&schema=Person'))).toBe(false);
    expect(canUseRollup(query('split=schema&country=ir'))).toBe(false);
    expect(canUseRollup(query('split=country&program=US-OFAC:IRAN'))).toBe(false);
    expect(canUseRollup(query('weapon=shahed-136'))).toBe(false);
    expect(canUseRollup(query('split=role'))).toBe(false);
    expect(canUseRollup(query('q=qods'))).toBe(false);
    expect(canUseRollup(query('from=2022-03-15'))).toBe(false);
    expect(canUseRollup(query('from=2022&to=2023-02-14'))).toBe(false);
    expect(canUseRollup(query('from=2022&to=2023-02-28&authority=EU&schema=Person&split=schema'))).toBe(true);
  });

  it('filters the set rollups through the GIN indexes on their values', async () => {
    // The filter's expression must be the indexed one (a parameter for the separator is not): with
    // sequential scans priced out, the plan shows whether the index can serve it at all.
    const plan = async (table: string, column: string, qs: string, rollup: 'program' | 'country') => {
      const { where } = await setFilter(query(qs), rollup);
      return prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
        const rows = await tx.$queryRaw<Array<{ 'QUERY PLAN': string }>>`EXPLAIN SELECT sum(r.count) FROM ${Prisma.raw(table)} r WHERE ${where(Prisma.raw(`r.${column}`))}`;
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
    };
    expect(await plan('designation_program_month_count', 'programs', 'program=US-OFAC:IRAN', 'program')).toContain('designation_program_month_count_values');
    expect(await plan('designation_country_month_count', 'countries', 'country=ru', 'country')).toContain('designation_country_month_count_values');
  });

  it('stays exact through creates (one and many), edits, lifts, deletes and restores', async () => {
    const one = await prisma.designation.create({
      data: { entityId: entityA, authorityId: AUTH, listingDate: new Date('2022-11-15'), listingDatePrecision: 'DAY', sourceUrl: 'https://example.org/1', origin: 'test', originKey: `${tag}-1` },
    });
    created.push(one.id);
    await prisma.designation.createMany({
      data: Array.from({ length: 40 }, (_, i) => ({
        entityId: i % 2 ? entityA : entityB,
        authorityId: AUTH,
        listingDate: new Date(Date.UTC(2019 + (i % 5), i % 12, 1 + i)),
        listingDatePrecision: (['DAY', 'MONTH', 'YEAR'] as const)[i % 3],
        listingDateQualifier: i % 7 === 0 ? ('ON_OR_BEFORE' as const) : ('EXACT' as const),
        startDate: i % 4 ? new Date(Date.UTC(2020, i % 12, 3)) : null,
        startDatePrecision: i % 4 ? ('DAY' as const) : null,
        sourceUrl: 'https://example.org/many',
        origin: 'test',
        originKey: `${tag}-m${i}`,
      })),
    });
    await expectRollupExact();

    // Programs linked (one, two or three per designation), unlinked, marked removed; as the admin
    // form (nested create, createMany, deleteMany) and the import (one statement each) write them.
    const programs = await prisma.sanctionsProgram.findMany({ where: { authorityId: AUTH }, orderBy: { code: 'asc' } });
    const many = await prisma.designation.findMany({ where: { authorityId: AUTH, originKey: { startsWith: `${tag}-m` } }, orderBy: { originKey: 'asc' } });
    await prisma.designationProgram.createMany({
      data: many.flatMap((d, i) => programs.filter((_, n) => i % (n + 2) === 0).map((p) => ({ designationId: d.id, programId: p.id }))),
    });
    await prisma.designationProgram.create({ data: { designationId: one.id, programId: programs[2]!.id } });
    await expectRollupExact();
    await prisma.designationProgram.deleteMany({ where: { programId: programs[1]!.id, designationId: { in: many.slice(0, 20).map((d) => d.id) } } });
    await prisma.designationProgram.updateMany({ where: { programId: programs[0]!.id }, data: { removedOn: new Date('2024-01-01') } });
    await prisma.designationProgram.updateMany({ where: { programId: programs[2]!.id, designationId: many[0]!.id }, data: { programId: programs[1]!.id } });
    const linked = await prisma.designation.create({
      data: { entityId: entityB, authorityId: AUTH, listingDate: new Date('2021-06-01'), listingDatePrecision: 'DAY', sourceUrl: 'https://example.org/2', origin: 'test', originKey: `${tag}-2`, programs: { create: [{ programId: programs[0]!.id }, { programId: programs[2]!.id }] } },
    });
    created.push(linked.id);
    await expectRollupExact();

    // Countries changed (case only, then a code more), which moves the entity's designations.
    await prisma.entity.update({ where: { id: entityB }, data: { countries: ['XB'] } });
    await prisma.entity.update({ where: { id: entityA }, data: { countries: ['xa', 'XB', 'xc'] } });
    await expectRollupExact();

    // A hard delete of a designation with programs (their links go by cascade).
    await prisma.designation.delete({ where: { id: linked.id } });
    await expectRollupExact();

    // Edit: a new listing date, precision and qualifier; then a lift (end date) and its undo.
    await prisma.designation.update({ where: { id: one.id }, data: { listingDate: new Date('2023-01-31'), listingDatePrecision: 'MONTH' } });
    await prisma.designation.updateMany({ where: { authorityId: AUTH, originKey: { startsWith: `${tag}-m1` } }, data: { endDate: new Date('2024-02-02'), endDatePrecision: 'DAY', status: 'DELISTED' } });
    await prisma.designation.updateMany({ where: { authorityId: AUTH, listingDateQualifier: 'ON_OR_BEFORE' }, data: { listingDateQualifier: 'EXACT' } });
    await expectRollupExact();

    // Soft delete and restore; authority moved.
    await prisma.designation.updateMany({ where: { authorityId: AUTH, originKey: { endsWith: '3' } }, data: { deletedAt: new Date() } });
    await expectRollupExact();
    await prisma.designation.updateMany({ where: { authorityId: AUTH, originKey: { endsWith: '3' } }, data: { deletedAt: null } });
    await prisma.designation.update({ where: { id: one.id }, data: { authorityId: 'EU' } });
    await expectRollupExact();
    await prisma.designation.update({ where: { id: one.id }, data: { authorityId: AUTH } });

    // Hard delete.
    await prisma.designation.deleteMany({ where: { authorityId: AUTH, originKey: { endsWith: '5' } } });
    await expectRollupExact();
  });

  it('follows the entity: a type change, a soft delete and restore, a merge', async () => {
    await prisma.entity.update({ where: { id: entityA }, data: { schema: 'Vessel' } });
    await expectRollupExact();
    await prisma.entity.update({ where: { id: entityB }, data: { deletedAt: new Date() } });
    await expectRollupExact();
    await prisma.entity.update({ where: { id: entityB }, data: { deletedAt: null } });
    await expectRollupExact();
    // A merge moves B's designations to A (another type): they now count under A's type.
    const [a, b] = await Promise.all([prisma.entity.findUniqueOrThrow({ where: { id: entityA } }), prisma.entity.findUniqueOrThrow({ where: { id: entityB } })]);
    const report = await mergeEntities(actor, { survivorId: a.id, mergedId: b.id, survivorVersion: a.version, mergedVersion: b.version });
    expect(report.designations).toBeGreaterThan(0);
    await expectRollupExact();
  });

  it('stays exact through an import and a re-import into an empty database', async () => {
    const fresh = await freshImportDatabase('st_rollup');
    try {
      const { connectDatabase } = await import('./imports');
      const { runImport } = await import('../import/run');
      const db = connectDatabase(fresh.url);
      try {
        const file = path.resolve('data/opensanctions-ftm/zala_entities.ftm.json');
        await runImport({ format: 'ftm', files: [file], actor, db });
        await runImport({ format: 'ftm', files: [file], actor, db });
      } finally {
        await db.$disconnect();
      }
      const stale = await fresh.query(STALE_ROLLUP_ROWS_SQL);
      expect(stale).toEqual([]);
      expect(await fresh.count('SELECT count(*) FROM designation')).toBeGreaterThan(10);
      expect(await fresh.count('SELECT sum(count) FROM designation_month_count')).toBeGreaterThan(0);
    } finally {
      await fresh.drop();
    }
  }, 120_000);
});
