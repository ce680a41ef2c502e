import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testViewer } from '../../test/actions';
import { parse } from 'csv-parse/sync';
import { SaxesParser } from 'saxes';
import { ZodError } from 'zod';
import { prisma } from '../db/client';
import { CHART_EXPORTS, isChartName } from './charts';
import { chartToCsv } from '../charts/export';
import { renderChartSvg } from '../charts/svg';
import { AppError } from '../errors';

// Hostile names in the real database, through every layer of the export: SQL → shaping → CSV/SVG.
// Own rows (origin 'test-chart-export', a weapons program and a milestone in 2032 so the seeded
// history does not interfere), removed afterwards.
const ORIGIN = 'test-chart-export';
const SRC = 'https://example.org/fixture';
const HOSTILE = `=HYPERLINK("http://e.example","x") <script>alert("x")</script> & 'q' +1 -1 @SUM שלום سلام 🚀`;
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
let entityId = '';
let programId = '';
let milestoneId = '';
let sanctionsProgramId = '';
const PROGRAM_LABEL = 'US — Chart export test (TEST-CHART-EXPORT)';

beforeAll(async () => {
  entityId = (await prisma.entity.create({ data: { schema: 'Company', name: `Entity ${HOSTILE}`, countries: ['xa'] } })).id;
  programId = (await prisma.weaponsProgram.create({ data: { slug: 'test-chart-export', name: `Drone ${HOSTILE}`, type: 'UAV', sourceUrls: [SRC] } })).id;
  await prisma.programParticipant.create({ data: { entityId, weaponsProgramId: programId, role: 'MANUFACTURER', sourceUrl: SRC } });
  // A titled sanctions program on the OFAC designation: charts name it by its label, not its code.
  sanctionsProgramId = (await prisma.sanctionsProgram.create({ data: { authorityId: 'US-OFAC', code: 'TEST-CHART-EXPORT', title: 'Chart export test' } })).id;
  let n = 0;
  for (const [authorityId, date] of [
    ['EU', '2032-02-10'],
    ['UK', '2032-05-01'],
    ['US-OFAC', '2032-05-20'],
  ] as const) {
    const programs = authorityId === 'US-OFAC' ? { create: [{ programId: sanctionsProgramId }] } : undefined;
    await prisma.designation.create({ data: { entityId, authorityId, listingDate: day(date), listingDatePrecision: 'DAY', sourceUrl: SRC, origin: ORIGIN, originKey: String(n++), programs } });
  }
  milestoneId = (await prisma.milestone.create({ data: { slug: 'test-chart-export', title: HOSTILE, date: day('2032-04-15'), datePrecision: 'DAY', category: 'DIPLOMATIC', sourceUrl: SRC } })).id;
});

afterAll(async () => {
  await prisma.designation.deleteMany({ where: { origin: ORIGIN } });
  await prisma.sanctionsProgram.deleteMany({ where: { id: sanctionsProgramId } });
  await prisma.programParticipant.deleteMany({ where: { weaponsProgramId: programId } });
  await prisma.weaponsProgram.deleteMany({ where: { id: programId } });
  await prisma.entity.deleteMany({ where: { id: entityId } });
  await prisma.milestone.deleteMany({ where: { id: milestoneId } });
});

/** Every text node of a strictly parsed XML document (throws if it is not well-formed). */
function xmlTexts(svg: string): string[] {
  const texts: string[] = [];
  const parser = new SaxesParser();
  parser.on('text', (t) => texts.push(t));
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(svg).close();
  return texts;
}

const AT = new Date('2032-12-31T12:00:00Z');

describe('chart export registry', () => {
  it('knows the charts and nothing else', () => {
    expect(Object.keys(CHART_EXPORTS).sort()).toEqual(['entity', 'event-study', 'lag', 'milestone-windows', 'overview', 'program']);
    expect(isChartName('toString')).toBe(false);
    expect(isChartName('__proto__')).toBe(false);
  });

  it('event study: observed up, expected down, p-values and interval bounds in the data only (not drawn)', async () => {
    const chart = await CHART_EXPORTS['event-study'].build(await testViewer(), { authority: 'US-OFAC', window: '60' }, AT);
    expect(chart.layers.map((l) => [l.kind, l.sign, l.dataOnly ?? false])).toEqual([
      ['observed', 1, false], ['expected', -1, false], ['before', 1, true], ['excess', 1, true],
      ['interval_low', 1, true], ['interval_high', 1, true], ['p', 1, true], ['p_adjusted', 1, true],
    ]);
    expect(chart.bins.length).toBeGreaterThan(3);
    const svg = renderChartSvg(chart, AT);
    expect(svg).toContain('Observed after');
    expect(svg).not.toContain('p adjusted');
    const csv = chartToCsv(chart);
    expect(csv).toContain('p_adjusted,');
  });

  it('overview: the numbers for a query, the hostile milestone exact in the SVG and neutralised in the CSV', async () => {
    const chart = await CHART_EXPORTS.overview.build(await testViewer(), { granularity: 'quarter', from: '2032-01', to: '2032-06', split: 'authority', q: 'Entity' }, AT);
    expect(chart.bins.map((b) => b.key)).toEqual(['2032-Q1', '2032-Q2']);
    const values = chart.layers[0]!.values;
    expect([values[0]!.EU, values[1]!.UK, values[1]!['US-OFAC']]).toEqual([1, 1, 1]);
    expect(chart.milestones.find((m) => m.slug === 'test-chart-export')?.title).toBe(HOSTILE);

    const texts = xmlTexts(renderChartSvg(chart, AT));
    expect(texts.some((t) => t.includes(HOSTILE))).toBe(true);
    const rows = parse(chartToCsv(chart), { columns: true }) as Array<Record<string, string>>;
    expect(rows.find((r) => r.kind === 'milestone' && r.period === '2032-Q2')?.title).toBe(`'${HOSTILE}`);
  });

  it('overview split by sanctions program: series labelled by the program label, the key (with its code) kept in the CSV', async () => {
    const chart = await CHART_EXPORTS.overview.build(await testViewer(), { granularity: 'quarter', from: '2032-01', to: '2032-06', split: 'program', q: 'Entity' }, AT);
    const series = chart.series.find((s) => s.key === 'US-OFAC:TEST-CHART-EXPORT');
    expect(series?.label).toBe(PROGRAM_LABEL);
    const rows = parse(chartToCsv(chart), { columns: true }) as Array<Record<string, string>>;
    expect(rows.filter((r) => r.series === 'US-OFAC:TEST-CHART-EXPORT').map((r) => [r.period, r.series_label, r.value])).toEqual([
      ['2032-Q1', PROGRAM_LABEL, '0'],
      ['2032-Q2', PROGRAM_LABEL, '1'],
    ]);
    expect(xmlTexts(renderChartSvg(chart, AT))).toContain(PROGRAM_LABEL);
  });

  it('program: a weapons program by slug, its hostile name exact; unknown → 404, malformed → validation error', async () => {
    const chart = await CHART_EXPORTS.program.build(await testViewer(), { slug: 'test-chart-export' }, AT);
    expect(chart.title).toContain(`Drone ${HOSTILE}`);
    expect(chart.bins.map((b) => b.key)).toEqual(['2032-Q1', '2032-Q2']);
    expect(chart.layers[0]!.values).toEqual([
      { EU: 1, UK: 0, 'US-OFAC': 0 },
      { EU: 0, UK: 1, 'US-OFAC': 1 },
    ]);
    expect(xmlTexts(renderChartSvg(chart, AT))).toContain(chart.title);
    await expect(CHART_EXPORTS.program.build(await testViewer(), { slug: 'no-such-program' }, AT)).rejects.toBeInstanceOf(AppError);
    await expect(CHART_EXPORTS.program.build(await testViewer(), { slug: '../x' }, AT)).rejects.toBeInstanceOf(ZodError);
  });

  it('entity: one bar per designation, oldest first; the hostile name exact in the SVG; unknown → 404, malformed → validation error', async () => {
    const chart = await CHART_EXPORTS.entity.build(await testViewer(), { id: entityId }, AT);
    expect(chart.title).toBe(`Designations of Entity ${HOSTILE}`);
    expect(chart.ranges?.map((r) => [r.series, r.from, r.to])).toEqual([
      ['EU', '2032-02-10', null],
      ['UK', '2032-05-01', null],
      ['US-OFAC', '2032-05-20', null],
    ]);
    expect(xmlTexts(renderChartSvg(chart, AT))).toContain(chart.title);
    // A bar is named by its programs' labels, never their bare codes.
    expect(chart.ranges!.find((r) => r.series === 'US-OFAC')!.label).toContain(PROGRAM_LABEL);
    const rows = parse(chartToCsv(chart), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => [r.kind, r.date, r.source_url])).toEqual(chart.ranges!.map((r) => ['designation', r.from, SRC]));
    expect(rows.find((r) => r.series === 'US-OFAC')!.title).toContain(PROGRAM_LABEL);
    await expect(CHART_EXPORTS.entity.build(await testViewer(), { id: 'no-such-entity' }, AT)).rejects.toBeInstanceOf(AppError);
    await expect(CHART_EXPORTS.entity.build(await testViewer(), { id: '<script>' }, AT)).rejects.toBeInstanceOf(ZodError);
  });

  it('lag: the program’s participants, follow-ups per bucket', async () => {
    const chart = await CHART_EXPORTS.lag.build(await testViewer(), { program: 'test-chart-export', authority: ['EU', 'UK', 'US-OFAC'] }, AT);
    // UK followed the EU after 81 days (1–3 months), OFAC after 100 days (3–6 months).
    expect(chart.series.map((s) => s.key)).toEqual(['UK', 'US-OFAC']);
    expect(chart.layers[0]!.values[3]).toEqual({ UK: 1, 'US-OFAC': 0 });
    expect(chart.layers[0]!.values[4]).toEqual({ UK: 0, 'US-OFAC': 1 });
    expect(chart.subtitle).toContain(`Participants in Drone ${HOSTILE}`);
  });

  it('milestone windows: the page’s reading of days (a bad N falls back to the default), before and after the hostile milestone', async () => {
    const chart = await CHART_EXPORTS['milestone-windows'].build(await testViewer(), { days: '40', authority: ['UK', 'US-OFAC'] }, AT);
    const i = chart.bins.findIndex((b) => b.key === 'test-chart-export');
    expect(chart.layers.map((l) => l.values[i])).toEqual([
      { UK: 0, 'US-OFAC': 0 },
      { UK: 1, 'US-OFAC': 1 },
    ]);
    const fallback = await CHART_EXPORTS['milestone-windows'].build(await testViewer(), { days: 'abc' }, AT);
    expect(fallback.title).toBe('Designations 90 days before vs after each milestone');
    expect(xmlTexts(renderChartSvg(chart, AT)).some((t) => t.includes(HOSTILE))).toBe(true);
  });
});
