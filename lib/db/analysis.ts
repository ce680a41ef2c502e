import 'server-only';
// Questions no other tool answers, computed in SQL: cross-authority lag and milestone windows.
// lib/charts/lag.ts and lib/charts/windows.ts bin and shape the numbers (unit-tested).
import { Prisma } from './generated/client';
import { prisma } from './client';
import { isoDay, type DatePrecision } from '../dates';
import { windowBounds, type WindowBounds, type WindowCountRow } from '../charts/windows';
import type { LagQuery, LagSort, WindowsQuery } from '../validation/analysis';
import { authorize } from '../auth/verified';
import type { Principal } from '../auth/permissions';

export type AuthorityRef = { id: string; shortName: string };

/** Authorities that have at least one live designation, in id order. */
export function listDesignatingAuthorities(viewer: Principal): Promise<AuthorityRef[]> {
  authorize(viewer, 'data:read');
  return prisma.$queryRaw<AuthorityRef[]>`
    SELECT a.id, a.short_name AS "shortName" FROM authority a
    WHERE a.deleted_at IS NULL AND EXISTS (SELECT 1 FROM designation d WHERE d.authority_id = a.id AND d.deleted_at IS NULL)
    ORDER BY a.id`;
}

// ───────────────────────────── Cross-authority lag ─────────────────────────────

/**
 * How far a lag can be trusted. exact: both first listings are exact days. at-least: the leader's
 * date is an upper bound (listed on or before the day our OFAC history starts), so the follower took
 * at least that long. uncertain: the follower's date is a bound or a date is only a month or year.
 */
export type LagKind = 'exact' | 'at-least' | 'uncertain';

export type LagPair = {
  entityId: string;
  entityName: string;
  leader: string;
  leaderDate: string;
  follower: string;
  followerDate: string;
  days: number;
  kind: LagKind;
};

export type LagSummaryRow = { follower: string; count: number; median: number; p25: number; p75: number; max: number; sameDay: number };
export type GapCell = { listed: string; missing: string; count: number };
export type GapEntity = { entityId: string; entityName: string; listed: Array<{ authority: string; date: string; onOrBefore: boolean }>; missing: string[] };

export type LagAnalysis = {
  authorities: string[];
  pairs: LagPair[];
  pairsTotal: number;
  kinds: Record<LagKind, number>;
  /** Exact lags grouped by follower and days, for the histogram (lib/charts/lag.ts). */
  samples: Array<{ follower: string; days: number; count: number }>;
  summary: LagSummaryRow[];
  leaders: Array<{ authority: string; count: number }>;
  gapMatrix: GapCell[];
  gaps: GapEntity[];
  gapsTotal: number;
};

export const LAG_PAIR_LIMIT = 1000;
export const GAP_LIMIT = 500;

function inProgram(slug: string | undefined, entityCol: Prisma.Sql): Prisma.Sql {
  if (!slug) return Prisma.sql`TRUE`;
  return Prisma.sql`EXISTS (SELECT 1 FROM program_participant pp JOIN weapons_program wp ON wp.id = pp.weapons_program_id
    WHERE pp.entity_id = ${entityCol} AND pp.deleted_at IS NULL AND wp.deleted_at IS NULL AND wp.slug = ${slug})`;
}

/**
 * firsts: each live entity's earliest listing per selected authority, with how exact that date is;
 * pairs: for entities listed by two or more, the first authority (ties broken by id, lag 0) and
 * the days each other authority took to follow.
 */
function lagCtes(authorities: string[], program: string | undefined): Prisma.Sql {
  return Prisma.sql`
    WITH firsts AS (
      SELECT DISTINCT ON (d.entity_id, d.authority_id) d.entity_id, d.authority_id, d.listing_date AS first_date,
        CASE WHEN d.listing_date_qualifier = 'EXACT' AND d.listing_date_precision = 'DAY' THEN 'exact'
             WHEN d.listing_date_qualifier = 'ON_OR_BEFORE' AND d.listing_date_precision = 'DAY' THEN 'on-or-before'
             ELSE 'coarse' END AS bound
      FROM designation d JOIN entity e ON e.id = d.entity_id AND e.deleted_at IS NULL AND e.merged_into_id IS NULL
      WHERE d.deleted_at IS NULL AND d.listing_date IS NOT NULL AND d.authority_id IN (${Prisma.join(authorities)})
        AND ${inProgram(program, Prisma.sql`d.entity_id`)}
      ORDER BY d.entity_id, d.authority_id, d.listing_date, d.listing_date_precision DESC, d.listing_date_qualifier
    ),
    ranked AS (
      SELECT f.*, row_number() OVER w AS rn,
        first_value(f.authority_id) OVER w AS leader, first_value(f.first_date) OVER w AS leader_date, first_value(f.bound) OVER w AS leader_bound
      FROM firsts f
      WINDOW w AS (PARTITION BY f.entity_id ORDER BY f.first_date, f.authority_id)
    ),
    pairs AS (
      SELECT entity_id, leader, leader_date, authority_id AS follower, first_date AS follower_date, (first_date - leader_date)::int AS days,
        CASE WHEN bound = 'exact' AND leader_bound = 'exact' THEN 'exact'
             WHEN bound = 'exact' AND leader_bound = 'on-or-before' THEN 'at-least'
             ELSE 'uncertain' END AS kind
      FROM ranked WHERE rn > 1
    )`;
}

const LAG_ORDER: Record<LagSort, Prisma.Sql> = {
  '-days': Prisma.sql`p.days DESC, e.name_norm, p.follower`,
  days: Prisma.sql`p.days ASC, e.name_norm, p.follower`,
  entity: Prisma.sql`e.name_norm, p.follower`,
  leader: Prisma.sql`p.leader, p.leader_date, e.name_norm, p.follower`,
  follower: Prisma.sql`p.follower, p.days, e.name_norm`,
  listed: Prisma.sql`p.leader_date, e.name_norm, p.follower`,
};

export async function getLagAnalysis(viewer: Principal, q: LagQuery, available: string[]): Promise<LagAnalysis> {
  authorize(viewer, 'data:read');
  const authorities = q.authority.length ? q.authority.filter((a) => available.includes(a)) : available;
  const empty: LagAnalysis = { authorities, pairs: [], pairsTotal: 0, kinds: { exact: 0, 'at-least': 0, uncertain: 0 }, samples: [], summary: [], leaders: [], gapMatrix: [], gaps: [], gapsTotal: 0 };
  if (authorities.length < 2) return empty;
  const ctes = lagCtes(authorities, q.program);
  // Without a program, an entity listed by one authority only is not a gap worth listing one by one
  // (most of the OFAC list); the matrix still counts them. Within a program, every participant counts.
  const minListed = q.program ? 1 : 2;

  const [pairs, kinds, samples, summary, leaders, gapMatrix, gaps, [gapsTotal]] = await Promise.all([
    prisma.$queryRaw<Array<Omit<LagPair, 'leaderDate' | 'followerDate'> & { leaderDate: Date; followerDate: Date }>>`
      ${ctes}
      SELECT p.entity_id AS "entityId", e.name AS "entityName", p.leader, p.leader_date AS "leaderDate", p.follower, p.follower_date AS "followerDate", p.days, p.kind
      FROM pairs p JOIN entity e ON e.id = p.entity_id
      ORDER BY ${LAG_ORDER[q.sort]}
      LIMIT ${LAG_PAIR_LIMIT}`,
    prisma.$queryRaw<Array<{ kind: LagKind; count: number }>>`${ctes} SELECT kind, count(*)::int AS count FROM pairs GROUP BY kind`,
    prisma.$queryRaw<Array<{ follower: string; days: number; count: number }>>`
      ${ctes} SELECT follower, days, count(*)::int AS count FROM pairs WHERE kind = 'exact' GROUP BY 1, 2 ORDER BY 1, 2`,
    prisma.$queryRaw<LagSummaryRow[]>`
      ${ctes}
      SELECT follower, count(*)::int AS count,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY days)::float8 AS median,
        percentile_cont(0.25) WITHIN GROUP (ORDER BY days)::float8 AS p25,
        percentile_cont(0.75) WITHIN GROUP (ORDER BY days)::float8 AS p75,
        max(days)::int AS max, count(*) FILTER (WHERE days = 0)::int AS "sameDay"
      FROM pairs WHERE kind = 'exact' GROUP BY follower ORDER BY follower`,
    prisma.$queryRaw<Array<{ authority: string; count: number }>>`
      ${ctes} SELECT leader AS authority, count(DISTINCT entity_id)::int AS count FROM pairs GROUP BY leader ORDER BY 2 DESC, 1`,
    prisma.$queryRaw<GapCell[]>`
      ${ctes}, listed_by AS (SELECT entity_id, array_agg(authority_id) AS ids FROM firsts GROUP BY entity_id)
      SELECT l AS listed, m.id AS missing, count(*)::int AS count
      FROM listed_by CROSS JOIN unnest(listed_by.ids) AS l CROSS JOIN unnest(ARRAY[${Prisma.join(authorities)}]::text[]) AS m(id)
      WHERE m.id <> ALL (listed_by.ids)
      GROUP BY 1, 2 ORDER BY 1, 2`,
    prisma.$queryRaw<Array<{ entityId: string; entityName: string; listed: Array<{ authority: string; date: string; onOrBefore: boolean }>; missing: string[] }>>`
      ${ctes}
      SELECT f.entity_id AS "entityId", e.name AS "entityName",
        json_agg(json_build_object('authority', f.authority_id, 'date', f.first_date, 'onOrBefore', f.bound = 'on-or-before') ORDER BY f.first_date, f.authority_id) AS listed,
        ARRAY(SELECT m.id FROM unnest(ARRAY[${Prisma.join(authorities)}]::text[]) AS m(id) WHERE m.id <> ALL (array_agg(f.authority_id)) ORDER BY m.id) AS missing
      FROM firsts f JOIN entity e ON e.id = f.entity_id
      GROUP BY f.entity_id, e.name, e.name_norm
      HAVING count(*) >= ${minListed} AND count(*) < ${authorities.length}
      ORDER BY min(f.first_date), e.name_norm
      LIMIT ${GAP_LIMIT}`,
    prisma.$queryRaw<Array<{ total: number }>>`
      ${ctes}
      SELECT count(*)::int AS total FROM (SELECT entity_id FROM firsts GROUP BY entity_id HAVING count(*) >= ${minListed} AND count(*) < ${authorities.length}) g`,
  ]);
  const kindCounts: Record<LagKind, number> = { exact: 0, 'at-least': 0, uncertain: 0 };
  for (const k of kinds) kindCounts[k.kind] = k.count;
  return {
    authorities,
    pairs: pairs.map((p) => ({ ...p, leaderDate: isoDay(p.leaderDate), followerDate: isoDay(p.followerDate) })),
    pairsTotal: kinds.reduce((n, k) => n + k.count, 0),
    kinds: kindCounts,
    samples,
    summary,
    leaders,
    gapMatrix,
    gaps,
    gapsTotal: gapsTotal?.total ?? 0,
  };
}

// ───────────────────────────── Milestone windows ─────────────────────────────

export type WindowMilestoneRow = {
  id: string;
  slug: string;
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
    return { id: m.id, slug: m.slug, title: m.title, category: m.category, sourceUrl: m.sourceUrl, ...base, bounds: windowBounds(base, q.days) };
  });
  if (!milestones.length) return { milestones, rows: [], dataStart };
  const col = <K extends keyof WindowBounds>(k: K, end: 'from' | 'to') => milestones.map((m) => m.bounds[k][end]);
  const authorityFilter = q.authority.length ? Prisma.sql`AND d.authority_id IN (${Prisma.join(q.authority)})` : Prisma.empty;
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
    WHERE d.deleted_at IS NULL AND d.listing_date_qualifier = 'EXACT' AND d.listing_date_precision = 'DAY' ${authorityFilter}
    GROUP BY w.id, d.authority_id
    ORDER BY w.id, d.authority_id`;
  return { milestones, rows, dataStart };
}
