import 'server-only';
// Designation aggregates, computed in SQL (STYLE.md "Charts in three layers", layer 1).
// Returns plain numbers and strings; lib/charts/* shapes them, components/charts/* draws them.
import { Prisma } from './generated/client';
import { prisma } from './client';
import type { Granularity } from '../charts/binning';
import type { DashboardQuery } from '../validation/dashboard';
import { parsePartialDate, endOfPartialDate } from '../dates';

// Only constant SQL fragments are spliced in; every value goes through a bind parameter.
const BIN_FORMAT: Record<Granularity, string> = { month: 'YYYY-MM', quarter: 'YYYY-"Q"Q', year: 'YYYY' };
// The least precision a date needs for a bin of this size (enum order: YEAR < MONTH < DAY).
const MIN_PRECISION: Record<Granularity, 'YEAR' | 'MONTH'> = { month: 'MONTH', quarter: 'MONTH', year: 'YEAR' };

// `exact`: the listing date qualifier only concerns listing dates (OFAC entries already listed when
// our history starts carry ON_OR_BEFORE); dates in force have no such qualifier.
function dateColumns(basis: DashboardQuery['basis']) {
  return basis === 'start'
    ? { date: Prisma.raw('d.start_date'), precision: Prisma.raw('d.start_date_precision'), exact: Prisma.raw('TRUE'), inexact: Prisma.raw('FALSE') }
    : {
        date: Prisma.raw('d.listing_date'),
        precision: Prisma.raw('d.listing_date_precision'),
        exact: Prisma.raw(`d.listing_date_qualifier = 'EXACT'`),
        inexact: Prisma.raw(`d.listing_date_qualifier <> 'EXACT'`),
      };
}

function rangeOf(q: Pick<DashboardQuery, 'from' | 'to'>): { from: Date | null; to: Date | null } {
  const from = parsePartialDate(q.from);
  const to = q.to ? parsePartialDate(q.to) : null;
  return { from: from?.date ?? null, to: to ? endOfPartialDate(to.date, to.precision) : null };
}

function baseWhere(q: DashboardQuery): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`d.deleted_at IS NULL`, Prisma.sql`e.deleted_at IS NULL`];
  if (q.authority.length) parts.push(Prisma.sql`d.authority_id IN (${Prisma.join(q.authority)})`);
  return Prisma.join(parts, ' AND ');
}

export type SeriesRow = { bin: string; series: string; count: number };

/** New designations per bin and authority, on the chosen date basis, within the range. */
export async function getDesignationCounts(q: DashboardQuery): Promise<SeriesRow[]> {
  const { date, precision, exact } = dateColumns(q.basis);
  const { from, to } = rangeOf(q);
  const fmt = BIN_FORMAT[q.granularity];
  const rows = await prisma.$queryRaw<Array<{ bin: string; series: string; count: number }>>`
    SELECT to_char(${date}, ${fmt}) AS bin, d.authority_id AS series, count(*)::int AS count
    FROM designation d JOIN entity e ON e.id = d.entity_id
    WHERE ${baseWhere(q)}
      AND ${date} IS NOT NULL
      AND ${exact}
      AND ${precision} >= ${MIN_PRECISION[q.granularity]}::"DatePrecision"
      AND (${from}::date IS NULL OR ${date} >= ${from}::date)
      AND (${to}::date IS NULL OR ${date} <= ${to}::date)
    GROUP BY 1, 2
    ORDER BY 1, 2`;
  return rows;
}

export type Coverage = { total: number; placed: number; noDate: number; onOrBefore: number; tooImprecise: number; outOfRange: number };

/**
 * What the chart does not show and why — so nothing is dropped silently: records without a date on
 * this basis, listed "on or before" the start of our history, or dated too coarsely for the bins.
 */
export async function getCoverage(q: DashboardQuery): Promise<Coverage> {
  const { date, precision, exact, inexact } = dateColumns(q.basis);
  const { from, to } = rangeOf(q);
  const minPrecision = MIN_PRECISION[q.granularity];
  const [row] = await prisma.$queryRaw<Array<Coverage>>`
    SELECT count(*)::int AS total,
      count(*) FILTER (WHERE ${date} IS NULL)::int AS "noDate",
      count(*) FILTER (WHERE ${date} IS NOT NULL AND ${inexact})::int AS "onOrBefore",
      count(*) FILTER (WHERE ${date} IS NOT NULL AND ${exact} AND ${precision} < ${minPrecision}::"DatePrecision")::int AS "tooImprecise",
      count(*) FILTER (WHERE ${date} IS NOT NULL AND ${exact} AND ${precision} >= ${minPrecision}::"DatePrecision"
        AND ((${from}::date IS NOT NULL AND ${date} < ${from}::date) OR (${to}::date IS NOT NULL AND ${date} > ${to}::date)))::int AS "outOfRange"
    FROM designation d JOIN entity e ON e.id = d.entity_id
    WHERE ${baseWhere(q)}`;
  const c = row ?? { total: 0, noDate: 0, onOrBefore: 0, tooImprecise: 0, outOfRange: 0, placed: 0 };
  return { ...c, placed: c.total - c.noDate - c.onOrBefore - c.tooImprecise - c.outOfRange };
}

export type Kpis = {
  entities: number;
  designations: number;
  activeDesignations: number;
  liftedDesignations: number;
  byAuthority: Array<{ authorityId: string; name: string; total: number; active: number }>;
};

export async function getKpis(): Promise<Kpis> {
  const [entities, byAuthority] = await Promise.all([
    prisma.entity.count({ where: { deletedAt: null, mergedIntoId: null } }),
    prisma.$queryRaw<Array<{ authorityId: string; name: string; total: number; active: number }>>`
      SELECT a.id AS "authorityId", a.short_name AS name,
        count(d.id)::int AS total,
        count(d.id) FILTER (WHERE d.end_date IS NULL)::int AS active
      FROM authority a
      JOIN designation d ON d.authority_id = a.id AND d.deleted_at IS NULL
      JOIN entity e ON e.id = d.entity_id AND e.deleted_at IS NULL
      WHERE a.deleted_at IS NULL
      GROUP BY a.id, a.short_name
      ORDER BY total DESC`,
  ]);
  const designations = byAuthority.reduce((n, a) => n + a.total, 0);
  const activeDesignations = byAuthority.reduce((n, a) => n + a.active, 0);
  return { entities, designations, activeDesignations, liftedDesignations: designations - activeDesignations, byAuthority };
}
