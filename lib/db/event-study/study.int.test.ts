// The event study on the seeded lists (issue 25): what the database gives it (daily counts, coverage),
// and what an analyst reads — year-dated milestones left out, windows beyond an authority's data
// "insufficient data" (never 0), overlapping milestones flagged or merged, p-values adjusted.
import { describe, expect, it } from 'vitest';
import { prisma } from '../client';
import { getEventStudy } from './study';
import { eventStudyQuerySchema } from '../../validation/event-study';
import { testViewer } from '../../../test/actions';

const study = async (raw: Record<string, string | string[]> = {}) => getEventStudy(await testViewer(), eventStudyQuerySchema.parse(raw));

describe('the event study on the seeded lists', () => {
  it('studies every dated milestone × authority, leaving year-dated milestones out', async () => {
    const s = await study();
    expect(s.leftOut.map((m) => m.slug)).toEqual(['islamic-republic-1979', 'syria-uprising-2011', 'arms-talks-2016', 'drone-production-moved-to-russia']);
    const authorities = Object.keys(s.coverage).sort();
    expect(authorities).toEqual(['EU', 'UK', 'UN', 'US-OFAC']);
    expect(s.rows).toHaveLength(12 * authorities.length);
    // OFAC's history starts in Aug 2021 (exact days after the first edition held), the UN list held is of 2018.
    expect(s.coverage['US-OFAC']!.to).toBe('2024-05-03');
    expect(s.coverage['US-OFAC']!.from >= '2021-08-18').toBe(true);
    expect(s.coverage.UN!.to).toBe('2018-08-24');
    const row = (event: string, authority: string) => s.rows.find((r) => r.eventId === event && r.authorityId === authority)!;
    expect(row('jcpoa-2015', 'US-OFAC')).toMatchObject({ result: { status: 'insufficient-data', before: null, after: null }, verdict: { label: 'insufficient data' }, adjustedP: null });
    expect(row('iran-saudi-relations-2023', 'UN').result.status).toBe('insufficient-data');
    // Inside the data: counts as the rows say, a p-value and its correction.
    const r = row('iran-saudi-relations-2023', 'US-OFAC');
    expect(r.result.status).toBe('ok');
    const [counts] = await prisma.$queryRaw<Array<{ before: number; after: number }>>`
      SELECT count(*) FILTER (WHERE d.listing_date >= ${r.windows.before.from}::date AND d.listing_date < ${r.windows.before.to}::date)::int AS before,
        count(*) FILTER (WHERE d.listing_date >= ${r.windows.after.from}::date AND d.listing_date < ${r.windows.after.to}::date)::int AS after
      FROM designation d JOIN entity e ON e.id = d.entity_id AND e.deleted_at IS NULL
      WHERE d.deleted_at IS NULL AND d.authority_id = 'US-OFAC' AND d.listing_date_qualifier = 'EXACT' AND d.listing_date_precision = 'DAY'`;
    expect({ before: r.result.before, after: r.result.after }).toEqual(counts);
    expect(r.adjustedP).not.toBeNull();
    expect(r.adjustedP!).toBeGreaterThanOrEqual((r.result as { p: number }).p);
    expect(s.tests).toBe(s.rows.filter((x) => x.result.status === 'ok').length);
  });

  it('anchors a month-dated milestone at its month, and flags or merges overlapping windows', async () => {
    const s = await study();
    const biden = s.rows.find((r) => r.eventId === 'biden-jcpoa-dead-2022')!;
    expect(biden.windows).toEqual({ before: { from: '2022-08-03', to: '2022-11-01' }, after: { from: '2022-12-01', to: '2023-03-01' } });
    // Two milestones of Nov 2022 share their windows.
    expect(biden.overlapsWith).toContain('amirabdollahian-drones-2022');
    const merged = await study({ merge: '1' });
    const event = merged.rows.find((r) => r.eventId.includes('biden-jcpoa-dead-2022'))!;
    expect(event.eventId.split('+')).toEqual(expect.arrayContaining(['biden-jcpoa-dead-2022', 'amirabdollahian-drones-2022']));
    expect(event.milestones.length).toBeGreaterThanOrEqual(2);
    expect(new Set(merged.rows.map((r) => r.eventId)).size).toBeLessThan(new Set(s.rows.map((r) => r.eventId)).size);
  });

  it('counts sanctions actions when asked, and gives the same answer twice (fixed placebo dates)', async () => {
    const a = await study({ measure: 'actions', authority: 'US-OFAC' });
    const b = await study({ measure: 'actions', authority: 'US-OFAC' });
    expect(a.rows.every((r) => r.authorityId === 'US-OFAC')).toBe(true);
    expect(JSON.stringify(a.rows)).toBe(JSON.stringify(b.rows));
    const d = await study({ authority: 'US-OFAC' });
    const pick = (s: typeof a) => s.rows.find((r) => r.eventId === 'iran-saudi-relations-2023')!.result.after!;
    expect(pick(a)).toBeLessThan(pick(d));
  });
});
