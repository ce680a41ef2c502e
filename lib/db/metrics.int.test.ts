// The overview's SQL aggregates and its drill-down against a real PostgreSQL with the real seed.
// Two kinds of checks: (1) on the seeded OFAC history, aggregates by dimension equal counts made
// here from the seed CSV or from plain rows; (2) on a small fixture of our own (a test-only
// authority, removed afterwards), hand-computed numbers for every dimension, mode and filter.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from './client';
import { Prisma } from './generated/client';
import { getCoverage, getDesignationCounts, getFilterOptions, getTimelineData, getUkCarryover } from './metrics';
import { listDrilldown } from './drilldown';
import { isRenameRow } from '../../test/program-renames';
import { parseDashboardQuery, type DashboardQuery } from '../validation/dashboard';
import { searchParamsToObject } from '../validation/search-params';
import { testViewer } from '../../test/actions';

const query = (qs: string): DashboardQuery => {
  const { query: q, problems } = parseDashboardQuery(searchParamsToObject(new URLSearchParams(qs)));
  expect(problems).toEqual([]);
  return q;
};

/** The chart's numbers as `bin|series` → count (`bin|*` is the bin's distinct total). */
async function chart(qs: string, kind: 'listed' | 'lifted' = 'listed') {
  const data = await getTimelineData(await testViewer(), query(qs));
  const rows = kind === 'listed' ? data.listed : data.lifted;
  return { ranking: data.ranking, counts: new Map(rows.map((r) => [`${r.bin}|${r.series ?? '*'}`, r.count])) };
}

async function drillTotal(qs: string): Promise<number> {
  const q = query(qs);
  return (await listDrilldown(await testViewer(), { ...q, bin: q.bin as string })).total;
}

describe('on the seeded OFAC history', () => {
  const csv = (file: string) => parse(readFileSync(`data/${file}`), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;

  it('counts new designations per year and entity type as the seed files and entity rows do', async () => {
    // Dates from the CSV; the type from the entity row (the curated drone case refines some OFAC
    // "entity" entries into companies).
    const entries = csv('ofac-sdn/sdn-first-seen.csv');
    const ext = await prisma.externalId.findMany({ where: { source: 'ofac-sdn' }, select: { externalId: true, entity: { select: { schema: true } } } });
    const typeOf = new Map(ext.map((x) => [x.externalId, x.entity.schema as string]));
    const expected = new Map<string, number>();
    const add = (date: string, schema: string) => {
      for (const key of [`${date.slice(0, 4)}|${schema}`, `${date.slice(0, 4)}|*`]) expected.set(key, (expected.get(key) ?? 0) + 1);
    };
    for (const e of entries) if (e.first_seen !== '2021-08-18') add(e.first_seen as string, typeOf.get(e.ent_num as string) as string);
    // Program renames are not designations (issue 23).
    for (const c of csv('ofac-sdn/sdn-program-changes.csv')) if (c.programs_added && !isRenameRow(c)) add(c.date as string, typeOf.get(c.ent_num as string) as string);
    const { counts } = await chart('granularity=year&from=2021&to=2024&authority=US-OFAC&split=schema');
    expect(counts).toEqual(expected);
  });

  it('counts per program and year equal counts made from the designation rows, with a distinct total', async () => {
    const rows = await prisma.designation.findMany({
      where: { authorityId: 'US-OFAC', listingDateQualifier: 'EXACT', deletedAt: null, listingDate: { gte: new Date('2022-01-01'), lte: new Date('2023-12-31') } },
      select: { listingDate: true, programs: { select: { program: { select: { code: true } } } } },
    });
    const expected = new Map<string, number>();
    const add = (key: string) => expected.set(key, (expected.get(key) ?? 0) + 1);
    for (const d of rows) {
      const year = d.listingDate!.toISOString().slice(0, 4);
      add(`${year}|*`);
      for (const p of d.programs) add(`${year}|US-OFAC:${p.program.code}`);
    }
    const { counts, ranking } = await chart('granularity=year&from=2022&to=2023&authority=US-OFAC&split=program&top=20');
    for (const [key, n] of counts) {
      if (key.endsWith('|__other__')) continue;
      expect([key, n]).toEqual([key, expected.get(key)]);
    }
    expect(ranking.keys.length).toBe(20);
    // Every program is either drawn or folded into Other: nothing is lost.
    for (const [key, n] of expected) if (!key.endsWith('|*') && ranking.keys.includes(key.split('|')[1] as string)) expect(counts.get(key)).toBe(n);
  });

  it('counts per weapons program (curated drone case) equal counts made from participant rows', async () => {
    const rows = await prisma.designation.findMany({
      where: { listingDateQualifier: 'EXACT', deletedAt: null, entity: { deletedAt: null }, listingDate: { gte: new Date('2022-01-01'), lte: new Date('2023-12-31') } },
      select: { listingDate: true, entity: { select: { participations: { where: { deletedAt: null }, select: { weaponsProgram: { select: { slug: true } } } } } } },
    });
    const expected = new Map<string, number>();
    const add = (key: string) => expected.set(key, (expected.get(key) ?? 0) + 1);
    for (const d of rows) {
      const year = d.listingDate!.toISOString().slice(0, 4);
      const slugs = new Set(d.entity.participations.map((p) => p.weaponsProgram.slug));
      for (const slug of slugs) add(`${year}|${slug}`);
    }
    expect(expected.size).toBeGreaterThan(0);
    const { counts } = await chart('granularity=year&from=2022&to=2023&split=weapon&top=20');
    for (const [key, n] of expected) expect([key, counts.get(key)]).toEqual([key, n]);
  });

  it('lists exactly as many designations behind a bar as the bar counts, for kept series, Other and totals', async () => {
    const base = 'granularity=quarter&from=2022&to=2023&authority=US-OFAC&split=program&top=5';
    const { counts } = await chart(base);
    const all = [...counts];
    const sample = [...all.filter(([k]) => k.endsWith('|*')).slice(0, 3), ...all.filter(([k]) => k.endsWith('|__other__')).slice(0, 3), ...all.filter(([k]) => !k.endsWith('|*') && !k.endsWith('|__other__')).slice(0, 6)];
    expect(sample.filter(([k]) => k.endsWith('|__other__'))).toHaveLength(3);
    for (const [key, n] of sample) {
      const [bin, series] = key.split('|') as [string, string];
      expect([key, await drillTotal(`${base}&bin=${bin}${series === '*' ? '' : `&series=${encodeURIComponent(series)}`}`)]).toEqual([key, n]);
    }
  });

  it('counts a split by authority filtered by countries and programs (one scan) as the rows do, listed and lifted', async () => {
    for (const [qs, extra] of [
      ['granularity=year&from=2000&country=ir&country=ru&mode=net&top=3', Prisma.sql`e.countries && ARRAY['ir', 'ru', 'IR', 'RU']::text[]`],
      ['granularity=quarter&from=2015&program=US-OFAC:NPWMD&program=US-OFAC:IRGC&mode=net&top=2', Prisma.sql`EXISTS (SELECT 1 FROM designation_program dp JOIN sanctions_program sp ON sp.id = dp.program_id WHERE dp.designation_id = d.id AND sp.authority_id = 'US-OFAC' AND sp.code IN ('NPWMD', 'IRGC'))`],
    ] as const) {
      const fmt = qs.startsWith('granularity=year') ? 'YYYY' : 'YYYY-"Q"Q';
      const from = qs.includes('from=2000') ? '2000-01-01' : '2015-01-01';
      for (const kind of ['listed', 'lifted'] as const) {
        const [date, precision, exact] = kind === 'listed' ? ['listing_date', 'listing_date_precision', Prisma.sql`d.listing_date_qualifier = 'EXACT'`] : ['end_date', 'end_date_precision', Prisma.sql`TRUE`];
        const rows = await prisma.$queryRaw<Array<{ bin: string; key: string; count: number }>>`
          SELECT to_char(${Prisma.raw(`d.${date}`)}, ${fmt}) AS bin, d.authority_id AS key, count(*)::int AS count
          FROM designation d JOIN entity e ON e.id = d.entity_id
          WHERE d.deleted_at IS NULL AND e.deleted_at IS NULL AND ${extra} AND ${exact}
            AND ${Prisma.raw(`d.${date}`)} >= ${from}::date
            AND ${Prisma.raw(`d.${precision}`)} >= ${fmt === 'YYYY' ? 'YEAR' : 'MONTH'}::"DatePrecision"
          GROUP BY 1, 2`;
        if (kind === 'listed') expect(rows.length).toBeGreaterThan(0);
        const { ranking, counts } = await chart(qs, kind);
        const totals = new Map<string, number>();
        for (const r of rows) {
          totals.set(r.bin, (totals.get(r.bin) ?? 0) + r.count);
          if (ranking.keys.includes(r.key)) expect([qs, kind, r.bin, r.key, counts.get(`${r.bin}|${r.key}`)]).toEqual([qs, kind, r.bin, r.key, r.count]);
        }
        for (const [bin, n] of totals) expect([qs, kind, bin, counts.get(`${bin}|*`)]).toEqual([qs, kind, bin, n]);
        expect([...counts.keys()].filter((k) => k.endsWith('|*')).length).toBe(totals.size);
      }
    }
  });

  it('gives the read API (getDesignationCounts) the chart\'s numbers for any split, whatever the mode', async () => {
    const qs = 'granularity=quarter&from=2022&to=2023&split=program&top=5';
    const chartRows = (await getTimelineData(await testViewer(), query(qs))).listed.filter((r) => r.series !== null);
    expect(await getDesignationCounts(await testViewer(), query(`${qs}&mode=net`))).toEqual(chartRows);
  });

  // The chart counts live designations of live entities: so do the filter options, per program and
  // per country code (lower-cased, once per designation), as the rows say.
  it('offers the programs and countries that have designations, with their designations, as the rows say', async () => {
    const { programs, countries } = await getFilterOptions(await testViewer());
    const byProgram = await prisma.$queryRaw<Array<{ key: string; count: number }>>`
      SELECT sp.authority_id || ':' || sp.code AS key, count(*)::int AS count
      FROM designation d JOIN entity e ON e.id = d.entity_id
      JOIN designation_program dp ON dp.designation_id = d.id JOIN sanctions_program sp ON sp.id = dp.program_id
      WHERE d.deleted_at IS NULL AND e.deleted_at IS NULL AND sp.deleted_at IS NULL
      GROUP BY 1 ORDER BY (sp.authority_id || ':' || sp.code) COLLATE "C"`;
    expect(byProgram.length).toBeGreaterThan(5);
    expect(programs.find((p) => p.key === 'US-OFAC:NPWMD')?.count).toBeGreaterThan(0);
    expect(programs.map(({ key, count }) => ({ key, count })).sort((a, b) => (a.key < b.key ? -1 : 1))).toEqual(byProgram);
    const byCountry = await prisma.$queryRaw<Array<{ code: string; count: number }>>`
      SELECT c.code, count(DISTINCT d.id)::int AS count
      FROM designation d JOIN entity e ON e.id = d.entity_id CROSS JOIN LATERAL unnest(e.countries) AS x(code) CROSS JOIN LATERAL (SELECT lower(x.code) AS code) c
      WHERE d.deleted_at IS NULL AND e.deleted_at IS NULL
      GROUP BY 1 ORDER BY 1`;
    expect(byCountry.length).toBeGreaterThan(5);
    expect(countries).toEqual(byCountry);
  });
});

describe("the UK's listings carried over at the Brexit transition (issue 23)", () => {
  // The carried-over listings and, for each, the same entity's first exact EU or UN listing before it — from the rows.
  const carried = () => prisma.$queryRaw<Array<{ id: string; earlier: Date | null }>>`
    SELECT d.id, (SELECT min(o.listing_date) FROM designation o WHERE o.entity_id = d.entity_id AND o.authority_id IN ('EU', 'UN')
      AND o.deleted_at IS NULL AND o.listing_date_qualifier = 'EXACT' AND o.listing_date < d.listing_date) AS earlier
    FROM designation d JOIN entity e ON e.id = d.entity_id
    WHERE d.authority_id = 'UK' AND d.listing_date = DATE '2020-12-31' AND d.deleted_at IS NULL AND e.deleted_at IS NULL`;

  it('counts them as the UK dates them, at the earlier EU or UN listing, or not at all — moving, never losing one', async () => {
    const rows = await carried();
    const moved = rows.filter((r) => r.earlier);
    expect(rows.length).toBeGreaterThan(900);
    expect(moved.length).toBeGreaterThan(100);
    expect(await getUkCarryover(await testViewer())).toEqual({ total: rows.length, withEarlier: moved.length });

    const base = 'granularity=year&authority=UK&from=1990';
    const listed = (await chart(base)).counts;
    const earlier = (await chart(`${base}&ukcarry=earlier`)).counts;
    const excluded = (await chart(`${base}&ukcarry=exclude`)).counts;
    const leaving2020 = moved.filter((r) => r.earlier!.getUTCFullYear() !== 2020).length;
    expect(leaving2020).toBeGreaterThan(100);
    expect(earlier.get('2020|*')).toBe(listed.get('2020|*')! - leaving2020);
    expect(excluded.get('2020|*')).toBe(listed.get('2020|*')! - rows.length);
    // Each moved listing lands in the year of its earlier listing; the totals over all years agree.
    const byYear = new Map<string, number>();
    for (const r of moved) byYear.set(String(r.earlier!.getUTCFullYear()), (byYear.get(String(r.earlier!.getUTCFullYear())) ?? 0) + 1);
    for (const [year, n] of byYear) if (year !== '2020') expect([year, earlier.get(`${year}|*`)]).toEqual([year, (listed.get(`${year}|*`) ?? 0) + n]);
    const sum = (m: Map<string, number>) => [...m].filter(([k]) => k.endsWith('|*')).reduce((t, [, n]) => t + n, 0);
    expect(sum(earlier)).toBe(sum(listed));
    expect(sum(excluded)).toBe(sum(listed) - rows.length);
    // The drill-down behind a moved bar lists the moved listings too.
    const year = [...byYear].sort((a, b) => b[1] - a[1])[0]![0];
    expect(await drillTotal(`${base}&ukcarry=earlier&bin=${year}`)).toBe(earlier.get(`${year}|*`));
    // What the coverage line counts follows the choice: left out, they are not counted at all.
    expect((await getCoverage(await testViewer(), query(`${base}&ukcarry=exclude`))).total).toBe((await getCoverage(await testViewer(), query(base))).total - rows.length);
  });
});

describe('on a hand-made fixture', () => {
  const tok = randomBytes(3).toString('hex');
  const AUTH = 'ZZ-TEST';
  const A = `authority=${AUTH}`;
  const w1 = `w1-${tok}`;
  const w2 = `w2-${tok}`;
  const ids: { entities: string[]; designations: string[]; programs: string[]; weapons: string[] } = { entities: [], designations: [], programs: [], weapons: [] };
  const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

  beforeAll(async () => {
    await prisma.authority.create({ data: { id: AUTH, name: 'Test authority (integration test)', shortName: 'Test' } });
    const program: Record<string, string> = {};
    for (const code of ['P-A', 'P-B', 'P-C', 'P-D']) {
      const p = await prisma.sanctionsProgram.create({ data: { authorityId: AUTH, code } });
      program[code] = p.id;
      ids.programs.push(p.id);
    }
    const weapon: Record<string, string> = {};
    for (const slug of [w1, w2]) {
      const w = await prisma.weaponsProgram.create({ data: { slug, name: `Test UAV ${slug}`, type: 'UAV' } });
      weapon[slug] = w.id;
      ids.weapons.push(w.id);
    }
    const entity = async (name: string, schema: 'Person' | 'Company' | 'Organization' | 'Vessel', countries: string[], aliases: string[] = []) => {
      const e = await prisma.entity.create({ data: { name: `${name} ${tok}`, schema, countries, aliases: { create: aliases.map((a) => ({ name: a })) } } });
      ids.entities.push(e.id);
      return e.id;
    };
    const e1 = await entity('Alpha Drone Works', 'Company', ['ir'], [`Alfa Drône ${tok}`]);
    const e2 = await entity('Boris Test', 'Person', ['IR', 'Ru']); // codes match whatever their case
    const e3 = await entity('Gamma Logistics', 'Organization', []);
    const e4 = await entity('Delta Ship', 'Vessel', ['ru']);
    const participant = (entityId: string, slug: string, role: 'MANUFACTURER' | 'PROCUREMENT_AGENT' | 'FINANCIER' | 'LOGISTICS') =>
      prisma.programParticipant.create({ data: { entityId, weaponsProgramId: weapon[slug] as string, role, sourceUrl: 'https://example.org/test-fixture' } });
    await participant(e1, w1, 'MANUFACTURER');
    await participant(e2, w1, 'PROCUREMENT_AGENT');
    await participant(e2, w2, 'FINANCIER');
    await participant(e4, w2, 'LOGISTICS');
    type D = { key: string; entityId: string; programs: string[]; listing?: [string, 'DAY' | 'MONTH' | 'YEAR']; onOrBefore?: boolean; start?: string; end?: string };
    const fixture: D[] = [
      { key: 'D1', entityId: e1, programs: ['P-A', 'P-B'], listing: ['2022-11-15', 'DAY'] },
      { key: 'D2', entityId: e2, programs: ['P-A'], listing: ['2022-11-20', 'DAY'], end: '2023-02-10' },
      { key: 'D3', entityId: e3, programs: ['P-C'], listing: ['2022-12-01', 'DAY'] },
      { key: 'D8', entityId: e4, programs: ['P-C', 'P-D'], listing: ['2022-12-05', 'DAY'] },
      { key: 'D4', entityId: e4, programs: [], listing: ['2023-02-01', 'MONTH'] },
      { key: 'D5', entityId: e1, programs: ['P-B'], listing: ['2023-01-01', 'YEAR'] },
      { key: 'D6', entityId: e2, programs: ['P-A'], listing: ['2021-08-18', 'DAY'], onOrBefore: true, end: '2023-03-05' },
      { key: 'D7', entityId: e3, programs: ['P-C'], start: '2023-01-10' },
    ];
    for (const d of fixture) {
      const row = await prisma.designation.create({
        data: {
          entityId: d.entityId,
          authorityId: AUTH,
          listingDate: d.listing ? day(d.listing[0]) : null,
          listingDatePrecision: d.listing ? d.listing[1] : null,
          listingDateQualifier: d.onOrBefore ? 'ON_OR_BEFORE' : 'EXACT',
          startDate: d.start ? day(d.start) : null,
          startDatePrecision: d.start ? 'DAY' : null,
          endDate: d.end ? day(d.end) : null,
          endDatePrecision: d.end ? 'DAY' : null,
          status: d.end ? 'DELISTED' : 'LISTED',
          sourceUrl: `https://example.org/test-fixture/${d.key}`,
          origin: `int-test-${tok}`,
          originKey: d.key,
          programs: { create: d.programs.map((code) => ({ programId: program[code] as string })) },
        },
      });
      ids.designations.push(row.id);
    }
  });

  afterAll(async () => {
    await prisma.designation.deleteMany({ where: { id: { in: ids.designations } } });
    await prisma.programParticipant.deleteMany({ where: { entityId: { in: ids.entities } } });
    await prisma.weaponsProgram.deleteMany({ where: { id: { in: ids.weapons } } });
    await prisma.sanctionsProgram.deleteMany({ where: { id: { in: ids.programs } } });
    await prisma.entity.deleteMany({ where: { id: { in: ids.entities } } });
    await prisma.authority.delete({ where: { id: AUTH } });
  });

  const M = `granularity=month&from=2022-01&to=2023-12&${A}`;
  const entries = async (qs: string, kind: 'listed' | 'lifted' = 'listed') => Object.fromEntries((await chart(qs, kind)).counts);

  it('counts by authority, placing only dates precise enough for the bins', async () => {
    expect(await entries(M)).toEqual({ '2022-11|*': 2, '2022-11|ZZ-TEST': 2, '2022-12|*': 2, '2022-12|ZZ-TEST': 2, '2023-02|*': 1, '2023-02|ZZ-TEST': 1 });
    // The year-only D5 is not pretended to be 1 January: it appears in the yearly bins only.
    expect(await entries(`granularity=year&from=2022&to=2023&${A}`)).toEqual({ '2022|*': 4, '2022|ZZ-TEST': 4, '2023|*': 2, '2023|ZZ-TEST': 2 });
  });

  it('says what it leaves out and why', async () => {
    expect(await getCoverage(await testViewer(), query(M))).toEqual({ total: 8, placed: 5, noDate: 1, onOrBefore: 1, tooImprecise: 1, outOfRange: 0, liftedTooImprecise: 0 });
    expect(await getCoverage(await testViewer(), query(`granularity=year&from=2022&to=2023&${A}`))).toMatchObject({ placed: 6, tooImprecise: 0 });
    expect(await getCoverage(await testViewer(), query(`granularity=month&from=2022-12&to=2023-12&${A}`))).toMatchObject({ placed: 3, outOfRange: 2 });
    // By date in force, only D7 has one.
    expect(await getCoverage(await testViewer(), query(`${M}&basis=start`))).toMatchObject({ placed: 1, noDate: 7 });
    expect(await entries(`${M}&basis=start`)).toEqual({ '2023-01|*': 1, '2023-01|ZZ-TEST': 1 });
  });

  it('splits by program, top N kept, the rest as Other counted once per designation', async () => {
    const { ranking, counts } = await chart(`${M}&split=program&top=2`);
    expect(ranking).toEqual({ keys: ['ZZ-TEST:P-A', 'ZZ-TEST:P-C'], hasOther: true });
    expect(Object.fromEntries(counts)).toEqual({
      '2022-11|*': 2,
      '2022-11|ZZ-TEST:P-A': 2,
      '2022-11|__other__': 1, // D1 is also under P-B
      '2022-12|*': 2,
      '2022-12|ZZ-TEST:P-C': 2,
      '2022-12|__other__': 1, // D8 is also under P-D
      '2023-02|*': 1,
      '2023-02|__other__': 1, // D4 has no program
    });
    expect(await entries(`${M}&split=program`)).toMatchObject({ '2022-11|ZZ-TEST:P-B': 1, '2022-12|ZZ-TEST:P-D': 1, '2023-02|__none__': 1 });
    // Filtering programs narrows the split to them.
    expect(await entries(`${M}&split=program&program=ZZ-TEST:P-B`)).toEqual({ '2022-11|*': 1, '2022-11|ZZ-TEST:P-B': 1 });
  });

  it('splits by weapons program, by role (narrowed to the filtered program) and by country', async () => {
    expect(await entries(`${M}&split=weapon`)).toEqual({
      '2022-11|*': 2,
      [`2022-11|${w1}`]: 2,
      [`2022-11|${w2}`]: 1,
      '2022-12|*': 2,
      '2022-12|__none__': 1,
      [`2022-12|${w2}`]: 1,
      '2023-02|*': 1,
      [`2023-02|${w2}`]: 1,
    });
    expect(await entries(`${M}&split=role&weapon=${w2}`)).toEqual({ '2022-11|*': 1, '2022-11|FINANCIER': 1, '2022-12|*': 1, '2022-12|LOGISTICS': 1, '2023-02|*': 1, '2023-02|LOGISTICS': 1 });
    expect(await entries(`${M}&split=country`)).toEqual({ '2022-11|*': 2, '2022-11|ir': 2, '2022-11|ru': 1, '2022-12|*': 2, '2022-12|__none__': 1, '2022-12|ru': 1, '2023-02|*': 1, '2023-02|ru': 1 });
    expect(await entries(`${M}&split=country&country=RU`)).toEqual({ '2022-11|*': 1, '2022-11|ru': 1, '2022-12|*': 1, '2022-12|ru': 1, '2023-02|*': 1, '2023-02|ru': 1 });
    expect(await entries(`${M}&split=schema&role=MANUFACTURER`)).toEqual({ '2022-11|*': 1, '2022-11|Company': 1 });
  });

  it('finds names and aliases regardless of case and accents', async () => {
    expect(await entries(`${M}&q=${encodeURIComponent(`ALFA DRONE ${tok}`)}`)).toEqual({ '2022-11|*': 1, '2022-11|ZZ-TEST': 1 });
    expect(await entries(`${M}&q=${encodeURIComponent(`gamma logistics ${tok}`)}`)).toEqual({ '2022-12|*': 1, '2022-12|ZZ-TEST': 1 });
  });

  it('counts liftings by end date in net mode', async () => {
    expect(await entries(`${M}&mode=net`, 'lifted')).toEqual({ '2023-02|*': 1, '2023-02|ZZ-TEST': 1, '2023-03|*': 1, '2023-03|ZZ-TEST': 1 });
    expect(await entries(`${M}&mode=net&schema=Person`, 'lifted')).toEqual({ '2023-02|*': 1, '2023-02|ZZ-TEST': 1, '2023-03|*': 1, '2023-03|ZZ-TEST': 1 });
    expect(await entries(`${M}&mode=net&schema=Vessel`, 'lifted')).toEqual({});
  });

  it('lists exactly the designations behind each number', async () => {
    const listed = async (qs: string) => {
      const q = query(qs);
      return (await listDrilldown(await testViewer(), { ...q, bin: q.bin as string })).items.map((d) => d.sourceUrl.split('/').pop()).sort();
    };
    expect(await listed(`${M}&split=program&top=2&bin=2022-11&series=__other__`)).toEqual(['D1']);
    expect(await listed(`${M}&split=program&top=2&bin=2022-12&series=ZZ-TEST:P-C`)).toEqual(['D3', 'D8']);
    expect(await listed(`${M}&split=program&top=2&bin=2023-02&series=__other__`)).toEqual(['D4']);
    expect(await listed(`${M}&split=weapon&bin=2022-12&series=__none__`)).toEqual(['D3']);
    expect(await listed(`${M}&bin=2022-11`)).toEqual(['D1', 'D2']);
    expect(await listed(`granularity=year&from=2022&to=2023&${A}&bin=2023`)).toEqual(['D4', 'D5']);
    expect(await listed(`${M}&mode=net&kind=delisted&bin=2023-03&series=${AUTH}`)).toEqual(['D6']);
    // Cumulative: everything listed from the start of the range up to the bin.
    expect(await listed(`${M}&mode=cumulative&bin=2022-12`)).toEqual(['D1', 'D2', 'D3', 'D8']);
    const first = await listDrilldown(await testViewer(), { ...query(`${M}&bin=2022-11`), bin: '2022-11' });
    expect(first.items[0]).toMatchObject({ authorityId: AUTH, authorityName: 'Test', programs: ['ZZ-TEST — P-A (untitled)', 'ZZ-TEST — P-B (untitled)'], listingDate: '2022-11-15', listingDatePrecision: 'DAY', listingDateQualifier: 'EXACT' });
  });
});
