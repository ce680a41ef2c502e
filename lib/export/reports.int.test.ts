// Reproducible reports at the route handlers (issue 26): the export of a frozen saved view and its
// API form give the stored numbers and as-of to another analyst's token; every file states the
// as-of and has a descriptive name; the CSV preamble only when asked.
import { NextRequest } from 'next/server';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiToken } from '../db/accounts/api-tokens';
import { createSavedView, freezeSavedView, getSavedViewReport, setSavedViewShared } from '../db/accounts/saved-views';
import { getActivePrincipal, upsertUserWithPassword } from '../db/accounts/users';
import type { Principal } from '../auth/permissions';
import { saveViewSchema } from '../validation/saved-views';
import type { ViewSnapshot } from '../saved-views/snapshot';
import { asOfStamp } from '../sources/data-as-of';
import { GET as getExport } from '../../app/api/export/[file]/route';
import { GET as getView } from '../../app/api/v1/views/[id]/route';
import { GET as getSeries } from '../../app/api/v1/series/route';

vi.hoisted(() => {
  process.env.API_RATE_LIMIT_MAX = '100000';
});

const QS = 'granularity=quarter&split=authority&from=2022-01&to=2022-12&authority=US-OFAC&authority=EU';
const HEADER = 'kind,period,period_label,series,series_label,value,date,title,category,source_url';

type Handler<P> = (req: NextRequest, ctx: { params: Promise<P> }) => Promise<Response>;
async function call<P>(handler: Handler<P>, url: string, token: string, params: P) {
  const res = await handler(new NextRequest(new URL(url, 'http://localhost'), { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve(params) });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

async function analyst(email: string): Promise<{ principal: Principal; token: string }> {
  const { user } = await upsertUserWithPassword({ email, role: 'ANALYST', password: 'a long enough password' }, 'test');
  const { token } = await createApiToken(user, { name: 'reports' });
  return { principal: (await getActivePrincipal(user.id))!, token };
}

let a: { principal: Principal; token: string };
let b: { principal: Principal; token: string };
let viewId = '';
let snapshot: ViewSnapshot;

beforeAll(async () => {
  a = await analyst('reports-a@example.org');
  b = await analyst('reports-b@example.org');
  const view = await createSavedView(a.principal, saveViewSchema.parse({ name: 'US and EU, 2022', path: '/', query: QS }));
  viewId = view.id;
  await setSavedViewShared(a.principal, viewId, true);
  await freezeSavedView(a.principal, viewId);
  snapshot = (await getSavedViewReport(a.principal, viewId))!.snapshot!;
});

describe('exports of a frozen view, for another analyst', () => {
  const exportOf = (file: string, qs: string) => call(getExport, `/api/export/${file}?${qs}`, b.token, { file });

  it('CSV: the header on row 1, the stored numbers, a descriptive name', async () => {
    const res = await exportOf('overview.csv', `savedview=${viewId}`);
    expect(res.status).toBe(200);
    expect(res.text.split('\r\n')[0]).toBe(HEADER);
    const name = `sanctions-tracker_designations-per-quarter_by-authority_us-ofac-eu_2022-01_2022-12_frozen-${snapshot.frozenAt.slice(0, 10)}_asof-${asOfStamp(snapshot.asOf)}.csv`;
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename=${name}; filename*=UTF-8''${name}`);
    const rows = parse(res.text, { columns: true }) as Array<Record<string, string>>;
    const exported = rows.filter((r) => r.kind === 'designations' && r.value !== '0').map((r) => ({ bin: String(r.period), series: String(r.series), count: Number(r.value) }));
    const sort = (x: Array<{ bin: string; series: string }>) => [...x].sort((p, q) => `${p.bin}|${p.series}`.localeCompare(`${q.bin}|${q.series}`));
    expect(sort(exported)).toEqual(sort(snapshot.series.rows));
    expect(exported.length).toBeGreaterThan(4);
  });

  it('CSV with preamble=1: title, filters, as-of, frozen and sources lines, an empty line, then the header', async () => {
    const res = await exportOf('overview.csv', `savedview=${viewId}&preamble=1`);
    const lines = res.text.split('\r\n');
    const blank = lines.indexOf('');
    const preamble = Object.fromEntries((parse(lines.slice(0, blank).join('\r\n'), { relax_column_count: true }) as string[][]).map(([k, v]) => [k, v]));
    expect(Object.keys(preamble)).toEqual(['# title', '# filters', '# data_as_of', '# frozen', '# sources', '# generated']);
    expect(preamble).toMatchObject({ '# title': snapshot.chartData.title, '# filters': snapshot.chartData.subtitle, '# data_as_of': snapshot.asOf.label, '# sources': snapshot.chartData.source });
    expect(preamble['# frozen']).toMatch(/^Frozen on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    expect(lines[blank + 1]).toBe(HEADER);
  });

  it('SVG and JSON state the frozen date and the stored as-of', async () => {
    const svg = await exportOf('overview.svg', `savedview=${viewId}`);
    expect(svg.status).toBe(200);
    expect(svg.text).toMatch(/data-role="as-of">Frozen on \d{4}-\d{2}-\d{2}/);
    expect(svg.text).toContain('Data as of: OFAC SDN 2024-05-03 · EU 2026-07-30');
    const json = JSON.parse((await exportOf('overview.json', `savedview=${viewId}`)).text) as { asOf: unknown; frozenAt: string; points: unknown };
    expect(json).toMatchObject({ asOf: snapshot.asOf, frozenAt: snapshot.frozenAt });
  });

  it('a live export has the header first, its as-of and no frozen part in its name', async () => {
    const res = await exportOf('overview.csv', QS);
    expect(res.text.split('\r\n')[0]).toBe(HEADER);
    expect(res.headers.get('content-disposition')).toMatch(/filename=sanctions-tracker_designations-per-quarter_by-authority_us-ofac-eu_2022-01_2022-12_asof-\d{4}-\d{2}-\d{2}\.csv;/);
    const json = JSON.parse((await exportOf('overview.json', QS)).text) as { asOf: { label: string } };
    expect(json.asOf.label).toMatch(/^Data as of: OFAC SDN 2024-05-03/);
  });

  it('refuses a view the caller cannot open (404), a bad id (422) and a chart the frozen view does not hold (404)', async () => {
    const other = await analyst('reports-c@example.org');
    const privateView = await createSavedView(other.principal, saveViewSchema.parse({ name: 'Mine only', path: '/', query: QS }));
    expect((await exportOf('overview.csv', `savedview=${privateView.id}`)).status).toBe(404);
    expect((await exportOf('overview.csv', 'savedview=%3Cscript%3E')).status).toBe(422);
    expect((await exportOf('lag.csv', `savedview=${viewId}`)).status).toBe(404);
  });
});

describe('the API form of a frozen view', () => {
  it('returns the stored series and as-of to another analyst’s token; /series for its query agrees (nothing changed since)', async () => {
    const res = await call(getView, `/api/v1/views/${viewId}`, b.token, { id: viewId });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as Record<string, unknown>;
    expect(body).toMatchObject({ id: viewId, query: QS, isShared: true, frozenAt: snapshot.frozenAt, asOf: snapshot.asOf, series: snapshot.series });
    const series = JSON.parse((await call(getSeries, `/api/v1/series?${QS}`, b.token, {})).text) as { asOf: { label: string }; rows: unknown[] };
    expect(series.rows).toEqual(snapshot.series.rows);
    expect(series.asOf.label).toMatch(/^Data as of: OFAC SDN 2024-05-03 · EU 2026-07-30/);
    expect((await call(getView, '/api/v1/views/no-such-view', b.token, { id: 'no-such-view' })).status).toBe(404);
  });
});
