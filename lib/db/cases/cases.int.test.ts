// Cases (issue 26, ADR 0017) on the seeded data: the Iran-drone case counts exactly the listings its
// curated actions name — checked against data/drone-case/drone-case.json, read independently here —
// everywhere the overview filters or splits by it; admins create and edit cases, validated and audited.
import { describe, expect, it } from 'vitest';
import { prisma } from '../client';
import { getTimelineData } from '../metrics';
import { getCase, listCases } from './cases';
import { parseDashboardQuery } from '../../validation/dashboard';
import { callAs, expectOk, realPrincipal, testViewer } from '../../../test/actions';
import { readJson } from '../../../prisma/seed/files';
import * as records from '../../actions/records';

type DroneCaseFile = { actions: Array<{ id: string; authority: string; date: string; designations: Array<{ listedOn: string }> }> };
const file = readJson<DroneCaseFile>('drone-case', 'drone-case.json');

const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

/** "bin|authority" → designations, from the curated file: what every count by the case must equal. */
function expectedQuarters(from = '0000', to = '9999'): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of file.actions)
    for (const d of a.designations) {
      if (d.listedOn.slice(0, 4) < from || d.listedOn.slice(0, 4) > to) continue;
      const key = `${quarterOf(d.listedOn)}|${a.authority}`;
      out[key] = (out[key] ?? 0) + 1;
    }
  return out;
}

describe('the Iran-drone case', () => {
  it('holds the 24 curated actions and exactly their designations, per quarter and authority', async () => {
    const c = await getCase(await testViewer(), 'iran-drones');
    expect(c).not.toBeNull();
    expect(c!.actions.map((a) => a.id).sort()).toEqual(file.actions.map((a) => a.id).sort());
    expect(c!.totals.designations).toBe(file.actions.reduce((n, a) => n + a.designations.length, 0));
    expect(Object.fromEntries(c!.quarters.map((q) => [`${q.bin}|${q.authorityId}`, q.count]))).toEqual(expectedQuarters());
    // Who moved first, by action: US on 8 Sep 2022, the EU and the UK the same day, 42 days later.
    expect(c!.authorities.map((a) => [a.authorityId, a.firstAction.toISOString().slice(0, 10)])).toEqual([
      ['US-OFAC', '2022-09-08'],
      ['EU', '2022-10-20'],
      ['UK', '2022-10-20'],
    ]);
    const listed = await listCases(await testViewer());
    expect(listed.find((x) => x.slug === 'iran-drones')).toMatchObject({ actions: 24, designations: c!.totals.designations, entities: c!.totals.entities });
  });

  it('is a filter and a split of the overview: 2022–23 per quarter and authority equal the curated actions’ designations (UK 2023 Q3 included)', async () => {
    const viewer = await testViewer();
    const { query } = parseDashboardQuery({ case: 'iran-drones', from: '2022', to: '2023', granularity: 'quarter', split: 'authority' });
    const data = await getTimelineData(viewer, query);
    const got = Object.fromEntries(data.listed.filter((r) => r.series !== null).map((r) => [`${r.bin}|${r.series}`, r.count]));
    const expected = expectedQuarters('2022', '2023');
    expect(got).toEqual(expected);
    expect(expected['2023-Q3|UK']).toBeGreaterThan(0);
    // Split by case: every designation of the filter is in the case's series.
    const split = await getTimelineData(viewer, parseDashboardQuery({ case: 'iran-drones', from: '2022', to: '2023', split: 'case' }).query);
    expect(split.ranking.keys).toEqual(['iran-drones']);
    const total = (rows: typeof data.listed) => rows.filter((r) => r.series === null).reduce((n, r) => n + r.count, 0);
    expect(total(split.listed)).toBe(Object.values(expected).reduce((n, v) => n + v, 0));
    // Counting actions: the case's actions of 2022–23 with a designation listed then.
    const actions = await getTimelineData(viewer, parseDashboardQuery({ case: 'iran-drones', from: '2022', to: '2023', measure: 'actions' }).query);
    expect(total(actions.listed)).toBe(new Set(file.actions.filter((a) => a.designations.some((d) => d.listedOn <= '2023-12-31')).map((a) => a.id)).size);
  });
});

describe('admins and cases', () => {
  it('creates, edits and deletes a case — validated, audited — and the filter follows', async () => {
    const admin = await realPrincipal('ADMIN');
    const analyst = await realPrincipal('ANALYST');
    const input = { title: 'Two OFAC drone actions', description: 'A test case.', actionIds: 'us-2022-09-08\nus-2022-11-15', sourceUrls: '' };
    expect(await callAs(analyst, records.createCase, input)).toMatchObject({ ok: false, status: 403 });
    const bad = await callAs(admin, records.createCase, { ...input, actionIds: 'us-2022-09-08\nno-such-action' });
    expect(bad).toMatchObject({ ok: false, status: 422 });
    expect(!bad.ok && bad.fieldErrors?.actionIds?.[0]).toContain('no-such-action');
    expect(await prisma.sanctionsCase.count({ where: { title: input.title } })).toBe(0);
    expect(await callAs(admin, records.createCase, { ...input, sourceUrls: 'javascript:alert(1)' })).toMatchObject({ ok: false, status: 422 });

    const created = expectOk(await callAs(admin, records.createCase, input));
    const row = await prisma.sanctionsCase.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.slug).toBe('two-ofac-drone-actions');
    const count = async () => {
      const data = await getTimelineData(admin, parseDashboardQuery({ case: row.slug, from: '2022', to: '2023' }).query);
      return data.listed.filter((r) => r.series === null).reduce((n, r) => n + r.count, 0);
    };
    const designationsOf = (ids: string[]) => prisma.designation.count({ where: { actionId: { in: ids }, deletedAt: null } });
    expect(await count()).toBe(await designationsOf(['us-2022-09-08', 'us-2022-11-15']));

    expectOk(await callAs(admin, records.updateCase, { ...input, id: created.id, version: created.version, actionIds: 'us-2022-11-15' }));
    expect(await count()).toBe(await designationsOf(['us-2022-11-15']));
    const events = await prisma.auditEvent.findMany({ where: { targetType: 'SanctionsCase', targetId: created.id }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.action)).toEqual(['case.create', 'case.update']);
    expect(events[1]!.before).toMatchObject({ actionIds: ['us-2022-09-08', 'us-2022-11-15'] });
    // A stale version is refused (optimistic locking), and nothing changes.
    expect(await callAs(admin, records.updateCase, { ...input, id: created.id, version: created.version })).toMatchObject({ ok: false, status: 409 });

    const current = await prisma.sanctionsCase.findUniqueOrThrow({ where: { id: created.id } });
    expectOk(await callAs(admin, records.deleteCase, { id: created.id, version: current.version }));
    expect(await count()).toBe(0);
    expect((await listCases(admin)).some((c) => c.slug === row.slug)).toBe(false);
  });
});
