import { NextResponse } from 'next/server';
import { authedRoute, readOnlyRoute } from '@/lib/api/route';
import { AppError } from '@/lib/errors';
import type { Principal } from '@/lib/auth/permissions';
import { chartToCsv, chartToJson } from '@/lib/charts/export';
import { renderChartSvg } from '@/lib/charts/svg';
import type { ChartData } from '@/lib/charts/chart-data';
import { getSavedViewReport } from '@/lib/db/accounts/saved-views';
import { getDataAsOf } from '@/lib/db/sources/data-as-of';
import { CHART_EXPORTS, isChartName, type ChartName } from '@/lib/export/charts';
import { PREAMBLE_PARAM, csvPreamble, wantsPreamble } from '@/lib/export/csv-preamble';
import { attachmentHeader, reportFileName } from '@/lib/export/file-name';
import { asOfStamp, type DataAsOf } from '@/lib/sources/data-as-of';
import { frozenLabel } from '@/lib/saved-views/snapshot';
import { searchParamsToObject, type RawSearchParams } from '@/lib/validation/search-params';

const USAGE = `Use /api/export/<chart>.<csv|json|svg> with the chart's page query (or ?savedview=<saved view id>); charts: ${Object.entries(CHART_EXPORTS)
  .map(([name, c]) => `${name} (${c.page})`)
  .join(', ')}.`;

// The export's own parameters (with PREAMBLE_PARAM), taken off before the chart's page query is
// parsed. NOTE: not `view`: the lag page's query uses it for a saved entity search (its cohort).
const VIEW_PARAM = 'savedview';

type Report = { data: ChartData; asOf: DataAsOf; nameParts: string[]; frozenAt: string | null };

/**
 * A saved view's chart: a frozen view's stored numbers and as-of (so its files reproduce what it
 * shows whatever was imported since), or a live view's query run now. The viewer must be able to
 * open the view (their own, or shared): 404 otherwise, as for the page.
 */
async function viewReport(args: { principal: Principal; chart: ChartName; viewId: string; now: Date }): Promise<Report> {
  const report = await getSavedViewReport(args.principal, args.viewId);
  if (!report) throw new AppError('NOT_FOUND', 'This saved view does not exist, or is not shared with you.');
  const raw = searchParamsToObject(new URLSearchParams(report.view.query));
  const c = CHART_EXPORTS[args.chart];
  if (report.snapshot) {
    if (report.snapshot.chart !== args.chart) throw new AppError('NOT_FOUND', `This frozen view holds the ${report.snapshot.chart} chart: use /api/export/${report.snapshot.chart}.<csv|json|svg>?savedview=${report.view.id}.`);
    const frozenAt = report.snapshot.frozenAt;
    return { data: report.snapshot.chartData, asOf: report.snapshot.asOf, nameParts: [...c.nameParts(raw), `frozen-${frozenAt.slice(0, 10)}`], frozenAt };
  }
  // A live view is its page's query: only the chart drawn on that page reads it.
  if (c.page !== report.view.path) throw new AppError('NOT_FOUND', `This saved view is of the page ${report.view.path}, not of this chart (${c.page}).`);
  const [data, asOf] = await Promise.all([c.build(args.principal, raw, args.now), getDataAsOf(args.principal)]);
  return { data, asOf, nameParts: c.nameParts(raw), frozenAt: null };
}

// GET /api/export/<chart>.csv|json|svg?<the chart page's query>: the page's own parser and shaping
// (lib/export/charts.ts), so the file holds the numbers on the page. PNG is drawn from the SVG in
// the browser (components/charts/chart-downloads.tsx). Every file states the data's as-of; a CSV
// gets a preamble (title, filters, as-of, sources) only with ?preamble=1, as scripts expect the
// header on row 1. ?savedview=<id>: a saved view's chart (a frozen one from its stored numbers).
export const GET = authedRoute<never, never, { file: string }>({ permission: 'data:read' }, async ({ req, params, principal }) => {
  const [, chart, ext] = /^([a-z][a-z-]*)\.(csv|json|svg)$/.exec(params.file) ?? [];
  if (!chart || !ext || !isChartName(chart)) throw new AppError('NOT_FOUND', `Unknown export "${params.file.slice(0, 80)}". ${USAGE}`);
  const now = new Date();
  const search = new URLSearchParams(req.nextUrl.searchParams);
  const preamble = wantsPreamble(search.get(PREAMBLE_PARAM));
  const viewId = search.get(VIEW_PARAM);
  search.delete(PREAMBLE_PARAM);
  search.delete(VIEW_PARAM);
  if (viewId !== null && !/^[A-Za-z0-9_-]{1,64}$/.test(viewId)) throw new AppError('UNPROCESSABLE', 'savedview must be the id of a saved view.', { savedview: ['Not a saved view id.'] });
  const raw: RawSearchParams = searchParamsToObject(search);
  const { data, asOf, nameParts, frozenAt } = viewId
    ? await viewReport({ principal, chart, viewId, now })
    : await Promise.all([CHART_EXPORTS[chart].build(principal, raw, now), getDataAsOf(principal)]).then(([d, a]) => ({ data: d, asOf: a, nameParts: CHART_EXPORTS[chart].nameParts(raw), frozenAt: null }));

  const fileName = reportFileName(nameParts, asOfStamp(asOf), ext);
  const headers = { 'Content-Disposition': attachmentHeader(fileName), 'Cache-Control': 'private, no-store' };
  const frozen = frozenAt ? `${frozenLabel(frozenAt)} (saved view; its numbers do not change)` : null;
  if (ext === 'json') return NextResponse.json({ ...chartToJson(data, now), asOf, ...(frozenAt ? { frozenAt } : {}) }, { headers });
  if (ext === 'svg') {
    const footer = [frozen ? `${frozen}. ${asOf.label}` : asOf.label];
    return new NextResponse(renderChartSvg(data, now, footer), {
      headers: { ...headers, 'Content-Type': 'image/svg+xml; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': "default-src 'none'; sandbox" },
    });
  }
  const head = preamble ? csvPreamble({ title: data.title, filters: data.subtitle, asOf: asOf.label, sources: data.source, generatedAt: now, frozen }) : '';
  return new NextResponse(head + chartToCsv(data), { headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8' } });
});

export const { POST, PUT, PATCH, DELETE } = readOnlyRoute();
