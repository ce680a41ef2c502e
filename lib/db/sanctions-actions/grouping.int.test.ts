// Sanctions actions on the seeded lists (issue 25, ADR 0015): the curated drone-case actions and the
// grouped rest of each authority-day, checked on real days against the lists' own counts, and the
// grouping's contract on rows of its own (inside a transaction rolled back at the end).
import { describe, expect, it } from 'vitest';
import { prisma } from '../client';
import { getTimelineData } from '../metrics';
import { groupActions } from './grouping';
import { getAction, listActions } from './actions';
import { actionsQuerySchema } from '../../validation/actions';
import { parseDashboardQuery } from '../../validation/dashboard';
import { searchParamsToObject } from '../../validation/search-params';
import { callAs, expectOk, realPrincipal, testViewer } from '../../../test/actions';
import * as records from '../../actions/records';

/** The designations of each action of an authority-day: [action id, kind, new entries, program additions]. */
async function day(authority: string, date: string) {
  return prisma.$queryRaw<Array<{ id: string; kind: string; entries: number; added: number }>>`
    SELECT a.id, a.kind::text AS kind, count(*) FILTER (WHERE d.origin_key NOT LIKE '%@%')::int AS entries, count(*) FILTER (WHERE d.origin_key LIKE '%@%')::int AS added
    FROM sanctions_action a JOIN designation d ON d.action_id = a.id AND d.deleted_at IS NULL
    WHERE a.authority_id = ${authority} AND a.action_date = ${date}::date GROUP BY 1, 2 ORDER BY 2, 1`;
}

class Rollback extends Error {}

describe('sanctions actions on the seeded lists', () => {
  it('splits a day between its curated action and the grouped rest (OFAC 2022-11-15, 2022-12-09, 2023-01-06)', async () => {
    // 5 new entries and 3 programs added to listed entries: all in the curated action of 8.
    expect(await day('US-OFAC', '2022-11-15')).toEqual([{ id: 'us-2022-11-15', kind: 'CURATED', entries: 5, added: 3 }]);
    // 217 new entries: the curated action holds 3 (attribution uncertain), the grouped rest 214 (and a program added).
    expect(await day('US-OFAC', '2022-12-09')).toEqual([
      { id: 'us-2022-12-09', kind: 'CURATED', entries: 3, added: 0 },
      { id: 'g:US-OFAC:2022-12-09', kind: 'GROUPED', entries: 214, added: 1 },
    ]);
    expect(await day('US-OFAC', '2023-01-06')).toEqual([{ id: 'us-2023-01-06', kind: 'CURATED', entries: 7, added: 0 }]);
    const grouped = await getAction(await testViewer(), 'g:US-OFAC:2022-12-09');
    expect(grouped).toMatchObject({ title: 'US (OFAC): other listings of 9 Dec 2022', kind: 'GROUPED', designations: 215 });
    expect(grouped!.sameDay.map((a) => [a.id, a.isUncertain])).toEqual([['us-2022-12-09', true]]);
  });

  it('puts every listing of an exact day in exactly one action of its authority and day; the rest in none', async () => {
    // Other test files write designations of their own straight into the shared database (not through
    // an import or the admin forms, which regroup): a rebuild takes them in first.
    await prisma.$transaction((tx) => groupActions(tx), { timeout: 120_000 });
    const [check] = await prisma.$queryRaw<Array<{ wrong: number; missing: number; onOrBefore: number; carried: number; carriedInAction: number }>>`
      SELECT
        count(*) FILTER (WHERE a.id IS NOT NULL AND (a.authority_id <> d.authority_id OR a.action_date <> d.listing_date))::int AS wrong,
        count(*) FILTER (WHERE a.id IS NULL AND d.listing_date_qualifier = 'EXACT' AND d.listing_date_precision = 'DAY' AND NOT (d.authority_id = 'UK' AND d.listing_date = DATE '2020-12-31'))::int AS missing,
        count(*) FILTER (WHERE d.listing_date_qualifier = 'ON_OR_BEFORE' AND a.id IS NULL)::int AS "onOrBefore",
        count(*) FILTER (WHERE d.authority_id = 'UK' AND d.listing_date = DATE '2020-12-31')::int AS carried,
        count(*) FILTER (WHERE d.authority_id = 'UK' AND d.listing_date = DATE '2020-12-31' AND a.id IS NOT NULL)::int AS "carriedInAction"
      FROM designation d LEFT JOIN sanctions_action a ON a.id = d.action_id WHERE d.deleted_at IS NULL`;
    expect(check).toMatchObject({ wrong: 0, missing: 0, onOrBefore: 9083, carriedInAction: 0 });
    expect(check!.carried).toBeGreaterThan(900);
    // The EU groups per act and day: two acts' listings of one day are two actions (only a listing under no act — an admin's — is grouped without one).
    const [eu] = await prisma.$queryRaw<Array<{ acts: number; mixed: number }>>`
      SELECT count(DISTINCT a.scope)::int AS acts,
        count(*) FILTER (WHERE a.scope IS DISTINCT FROM (SELECT min(sp.code) FROM designation_program dp JOIN sanctions_program sp ON sp.id = dp.program_id WHERE dp.designation_id = d.id))::int AS mixed
      FROM sanctions_action a JOIN designation d ON d.action_id = a.id WHERE a.authority_id = 'EU' AND a.kind = 'GROUPED'`;
    expect(eu!.mixed).toBe(0);
    expect(eu!.acts).toBeGreaterThanOrEqual(3);
    // Rebuilding again changes nothing.
    expect(await prisma.$transaction((tx) => groupActions(tx), { timeout: 120_000 })).toEqual({ actions: 0, assigned: 0, released: 0, removed: 0 });
  });

  it('lists actions newest first with their counts, filtered by authority, kind and period', async () => {
    const viewer = await testViewer();
    const curated = await listActions(viewer, actionsQuerySchema.parse({ kind: 'CURATED' }));
    expect(curated.total).toBe(24);
    const uk = await listActions(viewer, actionsQuerySchema.parse({ authority: 'UK', from: '2023-08-08', to: '2023-08-08' }));
    expect(uk.items.map((a) => [a.id, a.designations])).toEqual([['uk-2023-08-08', 14], ['g:UK:2023-08-08', 11]]);
    expect(uk.items[0]!.sourceUrls[0]).toMatch(/^https:\/\//);
    // A bad parameter is left out, not an error.
    expect(actionsQuerySchema.parse({ kind: 'SOMETIMES', from: 'last year', page: '-1' })).toMatchObject({ kind: undefined, from: undefined, page: 1 });
  });

  it('counts actions and distinct entities on the overview, as the rows say', async () => {
    const q = (qs: string) => parseDashboardQuery(searchParamsToObject(new URLSearchParams(qs))).query;
    const total = async (qs: string) => new Map((await getTimelineData(await testViewer(), q(qs))).listed.filter((r) => r.series === null).map((r) => [r.bin, r.count]));
    const actions = await total('granularity=year&from=2022&to=2023&measure=actions');
    const entities = await total('granularity=year&from=2022&to=2023&measure=entities');
    const rows = await prisma.$queryRaw<Array<{ year: string; actions: number; entities: number }>>`
      SELECT to_char(d.listing_date, 'YYYY') AS year, count(DISTINCT d.action_id)::int AS actions,
        count(DISTINCT d.entity_id) FILTER (WHERE d.listing_date_qualifier = 'EXACT')::int AS entities
      FROM designation d JOIN entity e ON e.id = d.entity_id
      WHERE d.deleted_at IS NULL AND e.deleted_at IS NULL AND d.listing_date BETWEEN '2022-01-01' AND '2023-12-31' AND d.listing_date_precision >= 'YEAR'
      GROUP BY 1 ORDER BY 1`;
    expect(rows.map((r) => [r.year, actions.get(r.year), entities.get(r.year)])).toEqual(rows.map((r) => [r.year, r.actions, r.entities]));
    expect(actions.get('2022')).toBeGreaterThan(50);
    // Net mode counts designations only: the parse says so and shows new actions.
    const net = parseDashboardQuery({ measure: 'actions', mode: 'net' });
    expect([net.query.mode, net.problems.map((p) => p.field)]).toEqual(['new', ['mode']]);
  });
});

describe('groupActions on rows of its own', () => {
  it('creates a day\'s group, moves a re-dated listing, releases a deleted one and removes an empty group', async () => {
    const entity = await prisma.entity.findFirstOrThrow({ where: { deletedAt: null }, select: { id: true } });
    const seen: unknown[] = [];
    await expect(
      prisma.$transaction(async (tx) => {
        // Canada is a seeded authority with no designations of its own.
        const make = (key: string) => tx.designation.create({
          data: { entityId: entity.id, authorityId: 'CA', listingDate: new Date('2024-03-01T00:00:00Z'), listingDatePrecision: 'DAY', sourceUrl: 'https://example.org/ca', origin: 'test-actions', originKey: key },
        });
        const [a, b] = [await make('a'), await make('b')];
        seen.push(await groupActions(tx, ['CA']));
        const group = async () => (await tx.designation.findMany({ where: { origin: 'test-actions' }, orderBy: { originKey: 'asc' }, select: { actionId: true } })).map((d) => d.actionId);
        seen.push(await group());
        await tx.designation.update({ where: { id: b.id }, data: { listingDate: new Date('2024-03-02T00:00:00Z') } });
        seen.push(await groupActions(tx, ['CA']), await group());
        await tx.designation.update({ where: { id: a.id }, data: { deletedAt: new Date() } });
        seen.push(await groupActions(tx, ['CA']), await group(), await tx.sanctionsAction.count({ where: { authorityId: 'CA' } }));
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect(seen).toEqual([
      { actions: 1, assigned: 2, released: 0, removed: 0 },
      ['g:CA:2024-03-01', 'g:CA:2024-03-01'],
      { actions: 1, assigned: 1, released: 0, removed: 0 },
      ['g:CA:2024-03-01', 'g:CA:2024-03-02'],
      { actions: 0, assigned: 0, released: 1, removed: 1 },
      [null, 'g:CA:2024-03-02'],
      1,
    ]);
    expect(await prisma.sanctionsAction.count({ where: { authorityId: 'CA' } })).toBe(0);
  });
});

describe("an admin's designation", () => {
  it('joins its day\'s action when created, moves with its date, and leaves it when deleted', async () => {
    const admin = await realPrincipal('ADMIN');
    const entity = await prisma.entity.findFirstOrThrow({ where: { deletedAt: null, mergedIntoId: null }, select: { id: true } });
    const actionOf = async (id: string) => (await prisma.designation.findUniqueOrThrow({ where: { id }, select: { actionId: true } })).actionId;
    // Canada: a seeded authority with no listings of its own.
    const input = { entityId: entity.id, authorityId: 'CA', listingDate: '2024-03-01', status: 'LISTED', sourceUrl: 'https://example.org/ca-notice' };
    const created = expectOk(await callAs(admin, records.createDesignation, input)) as { id: string; version: number };
    expect(await actionOf(created.id)).toBe('g:CA:2024-03-01');
    const moved = expectOk(await callAs(admin, records.updateDesignation, { ...input, id: created.id, version: created.version, listingDate: '2024-03-05' })) as { id: string; version: number };
    expect(await actionOf(created.id)).toBe('g:CA:2024-03-05');
    expect(await prisma.sanctionsAction.findUnique({ where: { id: 'g:CA:2024-03-01' } })).toBeNull();
    expectOk(await callAs(admin, records.deleteDesignation, { id: created.id, version: moved.version }));
    expect(await actionOf(created.id)).toBeNull();
    expect(await prisma.sanctionsAction.count({ where: { authorityId: 'CA' } })).toBe(0);
  });
});
