// The rollup cache (lib/db/rollup-cache.ts) reuses an answer exactly while the rollup version is
// unchanged: committed designation writes change it (and the next answer counts them), rolled-back
// writes and writes that leave the rollups alone do not. lib/db/rollup.int.test.ts checks the
// cached answers against the base aggregate after every kind of write.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from './client';
import { canUseRollup, getCoverage, getDesignationCounts, getDesignationCountsJson, getFilterOptions, getTimelineData } from './metrics';
import { readRollupVersion } from './rollup-cache';
import { parseDashboardQuery } from '../validation/dashboard';
import { searchParamsToObject } from '../validation/search-params';
import { testViewer } from '../../test/actions';

const tag = randomBytes(3).toString('hex').toUpperCase();
const AUTH = `T7C${tag}`.slice(0, 12);
const { query: q } = parseDashboardQuery(searchParamsToObject(new URLSearchParams(`granularity=year&from=2000&authority=${AUTH}`)));
let entityId: string;

const total = async () => (await getTimelineData(await testViewer(), q)).listed.filter((r) => r.series === null).reduce((n, r) => n + r.count, 0);
const designation = (i: number) => ({ entityId, authorityId: AUTH, listingDate: new Date(Date.UTC(2021, 0, 1 + i)), listingDatePrecision: 'DAY' as const, sourceUrl: 'https://example.org/cache', origin: 'test', originKey: `${tag}-${i}` });

beforeAll(async () => {
  await prisma.authority.create({ data: { id: AUTH, name: 'Rollup cache test authority', shortName: AUTH } });
  entityId = (await prisma.entity.create({ data: { schema: 'Company', name: `Rollup Cache Fixture ${tag}` } })).id;
});

afterAll(async () => {
  await prisma.designation.deleteMany({ where: { authorityId: AUTH } });
  await prisma.sanctionsProgram.deleteMany({ where: { authorityId: AUTH } });
  await prisma.entity.delete({ where: { id: entityId } });
  await prisma.authority.delete({ where: { id: AUTH } });
});

describe('the rollup cache', () => {
  it('answers from the cache while the version holds, and counts a committed write at once', async () => {
    await prisma.designation.create({ data: designation(0) });
    const v1 = await readRollupVersion();
    const first = await getTimelineData(await testViewer(), q);
    expect(await getTimelineData(await testViewer(), q)).toBe(first); // the very same (frozen) answer: a cache hit
    expect(Object.isFrozen(first.listed)).toBe(true);
    expect(await total()).toBe(1);

    await prisma.designation.createMany({ data: [designation(1), designation(2)] });
    const v2 = await readRollupVersion();
    expect(v2).not.toBe(v1);
    expect(await getTimelineData(await testViewer(), q)).not.toBe(first);
    expect(await total()).toBe(3);
    expect((await getCoverage(await testViewer(), q)).total).toBe(3);

    // A lift changes the rollups (end basis): a new version, and the coverage counts it.
    await prisma.designation.updateMany({ where: { authorityId: AUTH, originKey: `${tag}-2` }, data: { endDate: new Date('2024-05-05'), endDatePrecision: 'YEAR' } });
    expect(await readRollupVersion()).not.toBe(v2);
    const monthly = parseDashboardQuery(searchParamsToObject(new URLSearchParams(`granularity=month&from=2000&authority=${AUTH}`))).query;
    expect((await getCoverage(await testViewer(), monthly)).liftedTooImprecise).toBe(1); // lifted in "2024": too coarse for months
  });

  it('keeps the version through a rolled-back write and a write that changes no designation', async () => {
    const before = await readRollupVersion();
    const answer = await getTimelineData(await testViewer(), q);
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.designation.create({ data: designation(3) });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await prisma.designation.updateMany({ where: { authorityId: AUTH, originKey: 'no such key' }, data: { note: 'nothing' } });
    await prisma.entity.update({ where: { id: entityId }, data: { name: `Rollup Cache Fixture ${tag} renamed` } });
    expect(await readRollupVersion()).toBe(before);
    expect(await getTimelineData(await testViewer(), q)).toBe(answer);
    expect(await total()).toBe(3);
  });

  it('does not serve a cached answer across a soft delete of the entity', async () => {
    const before = await total();
    await prisma.entity.update({ where: { id: entityId }, data: { deletedAt: new Date() } });
    expect(await total()).toBe(0);
    await prisma.entity.update({ where: { id: entityId }, data: { deletedAt: null } });
    expect(await total()).toBe(before);
  });
  it('serves the read API\'s serialised /series body per version, echoing the whole query', async () => {
    const parse = (qs: string) => parseDashboardQuery(searchParamsToObject(new URLSearchParams(qs))).query;
    const bySchema = parse(`granularity=year&from=2000&split=schema&authority=${AUTH}`);
    const body = async (query = bySchema) => JSON.parse(await getDesignationCountsJson(await testViewer(), query)) as { query: unknown; rows: Array<{ count: number }> };
    const sum = (rows: Array<{ count: number }>) => rows.reduce((n, r) => n + r.count, 0);
    const first = await body();
    expect(first.rows).toEqual(await getDesignationCounts(await testViewer(), bySchema));
    expect(first.query).toEqual(JSON.parse(JSON.stringify(bySchema)));
    // Fields the counts ignore (here the hidden milestone categories) share the rows, not the body.
    const withHidden = parse(`granularity=year&from=2000&split=schema&authority=${AUTH}&mhide=DIPLOMATIC`);
    expect((await body(withHidden)).query).toEqual(JSON.parse(JSON.stringify(withHidden)));

    await prisma.designation.create({ data: designation(5) });
    expect(sum((await body()).rows)).toBe(sum(first.rows) + 1);
    await prisma.designation.deleteMany({ where: { authorityId: AUTH, originKey: `${tag}-5` } });
    expect(sum((await body()).rows)).toBe(sum(first.rows));
  });

  it('caches answers by program or country (set rollups, base aggregate) at the version, and answers anew after each change they read', async () => {
    const parse = (qs: string) => parseDashboardQuery(searchParamsToObject(new URLSearchParams(qs))).query;
    const byProgram = parse(`granularity=year&from=2000&split=program&authority=${AUTH}`);
    const inCountry = parse(`granularity=year&from=2000&country=xr&authority=${AUTH}`);
    // By entity type and country: no rollup has both, so the base aggregate answers (and is cached).
    const typesInCountry = parse(`granularity=year&from=2000&split=schema&country=xr&authority=${AUTH}`);
    expect(canUseRollup(typesInCountry)).toBe(false);
    const seriesTotal = async (query: typeof q, series: string) =>
      (await getTimelineData(await testViewer(), query)).listed.filter((r) => r.series === series).reduce((n, r) => n + r.count, 0);
    const binTotal = async (query: typeof q) => (await getTimelineData(await testViewer(), query)).listed.filter((r) => r.series === null).reduce((n, r) => n + r.count, 0);
    const live = await prisma.designation.findMany({ where: { authorityId: AUTH, deletedAt: null }, orderBy: { originKey: 'asc' } });
    expect(live.length).toBeGreaterThan(1);

    const first = await getTimelineData(await testViewer(), byProgram);
    expect(await getTimelineData(await testViewer(), byProgram)).toBe(first); // cached: the same (frozen) answer
    const program = await prisma.sanctionsProgram.create({ data: { authorityId: AUTH, code: `S${tag}` } });
    const key = `${AUTH}:S${tag}`;
    await prisma.designationProgram.create({ data: { designationId: live[0]!.id, programId: program.id } });
    expect(await seriesTotal(byProgram, key)).toBe(1);
    await prisma.sanctionsProgram.update({ where: { id: program.id }, data: { code: `R${tag}` } }); // the series key changes
    expect(await seriesTotal(byProgram, key)).toBe(0);
    expect(await seriesTotal(byProgram, `${AUTH}:R${tag}`)).toBe(1);
    const filtered = parse(`granularity=year&from=2000&program=${AUTH}:R${tag}&authority=${AUTH}`);
    expect(await binTotal(filtered)).toBe(1);
    await prisma.designationProgram.deleteMany({ where: { programId: program.id } });
    expect(await binTotal(filtered)).toBe(0);
    expect((await getCoverage(await testViewer(), filtered)).total).toBe(0);
    await prisma.sanctionsProgram.delete({ where: { id: program.id } });

    expect(await binTotal(inCountry)).toBe(0);
    const typesBefore = await getTimelineData(await testViewer(), typesInCountry);
    expect(await getTimelineData(await testViewer(), typesInCountry)).toBe(typesBefore); // cached
    expect(await binTotal(typesInCountry)).toBe(0);
    const coverage = await getCoverage(await testViewer(), inCountry);
    expect(await getCoverage(await testViewer(), inCountry)).toEqual(coverage);
    await prisma.entity.update({ where: { id: entityId }, data: { countries: ['XR'] } });
    expect(await binTotal(inCountry)).toBe(live.length);
    expect((await getCoverage(await testViewer(), inCountry)).total).toBe(live.length);
    expect(await seriesTotal(typesInCountry, 'Company')).toBe(live.length);
    // Answers are keyed by their filters: another country, cached at the same version, keeps its own.
    expect(await binTotal(parse(`granularity=year&from=2000&country=xs&authority=${AUTH}`))).toBe(0);
    // A merge moves designations to another entity: the designation trigger sets a version.
    const other = await prisma.entity.create({ data: { schema: 'Company', name: `Rollup Cache Other ${tag}` } });
    await prisma.designation.update({ where: { id: live[0]!.id }, data: { entityId: other.id } });
    expect(await binTotal(inCountry)).toBe(live.length - 1);
    expect(await binTotal(typesInCountry)).toBe(live.length - 1);
    await prisma.designation.update({ where: { id: live[0]!.id }, data: { entityId } });
    await prisma.entity.delete({ where: { id: other.id } });
    await prisma.entity.update({ where: { id: entityId }, data: { countries: [] } });
    expect(await binTotal(inCountry)).toBe(0);
  });

  it('never caches what reads names (they set no version)', async () => {
    const word = `zq${tag.toLowerCase()}`;
    const byName = parseDashboardQuery(searchParamsToObject(new URLSearchParams(`granularity=year&from=2000&q=${word}&authority=${AUTH}`))).query;
    const version = await readRollupVersion();
    const before = await getTimelineData(await testViewer(), byName);
    expect(before.listed).toEqual([]);
    expect(await getTimelineData(await testViewer(), byName)).not.toBe(before);
    const alias = await prisma.entityAlias.create({ data: { entityId, name: `Alias ${word}` } });
    expect(await readRollupVersion()).toBe(version);
    expect((await getTimelineData(await testViewer(), byName)).listed.filter((r) => r.series === null).reduce((n, r) => n + r.count, 0)).toBe(await total());
    await prisma.entityAlias.delete({ where: { id: alias.id } });
  });

  it('gives the filter options anew after a change to programs, designations\' programs or countries', async () => {
    const first = await getFilterOptions(await testViewer());
    // The cached part is the same object (cases are read apart, on every call: their edits set no version).
    expect((await getFilterOptions(await testViewer())).programs).toBe(first.programs);
    const program = await prisma.sanctionsProgram.create({ data: { authorityId: AUTH, code: `C${tag}` } });
    const key = `${AUTH}:C${tag}`;
    expect((await getFilterOptions(await testViewer())).programs.find((p) => p.key === key)).toBeUndefined(); // no designation yet
    const d = await prisma.designation.findFirstOrThrow({ where: { authorityId: AUTH, deletedAt: null } });
    await prisma.designationProgram.create({ data: { designationId: d.id, programId: program.id } });
    expect((await getFilterOptions(await testViewer())).programs.find((p) => p.key === key)?.count).toBe(1);
    await prisma.sanctionsProgram.update({ where: { id: program.id }, data: { title: `Cache test ${tag}` } });
    expect((await getFilterOptions(await testViewer())).programs.find((p) => p.key === key)?.title).toBe(`Cache test ${tag}`);

    const code = 'xq'; // a user-assigned ISO code: no seeded entity has it
    expect((await getFilterOptions(await testViewer())).countries.find((c) => c.code === code)).toBeUndefined();
    await prisma.entity.update({ where: { id: entityId }, data: { countries: [code.toUpperCase()] } });
    // Counted in designations, as the chart counts them.
    const designations = await prisma.designation.count({ where: { entityId, deletedAt: null } });
    expect(designations).toBeGreaterThan(0);
    expect((await getFilterOptions(await testViewer())).countries.find((c) => c.code === code)?.count).toBe(designations);
    await prisma.entity.update({ where: { id: entityId }, data: { countries: [] } });
    expect((await getFilterOptions(await testViewer())).countries.find((c) => c.code === code)).toBeUndefined();
    await prisma.designationProgram.deleteMany({ where: { programId: program.id } });
    expect((await getFilterOptions(await testViewer())).programs.find((p) => p.key === key)).toBeUndefined();
  });
});
