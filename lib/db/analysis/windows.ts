import 'server-only';
// Milestone windows: designations in the N days before, during and after each milestone, per
// authority, counted in SQL; lib/charts/windows.ts computes the bounds and shapes the numbers.
import { prisma } from '../client';
import { isoDay, type DatePrecision } from '../../dates';
import { windowBounds, type WindowBounds, type WindowCountRow } from '../../charts/windows';
import type { WindowsQuery } from '../../validation/analysis';
import { authorize } from '../../auth/verified';
import type { Principal } from '../../auth/permissions';
import { Prisma } from '../generated/client';
import { caseActions } from '../cases/filter';

export type WindowMilestoneRow = {
  id: string;
  slug: string;
  /** The stable short code ("M07") the milestone has on every page (issue 26). */
  code: string;
  title: string;
  category: string;
  date: string;
  datePrecision: DatePrecision;
  endDate: string | null;
  endDatePrecision: DatePrecision | null;
  sourceUrl: string;
  bounds: WindowBounds;
};

/**
 * For every milestone: designations listed in the N days before it, during it, and in the N days
 * after, per authority. Only listings dated to the day and known exactly are counted (an OFAC entry
 * listed "on or before" our history starts is not a designation of that day).
 */
export async function getMilestoneWindows(viewer: Principal, q: WindowsQuery): Promise<{ milestones: WindowMilestoneRow[]; rows: WindowCountRow[]; dataStart: Record<string, string> }> {
  authorize(viewer, 'data:read');
  const [ms, starts] = await Promise.all([
    prisma.milestone.findMany({ where: { deletedAt: null }, orderBy: [{ date: 'asc' }, { slug: 'asc' }] }),
    // Where each authority's exact listing dates begin: windows before that would count gaps as zeros.
    prisma.$queryRaw<Array<{ authority: string; start: Date }>>`
      SELECT d.authority_id AS authority, min(d.listing_date) AS start FROM designation d
      WHERE d.deleted_at IS NULL AND d.listing_date_qualifier = 'EXACT' AND d.listing_date_precision = 'DAY'
      GROUP BY 1`,
  ]);
  const dataStart = Object.fromEntries(starts.map((s) => [s.authority, isoDay(s.start)]));
  const milestones: WindowMilestoneRow[] = ms.map((m) => {
    const base = { date: isoDay(m.date), datePrecision: m.datePrecision, endDate: m.endDate ? isoDay(m.endDate) : null, endDatePrecision: m.endDatePrecision };
    return { id: m.id, slug: m.slug, code: m.code, title: m.title, category: m.category, sourceUrl: m.sourceUrl, ...base, bounds: windowBounds(base, q.days) };
  });
  if (!milestones.length) return { milestones, rows: [], dataStart };
  const col = <K extends keyof WindowBounds>(k: K, end: 'from' | 'to') => milestones.map((m) => m.bounds[k][end]);
  const authorityFilter = q.authority.length ? Prisma.sql`AND d.authority_id IN (${Prisma.join(q.authority)})` : Prisma.empty;
  const caseFilter = q.case.length ? Prisma.sql`AND d.action_id IN (${caseActions(q.case)})` : Prisma.empty;
  const rows = await prisma.$queryRaw<WindowCountRow[]>`
    SELECT w.id AS "milestoneId", d.authority_id AS authority,
      count(*) FILTER (WHERE d.listing_date BETWEEN w.before_from AND w.before_to)::int AS before,
      count(*) FILTER (WHERE d.listing_date BETWEEN w.during_from AND w.during_to)::int AS during,
      count(*) FILTER (WHERE d.listing_date BETWEEN w.after_from AND w.after_to)::int AS after
    FROM unnest(${milestones.map((m) => m.id)}::text[], ${col('before', 'from')}::date[], ${col('before', 'to')}::date[],
                ${col('during', 'from')}::date[], ${col('during', 'to')}::date[], ${col('after', 'from')}::date[], ${col('after', 'to')}::date[])
      AS w(id, before_from, before_to, during_from, during_to, after_from, after_to)
    JOIN designation d ON d.listing_date BETWEEN w.before_from AND w.after_to
    JOIN entity e ON e.id = d.entity_id AND e.deleted_at IS NULL
    WHERE d.deleted_at IS NULL AND d.listing_date_qualifier = 'EXACT' AND d.listing_date_precision = 'DAY' ${authorityFilter} ${caseFilter}
    GROUP BY w.id, d.authority_id
    ORDER BY w.id, d.authority_id`;
  return { milestones, rows, dataStart };
}
