// What changed (issue 27) against the real database: listChanges' filters, both orders and their
// cursors, the live entity after merges; the feed token (valid, forged, revoked, disabled user) and
// the feed and read API route handlers. The seeded data has no list_change rows: this file writes
// its own, under authority codes no list uses (ZZ-…), and every query filters on them.
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { xml2js, type Element } from 'xml-js';
import { prisma } from '../client';
import { hasRecordedChanges, listChanges } from './list-changes';
import { getFeedPrincipal, getFeedToken } from './feed-token';
import { createApiToken } from '../accounts/api-tokens';
import { can, type Principal } from '../../auth/permissions';
import { EMPTY_CHANGES_FILTER, type ChangesFilter } from '../../changes/filter';
import { signToken } from '../../security/signed-token';
import { pageSchema } from '../../validation/api-v1';
import { changeSchema } from '../../validation/changes';
import { expectOk, realPrincipal } from '../../../test/actions';
import { revokeAlertLinksAction } from '../../actions/alerts';
import { runAction } from '../../actions/safe-action';
import type { Principal as P } from '../../auth/permissions';

/** "Revoke unsubscribe and feed links" (a form action) through the same path as a call from the page. */
const revokeLinks = (p: P | null) =>
  runAction(p, revokeAlertLinksAction.permission, revokeAlertLinksAction.schema, revokeAlertLinksAction.run as (input: unknown, ctx: { principal: P }) => Promise<{ tokenVersion: number }>, { confirm: 'yes' });
import { GET as getFeed } from '../../../app/feeds/changes/route';
import { GET as getChangesApi } from '../../../app/api/v1/changes/route';

vi.hoisted(() => {
  // Before lib/env is read: signed tokens need the app's secret.
  process.env.AUTH_SECRET ??= 'integration-test-secret-of-at-least-32-characters';
  process.env.API_RATE_LIMIT_MAX = '100000';
});

const A = 'ZZ-TA';
const B = 'ZZ-TB';
const only = (f: Partial<ChangesFilter> = {}): ChangesFilter => ({ ...EMPTY_CHANGES_FILTER, authority: [A, B], ...f });

let analyst: Principal;
let runId = '';
const ids: Record<string, string> = {};
let survivor = { id: '', slug: '' };
let merged = '';
let deleted = '';
let recordCluster = '';
let firstId = 0n;

async function insert(key: string, row: { kind: 'LISTED' | 'LIFTED' | 'RELISTED' | 'AMENDED'; authority: string | null; edition: string; targetType?: string; entityId: string; name?: string; recordId?: string | null; programs?: string[]; countries?: string[]; fields?: object }) {
  const c = await prisma.listChange.create({
    data: {
      importRunId: runId,
      editionDate: new Date(`${row.edition}T00:00:00Z`),
      kind: row.kind,
      targetType: row.targetType ?? 'Designation',
      targetId: `zz-target-${key}`,
      entityId: row.entityId,
      recordId: row.recordId ?? null,
      entityName: row.name ?? `ZZ test ${key}`,
      authorityId: row.authority,
      sourceKey: `zz-${key}`,
      programs: row.programs ?? [],
      countries: row.countries ?? [],
      fields: row.fields ?? {},
    },
  });
  ids[key] = c.id.toString();
  if (!firstId) firstId = c.id;
}

beforeAll(async () => {
  analyst = await realPrincipal('ANALYST');
  const run = await prisma.importRun.create({ data: { actorLabel: 'test:changes', format: 'ofac-xml', fileName: 'zz-sdn.xml', fileSha256: 'zz', fileBytes: 1n, status: 'APPLIED' } });
  runId = run.id;
  // A weapons program participant (seeded), an entity merged into it, and one merged into that:
  // a change recorded under the last one belongs, now, to the participant.
  const pp = await prisma.programParticipant.findFirstOrThrow({ where: { deletedAt: null, entity: { deletedAt: null, mergedIntoId: null } }, include: { weaponsProgram: true } });
  survivor = { id: pp.entityId, slug: pp.weaponsProgram.slug };
  const middle = await prisma.entity.create({ data: { schema: 'Organization', name: 'ZZ middle', mergedIntoId: survivor.id } });
  merged = (await prisma.entity.create({ data: { schema: 'Organization', name: 'ZZ merged', mergedIntoId: middle.id } })).id;
  deleted = (await prisma.entity.create({ data: { schema: 'Organization', name: 'ZZ deleted', deletedAt: new Date() } })).id;
  // A record moved to another cluster (a split): the record's cluster wins over the recorded one.
  const other = await prisma.entity.create({ data: { schema: 'Organization', name: 'ZZ record cluster' } });
  recordCluster = other.id;
  const record = await prisma.externalId.create({ data: { entityId: other.id, source: 'zz-test', externalId: 'zz-1' } });

  await insert('listed', { kind: 'LISTED', authority: A, edition: '2031-01-10', entityId: merged, programs: ['ZZPROG'], countries: ['zq'] });
  await insert('amended', { kind: 'AMENDED', authority: A, edition: '2031-02-10', entityId: deleted, fields: { reason: { from: 'old', to: 'new' }, programsAdded: { from: null, to: ['ZZPROG2'] } }, countries: ['ZR'] });
  await insert('lifted', { kind: 'LIFTED', authority: B, edition: '2031-03-10', entityId: merged, recordId: record.id, programs: ['ZZPROG'] });
  await insert('relisted', { kind: 'RELISTED', authority: B, edition: '2031-03-10', entityId: deleted });
  // An older edition imported last: newest-first sorts it by its date, polling by its id.
  await insert('late', { kind: 'LISTED', authority: B, edition: '2030-12-31', entityId: deleted, name: '<script>&"late' });
  // A change of the record itself carries no authority: its record's (the list's) stands for it.
  const ownRecord = await prisma.externalId.create({ data: { entityId: other.id, source: 'zz-test', externalId: 'zz-2', authorityId: A } });
  await insert('record', { kind: 'AMENDED', authority: null, edition: '2031-01-20', entityId: other.id, recordId: ownRecord.id, targetType: 'Entity', fields: { name: { from: 'ZZ old', to: 'ZZ new' } } });
});

const keys = (items: Array<{ id: string }>) => items.map((i) => Object.entries(ids).find(([, v]) => v === i.id)?.[0] ?? i.id);

describe('listChanges', () => {
  it('lists newest edition first (then newest id), with plain values and the run', async () => {
    const page = await listChanges(analyst, only(), { limit: 50 });
    expect(keys(page.items)).toEqual(['relisted', 'lifted', 'amended', 'record', 'listed', 'late']);
    expect(page.nextKey).toBeNull();
    expect(page.items.find((i) => i.id === ids.record)).toMatchObject({ authorityId: A, targetType: 'Entity', entityId: recordCluster });
    const amended = page.items.find((i) => i.id === ids.amended)!;
    expect(amended).toMatchObject({ kind: 'AMENDED', editionDate: '2031-02-10', authorityId: A, authorityName: null, fields: { reason: { from: 'old', to: 'new' }, programsAdded: { from: null, to: ['ZZPROG2'] } }, run: { id: runId, fileName: 'zz-sdn.xml', format: 'ofac-xml' } });
    expect(typeof amended.recordedAt).toBe('string');
    expect(JSON.parse(JSON.stringify(page.items))).toEqual(page.items);
    expect(changeSchema.array().parse(page.items)).toHaveLength(6);
  });

  it('links each change to the live entity: through merge chains, to the record’s cluster, or says it is gone', async () => {
    const { items } = await listChanges(analyst, only(), { limit: 50 });
    const by = (k: string) => items.find((i) => i.id === ids[k])!;
    expect(by('listed')).toMatchObject({ entityId: survivor.id, recordedEntityId: merged, entityExists: true });
    expect(by('lifted')).toMatchObject({ entityId: recordCluster, recordedEntityId: merged, entityExists: true });
    expect(by('amended')).toMatchObject({ entityId: deleted, entityExists: false });
  });

  it('filters by authority, kind, program, country, weapons program and edition dates', async () => {
    const run = async (f: Partial<ChangesFilter>) => keys((await listChanges(analyst, only(f), { limit: 50 })).items);
    expect(await run({ authority: [B] })).toEqual(['relisted', 'lifted', 'late']);
    expect(await run({ authority: [A] })).toEqual(['amended', 'record', 'listed']);
    expect(await run({ kind: ['LISTED', 'LIFTED'] })).toEqual(['lifted', 'listed', 'late']);
    expect(await run({ program: ['ZZPROG2', 'NOPE'] })).toEqual([]);
    expect(await run({ program: ['ZZPROG'] })).toEqual(['lifted', 'listed']);
    // Stored 'zq' and 'ZR': compared without case.
    expect(await run({ country: ['ZQ', 'ZR'] })).toEqual(['amended', 'listed']);
    // The participant is the live entity of 'listed' only ('lifted' now lives in another cluster).
    expect(await run({ weapon: [survivor.slug] })).toEqual(['listed']);
    expect(await run({ from: '2031-02-10', to: '2031-03-09' })).toEqual(['amended']);
    expect(await run({ to: '2030-12-31' })).toEqual(['late']);
  });

  it('pages newest first with a cursor, completely and without repeats', async () => {
    const seen: string[] = [];
    let cursor = null;
    for (let i = 0; i < 10; i++) {
      const page: Awaited<ReturnType<typeof listChanges>> = await listChanges(analyst, only(), { limit: 2, cursor });
      seen.push(...keys(page.items));
      cursor = page.nextKey;
      if (!cursor) break;
    }
    expect(seen).toEqual(['relisted', 'lifted', 'amended', 'record', 'listed', 'late']);
  });

  it('polls with since: ascending id after an id or a time, paged', async () => {
    const since = { id: (firstId - 1n).toString() };
    const first = await listChanges(analyst, only({ since }), { limit: 3 });
    expect(keys(first.items)).toEqual(['listed', 'amended', 'lifted']);
    expect(first.nextKey?.[0]).toBe('asc');
    const second = await listChanges(analyst, only({ since }), { limit: 3, cursor: first.nextKey });
    expect(keys(second.items)).toEqual(['relisted', 'late', 'record']);
    expect(second.nextKey).toBeNull();
    expect(keys((await listChanges(analyst, only({ since: { id: ids.lifted! } }), { limit: 10 })).items)).toEqual(['relisted', 'late', 'record']);
    expect((await listChanges(analyst, only({ since: { at: new Date(Date.now() + 60_000).toISOString() } }), { limit: 10 })).items).toEqual([]);
    expect(keys((await listChanges(analyst, only({ since: { at: '2000-01-01T00:00:00.000Z' } }), { limit: 10 })).items)).toHaveLength(6);
  });

  it('refuses a cursor of the other order, or a made-up one, as a 422 on cursor', async () => {
    const newest = await listChanges(analyst, only(), { limit: 1 });
    await expect(listChanges(analyst, only({ since: { id: '0' } }), { limit: 1, cursor: newest.nextKey })).rejects.toMatchObject({ code: 'UNPROCESSABLE', fieldErrors: { cursor: expect.any(Array) } });
    await expect(listChanges(analyst, only(), { limit: 1, cursor: ['asc', '1'] })).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
    await expect(listChanges(analyst, only(), { limit: 1, cursor: ['2031-01-01', "1; DROP TABLE x"] })).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
  });

  it('refuses a caller that is not a verified principal', async () => {
    await expect(listChanges({ ...analyst }, only(), { limit: 1 })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(hasRecordedChanges({ ...analyst, role: 'ADMIN' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await hasRecordedChanges(analyst)).toBe(true);
  });
});

describe('the feed token', () => {
  it('stands for its user, read-only, until the user resets it', async () => {
    const admin = await realPrincipal('ADMIN');
    const token = await getFeedToken(admin);
    const p = await getFeedPrincipal(token);
    expect(p?.id).toBe(admin.id);
    // Read-only whatever the role: a feed URL opens nothing but reading.
    expect(can(p, 'data:read')).toBe(true);
    expect(can(p, 'data:write')).toBe(false);
    expect((await listChanges(p!, only(), { limit: 1 })).items).toHaveLength(1);

    expectOk(await revokeLinks(admin));
    expect(await getFeedPrincipal(token)).toBeNull();
    const fresh = await getFeedToken(admin);
    expect(fresh).not.toBe(token);
    expect((await getFeedPrincipal(fresh))?.id).toBe(admin.id);
    expect(await prisma.auditEvent.count({ where: { action: 'alert_links.revoke', targetId: admin.id } })).toBe(1);
  });

  it('refuses a missing, forged, other-purpose or made-up token, and a disabled user’s', async () => {
    const user = await realPrincipal('ANALYST');
    const token = await getFeedToken(user);
    const [body, mac] = token.split('.') as [string, string];
    const forgedBody = Buffer.from(JSON.stringify({ u: analyst.id, v: 1 })).toString('base64url');
    for (const bad of [null, '', 'garbage', `${forgedBody}.${mac}`, `${body}.${mac.slice(0, -1)}A`, signToken('unsubscribe', { u: user.id, v: 1 }), signToken('feed', { u: 'no-such-user', v: 1 }), signToken('feed', { u: user.id, v: 2 }), signToken('feed', { u: user.id, v: '1' })]) {
      expect(await getFeedPrincipal(bad), String(bad)).toBeNull();
    }
    await prisma.user.update({ where: { id: user.id }, data: { disabled: true } });
    expect(await getFeedPrincipal(token)).toBeNull();
  });

  it('cannot be reset without a session of a user who may manage themselves', async () => {
    expect((await revokeLinks(null)).ok).toBe(false);
    const p = await getFeedPrincipal(await getFeedToken(analyst));
    // A feed principal is a token's: self:manage is not among its permissions.
    expect(await revokeLinks(p)).toMatchObject({ ok: false, status: 403 });
  });
});

async function feed(query: string) {
  const res = await getFeed(new NextRequest(new URL(`/feeds/changes?${query}`, 'http://localhost')));
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
}

describe('GET /feeds/changes', () => {
  it('answers 401 in plain text without a valid token, whatever the cookie', async () => {
    for (const q of ['', 'token=', 'token=abc.def', `token=${encodeURIComponent(signToken('feed', { u: analyst.id, v: 99 }))}`]) {
      const res = await feed(q);
      expect(res.status, q).toBe(401);
      expect(res.type).toMatch(/^text\/plain/);
      expect(res.body).toMatch(/feed token/);
    }
  });

  it('serves the filter’s changes as Atom, escaped, linking to the live entities', async () => {
    const token = encodeURIComponent(await getFeedToken(analyst));
    const res = await feed(`token=${token}&authority=${B}&kind=LISTED`);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^application\/atom\+xml/);
    const doc = xml2js(res.body, { compact: false }) as Element;
    const entries = (doc.elements?.[0]?.elements ?? []).filter((e) => e.name === 'entry');
    expect(entries).toHaveLength(1);
    expect(res.body).toContain(`urn:sanctions-tracker:change:${ids.late}`);
    expect(res.body).toContain(`/entities/${deleted}`);
    expect(res.body).not.toContain('<script>');
    expect(res.body).toContain('&lt;script&gt;&amp;&quot;late');
  });

  it('names a bad filter in a plain-text 422', async () => {
    const token = encodeURIComponent(await getFeedToken(analyst));
    const res = await feed(`token=${token}&kind=GONE&colour=red`);
    expect(res.status).toBe(422);
    expect(res.type).toMatch(/^text\/plain/);
    expect(res.body).toContain('kind:');
    expect(res.body).toContain('colour:');
  });
});

describe('GET /api/v1/changes', () => {
  let apiToken = '';
  beforeAll(async () => {
    ({ token: apiToken } = await createApiToken(analyst, { name: 'changes int test' }));
  });

  async function api(query: string, token: string | null = apiToken) {
    const headers = new Headers();
    if (token) headers.set('authorization', `Bearer ${token}`);
    const res = await getChangesApi(new NextRequest(new URL(`/api/v1/changes?${query}`, 'http://localhost'), { headers }), { params: Promise.resolve({}) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it('pages with since and the cursor to the end', async () => {
    const seen: string[] = [];
    let url = `authority=${A}&authority=${B}&since=${firstId - 1n}&limit=2`;
    for (let i = 0; i < 10; i++) {
      const res = await api(url);
      expect(res.status).toBe(200);
      const page = pageSchema(changeSchema).parse(res.body);
      seen.push(...keys(page.items));
      if (!page.nextCursor) break;
      url = `authority=${A}&authority=${B}&since=${firstId - 1n}&limit=2&cursor=${encodeURIComponent(page.nextCursor)}`;
    }
    expect(seen).toEqual(['listed', 'amended', 'lifted', 'relisted', 'late', 'record']);
  });

  it('answers 422 naming the parameter, and 401 with a bad token', async () => {
    const bad = await api('since=tomorrow&kind=GONE&foo=1');
    expect(bad.status).toBe(422);
    expect(Object.keys((bad.body.error as { fieldErrors: object }).fieldErrors).sort()).toEqual(['foo', 'kind', 'since']);
    expect((await api('cursor=bm90LWEtY3Vyc29y')).status).toBe(422);
    expect((await api('', 'st_not-a-token')).status).toBe(401);
  });
});
