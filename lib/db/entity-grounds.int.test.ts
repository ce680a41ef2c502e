// The grounds of designations (issue 26) as getEntity and the drill-down return them: on the seeded
// real data (Shahed Aviation Industries: OFAC, EU and UK), expectations read here from the data files,
// and on a small fixture of our own for the ordering of primary and press sources.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testViewer } from '../../test/actions';
import { prisma } from './client';
import { getEntity } from './entities';
import { listDrilldown } from './drilldown';
import { eurLexUrl } from '../sources/legal-links';
import { parseDashboardQuery } from '../validation/dashboard';
import { searchParamsToObject } from '../validation/search-params';

type EuRow = { celex: string; annex: string; recordId: string; reason: string; measure: string };
type DroneCase = { actions: Array<{ id: string; sourceUrls: string[]; designations: Array<{ entity: string; list: string }> }> };

const euRow = (parse(readFileSync('data/eu/32014R0269.csv'), { columns: true, skip_empty_lines: true }) as EuRow[]).find((r) => r.annex === 'I.ENTITIES' && r.recordId === '119')!;
const droneCase = JSON.parse(readFileSync('data/drone-case/drone-case.json', 'utf8')) as DroneCase;
const euAction = droneCase.actions.find((a) => a.designations.some((d) => d.entity === 'sairc' && d.list === 'eu'))!;

async function entityOf(source: string, externalId: string): Promise<string> {
  return (await prisma.externalId.findUniqueOrThrow({ where: { source_externalId: { source, externalId } } })).entityId;
}

describe('grounds on the seeded data: Shahed Aviation Industries', () => {
  it('gives the EU designation its statement of reasons, measures, act with a derived EUR-Lex link, action and press source', async () => {
    const entity = (await getEntity(await testViewer(), await entityOf('ofac-sdn', '39637')))!;
    expect(new Set(entity.designations.map((d) => d.authorityId))).toEqual(new Set(['US-OFAC', 'EU', 'UK']));
    const eu = entity.designations.find((d) => d.authorityId === 'EU' && d.originKey === '32014R0269#I.ENTITIES#119')!;
    expect(euRow.reason.length).toBeGreaterThan(100);
    expect(eu.reason).toBe(euRow.reason);
    expect(eu.measures).toEqual([euRow.measure]);
    expect(eu.action).toMatchObject({ id: euAction.id, kind: 'CURATED' });
    expect(eu.grounds.legalAct).toMatchObject({ name: 'Council Regulation (EU) No 269/2014', celex: '32014R0269' });
    expect(eu.grounds.legalAct?.link).toMatchObject({ url: eurLexUrl('32014R0269'), derived: true, kind: 'primary' });
    expect(eu.grounds.primary[0]?.url).toBe(eurLexUrl('32014R0269'));
    // The curated action's press report stays, as a secondary source.
    expect(euAction.sourceUrls.length).toBeGreaterThan(0);
    for (const url of euAction.sourceUrls) expect(eu.grounds.secondary.map((l) => l.url)).toContain(url);
  });

  it('links OFAC and UK designations only to what their stored sources cite — no derived or guessed page', async () => {
    const entity = (await getEntity(await testViewer(), await entityOf('ofac-sdn', '39637')))!;
    for (const d of entity.designations.filter((x) => x.authorityId !== 'EU')) {
      const stored = new Set([d.sourceUrl, ...d.events.map((e) => e.sourceUrl), ...(d.action?.sourceUrls ?? []), ...d.programs.map((p) => p.program.url)].filter(Boolean).map((u) => new URL(u!).href));
      const links = [...d.grounds.primary, ...d.grounds.secondary];
      expect(links.length).toBeGreaterThan(0);
      expect(links.filter((l) => l.derived)).toEqual([]);
      for (const l of links) expect(stored.has(l.url), `${d.authorityId} ${l.url}`).toBe(true);
      expect(d.grounds.legalAct?.link ?? null).toBeNull();
    }
    // The UK's regime regulations come from the program registry (legislation.gov.uk): primary.
    const uk = entity.designations.find((d) => d.authorityId === 'UK')!;
    expect(uk.grounds.programBases.map((p) => p.code)).toEqual(['RUS']);
    expect(uk.grounds.primary.map((l) => new URL(l.url).hostname)).toContain('www.legislation.gov.uk');
  });

  it('gives the drill-down row the reason, the act and a primary link', async () => {
    const { query, problems } = parseDashboardQuery(searchParamsToObject(new URLSearchParams('granularity=month&from=2022-10&to=2022-10&authority=EU&q=Shahed Aviation Industries&bin=2022-10')));
    expect(problems).toEqual([]);
    const list = await listDrilldown(await testViewer(), { ...query, bin: '2022-10' });
    const row = list.items.find((d) => d.reason === euRow.reason);
    expect(row).toBeDefined();
    expect(row).toMatchObject({ legalAct: 'Council Regulation (EU) No 269/2014' });
    expect(row?.primarySource).toMatchObject({ url: eurLexUrl('32014R0269'), derived: true });
  });
});

describe('grounds on a fixture: primary before press, nothing invented', () => {
  const ACTION = 'test-grounds-2099-01-02';
  const PRESS = 'https://news.example.com/treasury-sanctions-test';
  const TREASURY = 'https://home.treasury.gov/news/press-releases/test-grounds';
  let entityId = '';

  beforeAll(async () => {
    entityId = (await prisma.entity.create({ data: { schema: 'Company', name: 'Grounds Fixture Company' } })).id;
    await prisma.sanctionsAction.create({ data: { id: ACTION, authorityId: 'US-OFAC', actionDate: new Date('2099-01-02T00:00:00Z'), kind: 'CURATED', title: 'Grounds fixture action', sourceUrls: [PRESS, TREASURY] } });
    await prisma.designation.create({
      data: { entityId, authorityId: 'US-OFAC', listingDate: new Date('2099-01-02T00:00:00Z'), listingDatePrecision: 'DAY', sourceUrl: PRESS, origin: 'test-grounds', originKey: 'g1', actionId: ACTION, reason: 'A reason typed by the test.', measures: ['Blocking'] },
    });
  });

  afterAll(async () => {
    await prisma.designation.deleteMany({ where: { origin: 'test-grounds' } });
    await prisma.sanctionsAction.deleteMany({ where: { id: ACTION } });
    await prisma.entity.deleteMany({ where: { id: entityId } });
  });

  it('puts the official page first and keeps the press report as secondary', async () => {
    const [d] = (await getEntity(await testViewer(), entityId))!.designations;
    expect(d?.reason).toBe('A reason typed by the test.');
    expect(d?.measures).toEqual(['Blocking']);
    expect(d?.grounds.primary.map((l) => [l.url, l.cites])).toEqual([[TREASURY, ['the action']]]);
    expect(d?.grounds.secondary.map((l) => [l.url, l.cites])).toEqual([[PRESS, ['the designation', 'the action']]]);
    expect(d?.grounds.legalAct).toBeNull();
  });
});
