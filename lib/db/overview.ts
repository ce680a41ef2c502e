import 'server-only';
// The overview chart as the page draws it, for the server-side export: the same aggregates and the
// same shaping (lib/charts/timeline.ts), so a URL gives the same numbers on the page and in a file.
import { buildTimeline, type Timeline } from '../charts/timeline';
import type { DashboardQuery } from '../validation/dashboard';
import { listAuthorities } from './authorities';
import { getFilterOptions, getTimelineData } from './metrics';
import { listMilestones } from './milestones';

export async function getOverviewTimeline(query: DashboardQuery, today = new Date()): Promise<Timeline> {
  const [data, milestones, authorities, options] = await Promise.all([getTimelineData(query), listMilestones(), listAuthorities(), getFilterOptions()]);
  return buildTimeline({ query, ...data, milestones, lookups: { authorities, programs: options.programs, weapons: options.weapons }, today });
}
