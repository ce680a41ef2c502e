// What the overview's key figures count (issue 26: "KPIs follow the filters, and say so"). Pure.
import { DEFAULT_FROM, type DashboardQuery } from '../validation/dashboard';

export type KpiScope = {
  /**
   * Any filter, or a date range other than the default, is set: the figures then count exactly the
   * designations the chart counts (its filters, range, dates, precision and basis), so that they equal
   * its total. Unset (the default view), they are the totals of everything held, dated or not.
   */
  isFiltered: boolean;
};

export function kpiScope(q: DashboardQuery): KpiScope {
  const isRanged = q.from !== DEFAULT_FROM || Boolean(q.to);
  const hasFilter =
    q.authority.length > 0 ||
    q.program.length > 0 ||
    q.case.length > 0 ||
    q.weapon.length > 0 ||
    q.role.length > 0 ||
    q.schema.length > 0 ||
    q.country.length > 0 ||
    Boolean(q.q) ||
    // Leaving out the UK's carried-over listings removes designations; moving them only re-dates them.
    q.ukcarry === 'exclude';
  return { isFiltered: hasFilter || isRanged };
}
