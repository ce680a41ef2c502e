import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson } from '../../../prisma/seed/files';
import { testViewer } from '../../../test/actions';
import { prisma } from '../client';
import { getMilestoneWindows } from './windows';
import { summarizeWindows } from '../../charts/windows';

// Fixture rows of this file only (origin 'test-windows'), removed afterwards: milestones in 2031, so
// the seeded history does not interfere.
const ORIGIN = 'test-windows';
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
let n = 0;
const milestoneIds: string[] = [];
let holder = '';

beforeAll(async () => {
  holder = (await prisma.entity.create({ data: { schema: 'Organization', name: 'Fixture Window Holder' } })).id;
  // Windows, N = 20 around 15 Jun 2031: before 26 May – 14 Jun, during 15 Jun, after 16 Jun – 5 Jul.
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
  ] as Array<{ authority: string; date: string; precision?: 'DAY' | 'MONTH'; onOrBefore?: boolean; deleted?: boolean }>) {
    await prisma.designation.create({
      data: {
        entityId: holder,
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
  const base = { category: 'DIPLOMATIC' as const, sourceUrl: 'https://example.org/fixture' };
  milestoneIds.push((await prisma.milestone.create({ data: { ...base, slug: 'test-window-day', title: 'Fixture day milestone', date: day('2031-06-15'), datePrecision: 'DAY' } })).id);
  milestoneIds.push((await prisma.milestone.create({ data: { ...base, slug: 'test-window-month', title: 'Fixture month milestone', date: day('2031-09-01'), datePrecision: 'MONTH' } })).id);
});

afterAll(async () => {
  await prisma.designation.deleteMany({ where: { origin: ORIGIN } });
  await prisma.milestone.deleteMany({ where: { id: { in: milestoneIds } } });
  await prisma.entity.deleteMany({ where: { id: holder } });
});

describe('milestone windows', () => {
  it('counts exact day listings before, during and after each milestone, per authority', async () => {
    const { milestones, rows } = await getMilestoneWindows(await testViewer(), { days: 20, authority: [], case: [] });
    const dayM = milestones.find((m) => m.slug === 'test-window-day')!;
    expect(dayM.bounds).toEqual({ before: { from: '2031-05-26', to: '2031-06-14' }, during: { from: '2031-06-15', to: '2031-06-15' }, after: { from: '2031-06-16', to: '2031-07-05' } });
    const [d, m] = summarizeWindows(rows, milestoneIds, ['EU', 'UK']);
    expect(d).toMatchObject({ before: { EU: 1, UK: 1 }, during: { EU: 0, UK: 1 }, after: { EU: 2, UK: 0 }, totals: { before: 2, during: 1, after: 2, change: 0 } });
    expect(m).toMatchObject({ before: { EU: 0, UK: 1 }, during: { EU: 1, UK: 0 }, after: { EU: 0, UK: 0 } });
  });

  it('a wider window takes in more; an authority filter keeps only that authority', async () => {
    const wide = await getMilestoneWindows(await testViewer(), { days: 21, authority: [], case: [] });
    const [d] = summarizeWindows(wide.rows, milestoneIds, ['EU', 'UK']);
    expect(d).toMatchObject({ before: { EU: 2 }, after: { EU: 3 } });
    const uk = await getMilestoneWindows(await testViewer(), { days: 20, authority: ['UK'], case: [] });
    expect(uk.rows.filter((r) => milestoneIds.includes(r.milestoneId)).map((r) => r.authority)).toEqual(['UK', 'UK']);
  });

  it('a case counts only its actions’ listings: each window equals the curated file’s designations in it', async () => {
    const file = readJson<{ actions: Array<{ authority: string; designations: Array<{ listedOn: string }> }> }>('drone-case', 'drone-case.json');
    const { milestones, rows } = await getMilestoneWindows(await testViewer(), { days: 90, authority: [], case: ['iran-drones'] });
    const inRange = (authority: string, r: { from: string; to: string }) =>
      file.actions.filter((a) => a.authority === authority).reduce((n, a) => n + a.designations.filter((d) => d.listedOn >= r.from && d.listedOn <= r.to).length, 0);
    let compared = 0;
    for (const m of milestones)
      for (const authority of ['US-OFAC', 'EU', 'UK']) {
        const row = rows.find((r) => r.milestoneId === m.id && r.authority === authority);
        expect([m.slug, authority, row?.before ?? 0, row?.after ?? 0]).toEqual([m.slug, authority, inRange(authority, m.bounds.before), inRange(authority, m.bounds.after)]);
        compared += (row?.before ?? 0) + (row?.after ?? 0);
      }
    expect(compared).toBeGreaterThan(0);
  });
});
