// Milestone codes (issue 26): one stored code per milestone ("M09"), given in date order to the seeded
// milestones and by the sequence to new ones, never renumbered — so the code a chart, page, analysis,
// export or the API shows does not depend on the range, bins or page it is shown on.
import { afterAll, describe, expect, it } from 'vitest';
import { prisma } from './client';
import { listMilestones } from './milestones';
import { listMilestonesPage } from './read-api';
import { readMilestones } from '../../prisma/seed/milestones';
import { CHART_EXPORTS } from '../export/charts';
import { callAs, expectOk, realPrincipal, testViewer } from '../../test/actions';
import * as actions from '../actions/records';
import { milestonesQuerySchema } from '../validation/api-v1';

const JCPOA_COLLAPSE = 'jcpoa-talks-collapse-2022';
const AT = new Date('2026-12-07T12:00:00Z');
const created: string[] = [];

afterAll(async () => {
  await prisma.milestone.deleteMany({ where: { id: { in: created } } });
});

/** The code a milestone has in the database, read directly. */
async function storedCode(slug: string): Promise<string> {
  return (await prisma.milestone.findUniqueOrThrow({ where: { slug }, select: { code: true } })).code;
}

describe('milestone codes', () => {
  it('numbers the seeded milestones once, in date order (then slug)', async () => {
    const seeded = readMilestones().sort((a, b) => a.date.getTime() - b.date.getTime() || (a.slug < b.slug ? -1 : 1));
    const codes = new Map((await listMilestones(await testViewer())).map((m) => [m.slug, m.code]));
    expect(seeded.map((m) => [m.slug, codes.get(m.slug)])).toEqual(seeded.map((m, i) => [m.slug, `M${String(i + 1).padStart(2, '0')}`]));
    // The talks' collapse (Aug 2022) is the ninth milestone by date.
    expect(codes.get(JCPOA_COLLAPSE)).toBe('M09');
  });

  it('gives the same code whatever the range, bins or page: overview exports, windows, event study and the API', async () => {
    const viewer = await testViewer();
    const code = await storedCode(JCPOA_COLLAPSE);
    const ranges = [
      { granularity: 'quarter', from: '2022', to: '2023' },
      { granularity: 'month', from: '2022-06', to: '2022-10' },
      { granularity: 'year', from: '2015', to: '2024' },
      // Fewer milestones in range: the code is still not a position in the list shown.
      { granularity: 'month', from: '2022-08', to: '2022-08' },
    ];
    for (const raw of ranges) {
      const chart = await CHART_EXPORTS.overview.build(viewer, raw, AT);
      const shown = chart.milestones.find((m) => m.slug === JCPOA_COLLAPSE);
      expect([raw, shown?.code]).toEqual([raw, code]);
    }
    const windows = await CHART_EXPORTS['milestone-windows'].build(viewer, { days: '60' }, AT);
    expect(windows.milestones.find((m) => m.slug === JCPOA_COLLAPSE)?.code).toBe(code);
    expect(windows.bins.find((b) => b.key === JCPOA_COLLAPSE)?.label).toBe(code);
    const study = await CHART_EXPORTS['event-study'].build(viewer, { window: '60' }, AT);
    expect(study.milestones.find((m) => m.slug === JCPOA_COLLAPSE)?.code).toBe(code);
    const api = await listMilestonesPage(viewer, milestonesQuerySchema.parse({ from: '2022-08', to: '2022-08' }), null);
    expect(api.items.find((m) => m.slug === JCPOA_COLLAPSE)?.code).toBe(code);
  });

  it('gives a new milestone the next code, even one dated before all others, and renumbers nothing; an edit keeps the code', async () => {
    const admin = await realPrincipal('ADMIN');
    const before = new Map((await prisma.milestone.findMany({ select: { slug: true, code: true } })).map((m) => [m.slug, m.code]));
    const highest = Math.max(...[...before.values()].map((c) => Number(c.slice(1))));
    const saved = expectOk(await callAs(admin, actions.createMilestone, { title: 'Code test: an early milestone', category: 'POLITICAL', date: '1900', sourceUrl: 'https://example.org/code-test' }));
    created.push(saved.id);
    const row = await prisma.milestone.findUniqueOrThrow({ where: { id: saved.id } });
    expect(Number(row.code.slice(1))).toBeGreaterThan(highest);
    expect(row.code).toMatch(/^M\d{2,}$/);
    const after = new Map((await prisma.milestone.findMany({ where: { id: { not: saved.id } }, select: { slug: true, code: true } })).map((m) => [m.slug, m.code]));
    expect(after).toEqual(before);
    // The admin form cannot set it: an edit sending a code leaves the stored one.
    expectOk(await callAs(admin, actions.updateMilestone, { id: saved.id, version: row.version, title: 'Code test: renamed', category: 'POLITICAL', date: '1900', sourceUrl: 'https://example.org/code-test', code: 'M01' }));
    expect((await prisma.milestone.findUniqueOrThrow({ where: { id: saved.id } })).code).toBe(row.code);
    expect(await storedCode(JCPOA_COLLAPSE)).toBe('M09');
  });
});
