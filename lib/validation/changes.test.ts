import { describe, expect, it } from 'vitest';
import type { ZodError } from 'zod';
import { changesFeedQuerySchema, changesQuerySchema, parseChangesPageQuery, parseSince } from './changes';
import { fieldErrorsFromZod } from '../errors';
import { searchParamsToObject } from './search-params';
import { changesHref, changesSearchParams, EMPTY_CHANGES_FILTER, hasChangeFilters } from '../changes/filter';

function fieldErrors(raw: Record<string, string | string[]>): Record<string, string[]> {
  const r = changesQuerySchema.safeParse(raw);
  if (r.success) return {};
  return fieldErrorsFromZod(r.error as ZodError);
}

describe('the read API query of changes', () => {
  it('reads every filter, one value or repeated, into the filter', () => {
    const q = changesQuerySchema.parse({ authority: ['US-OFAC', 'EU'], program: 'SDGT', weapon: 'shahed-136', country: ['ir', 'RU'], kind: ['LISTED', 'LIFTED'], from: '2026-11', to: '2026', limit: '20' });
    expect(q.filter).toEqual({ authority: ['US-OFAC', 'EU'], program: ['SDGT'], weapon: ['shahed-136'], country: ['IR', 'RU'], kind: ['LISTED', 'LIFTED'], from: '2026-11-01', to: '2026-12-31', since: null });
    expect(q.limit).toBe(20);
    expect(changesQuerySchema.parse({}).limit).toBe(50);
  });

  it('takes since as an id or an ISO time', () => {
    expect(changesQuerySchema.parse({ since: '0042' }).filter.since).toEqual({ id: '42' });
    expect(changesQuerySchema.parse({ since: '2026-12-07T10:00:00+01:00' }).filter.since).toEqual({ at: '2026-12-07T09:00:00.000Z' });
    expect(parseSince('2026-12-07')).toEqual({ at: '2026-12-07T00:00:00.000Z' });
    for (const bad of ['yesterday', '2026-13-01', '2026-12-07T10:00:00', '-1', '1e5', '2026-02-30']) expect(parseSince(bad), bad).toBeNull();
  });

  it('names the parameter of a bad value (a 422, never ignored)', () => {
    expect(Object.keys(fieldErrors({ kind: 'DELETED' }))).toEqual(['kind']);
    expect(Object.keys(fieldErrors({ authority: 'us ofac' }))).toEqual(['authority']);
    expect(Object.keys(fieldErrors({ country: 'IRN' }))).toEqual(['country']);
    expect(Object.keys(fieldErrors({ weapon: 'Shahed 136' }))).toEqual(['weapon']);
    expect(Object.keys(fieldErrors({ from: '2026-02-30' }))).toEqual(['from']);
    expect(Object.keys(fieldErrors({ since: 'last week' }))).toEqual(['since']);
    expect(Object.keys(fieldErrors({ limit: '0' }))).toEqual(['limit']);
    expect(fieldErrors({ from: '2026-12', to: '2026-11' })).toEqual({ to: ['from must not be after to.'] });
  });

  it('refuses a parameter it does not know, by name', () => {
    expect(Object.keys(fieldErrors({ authorty: 'EU' }))).toEqual(['authorty']);
    expect(Object.keys(fieldErrors({ token: 'x' }))).toEqual(['token']);
  });
});

describe('the feed query', () => {
  it('takes the filters and the token, not paging', () => {
    expect(changesFeedQuerySchema.parse({ token: 'abc', kind: 'LISTED' })).toEqual({ ...EMPTY_CHANGES_FILTER, kind: ['LISTED'] });
    expect(changesFeedQuerySchema.safeParse({ cursor: 'x' }).success).toBe(false);
    expect(changesFeedQuerySchema.safeParse({ since: '1' }).success).toBe(false);
  });
});

describe('the page query', () => {
  it('keeps the good values, drops the bad ones and says which', () => {
    const { filter, problems, cursor } = parseChangesPageQuery({ kind: ['LISTED', 'GONE'], country: 'ir, ru  xyz', program: 'SDGT,IRGC', from: '2026-02-30', to: '2026-11', cursor: 'abc' });
    expect(filter.kind).toEqual(['LISTED']);
    expect(filter.country).toEqual(['IR', 'RU']);
    expect(filter.program).toEqual(['SDGT', 'IRGC']);
    expect(filter.from).toBeNull();
    expect(filter.to).toBe('2026-11-30');
    expect(cursor).toBe('abc');
    expect(problems.map((p) => p.field).sort()).toEqual(['country', 'from', 'kind']);
    expect(problems.find((p) => p.field === 'kind')!.message).toContain('“GONE”');
  });

  it('drops a range that ends before it starts, and parameters with control characters', () => {
    const r = parseChangesPageQuery({ from: '2026-12-01', to: '2026-11-01', authority: 'EU\u202E' });
    expect([r.filter.from, r.filter.to, r.filter.authority]).toEqual([null, null, []]);
    expect(r.problems.map((p) => p.field).sort()).toEqual(['authority', 'to']);
  });
});

describe('the filter in a URL', () => {
  it('round-trips through the page and API readings', () => {
    const f = { ...EMPTY_CHANGES_FILTER, authority: ['EU', 'UK'], kind: ['AMENDED' as const], country: ['IR'], from: '2026-01-01', to: '2026-06-30' };
    expect(hasChangeFilters(f)).toBe(true);
    expect(hasChangeFilters(EMPTY_CHANGES_FILTER)).toBe(false);
    const href = changesHref('/changes', f, { cursor: 'c1', token: null });
    expect(href).toBe('/changes?authority=EU&authority=UK&country=IR&kind=AMENDED&from=2026-01-01&to=2026-06-30&cursor=c1');
    const params = searchParamsToObject(changesSearchParams(f));
    expect(changesQuerySchema.parse(params).filter).toEqual(f);
    expect(parseChangesPageQuery(params).filter).toEqual(f);
    expect(changesSearchParams({ ...f, since: { id: '9' } }, { since: true }).get('since')).toBe('9');
  });
});

describe('the OpenAPI entry of /api/v1/changes', () => {
  it('documents every parameter, the page of changes and the 422', async () => {
    const { buildOpenApiDocument } = await import('../api/openapi');
    const doc = buildOpenApiDocument() as { paths: Record<string, { get: { parameters: Array<{ name: string }>; responses: Record<string, unknown> } }>; components: { schemas: Record<string, unknown> } };
    const get = doc.paths['/api/v1/changes']!.get;
    expect(get.parameters.map((p) => p.name).sort()).toEqual(['authority', 'country', 'cursor', 'from', 'kind', 'limit', 'program', 'since', 'to', 'weapon']);
    expect(Object.keys(get.responses)).toEqual(expect.arrayContaining(['200', '401', '422', '429']));
    expect(doc.components.schemas).toHaveProperty('ChangePage');
  });
});

describe('several problems at once', () => {
  it('are all reported, unknown parameters beside bad values', () => {
    expect(Object.keys(fieldErrors({ since: 'tomorrow', kind: 'GONE', foo: '1' })).sort()).toEqual(['foo', 'kind', 'since']);
    const r = changesFeedQuerySchema.safeParse({ token: 't', kind: 'GONE', colour: 'red' });
    expect(r.success ? [] : Object.keys(fieldErrorsFromZod(r.error)).sort()).toEqual(['colour', 'kind']);
  });
});
