import { NextResponse } from 'next/server';
import { authedRoute, readOnlyRoute } from '@/lib/api/route';
import { AppError } from '@/lib/errors';
import { chartToCsv, chartToJson, exportFileName } from '@/lib/charts/export';
import { renderChartSvg } from '@/lib/charts/svg';
import { CHART_EXPORTS, isChartName } from '@/lib/export/charts';
import { searchParamsToObject } from '@/lib/validation/search-params';

const USAGE = `Use /api/export/<chart>.<csv|json|svg> with the chart's page query; charts: ${Object.entries(CHART_EXPORTS)
  .map(([name, c]) => `${name} (${c.page})`)
  .join(', ')}.`;

// GET /api/export/<chart>.csv|json|svg?<the chart page's query>: the page's own parser and shaping
// (lib/export/charts.ts), so the file holds the numbers on the page. PNG is drawn from the SVG in
// the browser (components/charts/chart-downloads.tsx).
export const GET = authedRoute<never, never, { file: string }>({ permission: 'data:read' }, async ({ req, params, principal }) => {
  const [, chart, ext] = /^([a-z][a-z-]*)\.(csv|json|svg)$/.exec(params.file) ?? [];
  if (!chart || !ext || !isChartName(chart)) throw new AppError('NOT_FOUND', `Unknown export "${params.file.slice(0, 80)}". ${USAGE}`);
  const now = new Date();
  const data = await CHART_EXPORTS[chart].build(principal, searchParamsToObject(req.nextUrl.searchParams), now);
  const headers = { 'Content-Disposition': `attachment; filename="${exportFileName(chart, ext as 'csv' | 'json' | 'svg', now)}"`, 'Cache-Control': 'private, no-store' };
  if (ext === 'json') return NextResponse.json(chartToJson(data, now), { headers });
  if (ext === 'svg') return new NextResponse(renderChartSvg(data, now), { headers: { ...headers, 'Content-Type': 'image/svg+xml; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': "default-src 'none'; sandbox" } });
  return new NextResponse(chartToCsv(data), { headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8' } });
});

export const { POST, PUT, PATCH, DELETE } = readOnlyRoute();
