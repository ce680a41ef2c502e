// The read API end to end at the route handlers (real database, real token lookup): pagination is
// complete and stable over the seeded OFAC history, and /series gives the overview's numbers.
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { prisma } from './client';
import { createApiToken, revokeApiToken } from './accounts/api-tokens';
import { getDesignationCounts } from './metrics';
import { upsertUserWithPassword } from './accounts/users';
import { dashboardQuerySchema } from '../validation/dashboard';
import { searchParamsToObject } from '../validation/search-params';
import { designationSchema, entityDetailSchema, entitySummarySchema, milestoneSchema, pageSchema, searchResponseSchema } from '../validation/api-v1';
import { GET as getEntities, POST as postEntities } from '../../app/api/v1/entities/route';
import { GET as getEntity } from '../../app/api/v1/entities/[id]/route';
import { GET as getDesignations } from '../../app/api/v1/designations/route';
import { GET as getMilestones } from '../../app/api/v1/milestones/route';
import { GET as getSeries } from '../../app/api/v1/series/route';
import { GET as getSearch } from '../../app/api/v1/search/route';
import { testViewer } from '../../test/actions';

// Before lib/env is imported: this file pages through thousands of rows, far above the default quota
// (the limiter itself is tested in rate-limit.int.test.ts and e2e/api/v1.spec.ts).
vi.hoisted(() => {
  process.env.API_RATE_LIMIT_MAX = '100000';
});

let token = '';
let owner: { id: string; email: string };

beforeAll(async () => {
  ({ user: owner } = await upsertUserWithPassword({ email: 'api-reader@example.org', role: 'ANALYST', password: 'a long enough password' }, 'test'));
  ({ token } = await createApiToken(owner, { name: 'int test' }));
});

type Handler<P> = (req: NextRequest, ctx: { params: Promise<P> }) => Promise<Response>;

async function call<P = Record<string, string>>(handler: Handler<P>, url: string, opts: { token?: string | null; params?: P; method?: string } = {}) {
  const headers = new Headers();
  const t = opts.token === undefined ? token : opts.token;
  if (t !== null) headers.set('authorization', `Bearer ${t}`);
  const res = await handler(new NextRequest(new URL(url, 'http://localhost'), { headers, method: opts.method ?? 'GET' }), { params: Promise.resolve(opts.params ?? ({} as P)) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

async function collectAll<T extends { id: string }>(handler: Handler<Record<string, string>>, base: string, item: z.ZodType<T>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const res = await call(handler, cursor ? `${base}&cursor=${encodeURIComponent(cursor)}` : base);
    expect(res.status).toBe(200);
    const body = pageSchema(item).parse(res.body) as { items: T[]; nextCursor: string | null };
    out.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) return out;
  }
  throw new Error('pagination did not end');
}

describe('read API', () => {
  it('pages through every OFAC designation exactly once, in a stable order', async () => {
    const items = await collectAll(getDesignations, '/api/v1/designations?authority=US-OFAC&limit=200', designationSchema);
    const expected = await prisma.designation.count({ where: { authorityId: 'US-OFAC', deletedAt: null, entity: { deletedAt: null } } });
    expect(expected).toBeGreaterThan(10_000);
    expect(items).toHaveLength(expected);
    expect(new Set(items.map((d) => d.id)).size).toBe(expected);
    const keys = items.map((d) => d.listingDate ?? '9999-12-31');
    expect([...keys].sort()).toEqual(keys);
    expect(items.every((d) => d.authorityId === 'US-OFAC' && d.sourceUrl.startsWith('http'))).toBe(true);
    // What is known only as a bound says so: the entries already listed when the OFAC history starts.
    expect(items.filter((d) => d.listingDateQualifier === 'ON_OR_BEFORE').length).toBeGreaterThan(9000);
    expect(items.every((d) => d.endDateAfter === null || (d.endDateQualifier === 'ON_OR_BEFORE' && d.endDate !== null && d.endDateAfter < d.endDate))).toBe(true);
    expect(items.every((d) => d.endDate !== null || d.endDateQualifier === 'EXACT')).toBe(true);
    // Same query again: same order, page boundaries included.
    const again = await collectAll(getDesignations, '/api/v1/designations?authority=US-OFAC&limit=200', designationSchema);
    expect(again.map((d) => d.id)).toEqual(items.map((d) => d.id));
  });

  it('pages through the entities of a filter completely; filters combine', async () => {
    // NOTE: EU and Iran, not all of the EU: the seed holds the whole EU lists (3,000+ entities).
    const items = await collectAll(getEntities, '/api/v1/entities?authority=EU&country=IR&limit=25', entitySummarySchema);
    const expected = await prisma.entity.count({ where: { deletedAt: null, mergedIntoId: null, countries: { has: 'ir' }, designations: { some: { authorityId: 'EU', deletedAt: null } } } });
    expect(expected).toBeGreaterThan(25);
    expect(new Set(items.map((e) => e.id)).size).toBe(expected);
    // Countries are ISO codes as FtM writes them (lower case); the filter takes either case.
    expect(items.every((e) => e.authorities.includes('EU') && e.countries.includes('ir'))).toBe(true);
    const iranian = await collectAll(getEntities, '/api/v1/entities?country=ir&schema=Company&schema=Organization&limit=200', entitySummarySchema);
    expect(iranian.length).toBeGreaterThan(0);
    expect(iranian.every((e) => e.countries.includes('ir') && ['Company', 'Organization'].includes(e.schema))).toBe(true);
    const found = await call(getEntities, '/api/v1/entities?q=qods%20aviation');
    expect((found.body.items as Array<{ name: string }>).map((e) => e.name)).toContain('QODS AVIATION INDUSTRIES');
  });

  it('returns one entity with its designations, and 404 for an unknown id', async () => {
    const list = await call(getEntities, '/api/v1/entities?q=qods%20aviation');
    const id = (list.body.items as Array<{ id: string; name: string }>).find((e) => e.name === 'QODS AVIATION INDUSTRIES')!.id;
    const res = await call(getEntity, `/api/v1/entities/${id}`, { params: { id } });
    expect(res.status).toBe(200);
    const entity = entityDetailSchema.parse(res.body);
    // One entity across the lists (issue 24): OFAC's three designations, the EU's, the UK's and the UN's.
    expect(new Set(entity.designations.map((d) => d.authorityId))).toEqual(new Set(['EU', 'UK', 'UN', 'US-OFAC']));
    expect(entity.designations.filter((d) => d.authorityId === 'US-OFAC')).toHaveLength(3);
    // The entity's designations read as the list gives them (two code paths, one shape).
    const listed = z.array(designationSchema).parse((await call(getDesignations, `/api/v1/designations?entity=${id}`)).body.items);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect([...entity.designations].sort(byId)).toEqual([...listed].sort(byId));
    const missing = await call(getEntity, '/api/v1/entities/nope', { params: { id: 'nope' } });
    expect(missing.status).toBe(404);
  });

  it('filters designations by program, entity and listing date', async () => {
    const res = await call(getDesignations, '/api/v1/designations?program=RUSSIA-EO14024&from=2022-11&to=2022-11&limit=200');
    const items = z.array(designationSchema).parse(res.body.items);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((d) => d.programs.includes('RUSSIA-EO14024') && d.listingDate! >= '2022-11-01' && d.listingDate! <= '2022-11-30')).toBe(true);
    // Codes, sorted, as v1 always gave them; beside them each program with its sourced title (or null) and its label.
    for (const d of items) {
      expect(d.programs).toEqual([...d.programs].sort());
      expect(d.programDetails.map((p) => p.code)).toEqual(d.programs);
    }
    for (const p of items.flatMap((d) => d.programDetails)) expect(p.label).toBe(p.title ? `US — ${p.title} (${p.code})` : `US — ${p.code} (untitled)`);
    const one = items[0]!;
    const byEntity = await call(getDesignations, `/api/v1/designations?entity=${one.entityId}`);
    expect((byEntity.body.items as Array<{ entityId: string }>).every((d) => d.entityId === one.entityId)).toBe(true);
  });

  it('lists milestones oldest first', async () => {
    const items = await collectAll(getMilestones, '/api/v1/milestones?limit=4', milestoneSchema);
    expect(items.length).toBe(await prisma.milestone.count({ where: { deletedAt: null } }));
    expect(items.map((m) => m.date)).toEqual(items.map((m) => m.date).sort());
  });

  it('answers /series with exactly the overview aggregate for the same query string', async () => {
    for (const qs of ['', 'granularity=month&from=2022-01&to=2023-06&authority=US-OFAC&authority=EU', 'granularity=year&basis=start', 'from=2021']) {
      const res = await call(getSeries, `/api/v1/series?${qs}`);
      expect(res.status).toBe(200);
      const expected = await getDesignationCounts(await testViewer(), dashboardQuerySchema.parse(searchParamsToObject(new URLSearchParams(qs))));
      expect(res.body.rows).toEqual(expected);
    }
    const rows = (await call(getSeries, '/api/v1/series?granularity=year')).body.rows as Array<{ count: number }>;
    expect(rows.reduce((n, r) => n + r.count, 0)).toBeGreaterThan(1000);
  });

  it('refuses bad parameters with 422 and field messages', async () => {
    const res = await call(getDesignations, '/api/v1/designations?limit=500&from=2022-13&cursor=garbage');
    expect(res.status).toBe(422);
    const fieldErrors = (res.body.error as { fieldErrors: Record<string, string[]> }).fieldErrors;
    expect(Object.keys(fieldErrors).sort()).toEqual(['from', 'limit']);
    expect(fieldErrors.limit![0]).toMatch(/at most 200/);
    const cursor = await call(getDesignations, '/api/v1/designations?cursor=garbage');
    expect(cursor.status).toBe(422);
    expect(Object.keys((cursor.body.error as { fieldErrors: object }).fieldErrors)).toEqual(['cursor']);
    const schema = await call(getEntities, '/api/v1/entities?schema=Spaceship');
    expect((schema.body.error as { fieldErrors: Record<string, string[]> }).fieldErrors.schema![0]).toMatch(/Person/);
    const series = await call(getSeries, '/api/v1/series?from=2022-02-30');
    expect(series.status).toBe(422);
  });

  it('searches names with misspellings and transliteration variants, best first (/search)', async () => {
    const res = await call(getSearch, '/api/v1/search?q=Shahid%20Aviation&limit=5');
    expect(res.status).toBe(200);
    const body = searchResponseSchema.parse(res.body);
    expect(body.items[0]?.name).toMatch(/SHAHED AVIATION INDUSTRIES/i);
    expect(body.items.length).toBeLessThanOrEqual(5);
    expect(body.total).toBeGreaterThanOrEqual(body.items.length);
    const quds = searchResponseSchema.parse((await call(getSearch, '/api/v1/search?q=quds%20aviation')).body);
    expect(quds.items.map((i) => i.name)).toEqual(expect.arrayContaining([expect.stringMatching(/QODS AVIATION/i)]));
    const bad = await call(getSearch, '/api/v1/search?limit=500');
    expect(bad.status).toBe(422);
    expect(Object.keys((bad.body.error as { fieldErrors: object }).fieldErrors).sort()).toEqual(['limit', 'q']);
    expect((await call(getSearch, '/api/v1/search?q=x', { token: 'st_unknown' })).status).toBe(401);
  });

  it('is closed to unknown and revoked tokens and to writes', async () => {
    expect((await call(getSeries, '/api/v1/series', { token: 'st_unknown' })).status).toBe(401);
    const garbage = await call(getSeries, '/api/v1/series', { token: `st_${'x'.repeat(43)}` });
    expect(garbage.status).toBe(401);
    expect(garbage.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const post = await call(postEntities, '/api/v1/entities', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const { token: revoked, record } = await createApiToken(owner, { name: 'soon revoked' });
    expect((await call(getSeries, '/api/v1/series', { token: revoked })).status).toBe(200);
    await revokeApiToken(owner, record.id);
    const res = await call(getSeries, '/api/v1/series', { token: revoked });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.stringMatching(/revoked/) } });
    expect((await call(postEntities, '/api/v1/entities', { token: revoked, method: 'POST' })).status).toBe(401);
  });

  it('sends rate limit headers', async () => {
    const res = await call(getMilestones, '/api/v1/milestones');
    expect(Number(res.headers.get('x-ratelimit-limit'))).toBeGreaterThan(0);
    expect(Number(res.headers.get('x-ratelimit-remaining'))).toBeLessThan(Number(res.headers.get('x-ratelimit-limit')));
  });
});
