// Frozen saved views (issue 26): the owner stores a view's numbers and data as-of; they stay the
// same for everyone who opens the view, in its API form too, after new designations arrive.
import { afterAll, describe, expect, it } from 'vitest';
import { prisma } from '../client';
import { createSavedView, freezeSavedView, getSavedViewReport, setSavedViewShared, unfreezeSavedView } from './saved-views';
import { getDesignationCounts } from '../metrics';
import { getDataAsOf } from '../sources/data-as-of';
import { getSavedViewApi } from '../read-api';
import { callAs, expectOk, realPrincipal } from '../../../test/actions';
import * as records from '../../actions/records';
import { freezeView } from '../../actions/saved-views';
import { saveViewSchema } from '../../validation/saved-views';
import { parseDashboardQuery } from '../../validation/dashboard';
import { searchParamsToObject } from '../../validation/search-params';

const SRC = 'https://www.federalregister.gov/d/2022-24946';
const QS = 'granularity=quarter&split=authority&from=2022-01&to=2023-12&authority=EU';
const query = parseDashboardQuery(searchParamsToObject(new URLSearchParams(QS))).query;
const euIn = (rows: Array<{ bin: string; series: string; count: number }>, bin: string) => rows.find((r) => r.bin === bin && r.series === 'EU')?.count ?? 0;
const cleanup: Array<() => Promise<unknown>> = [];

afterAll(async () => {
  for (const f of cleanup.reverse()) await f();
});

describe('freezing a saved view', () => {
  it('stores its series, KPIs and as-of; they do not change when designations are added; unfreezing makes it live', async () => {
    const owner = await realPrincipal('ANALYST');
    const other = await realPrincipal('ANALYST');
    const admin = await realPrincipal('ADMIN');
    const view = await createSavedView(owner, saveViewSchema.parse({ name: 'EU per quarter 2022–23', path: '/', query: QS }));

    // Private: others cannot see it, let alone freeze it; shared: they see it, still cannot freeze it.
    await expect(freezeSavedView(other, view.id)).rejects.toMatchObject({ status: 404 });
    await setSavedViewShared(owner, view.id, true);
    await expect(freezeSavedView(other, view.id)).rejects.toMatchObject({ status: 403 });
    await expect(freezeSavedView(admin, view.id)).rejects.toMatchObject({ status: 403 });
    expect((await prisma.savedView.findUniqueOrThrow({ where: { id: view.id } })).frozenAt).toBeNull();

    const liveBefore = await getDesignationCounts(owner, query);
    const asOfBefore = await getDataAsOf(owner);
    const frozen = await freezeSavedView(owner, view.id);
    expect(frozen.frozenAt).not.toBeNull();

    const opened = await getSavedViewReport(other, view.id);
    const snapshot = opened!.snapshot!;
    expect(snapshot).toMatchObject({ version: 1, chart: 'overview', query: QS, frozenAt: frozen.frozenAt });
    expect(snapshot.series.rows).toEqual(liveBefore);
    expect(snapshot.asOf.label).toBe(asOfBefore.label);
    expect(snapshot.kpis.byAuthority.length).toBeGreaterThan(0);
    // The stored chart is the one the page and the exports draw: the same counts per bin.
    const chartEu = snapshot.chartData.bins.map((b, i) => [b.key, snapshot.chartData.layers[0]!.values[i]!.EU ?? 0]);
    expect(chartEu.filter(([, n]) => n !== 0)).toEqual(liveBefore.map((r) => [r.bin, r.count]));
    expect(snapshot.timeline.points.map((p) => p.values.EU ?? 0)).toEqual(chartEu.map(([, n]) => n));

    // A new EU designation in 2023 Q1: the live numbers move, the frozen ones do not.
    const entity = expectOk(await callAs(admin, records.createEntity, { schema: 'Company', name: `Freeze test company ${Date.now()}`, acknowledgeDuplicates: true })) as { id: string; version: number };
    const designation = expectOk(await callAs(admin, records.createDesignation, { entityId: entity.id, authorityId: 'EU', listingDate: '2023-02-15', status: 'LISTED', sourceUrl: SRC })) as { id: string; version: number };
    cleanup.push(async () => {
      expectOk(await callAs(admin, records.deleteDesignation, { id: designation.id, version: designation.version }));
      const e = await prisma.entity.findUniqueOrThrow({ where: { id: entity.id } });
      expectOk(await callAs(admin, records.deleteEntity, { id: entity.id, version: e.version }));
    });
    const liveAfter = await getDesignationCounts(owner, query);
    expect(euIn(liveAfter, '2023-Q1')).toBe(euIn(liveBefore, '2023-Q1') + 1);
    expect((await getDataAsOf(owner)).editedAt).not.toBe(asOfBefore.editedAt);

    const reopened = await getSavedViewReport(other, view.id);
    expect(reopened!.snapshot).toEqual(snapshot);
    expect(euIn(reopened!.snapshot!.series.rows, '2023-Q1')).toBe(euIn(liveBefore, '2023-Q1'));
    // The API form of the view returns the stored series and as-of, for another analyst too.
    const api = await getSavedViewApi(other, view.id);
    expect(api).toMatchObject({ id: view.id, frozenAt: frozen.frozenAt, asOf: snapshot.asOf, series: snapshot.series });

    // Refreezing stores today's numbers; unfreezing makes the view live.
    const refrozen = await freezeSavedView(owner, view.id);
    expect(euIn((await getSavedViewReport(owner, view.id))!.snapshot!.series.rows, '2023-Q1')).toBe(euIn(liveAfter, '2023-Q1'));
    await unfreezeSavedView(owner, view.id);
    const live = await getSavedViewReport(owner, view.id);
    expect(live).toMatchObject({ snapshot: null, view: { frozenAt: null } });
    expect((await prisma.savedView.findUniqueOrThrow({ where: { id: view.id } })).snapshot).toBeNull();
    expect((await getSavedViewApi(other, view.id))!.series!.rows).toEqual(liveAfter);

    const events = await prisma.auditEvent.findMany({ where: { targetType: 'SavedView', targetId: view.id }, orderBy: { id: 'asc' } });
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ['saved_view.create', owner.id],
      ['saved_view.share', owner.id],
      ['saved_view.freeze', owner.id],
      ['saved_view.freeze', owner.id],
      ['saved_view.unfreeze', owner.id],
    ]);
    expect(events[2]!.after).toMatchObject({ frozenAt: frozen.frozenAt, asOf: asOfBefore.label });
    expect(events[3]!.before).toMatchObject({ frozenAt: frozen.frozenAt });
    expect(events[3]!.after).toMatchObject({ frozenAt: refrozen.frozenAt });
  });

  it('refuses to freeze a view of a page it cannot store, and bad input, with messages; nothing changes', async () => {
    const owner = await realPrincipal('ANALYST');
    const view = await createSavedView(owner, saveViewSchema.parse({ name: 'Entities', path: '/entities', query: 'q=shahed' }));
    const refused = await callAs(owner, freezeView, { id: view.id, frozen: 'true' });
    expect(refused).toMatchObject({ ok: false, status: 422, error: expect.stringMatching(/Only views of the overview can be frozen/) });
    expect(await callAs(owner, freezeView, { id: view.id, frozen: 'maybe' })).toMatchObject({ ok: false, status: 422, fieldErrors: { frozen: [expect.stringMatching(/true or false/)] } });
    expect(await callAs(null, freezeView, { id: view.id, frozen: 'true' })).toMatchObject({ ok: false, status: 401 });
    expect((await prisma.savedView.findUniqueOrThrow({ where: { id: view.id } })).frozenAt).toBeNull();
    expect(await prisma.auditEvent.count({ where: { targetType: 'SavedView', targetId: view.id, action: { startsWith: 'saved_view.freeze' } } })).toBe(0);
  });

  it('does not show a frozen row whose snapshot cannot be read as live numbers', async () => {
    const owner = await realPrincipal('ANALYST');
    const view = await createSavedView(owner, saveViewSchema.parse({ name: 'Broken', path: '/', query: '' }));
    await prisma.savedView.update({ where: { id: view.id }, data: { frozenAt: new Date(), snapshot: { version: 99 } } });
    await expect(getSavedViewReport(owner, view.id)).rejects.toMatchObject({ status: 409 });
  });
});
