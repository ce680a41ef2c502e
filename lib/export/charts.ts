import type { Principal } from '../auth/permissions';
import 'server-only';
// The registry of exportable charts (`/api/export/<chart>.<csv|json|svg>`): each reads its page's
// URL with the page's own parser, loads through lib/db and shapes with the same lib/charts function
// the page draws from, so a URL gives the same numbers on the page and in every file.
import { entityTimelineChart, eventStudyChart, lagChart, overviewChart, programQuarterChart, windowsChart, type ChartData } from '../charts/chart-data';
import { getEventStudy } from '../db/event-study/study';
import { eventStudyQuerySchema } from '../validation/event-study';
import { toTimelineDesignations } from '../charts/entity-timeline';
import { getEntity, getMergeTarget } from '../db/entities';
import { entityChartQuerySchema } from '../validation/analysis';
import { listDesignatingAuthorities } from '../db/analysis/authorities';
import { getLagAnalysis } from '../db/analysis/lag';
import { resolveLagCohort } from '../db/analysis/cohort';
import { getMilestoneWindows } from '../db/analysis/windows';
import { describeCohortTitle } from '../analysis/cohort';
import { lagQuerySchema } from '../validation/lag';
import { getOverviewTimeline } from '../db/overview';
import { getWeaponsProgram } from '../db/weapons-programs';
import { AppError } from '../errors';
import { parseDashboardQuery } from '../validation/dashboard';
import { overviewNameParts } from './file-name';
import { parseWindowsQuery, programChartQuerySchema } from '../validation/analysis';
import type { RawSearchParams } from '../validation/search-params';

type ChartExport<Q> = {
  /** The page the chart is on (for messages and docs). */
  page: string;
  parse: (raw: RawSearchParams) => Q;
  load: (viewer: Principal, query: Q, now: Date) => Promise<ChartData>;
  /** What the file holds, for its download name (lib/export/file-name.ts): parsed values only, never free text. */
  name: (query: Q) => string[];
};

// Erases each entry's query type behind one signature, so the route can call any of them.
const define = <Q>(c: ChartExport<Q>) => ({
  page: c.page,
  build: async (viewer: Principal, raw: RawSearchParams, now: Date) => c.load(viewer, c.parse(raw), now),
  nameParts: (raw: RawSearchParams) => c.name(c.parse(raw)),
});

export const CHART_EXPORTS = {
  overview: define({
    page: '/',
    parse: (raw) => parseDashboardQuery(raw).query,
    name: overviewNameParts,
    // Split by program, the series are keyed `authorityId:code` (the CSV's `series` column) and
    // labelled by the program's label (lib/charts/timeline.ts#seriesLabel).
    load: async (viewer, q, now) => overviewChart(await getOverviewTimeline(viewer, q, now), q),
  }),
  program: define({
    page: '/programs/<slug>',
    parse: (raw) => programChartQuerySchema.parse(raw),
    name: ({ slug }) => ['designations-per-quarter', `program-${slug}`],
    load: async (viewer, { slug }) => {
      const [detail, designating] = await Promise.all([getWeaponsProgram(viewer, slug), listDesignatingAuthorities(viewer)]);
      if (!detail) throw new AppError('NOT_FOUND', `No weapons program "${slug}".`);
      return programQuarterChart({ ...detail, designating });
    },
  }),
  lag: define({
    page: '/analysis/lag',
    parse: (raw) => lagQuerySchema.parse(raw),
    // The cohort is in the file's subtitle; the name stays stable while the lag query grows.
    name: () => ['cross-authority-lag'],
    load: async (viewer, q) => {
      // The cohort as the page resolves it (a part naming nothing is left out there and here alike).
      const [available, { cohort }] = await Promise.all([listDesignatingAuthorities(viewer), resolveLagCohort(viewer, q)]);
      const r = await getLagAnalysis(viewer, q, available.map((a) => a.id), cohort);
      return lagChart({ authorities: r.authorities, names: Object.fromEntries(available.map((a) => [a.id, a.shortName])), programName: null, cohort: describeCohortTitle(cohort), samples: r.samples });
    },
  }),
  'milestone-windows': define({
    page: '/analysis/milestone-windows',
    parse: (raw) => parseWindowsQuery(raw).query,
    name: (q) => ['milestone-windows', `${q.days}-days`, q.authority.join('-'), q.case.join('-')],
    load: async (viewer, q) => {
      const [available, w] = await Promise.all([listDesignatingAuthorities(viewer), getMilestoneWindows(viewer, q)]);
      return windowsChart({ days: q.days, authorities: q.authority.length ? available.filter((a) => q.authority.includes(a.id)) : available, ...w });
    },
  }),
  'event-study': define({
    page: '/analysis/event-study',
    parse: (raw) => eventStudyQuerySchema.parse(raw),
    name: (q) => ['event-study', q.measure, `${q.window}-days`, q.baseline],
    load: async (viewer, q) => {
      const [available, s] = await Promise.all([listDesignatingAuthorities(viewer), getEventStudy(viewer, q)]);
      return eventStudyChart({ ...q, authorities: available.filter((a) => s.rows.some((r) => r.authorityId === a.id)), rows: s.rows });
    },
  }),
  entity: define({
    page: '/entities/<id>',
    parse: (raw) => entityChartQuerySchema.parse(raw),
    name: ({ id }) => ['entity', id],
    load: async (viewer, { id }, now) => {
      // A merged record's chart is its survivor's, as its page redirects there.
      const entity = await getEntity(viewer, (await getMergeTarget(viewer, id)) ?? id);
      if (!entity) throw new AppError('NOT_FOUND', `No entity "${id}".`);
      // Each bar is named by its programs' labels (getEntity gives them), not their codes: as on the page.
      const designations = toTimelineDesignations(entity.designations);
      return entityTimelineChart({ entity, designations, today: now.toISOString().slice(0, 10) });
    },
  }),
} as const;

export type ChartName = keyof typeof CHART_EXPORTS;

export function isChartName(name: string): name is ChartName {
  return Object.hasOwn(CHART_EXPORTS, name);
}
