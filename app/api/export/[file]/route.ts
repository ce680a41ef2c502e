import { NextResponse } from 'next/server';
import { authedRoute, readOnlyRoute } from '@/lib/api/route';
import { AppError } from '@/lib/errors';
import { exportFileName, timelineToCsv, timelineToJson } from '@/lib/charts/export';
import { getOverviewTimeline } from '@/lib/db/overview';
import { parseDashboardQuery } from '@/lib/validation/dashboard';
import { searchParamsToObject } from '@/lib/validation/search-params';

// GET /api/export/overview.csv|json?<the overview page's query>: the page's own parser (bad values
// fall back to the same defaults the page shows), so the file holds the numbers on the page.
export const GET = authedRoute<never, never, { file: string }>({ permission: 'data:read' }, async ({ req, params }) => {
  const [, chart, ext] = /^(overview)\.(csv|json)$/.exec(params.file) ?? [];
  if (!chart || (ext !== 'csv' && ext !== 'json')) throw new AppError('NOT_FOUND', 'Unknown export: use /api/export/overview.csv or /api/export/overview.json.');
  const { query } = parseDashboardQuery(searchParamsToObject(req.nextUrl.searchParams));
  const now = new Date();
  const timeline = await getOverviewTimeline(query, now);
  const disposition = `attachment; filename="${exportFileName(chart, ext, now)}"`;
  if (ext === 'json') return NextResponse.json(timelineToJson(timeline, now), { headers: { 'Content-Disposition': disposition } });
  return new NextResponse(timelineToCsv(timeline, query.granularity, query.mode === 'net'), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': disposition },
  });
});

export const { POST, PUT, PATCH, DELETE } = readOnlyRoute();
