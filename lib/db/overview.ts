import 'server-only';
// The overview chart as the page draws it, for the server-side export: the same aggregates and the
// same shaping (lib/charts/timeline.ts), so a URL gives the same numbers on the page and in a file.
import { buildTimeline, type Timeline } from '../charts/timeline';
import type { DashboardQuery } from '../validation/dashboard';
import { listAuthorities } from './authorities';
import { getFilterOptions, getTimelineData } from './metrics';
import { listMilestones } from './milestones';
import { authorize } from '../auth/verified';
import type { Principal } from '../auth/permissions';

export async function getOverviewTimeline(viewer: Principal, query: DashboardQuery, today = new Date()): Promise<Timeline> {
  authorize(viewer, 'data:read');
  const [data, milestones, authorities, options] = await Promise.all([getTimelineData(viewer, query), listMilestones(viewer), listAuthorities(viewer), getFilterOptions(viewer)]);
  return buildTimeline({ query, ...data, milestones, lookups: { authorities, programs: options.programs, weapons: options.weapons, cases: options.cases }, today });
}
