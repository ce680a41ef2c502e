import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testViewer } from '../../test/actions';
import { prisma } from './client';
import { getLagAnalysis, getMilestoneWindows } from './analysis';
import { summarizeWindows } from '../charts/windows';
import { lagHistogram } from '../charts/lag';

// Fixture rows of this file only (origin 'test-analysis'), removed afterwards: the lag is scoped to a
// fixture weapons program and the windows to milestones in 2031, so the seeded history does not interfere.
const ORIGIN = 'test-analysis';
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
let n = 0;
type Fixture = { authority: string; date: string; precision?: 'DAY' | 'MONTH'; onOrBefore?: boolean; deleted?: boolean };
async function designate(entityId: string, f: Fixture) {
  await prisma.designation.create({
    data: {
      entityId,
      authorityId: f.authority,
      listingDate: day(f.date),
      listingDatePrecision: f.precision ?? 'DAY',
      listingDateQualifier: f.onOrBefore ? 'ON_OR_BEFORE' : 'EXACT',
      deletedAt: f.deleted ? new Date() : null,
      sourceUrl: 'https://example.org/fixture',
      origin: ORIGIN,
      originKey: String(n++),
    },
  });
}

const entities: Record<string, string> = {};
const milestoneIds: string[] = [];
let programId = '';

beforeAll(async () => {
  for (const name of ['Lag One', 'Lag Two', 'Lag Three', 'Lag Four', 'Window Holder']) {
    entities[name] = (await prisma.entity.create({ data: { schema: 'Organization', name: `Fixture ${name}` } })).id;
  }
  programId = (await prisma.weaponsProgram.create({ data: { slug: 'test-lag-program', name: 'Test lag program', type: 'UAV' } })).id;
  for (const name of ['Lag One', 'Lag Two', 'Lag Three', 'Lag Four']) {
    await prisma.programParticipant.create({ data: { entityId: entities[name]!, weaponsProgramId: programId, role: 'MANUFACTURER', sourceUrl: 'https://example.org/fixture' } });
  }
  // Lag One: UK and OFAC the same day (tie: UK first by id), EU 16 days later; later and deleted rows ignored.
  await designate(entities['Lag One']!, { authority: 'US-OFAC', date: '2022-11-15' });
  await designate(entities['Lag One']!, { authority: 'US-OFAC', date: '2023-10-18' });
  await designate(entities['Lag One']!, { authority: 'UK', date: '2022-11-15' });
  await designate(entities['Lag One']!, { authority: 'EU', date: '2022-12-01' });
  await designate(entities['Lag One']!, { authority: 'EU', date: '2022-01-01', deleted: true });
  // Lag Two: UK 20 Feb 2023, EU 20 Jul 2023: 8 + 31 + 30 + 31 + 30 + 20 = 150 days.
  await designate(entities['Lag Two']!, { authority: 'UK', date: '2023-02-20' });
  await designate(entities['Lag Two']!, { authority: 'EU', date: '2023-07-20' });
  // Lag Three: OFAC on or before 18 Aug 2021, EU 20 Oct 2022: at least 365 + 13 + 30 + 20 = 428 days.
  await designate(entities['Lag Three']!, { authority: 'US-OFAC', date: '2021-08-18', onOrBefore: true });
  await designate(entities['Lag Three']!, { authority: 'EU', date: '2022-10-20' });
  // Lag Four: OFAC only.
  await designate(entities['Lag Four']!, { authority: 'US-OFAC', date: '2023-03-09' });

  // Windows, N = 20 around 15 Jun 2031: before 26 May – 14 Jun, during 15 Jun, after 16 Jun – 5 Jul.
  const w = entities['Window Holder']!;
  for (const f of [
    { authority: 'EU', date: '2031-05-26' },
    { authority: 'EU', date: '2031-05-25' },
    { authority: 'UK', date: '2031-06-14' },
    { authority: 'UK', date: '2031-06-15' },
    { authority: 'EU', date: '2031-06-16' },
    { authority: 'EU', date: '2031-07-05' },
    { authority: 'EU', date: '2031-07-06' },
    { authority: 'EU', date: '2031-06-20', onOrBefore: true },
    { authority: 'UK', date: '2031-06-01', precision: 'MONTH' as const },
    { authority: 'EU', date: '2031-06-17', deleted: true },
    // September 2031 (month-only milestone): before 12–31 Aug, during 1–30 Sep, after 1–20 Oct.
    { authority: 'UK', date: '2031-08-31' },
    { authority: 'EU', date: '2031-09-10' },
  ])
    await designate(w, f);
  const base = { category: 'DIPLOMATIC' as const, sourceUrl: 'https://example.org/fixture' };
  milestoneIds.push((await prisma.milestone.create({ data: { ...base, slug: 'test-window-day', title: 'Fixture day milestone', date: day('2031-06-15'), datePrecision: 'DAY' } })).id);
  milestoneIds.push((await prisma.milestone.create({ data: { ...base, slug: 'test-window-month', title: 'Fixture month milestone', date: day('2031-09-01'), datePrecision: 'MONTH' } })).id);
});

afterAll(async () => {
  await prisma.designation.deleteMany({ where: { origin: ORIGIN } });
  await prisma.programParticipant.deleteMany({ where: { weaponsProgramId: programId } });
  await prisma.weaponsProgram.deleteMany({ where: { id: programId } });
  await prisma.milestone.deleteMany({ where: { id: { in: milestoneIds } } });
  await prisma.entity.deleteMany({ where: { id: { in: Object.values(entities) } } });
});

describe('cross-authority lag', () => {
  const AUTHORITIES = ['EU', 'UK', 'US-OFAC'];
  const run = async (sort: 'days' | '-days' | 'entity' = 'days') => getLagAnalysis(await testViewer(), { authority: [], program: 'test-lag-program', sort }, AUTHORITIES);

  it('finds who listed first and the days each other authority took, from the earliest live listing', async () => {
    const r = await run('days');
    expect(r.pairs.map((p) => [p.entityName, p.leader, p.leaderDate, p.follower, p.followerDate, p.days, p.kind])).toEqual([
      ['Fixture Lag One', 'UK', '2022-11-15', 'US-OFAC', '2022-11-15', 0, 'exact'],
      ['Fixture Lag One', 'UK', '2022-11-15', 'EU', '2022-12-01', 16, 'exact'],
      ['Fixture Lag Two', 'UK', '2023-02-20', 'EU', '2023-07-20', 150, 'exact'],
      ['Fixture Lag Three', 'US-OFAC', '2021-08-18', 'EU', '2022-10-20', 428, 'at-least'],
    ]);
    expect(r.pairsTotal).toBe(4);
    expect(r.kinds).toEqual({ exact: 3, 'at-least': 1, uncertain: 0 });
    expect(r.leaders).toEqual([
      { authority: 'UK', count: 2 },
      { authority: 'US-OFAC', count: 1 },
    ]);
  });

  it('sorts in SQL', async () => {
    expect((await run('-days')).pairs.map((p) => p.days)).toEqual([428, 150, 16, 0]);
    expect((await run('entity')).pairs.map((p) => p.entityName)[0]).toBe('Fixture Lag One');
  });

  it('summarises and bins only exact lags', async () => {
    const r = await run();
    expect(r.samples).toEqual([
      { follower: 'EU', days: 16, count: 1 },
      { follower: 'EU', days: 150, count: 1 },
      { follower: 'US-OFAC', days: 0, count: 1 },
    ]);
    // EU: 16 and 150 → median 83, quartiles 16 + 134/4 = 49.5 and 150 − 134/4 = 116.5.
    expect(r.summary).toEqual([
      { follower: 'EU', count: 2, median: 83, p25: 49.5, p75: 116.5, max: 150, sameDay: 0 },
      { follower: 'US-OFAC', count: 1, median: 0, p25: 0, p75: 0, max: 0, sameDay: 1 },
    ]);
    const hist = lagHistogram(r.samples, ['EU', 'US-OFAC']);
    expect(hist.find((h) => h.bucket === 'same-day')).toMatchObject({ EU: 0, 'US-OFAC': 1 });
    expect(hist.find((h) => h.bucket === '8-30')).toMatchObject({ EU: 1 });
    expect(hist.find((h) => h.bucket === '91-180')).toMatchObject({ EU: 1 });
  });

  it('shows entities listed by one authority and not yet another as gaps', async () => {
    const r = await run();
    expect(r.gapMatrix).toEqual([
      { listed: 'EU', missing: 'UK', count: 1 },
      { listed: 'EU', missing: 'US-OFAC', count: 1 },
      { listed: 'UK', missing: 'US-OFAC', count: 1 },
      { listed: 'US-OFAC', missing: 'EU', count: 1 },
      { listed: 'US-OFAC', missing: 'UK', count: 2 },
    ]);
    expect(r.gapsTotal).toBe(3);
    expect(r.gaps.map((g) => [g.entityName, g.listed.map((l) => l.authority), g.missing])).toEqual([
      ['Fixture Lag Three', ['US-OFAC', 'EU'], ['UK']],
      ['Fixture Lag Two', ['UK', 'EU'], ['US-OFAC']],
      ['Fixture Lag Four', ['US-OFAC'], ['EU', 'UK']],
    ]);
    expect(r.gaps[0]!.listed[0]).toEqual({ authority: 'US-OFAC', date: '2021-08-18', onOrBefore: true });
  });

  it('compares only the chosen authorities, and needs two of them', async () => {
    const r = await getLagAnalysis(await testViewer(), { authority: ['UK', 'EU'], program: 'test-lag-program', sort: 'days' }, AUTHORITIES);
    expect(r.pairs.map((p) => [p.entityName, p.follower, p.days])).toEqual([
      ['Fixture Lag One', 'EU', 16],
      ['Fixture Lag Two', 'EU', 150],
    ]);
    const one = await getLagAnalysis(await testViewer(), { authority: ['UK'], program: 'test-lag-program', sort: 'days' }, AUTHORITIES);
    expect(one.pairs).toEqual([]);
  });
});

describe('milestone windows', () => {
  it('counts exact day listings before, during and after each milestone, per authority', async () => {
    const { milestones, rows } = await getMilestoneWindows(await testViewer(), { days: 20, authority: [] });
    const dayM = milestones.find((m) => m.slug === 'test-window-day')!;
    expect(dayM.bounds).toEqual({ before: { from: '2031-05-26', to: '2031-06-14' }, during: { from: '2031-06-15', to: '2031-06-15' }, after: { from: '2031-06-16', to: '2031-07-05' } });
    const [d, m] = summarizeWindows(rows, milestoneIds, ['EU', 'UK']);
    expect(d).toMatchObject({ before: { EU: 1, UK: 1 }, during: { EU: 0, UK: 1 }, after: { EU: 2, UK: 0 }, totals: { before: 2, during: 1, after: 2, change: 0 } });
    expect(m).toMatchObject({ before: { EU: 0, UK: 1 }, during: { EU: 1, UK: 0 }, after: { EU: 0, UK: 0 } });
  });

  it('a wider window takes in more; an authority filter keeps only that authority', async () => {
    const wide = await getMilestoneWindows(await testViewer(), { days: 21, authority: [] });
    const [d] = summarizeWindows(wide.rows, milestoneIds, ['EU', 'UK']);
    expect(d).toMatchObject({ before: { EU: 2 }, after: { EU: 3 } });
    const uk = await getMilestoneWindows(await testViewer(), { days: 20, authority: ['UK'] });
    expect(uk.rows.filter((r) => milestoneIds.includes(r.milestoneId)).map((r) => r.authority)).toEqual(['UK', 'UK']);
  });
});
