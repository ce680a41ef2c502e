// Every admin record type through its real server actions, as real users from the database:
// create → edit → stale edit refused → delete → restore; analysts get 403 and change nothing; a
// corpus of bad inputs gets 422 with field messages and changes nothing; every mutation leaves
// exactly one audit event with the right diff.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { prisma } from '../db/client';
import { diffSnapshots } from '../db/audit';
import { callAs, expectOk, realPrincipal, testViewer } from '../../test/actions';
import type { Principal } from '../auth/permissions';
import type { ActionResult } from './safe-action';
import type { Saved } from './crud';
import type { RecordStore, VersionedRow } from '../db/admin/crud';
import * as actions from './records';
import { milestoneStore } from '../db/admin/milestones';
import { entityStore } from '../db/admin/entities';
import { designationStore } from '../db/admin/designations';
import { authorityStore, programStore } from '../db/admin/authorities';
import { participantStore, supplyLinkStore, weaponsProgramStore } from '../db/admin/weapons';
import { relationshipStore } from '../db/admin/relationships';
import { listMilestones } from '../db/milestones';
import { getEntity } from '../db/entities';

type Input = Record<string, unknown>;
type Act = Parameters<typeof callAs<Saved>>[1];

type Case = {
  name: string;
  store: RecordStore<VersionedRow, never, never>;
  create: Act;
  update: Act;
  remove: Act;
  restore: Act;
  count: () => Promise<number>;
  valid: () => Input;
  edit: Input;
  /** The snapshot fields the edit changes. */
  changes: string[];
  required: string[];
  text: string;
  url: string;
  date?: string;
  range?: [string, string];
  /** Visible to analysts? (checked before delete, after delete and after restore) */
  visible?: (id: string) => Promise<boolean>;
};

const rand = () => randomBytes(4).toString('hex');
// Six random capitals (26^6): the hex-with-digits-as-Q version it replaces gave "QQQQQQ" one time in
// sixteen, and two such codes in one run collided (a 422 "exists already" in a clean CI run).
const upper = () => Array.from(randomBytes(6), (b) => String.fromCharCode(65 + (b % 26))).join('');
const SRC = 'https://www.federalregister.gov/d/2022-24946';

let admin: Principal;
let analyst: Principal;
let entityA: string;
let entityB: string;
let weaponsProgramId: string;
let programCode: string;
const pool: string[] = [];
let next = 0;
/** A fresh fixture entity per record, so unique (entity, program, role) keys never clash. */
const pooled = () => pool[next++ % pool.length]!;

let startedAt: Date;

beforeAll(async () => {
  startedAt = new Date();
  admin = await realPrincipal('ADMIN');
  analyst = await realPrincipal('ANALYST');
  entityA = (await prisma.entity.create({ data: { schema: 'Company', name: `Fixture Supplier ${rand()}` } })).id;
  entityB = (await prisma.entity.create({ data: { schema: 'Company', name: `Fixture Recipient ${rand()}` } })).id;
  weaponsProgramId = (await prisma.weaponsProgram.create({ data: { slug: `fixture-${rand()}`, name: 'Fixture drone', type: 'one-way attack drone', sourceUrls: [SRC] } })).id;
  const tag = rand();
  await prisma.entity.createMany({ data: Array.from({ length: 400 }, (_, i) => ({ schema: 'Company' as const, name: `Fixture Pool ${tag} ${i}` })) });
  pool.push(...(await prisma.entity.findMany({ where: { name: { startsWith: `Fixture Pool ${tag} ` } }, select: { id: true } })).map((e) => e.id));
  programCode = `FIX-${upper()}`;
  await prisma.sanctionsProgram.create({ data: { authorityId: 'EU', code: programCode } });
});

// NOTE: the integration files share one seeded database (run one after another); the seed tests
// count every milestone, weapons program, role and supply link, so the rows made here go again.
// Their audit events stay: the trail is append-only, and the ids in it are plain text.
afterAll(async () => {
  const since = { createdAt: { gte: startedAt } };
  await prisma.supplyLink.deleteMany({ where: since });
  await prisma.relationship.deleteMany({ where: { ...since, origin: 'admin' } });
  await prisma.programParticipant.deleteMany({ where: since });
  await prisma.weaponsProgram.deleteMany({ where: since });
  await prisma.milestone.deleteMany({ where: since });
});

const cases: Case[] = [
  {
    name: 'milestone',
    store: milestoneStore as never,
    create: actions.createMilestone,
    update: actions.updateMilestone,
    remove: actions.deleteMilestone,
    restore: actions.restoreMilestone,
    count: () => prisma.milestone.count(),
    valid: () => ({ title: `Talks resume ${rand()}`, category: 'DIPLOMATIC', date: '2022-11', sourceUrl: SRC }),
    edit: { title: 'Talks collapse', date: '2022-11-15' },
    changes: ['title', 'date'],
    required: ['title', 'category', 'date', 'sourceUrl'],
    text: 'title',
    url: 'sourceUrl',
    date: 'date',
    range: ['date', 'endDate'],
    visible: async (id) => (await listMilestones(await testViewer())).some((m) => m.id === id),
  },
  {
    name: 'entity',
    store: entityStore as never,
    create: actions.createEntity,
    update: actions.updateEntity,
    remove: actions.deleteEntity,
    restore: actions.restoreEntity,
    count: () => prisma.entity.count(),
    valid: () => ({ schema: 'Company', name: `${rand()}${rand()} ${rand()}`, aliases: `A${rand()}`, countries: 'IR', identifiers: `Registration Number: ${rand()}${rand()}` }),
    edit: { countries: 'IR\nRU', notes: 'Makes engines' },
    changes: ['countries', 'notes'],
    required: ['schema', 'name'],
    text: 'name',
    url: 'none',
    date: 'birthDate',
    visible: async (id) => (await getEntity(await testViewer(), id)) !== null,
  },
  {
    name: 'designation',
    store: designationStore as never,
    create: actions.createDesignation,
    update: actions.updateDesignation,
    remove: actions.deleteDesignation,
    restore: actions.restoreDesignation,
    count: () => prisma.designation.count(),
    valid: () => ({ entityId: entityA, authorityId: 'EU', programs: programCode, listingDate: '2023-02-25', status: 'LISTED', sourceUrl: SRC }),
    edit: { status: 'DELISTED', statusDate: '2024-03', endDate: '2024-03' },
    changes: ['status', 'endDate', 'statusHistory'],
    required: ['entityId', 'authorityId', 'listingDate', 'status', 'sourceUrl'],
    text: 'reason',
    url: 'sourceUrl',
    date: 'listingDate',
    range: ['listingDate', 'endDate'],
    visible: async (id) => (await getEntity(await testViewer(), entityA))?.designations.some((d) => d.id === id) ?? false,
  },
  {
    name: 'authority',
    store: authorityStore as never,
    create: actions.createAuthority,
    update: actions.updateAuthority,
    remove: actions.deleteAuthority,
    restore: actions.restoreAuthority,
    count: () => prisma.authority.count(),
    valid: () => ({ id: `ZZ-${upper()}`, name: 'Test Ministry of Finance', shortName: 'Testland' }),
    edit: { url: 'https://example.org/list' },
    changes: ['url'],
    required: ['id', 'name', 'shortName'],
    text: 'name',
    url: 'url',
  },
  {
    name: 'sanctions program',
    store: programStore as never,
    create: actions.createProgram,
    update: actions.updateProgram,
    remove: actions.deleteProgram,
    restore: actions.restoreProgram,
    count: () => prisma.sanctionsProgram.count(),
    valid: () => ({ authorityId: 'UK', code: `T-${upper()}`, title: 'Test regime' }),
    edit: { title: 'Test regime (amended)' },
    changes: ['title'],
    required: ['authorityId', 'code'],
    text: 'title',
    url: 'url',
  },
  {
    name: 'weapons program',
    store: weaponsProgramStore as never,
    create: actions.createWeaponsProgram,
    update: actions.updateWeaponsProgram,
    remove: actions.deleteWeaponsProgram,
    restore: actions.restoreWeaponsProgram,
    count: () => prisma.weaponsProgram.count(),
    valid: () => ({ name: `Test drone ${rand()}`, type: 'loitering munition', sourceUrls: SRC }),
    edit: { aliases: 'TD-1\nTD-2' },
    changes: ['aliases'],
    required: ['name', 'type', 'sourceUrls'],
    text: 'name',
    url: 'sourceUrls',
  },
  {
    name: 'program participant',
    store: participantStore as never,
    create: actions.createParticipant,
    update: actions.updateParticipant,
    remove: actions.deleteParticipant,
    restore: actions.restoreParticipant,
    count: () => prisma.programParticipant.count(),
    valid: () => ({ entityId: pooled(), weaponsProgramId, role: 'MANUFACTURER', startDate: '2022', sourceUrl: SRC }),
    edit: { isUncertain: 'on', evidence: 'Named in the designation notice' },
    changes: ['isUncertain', 'evidence'],
    required: ['entityId', 'weaponsProgramId', 'role', 'sourceUrl'],
    text: 'evidence',
    url: 'sourceUrl',
    date: 'startDate',
    range: ['startDate', 'endDate'],
  },
  {
    name: 'supply link',
    store: supplyLinkStore as never,
    create: actions.createSupplyLink,
    update: actions.updateSupplyLink,
    remove: actions.deleteSupplyLink,
    restore: actions.restoreSupplyLink,
    count: () => prisma.supplyLink.count(),
    valid: () => ({ supplierId: pooled(), recipientId: entityB, componentCategory: 'ENGINES', weaponsProgramId, sourceUrl: SRC }),
    edit: { startDate: '2021-06', endDate: '2023' },
    changes: ['startDate', 'endDate'],
    required: ['supplierId', 'recipientId', 'componentCategory', 'sourceUrl'],
    text: 'evidence',
    url: 'sourceUrl',
    date: 'startDate',
    range: ['startDate', 'endDate'],
  },
  {
    name: 'relationship',
    store: relationshipStore as never,
    create: actions.createRelationship,
    update: actions.updateRelationship,
    remove: actions.deleteRelationship,
    restore: actions.restoreRelationship,
    count: () => prisma.relationship.count(),
    valid: () => ({ subjectId: pooled(), type: 'OWNERSHIP', objectId: entityB, role: 'shareholder', startDate: '2021', sourceUrl: SRC }),
    edit: { role: 'majority shareholder (51%)', endDate: '2023-06' },
    changes: ['role', 'endDate'],
    required: ['subjectId', 'type', 'objectId', 'sourceUrl'],
    text: 'role',
    url: 'sourceUrl',
    date: 'startDate',
    range: ['startDate', 'endDate'],
    // The analyst's entity page lists it from both sides while it is live.
    visible: async (id) => (await getEntity(await testViewer(), entityB))?.relationsIn.some((r) => r.id === id) ?? false,
  },
];

async function auditCount(): Promise<number> {
  return prisma.auditEvent.count();
}

async function eventsFor(c: Case, id: string) {
  return prisma.auditEvent.findMany({ where: { targetType: c.store.targetType, targetId: id }, orderBy: { id: 'asc' } });
}

function expectRefused<T>(r: ActionResult<T>, status: number) {
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.status).toBe(status);
  return r as Extract<ActionResult<T>, { ok: false }>;
}

async function snapshotOf(c: Case, id: string) {
  return c.store.snapshot((await c.store.find(prisma, id))!);
}

describe.each(cases)('$name', (c) => {
  it('create → edit → stale edit refused → delete → restore, one audit event with the right diff each', async () => {
    const input = c.valid();
    const auditBefore = await auditCount();
    const created = expectOk(await callAs(admin, c.create, input));
    expect(created.version).toBe(1);
    let events = await eventsFor(c, created.id);
    expect(events.map((e) => e.action)).toEqual([`${c.store.action}.create`]);
    expect(events[0]!.actorId).toBe(admin.id);
    expect(events[0]!.before).toBeNull();
    expect(events[0]!.after).toMatchObject({ deletedAt: null });
    if (c.visible) expect(await c.visible(created.id)).toBe(true);

    const edited = expectOk(await callAs(admin, c.update, { ...input, ...c.edit, id: created.id, version: created.version }));
    expect(edited.version).toBe(2);
    events = await eventsFor(c, created.id);
    expect(events).toHaveLength(2);
    const diff = diffSnapshots(events[1]!.before as Record<string, unknown>, events[1]!.after as Record<string, unknown>);
    expect(Object.keys(diff).sort()).toEqual([...c.changes].sort());
    expect(events[1]).toMatchObject({ action: `${c.store.action}.update`, actorId: admin.id, meta: { version: 2 } });

    // A second editor still holding version 1: refused, told what changed, nothing written.
    const snapBeforeStale = await snapshotOf(c, created.id);
    const stale = expectRefused(await callAs(admin, c.update, { ...input, id: created.id, version: created.version }), 409);
    expect(stale.error).toMatch(/since you opened it/);
    expect((stale.details as { changes: Array<{ field: string }> }).changes.map((x) => x.field).sort()).toEqual([...c.changes].sort());
    expect(await snapshotOf(c, created.id)).toEqual(snapBeforeStale);
    expect(await eventsFor(c, created.id)).toHaveLength(2);

    const deleted = expectOk(await callAs(admin, c.remove, { id: created.id, version: edited.version }));
    events = await eventsFor(c, created.id);
    expect(events).toHaveLength(3);
    expect(events[2]).toMatchObject({ action: `${c.store.action}.delete`, before: { deletedAt: null } });
    if (c.visible) expect(await c.visible(created.id)).toBe(false);
    // Editing or deleting a deleted record again is refused.
    expectRefused(await callAs(admin, c.update, { ...input, ...c.edit, id: created.id, version: deleted.version }), 409);
    expectRefused(await callAs(admin, c.remove, { id: created.id, version: deleted.version }), 409);

    const restored = expectOk(await callAs(admin, c.restore, { id: created.id, version: deleted.version }));
    expect(restored.version).toBe(4);
    expect(await snapshotOf(c, created.id)).toEqual(snapBeforeStale);
    if (c.visible) expect(await c.visible(created.id)).toBe(true);
    events = await eventsFor(c, created.id);
    expect(events.map((e) => e.action)).toEqual(['create', 'update', 'delete', 'restore'].map((a) => `${c.store.action}.${a}`));
    expect(await auditCount()).toBe(auditBefore + 4);
  });

  it('an analyst calling any of its actions gets 403 and nothing changes', async () => {
    const row = expectOk(await callAs(admin, c.create, c.valid()));
    const [rows, audit, snap] = await Promise.all([c.count(), auditCount(), snapshotOf(c, row.id)]);
    expectRefused(await callAs(analyst, c.create, c.valid()), 403);
    expectRefused(await callAs(analyst, c.update, { ...c.valid(), ...c.edit, id: row.id, version: row.version }), 403);
    expectRefused(await callAs(analyst, c.remove, { id: row.id, version: row.version }), 403);
    expectRefused(await callAs(analyst, c.restore, { id: row.id, version: row.version }), 403);
    expectRefused(await callAs(null, c.create, c.valid()), 401);
    expect(await c.count()).toBe(rows);
    expect(await auditCount()).toBe(audit);
    expect(await snapshotOf(c, row.id)).toEqual(snap);
    expect((await c.store.find(prisma, row.id))!.version).toBe(row.version);
  });

  it('refuses bad input with 422 and field messages, and changes nothing', async () => {
    const without = (field: string) => Object.fromEntries(Object.entries(c.valid()).filter(([k]) => k !== field));
    const corpus: Array<[string, unknown, string]> = [
      ...c.required.map((f): [string, unknown, string] => [`missing ${f}`, without(f), f]),
      ...c.required.map((f): [string, unknown, string] => [`empty ${f}`, { ...c.valid(), [f]: '' }, f]),
      ['a number for text', { ...c.valid(), [c.text]: 12345 }, c.text],
      ['an object for text', { ...c.valid(), [c.text]: { $ne: 1 } }, c.text],
      ['a 100 kB string', { ...c.valid(), [c.text]: 'x'.repeat(100_000) }, c.text],
      ['a script tag', { ...c.valid(), [c.text]: '<script>alert(1)</script>' }, c.text],
      ['markup in text', { ...c.valid(), [c.text]: 'Acme <img src=x onerror=alert(1)>' }, c.text],
      ...(c.url !== 'none'
        ? ([
            ['a javascript: URL', { ...c.valid(), [c.url]: 'javascript:alert(document.cookie)' }, c.url],
            ['a data: URL', { ...c.valid(), [c.url]: 'data:text/html,<b>hi</b>' }, c.url],
            ['a relative URL', { ...c.valid(), [c.url]: '/relative/path' }, c.url],
          ] as Array<[string, unknown, string]>)
        : []),
      ...(c.date
        ? ([
            ['2023-02-30', { ...c.valid(), [c.date]: '2023-02-30' }, c.date],
            ['month 13', { ...c.valid(), [c.date]: '2023-13' }, c.date],
            ['a US-style date', { ...c.valid(), [c.date]: '02/24/2022' }, c.date],
          ] as Array<[string, unknown, string]>)
        : []),
      ...(c.range ? ([['end before start', { ...c.valid(), [c.range[0]]: '2023-05-01', [c.range[1]]: '2023-01' }, c.range[1]]] as Array<[string, unknown, string]>) : []),
    ];
    const [rows, audit] = await Promise.all([c.count(), auditCount()]);
    for (const [label, input, field] of corpus) {
      const r = expectRefused(await callAs(admin, c.create, input), 422);
      expect(r.fieldErrors?.[field], `${c.name}: ${label} → a message on ${field}, got ${JSON.stringify(r.fieldErrors)}`).toBeDefined();
      expect(r.fieldErrors![field]!.join(' ')).toMatch(/[A-Z].*\./);
    }
    // Not an object at all, and an update without a version.
    for (const input of [null, 'title=x', [1, 2]]) expectRefused(await callAs(admin, c.create, input), 422);
    const row = expectOk(await callAs(admin, c.create, c.valid()));
    const r = expectRefused(await callAs(admin, c.update, { ...c.valid(), id: row.id }), 422);
    expect(r.fieldErrors?.version?.[0]).toMatch(/reload/);
    const bad = expectRefused(await callAs(admin, c.update, { ...c.valid(), [c.text]: '<script>x</script>', id: row.id, version: row.version }), 422);
    expect(bad.fieldErrors?.[c.text]).toBeDefined();
    expect(await c.count()).toBe(rows + 1);
    expect(await auditCount()).toBe(audit + 1);
    expect((await c.store.find(prisma, row.id))!.version).toBe(1);
  });
});

describe('references only the database can check', () => {
  it('refuses a designation for an unknown entity or program code with a field message', async () => {
    const [rows, audit] = await Promise.all([prisma.designation.count(), auditCount()]);
    const base = { entityId: entityA, authorityId: 'EU', listingDate: '2023', status: 'LISTED', sourceUrl: SRC };
    expect(expectRefused(await callAs(admin, actions.createDesignation, { ...base, entityId: 'nope123' }), 422).fieldErrors?.entityId).toBeDefined();
    expect(expectRefused(await callAs(admin, actions.createDesignation, { ...base, programs: 'NOT-A-PROGRAM' }), 422).fieldErrors?.programs?.[0]).toMatch(/NOT-A-PROGRAM/);
    expect(expectRefused(await callAs(admin, actions.createDesignation, { ...base, authorityId: 'XX' }), 422).fieldErrors?.authorityId).toBeDefined();
    expect(await prisma.designation.count()).toBe(rows);
    expect(await auditCount()).toBe(audit);
  });

  it('refuses a relationship to an unknown entity, or of an entity with itself, with a field message', async () => {
    const [rows, audit] = await Promise.all([prisma.relationship.count(), auditCount()]);
    const base = { subjectId: entityA, type: 'DIRECTORSHIP', objectId: entityB, sourceUrl: SRC };
    expect(expectRefused(await callAs(admin, actions.createRelationship, { ...base, objectId: 'nope123' }), 422).fieldErrors?.objectId?.[0]).toMatch(/No live entity/);
    expect(expectRefused(await callAs(admin, actions.createRelationship, { ...base, objectId: entityA }), 422).fieldErrors?.objectId?.[0]).toMatch(/itself/);
    expect(expectRefused(await callAs(admin, actions.createRelationship, { ...base, type: 'FRIENDSHIP' }), 422).fieldErrors?.type).toBeDefined();
    expect(await prisma.relationship.count()).toBe(rows);
    expect(await auditCount()).toBe(audit);
  });

  it('refuses a duplicate authority code and slug with a field message', async () => {
    expect(expectRefused(await callAs(admin, actions.createAuthority, { id: 'EU', name: 'Again', shortName: 'EU' }), 422).fieldErrors?.id).toBeDefined();
    const m = expectOk(await callAs(admin, actions.createMilestone, { title: 'Slugged', slug: `slug-${rand()}`, category: 'NUCLEAR', date: '2020', sourceUrl: SRC }));
    const slug = (await prisma.milestone.findUniqueOrThrow({ where: { id: m.id } })).slug;
    expect(expectRefused(await callAs(admin, actions.createMilestone, { title: 'Slugged again', slug, category: 'NUCLEAR', date: '2020', sourceUrl: SRC }), 422).fieldErrors?.slug).toBeDefined();
  });

  it('keeps the status history of a designation', async () => {
    const d = expectOk(await callAs(admin, actions.createDesignation, { entityId: entityB, authorityId: 'EU', listingDate: '2022-10-20', status: 'LISTED', sourceUrl: SRC }));
    const u = expectOk(await callAs(admin, actions.updateDesignation, { id: d.id, version: d.version, entityId: entityB, authorityId: 'EU', listingDate: '2022-10-20', status: 'AMENDED', statusDate: '2023-07-20', sourceUrl: SRC }));
    expectOk(await callAs(admin, actions.updateDesignation, { id: d.id, version: u.version, entityId: entityB, authorityId: 'EU', listingDate: '2022-10-20', status: 'DELISTED', statusDate: '2024-02', endDate: '2024-02', sourceUrl: SRC }));
    const events = await prisma.designationEvent.findMany({ where: { designationId: d.id }, orderBy: { date: 'asc' } });
    expect(events.map((e) => [e.status, e.date.toISOString().slice(0, 10), e.datePrecision])).toEqual([
      ['LISTED', '2022-10-20', 'DAY'],
      ['AMENDED', '2023-07-20', 'DAY'],
      ['DELISTED', '2024-02-01', 'MONTH'],
    ]);
  });
});
