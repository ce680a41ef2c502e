import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toErrorResponse } from '../errors';
import { parseDashboardQuery } from './dashboard';
import { parseWindowsQuery } from './analysis';
import { CONTROL_CHARACTER, assertNoControlCharacters, controlCharacterProblems, parsePageQuery, parseQuery, searchParamsToObject, withoutControlCharacters } from './search-params';

const CONTROLS = ['\u0000', '\u0001', '\t', '\n', '\r', '\u001F', '\u007F', '\u0085', '\u009F', '\u202A', '\u202E', '\u2066', '\u2069', '\u200E', '\u200F', '\u061C'];
// Letters' business, not controls: ZWNJ and ZWJ (Persian, Arabic, emoji sequences), RTL text itself.
const ALLOWED = ['می\u200Cخواهم', 'ک\u200Dی', 'شركة', 'חברה', '👩\u200D🔬', 'O\u2019Brien', 'a b'];

describe('the control-character check', () => {
  it('finds NUL, C0, DEL, C1 and the bidi controls, and leaves ZWNJ/ZWJ and scripts alone', () => {
    for (const c of CONTROLS) expect(CONTROL_CHARACTER.test(`x${c}y`), JSON.stringify(c)).toBe(true);
    for (const ok of ALLOWED) expect(CONTROL_CHARACTER.test(ok), ok).toBe(false);
  });

  it('names each parameter once, in a value, a repeated value or the name itself', () => {
    expect(controlCharacterProblems(new URLSearchParams('q=%00&authority=EU&authority=U%E2%80%AEK&ok=1&%07=x'))).toEqual([
      { field: 'q', message: expect.stringMatching(/invisible control characters/) },
      { field: 'authority', message: expect.any(String) },
      { field: '\\u0007', message: expect.any(String) },
    ]);
    expect(controlCharacterProblems({ q: 'Shahed', authority: ['EU', 'UK'], page: undefined })).toEqual([]);
  });

  it('refuses the query as a 422 whose field error names the parameter', () => {
    let thrown: unknown;
    try {
      parseQuery(z.object({ q: z.string() }), new URLSearchParams('q=%00'));
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(z.ZodError);
    const { status, body } = toErrorResponse(thrown);
    expect(status).toBe(422);
    expect(body.error.fieldErrors).toEqual({ q: ['q: remove the invisible control characters (such as NUL or a right-to-left override).'] });
    // Checked before the schema: a parameter the schema does not know is refused too.
    expect(() => assertNoControlCharacters({ unknown: 'a\u202Eb' })).toThrow(z.ZodError);
    expect(parseQuery(z.object({ q: z.string() }), { q: 'ok' })).toEqual({ q: 'ok' });
  });

  it('for pages, leaves the parameter out and says why', () => {
    const raw = searchParamsToObject(new URLSearchParams('q=a%00&authority=EU'));
    expect(withoutControlCharacters(raw)).toEqual({ query: { authority: 'EU' }, problems: [{ field: 'q', message: expect.stringMatching(/^Remove the invisible control characters/) }] });
    expect(parsePageQuery(z.object({ q: z.string().optional(), authority: z.string() }), raw)).toEqual({ query: { authority: 'EU' }, problems: [expect.objectContaining({ field: 'q' })] });
  });

  it('the overview reports a control character like any unusable setting, and drops it', () => {
    const { query, problems } = parseDashboardQuery(searchParamsToObject(new URLSearchParams('q=%00&authority=EU&authority=U%E2%80%AEK&from=2020')));
    expect(query.q).toBeUndefined();
    expect(query.authority).toEqual([]);
    expect(query.from).toBe('2020');
    expect(problems.map((p) => p.field).sort()).toEqual(['authority', 'q']);
  });

  it('the milestone-windows page reports a control character in N', () => {
    expect(parseWindowsQuery({ days: '30\u0000' })).toEqual({ query: { days: 90, authority: [], case: [] }, error: expect.stringMatching(/control characters/) });
    // The whole parameter goes (all its values), as for any parameter holding one.
    expect(parseWindowsQuery({ days: '30', authority: ['EU', 'U\u202EK'] })).toEqual({ query: { days: 30, authority: [], case: [] }, error: null });
  });
});

// ---- Every query schema is covered -------------------------------------------------------------

// Parsed by route handlers only, through authedRoute (lib/api/route.ts), which refuses a control
// character in any query or path parameter before the schema runs (422 naming the parameter).
const ROUTE_SCHEMAS = ['api-v1.ts#entitiesQuerySchema', 'api-v1.ts#searchQuerySchema', 'api-v1.ts#designationsQuerySchema', 'api-v1.ts#milestonesQuerySchema', 'imports.ts#uploadQuerySchema', 'analysis.ts#programChartQuerySchema', 'analysis.ts#entityChartQuerySchema', 'event-study.ts#eventStudyApiQuerySchema', 'changes.ts#changesQuerySchema', 'changes.ts#changesFeedQuerySchema'];
// Parsed by pages from Next's searchParams (and by the chart export): each must leave a parameter
// holding a control character out (pageQuerySchema), so the page shows its default, never an error.
const PAGE_SCHEMAS = ['audit.ts#auditQuerySchema', 'matches.ts#matchQuerySchema', 'suppliers.ts#suppliersQuerySchema', 'entities.ts#entityListQuerySchema', 'lag.ts#lagQuerySchema', 'analysis.ts#windowsQuerySchema', 'actions.ts#actionsQuerySchema'];
// Both: pages read it through parseDashboardQuery (tested above), the series API through authedRoute.
const BOTH = ['dashboard.ts#dashboardQuerySchema', 'event-study.ts#eventStudyQuerySchema'];
// Not a URL query: a server action's input (its text fields are the form rules' business, fields.ts).
const NOT_URL = ['entity-records.ts#entityMatchQuerySchema'];

// Every parameter name a page reads today (a superset: a schema ignores what it does not know).
const KEYS = ['q', 'actor', 'action', 'targetType', 'targetId', 'from', 'to', 'page', 'pageSize', 'status', 'schema', 'minScore', 'authority', 'program', 'sort', 'days', 'country', 'category', 'designated', 'kind', 'measure', 'window', 'baseline', 'merge', 'case', 'weapon', 'view'];

const holdsControl = (v: unknown): boolean =>
  typeof v === 'string' ? CONTROL_CHARACTER.test(v) : typeof v === 'object' && v !== null ? Object.values(v).some(holdsControl) : false;

async function querySchemas(): Promise<Map<string, z.ZodType>> {
  const dir = import.meta.dirname;
  const out = new Map<string, z.ZodType>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const mod = (await import(path.join(dir, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) if (/QuerySchema$/.test(name) && value instanceof z.ZodType) out.set(`${file}#${name}`, value);
  }
  return out;
}

describe('every query schema of lib/validation', () => {
  it('is either parsed behind authedRoute or leaves control characters out (a new one must be placed here)', async () => {
    const found = [...(await querySchemas()).keys()].sort();
    expect(found).toEqual([...ROUTE_SCHEMAS, ...PAGE_SCHEMAS, ...BOTH, ...NOT_URL].sort());
  });

  it('page schemas leave every parameter holding a control character out, never throw', async () => {
    const schemas = await querySchemas();
    for (const id of PAGE_SCHEMAS) {
      const schema = schemas.get(id)!;
      for (const key of KEYS) {
        for (const c of ['\u0000', '\u202E', '\u0085']) {
          for (const value of [`a${c}`, ['EU', `U${c}K`]]) {
            expect(holdsControl(schema.parse({ [key]: value })), `${id} ${key}=${JSON.stringify(value)}`).toBe(false);
          }
        }
      }
    }
  });
});
