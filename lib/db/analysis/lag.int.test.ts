import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testViewer } from '../../../test/actions';
import { prisma } from '../client';
import { getLagAnalysis } from './lag';
import { COHORT_VIEW_CAP, resolveLagCohort } from './cohort';
import { lagHistogram } from '../../charts/lag';
import { summarizeLeaders } from '../../analysis/lag-credit';
import { describeCohort, EMPTY_COHORT, isViewCapped, type Cohort } from '../../analysis/cohort';
import { lagQuerySchema } from '../../validation/lag';

// Fixture rows of this file only (origin 'test-lag'), removed afterwards. The entity-level lag is
// scoped to a fixture weapons program or case, dated in 2029–2030, so the seeded history does not
// interfere; the UN reference numbers are made up ('TSTi.9…') so that no seeded record cites them.
const ORIGIN = 'test-lag';
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
let n = 0;
type Fixture = { authority: string; date: string; precision?: 'DAY' | 'MONTH'; onOrBefore?: boolean; deleted?: boolean; actionId?: string; sourceRecordId?: string };
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
      actionId: f.actionId ?? null,
      sourceRecordId: f.sourceRecordId ?? null,
    },
  });
}
/** A list record of the entity, as an import makes it; returns its id. */
async function record(entityId: string, authorityId: string, source: string, externalId: string) {
  return (await prisma.externalId.create({ data: { entityId, authorityId, source, externalId } })).id;
}
/** The UN reference a UK record states (lib/import/uk-csv.ts). */
async function citeUn(entityId: string, ukRecordId: string, ref: string) {
  await prisma.identifier.create({ data: { entityId, type: 'unReferenceNumber', value: ref, key: ref.replace(/[^A-Za-z0-9]/g, '').toUpperCase(), sourceRecordId: ukRecordId } });
}

const entities: Record<string, string> = {};
let programId = '';
let caseId = '';
const actionIds = ['test-lag-us-1', 'test-lag-eu-1', 'test-lag-uk-1', 'test-lag-us-2'];
let viewIds: string[] = [];

const NAMES = ['Lag One', 'Lag Two', 'Lag Three', 'Lag Four', 'UN Mirror', 'UN Separate', 'UN Elsewhere', 'UN Unknown', 'Case Maker', 'Case Supplier'];

beforeAll(async () => {
  for (const name of NAMES) entities[name] = (await prisma.entity.create({ data: { schema: 'Organization', name: `Lagfixture ${name}` } })).id;
  const e = (name: string) => entities[name]!;
  programId = (await prisma.weaponsProgram.create({ data: { slug: 'test-lag-program', name: 'Test lag program', type: 'UAV' } })).id;
  for (const name of ['Lag One', 'Lag Two', 'Lag Three', 'Lag Four', 'UN Mirror', 'UN Separate', 'UN Unknown']) {
    await prisma.programParticipant.create({ data: { entityId: e(name), weaponsProgramId: programId, role: 'MANUFACTURER', sourceUrl: 'https://example.org/fixture' } });
  }
  // Lag One: UK and OFAC the same day (a tie, credited to neither), EU 16 days later; later and deleted rows ignored.
  await designate(e('Lag One'), { authority: 'US-OFAC', date: '2029-11-15' });
  await designate(e('Lag One'), { authority: 'US-OFAC', date: '2030-10-18' });
  await designate(e('Lag One'), { authority: 'UK', date: '2029-11-15' });
  await designate(e('Lag One'), { authority: 'EU', date: '2029-12-01' });
  await designate(e('Lag One'), { authority: 'EU', date: '2029-01-01', deleted: true });
  // Lag Two: UK 20 Feb 2030, EU 20 Jul 2030: 8 + 31 + 30 + 31 + 30 + 20 = 150 days.
  await designate(e('Lag Two'), { authority: 'UK', date: '2030-02-20' });
  await designate(e('Lag Two'), { authority: 'EU', date: '2030-07-20' });
  // Lag Three: OFAC on or before 18 Aug 2029, EU 20 Oct 2030: at least 365 + 13 + 30 + 20 = 428 days.
  await designate(e('Lag Three'), { authority: 'US-OFAC', date: '2029-08-18', onOrBefore: true });
  await designate(e('Lag Three'), { authority: 'EU', date: '2030-10-20' });
  // Lag Four: OFAC only.
  await designate(e('Lag Four'), { authority: 'US-OFAC', date: '2030-03-09' });

  // UN Mirror: the UN and the UK the same day, the UK record citing the UN reference: the UN's.
  const mirrorUn = await record(e('UN Mirror'), 'UN', 'un-sc', 'TSTi.901');
  const mirrorUk = await record(e('UN Mirror'), 'UK', 'uk-list', 'TST0901');
  await citeUn(e('UN Mirror'), mirrorUk, 'TSTi.901');
  await designate(e('UN Mirror'), { authority: 'UN', date: '2030-01-10', sourceRecordId: mirrorUn });
  await designate(e('UN Mirror'), { authority: 'UK', date: '2030-01-10', sourceRecordId: mirrorUk });
  // UN Separate: the UK (citing TSTi.902) first of the compared, EU later; the UN's own record of
  // TSTi.902 is another, unmerged entity (not in the cohort), listed by the UN a month before the UK.
  const separateUk = await record(e('UN Separate'), 'UK', 'uk-list', 'TST0902');
  await citeUn(e('UN Separate'), separateUk, 'TSTi.902');
  await designate(e('UN Separate'), { authority: 'UK', date: '2030-02-01', sourceRecordId: separateUk });
  await designate(e('UN Separate'), { authority: 'EU', date: '2030-03-01' });
  const elsewhereUn = await record(e('UN Elsewhere'), 'UN', 'un-sc', 'TSTi.902');
  await designate(e('UN Elsewhere'), { authority: 'UN', date: '2029-12-31', sourceRecordId: elsewhereUn });
  // UN Unknown: the UK cites TSTi.903, which no UN record of ours holds.
  const unknownUk = await record(e('UN Unknown'), 'UK', 'uk-list', 'TST0903');
  await citeUn(e('UN Unknown'), unknownUk, 'TSTi.903');
  await designate(e('UN Unknown'), { authority: 'UK', date: '2030-02-01', sourceRecordId: unknownUk });
  await designate(e('UN Unknown'), { authority: 'EU', date: '2030-02-15' });

  // A case of three curated actions: US 1 May 2030; EU and UK the same day, 12 Jun 2030 (42 days).
  // The supplier was listed by the EU before, outside the case: the entity-level answer sees it.
  const action = (id: string, authorityId: string, date: string) =>
    prisma.sanctionsAction.create({ data: { id, authorityId, actionDate: day(date), kind: 'CURATED', title: `Fixture action ${id}`, sourceUrls: ['https://example.org/fixture'] } });
  await action('test-lag-us-1', 'US-OFAC', '2030-05-01');
  await action('test-lag-eu-1', 'EU', '2030-06-12');
  await action('test-lag-uk-1', 'UK', '2030-06-12');
  // An earlier US action not in the case, listing a case entity: not the case's first action.
  await action('test-lag-us-2', 'US-OFAC', '2030-04-01');
  caseId = (await prisma.sanctionsCase.create({ data: { slug: 'test-lag-case', title: 'Fixture lag case', origin: 'test' } })).id;
  for (const actionId of ['test-lag-us-1', 'test-lag-eu-1', 'test-lag-uk-1']) await prisma.caseAction.create({ data: { caseId, actionId } });
  await designate(e('Case Maker'), { authority: 'US-OFAC', date: '2030-05-01', actionId: 'test-lag-us-1' });
  await designate(e('Case Maker'), { authority: 'EU', date: '2030-06-12', actionId: 'test-lag-eu-1' });
  await designate(e('Case Supplier'), { authority: 'UK', date: '2030-06-12', actionId: 'test-lag-uk-1' });
  await designate(e('Case Supplier'), { authority: 'EU', date: '2030-03-20' });
  await designate(e('Case Supplier'), { authority: 'US-OFAC', date: '2030-04-01', actionId: 'test-lag-us-2' });
});

afterAll(async () => {
  await prisma.savedView.deleteMany({ where: { id: { in: viewIds } } });
  await prisma.designation.deleteMany({ where: { origin: ORIGIN } });
  await prisma.sanctionsCase.deleteMany({ where: { id: caseId } });
  await prisma.sanctionsAction.deleteMany({ where: { id: { in: actionIds } } });
  await prisma.programParticipant.deleteMany({ where: { weaponsProgramId: programId } });
  await prisma.weaponsProgram.deleteMany({ where: { id: programId } });
  await prisma.entity.deleteMany({ where: { id: { in: Object.values(entities) } } });
});

const AUTHORITIES = ['EU', 'UK', 'UN', 'US-OFAC'];
const PROGRAM: Cohort = { ...EMPTY_COHORT, weapons: [{ slug: 'test-lag-program', name: 'Test lag program' }] };
const run = async (sort: 'days' | '-days' | 'entity' = 'days', authority: string[] = ['EU', 'UK', 'US-OFAC'], cohort = PROGRAM) => getLagAnalysis(await testViewer(), { authority, sort }, AUTHORITIES, cohort);
const named = (name: string) => `Lagfixture ${name}`;

describe('cross-authority lag: ties are ties', () => {
  it('finds who listed first and the days each other authority took, same-day first listings as ties', async () => {
    const r = await run('days', ['EU', 'UK', 'US-OFAC']);
    const mine = r.pairs.filter((p) => p.entityName.startsWith('Lagfixture Lag'));
    expect(mine.map((p) => [p.entityName, p.leaders, p.leaderDate, p.follower, p.followerDate, p.days, p.kind])).toEqual([
      [named('Lag One'), ['UK', 'US-OFAC'], '2029-11-15', 'US-OFAC', '2029-11-15', 0, 'exact'],
      [named('Lag One'), ['UK', 'US-OFAC'], '2029-11-15', 'EU', '2029-12-01', 16, 'exact'],
      [named('Lag Two'), ['UK'], '2030-02-20', 'EU', '2030-07-20', 150, 'exact'],
      [named('Lag Three'), ['US-OFAC'], '2029-08-18', 'EU', '2030-10-20', 428, 'at-least'],
    ]);
  });

  it('credits a same-day first listing to neither authority: a "same day" row', async () => {
    // Without the UN compared (its listings are still looked up as the origin of the citing ones).
    const s = summarizeLeaders((await run('days', ['EU', 'UK', 'US-OFAC'])).credits);
    const row = (key: string) => s.rows.find((x) => x.key === key);
    expect(row('same-day')).toMatchObject({ count: 1, sets: [{ authorities: ['UK', 'US-OFAC'], count: 1 }] });
    // UK alone: Lag Two only (Lag One is a tie; UN Separate and UN Mirror go to the UN; UN Unknown is unknown).
    expect(row('UK')).toMatchObject({ count: 1 });
    expect(row('US-OFAC')).toMatchObject({ count: 1 });
    // The old rule gave the UK the tie, the listings citing the UN and its own: 4.
    expect(s.byCode.find((b) => b.authority === 'UK')).toEqual({ authority: 'UK', count: 4 });
  });

  it('sorts in SQL', async () => {
    expect((await run('-days')).pairs.filter((p) => p.entityName.startsWith('Lagfixture Lag')).map((p) => p.days)).toEqual([428, 150, 16, 0]);
    expect((await run('entity')).pairs.map((p) => p.entityName)[0]).toBe(named('Lag One'));
  });

  it('summarises and bins only exact lags; the same-day bucket holds the ties', async () => {
    const r = await run('days', ['EU', 'US-OFAC'], { ...PROGRAM });
    // EU vs OFAC only: Lag One (OFAC, EU +16), Lag Three (OFAC at least, EU +428).
    expect(r.samples).toEqual([{ follower: 'EU', days: 16, count: 1 }]);
    const all = await run();
    const hist = lagHistogram(all.samples, ['EU', 'US-OFAC']);
    expect(hist.find((h) => h.bucket === 'same-day')).toMatchObject({ 'US-OFAC': 1 });
    expect(all.summary.find((s) => s.follower === 'US-OFAC')).toMatchObject({ count: 1, sameDay: 1 });
  });

  it('compares only the chosen authorities, and needs two of them', async () => {
    const r = await run('days', ['UK', 'EU']);
    expect(r.pairs.filter((p) => p.entityName.startsWith('Lagfixture Lag')).map((p) => [p.entityName, p.follower, p.days])).toEqual([
      [named('Lag One'), 'EU', 16],
      [named('Lag Two'), 'EU', 150],
    ]);
    expect((await run('days', ['UK'])).pairs).toEqual([]);
  });

  it('within a cohort, every entity missing an authority is a gap', async () => {
    const r = await run('days', ['EU', 'UK', 'US-OFAC']);
    expect(r.gaps.find((g) => g.entityName === named('Lag Four'))).toMatchObject({ listed: [{ authority: 'US-OFAC', date: '2030-03-09', onOrBefore: false }], missing: ['EU', 'UK'] });
    expect(r.gapMatrix).toContainEqual({ listed: 'US-OFAC', missing: 'UK', count: 2 });
  });
});

describe('cross-authority lag: the UN as origin', () => {
  it('credits the UN when a UK first listing cites its reference and the UN listed it the same day or before', async () => {
    const r = await run('days', AUTHORITIES);
    const mirror = r.pairs.find((p) => p.entityName === named('UN Mirror'))!;
    expect(mirror).toMatchObject({ leaders: ['UK', 'UN'], follower: 'UN', days: 0, un: 'before', unReference: 'TSTi.901', unDate: '2030-01-10' });
    // The UN's own record is another entity: found by the reference number.
    const separate = r.pairs.find((p) => p.entityName === named('UN Separate'))!;
    expect(separate).toMatchObject({ leaders: ['UK'], follower: 'EU', days: 28, un: 'before', unReference: 'TSTi.902', unDate: '2029-12-31' });
    const s = summarizeLeaders(r.credits);
    expect(s.rows.find((x) => x.key === 'un-origin')).toMatchObject({ count: 2 });
    expect(s.movedToUnFrom).toEqual([{ authority: 'UK', count: 2 }]);
  });

  it('says "UN reference, date unknown" when no UN record of ours holds the reference', async () => {
    const r = await run('days', AUTHORITIES);
    expect(r.pairs.find((p) => p.entityName === named('UN Unknown'))).toMatchObject({ leaders: ['UK'], un: 'unknown', unReference: 'TSTi.903', unDate: null });
    expect(summarizeLeaders(r.credits).rows.find((x) => x.key === 'un-unknown')).toMatchObject({ count: 1 });
  });

  it('gives the UK no credit for a UN listing it mirrored, in the seeded data either', async () => {
    // Every entity: the UK's same-day mirrors of UN listings (citing the UN reference) are the UN's.
    const s = summarizeLeaders((await getLagAnalysis(await testViewer(), { authority: ['UK', 'UN'], sort: '-days' }, AUTHORITIES, EMPTY_COHORT)).credits);
    const uk = s.rows.find((x) => x.key === 'UK')?.count ?? 0;
    const ukByCode = s.byCode.find((b) => b.authority === 'UK')!.count;
    expect(s.movedToUn).toBeGreaterThan(100);
    expect(uk).toBeLessThan(ukByCode - s.movedToUn + 1);
  });
});

describe('cross-authority lag: cohorts', () => {
  it('takes a case: its entities, and its first action per authority with same-day ties', async () => {
    const viewer = await testViewer();
    const { cohort, problems } = await resolveLagCohort(viewer, lagQuerySchema.parse({ case: 'test-lag-case' }));
    expect(problems).toEqual([]);
    expect(describeCohort(cohort)).toBe('entities of the case “Fixture lag case”');
    const r = await getLagAnalysis(viewer, { authority: ['EU', 'UK', 'US-OFAC'], sort: 'days' }, AUTHORITIES, cohort);
    // Entity level: the supplier's first listing is the EU's, outside the case.
    expect(r.pairs.map((p) => [p.entityName, p.leaders, p.follower, p.days])).toEqual([
      [named('Case Supplier'), ['EU'], 'US-OFAC', 12],
      [named('Case Maker'), ['US-OFAC'], 'EU', 42],
      [named('Case Supplier'), ['EU'], 'UK', 84],
    ]);
    // Action level: the case's own actions only.
    expect(r.actions!.firstDate).toBe('2030-05-01');
    expect(r.actions!.rows.map((a) => [a.authority, a.actionId, a.date, a.days, a.sameDayWith])).toEqual([
      ['US-OFAC', 'test-lag-us-1', '2030-05-01', 0, []],
      ['EU', 'test-lag-eu-1', '2030-06-12', 42, ['UK']],
      ['UK', 'test-lag-uk-1', '2030-06-12', 42, ['EU']],
    ]);
  });

  it('takes several programs at once, and narrows a case by them', async () => {
    const viewer = await testViewer();
    const { cohort } = await resolveLagCohort(viewer, lagQuerySchema.parse({ case: 'test-lag-case', program: 'test-lag-program' }));
    expect(cohort.weapons).toEqual([{ slug: 'test-lag-program', name: 'Test lag program' }]);
    // No case entity is a participant of the fixture program.
    const r = await getLagAnalysis(viewer, { authority: ['EU', 'UK', 'US-OFAC'], sort: 'days' }, AUTHORITIES, cohort);
    expect(r.pairs).toEqual([]);
    expect(r.actions!.rows).toEqual([]);
  });

  it('reports what names nothing, and leaves it out', async () => {
    const { cohort, problems } = await resolveLagCohort(await testViewer(), lagQuerySchema.parse({ case: ['test-lag-case', 'no-such-case'], program: 'XX:NOPE', view: 'nosuchview' }));
    expect(cohort.cases.map((c) => c.slug)).toEqual(['test-lag-case']);
    expect(problems.map((p) => p.field).sort()).toEqual(['case', 'program', 'view']);
  });

  it('takes a saved entity search, resolved by the search itself, and says when it was capped', async () => {
    const viewer = await testViewer();
    const mk = (name: string, path: string, query: string) => prisma.savedView.create({ data: { ownerId: viewer.id, name, path, query } });
    const list = await mk('Lag fixtures', '/entities', 'q=Lagfixture');
    const everyUn = await mk('Every UN entity', '/entities', 'authority=UN');
    const overview = await mk('An overview', '/', 'granularity=year');
    viewIds = [list.id, everyUn.id, overview.id];

    const { cohort } = await resolveLagCohort(viewer, lagQuerySchema.parse({ view: list.id }));
    expect(cohort.view).toMatchObject({ name: 'Lag fixtures', total: NAMES.length });
    expect(isViewCapped(cohort)).toBe(false);
    const r = await getLagAnalysis(viewer, { authority: ['EU', 'UK', 'US-OFAC'], sort: 'days' }, AUTHORITIES, cohort);
    // Listed by two or more of these: not Lag Four (OFAC only), UN Mirror (the UK only of these), UN Elsewhere (the UN only).
    expect(new Set(r.pairs.map((p) => p.entityName))).toEqual(new Set(['Lag One', 'Lag Two', 'Lag Three', 'UN Separate', 'UN Unknown', 'Case Maker', 'Case Supplier'].map(named)));

    const capped = await resolveLagCohort(viewer, lagQuerySchema.parse({ view: everyUn.id }));
    expect(capped.cohort.view!.entityIds).toHaveLength(COHORT_VIEW_CAP);
    expect(capped.cohort.view!.total).toBeGreaterThan(COHORT_VIEW_CAP);
    expect(isViewCapped(capped.cohort)).toBe(true);

    const notAList = await resolveLagCohort(viewer, lagQuerySchema.parse({ view: overview.id }));
    expect(notAList.cohort.view).toBeNull();
    expect(notAList.problems[0]!.message).toContain('not a saved entity search');
  });
});
