import 'server-only';
// Cross-authority lag, computed in SQL: for the entities of a cohort, each authority's first listing,
// who listed first — same-day listings are ties, and a listing citing a UN reference credits the UN
// where its own listing is known (lib/analysis/lag-credit.ts) — how many days the others took, the
// gaps, and the cohort's first sanctions action per authority. lib/charts/lag.ts bins the lags.
import { Prisma } from '../generated/client';
import { prisma } from '../client';
import { isoDay } from '../../dates';
import { actionFirsts, type ActionFirsts, type CreditGroup, type UnStatus } from '../../analysis/lag-credit';
import { isWholeData, type Cohort } from '../../analysis/cohort';
import { cohortActionFilter, cohortEntityFilter } from './cohort';
import type { LagQuery, LagSort } from '../../validation/lag';
import { authorize } from '../../auth/verified';
import type { Principal } from '../../auth/permissions';

/**
 * How far a lag can be trusted. exact: both first listings are exact days. at-least: the leader's
 * date is an upper bound (listed on or before the day our OFAC history starts), so the follower took
 * at least that long. uncertain: the follower's date is a bound or a date is only a month or year.
 */
export type LagKind = 'exact' | 'at-least' | 'uncertain';

export type LagPair = {
  entityId: string;
  entityName: string;
  /** Every authority whose first listing is on the earliest day, by code: two or more are a tie. */
  leaders: string[];
  leaderDate: string;
  /** Another authority (a tied one, with 0 days, or one that followed). */
  follower: string;
  followerDate: string;
  days: number;
  kind: LagKind;
  /** Where the UN stands when a first listing cites a UN reference (lib/analysis/lag-credit.ts). */
  un: UnStatus;
  unReference: string | null;
  unDate: string | null;
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
  /** Entities grouped by who listed first and where the UN stood: lib/analysis/lag-credit.ts credits them. */
  credits: CreditGroup[];
  gapMatrix: GapCell[];
  gaps: GapEntity[];
  gapsTotal: number;
  /** The cohort's first sanctions action per authority (null for all entities: not a question then). */
  actions: ActionFirsts | null;
};

export const LAG_PAIR_LIMIT = 1000;
export const GAP_LIMIT = 500;

/** A UN reference number in the comparison form of identifier.key ('QDi.001' → 'QDI001'). */
const refKey = (col: Prisma.Sql) => Prisma.sql`upper(regexp_replace(${col}, '[^A-Za-z0-9]', '', 'g'))`;

/**
 * firsts: each cohort entity's earliest listing per selected authority, with how exact that date is;
 * leads: for entities listed by two or more, every authority listing it on the earliest day;
 * credits: and whether such a listing cites a UN reference (an identifier from that authority's own
 * record), with the UN's own first listing — of the entity, or of the UN record with that reference;
 * pairs: each other authority (tied ones at 0 days) and the days it took after the earliest day.
 */
function lagCtes(authorities: string[], cohort: Cohort): Prisma.Sql {
  return Prisma.sql`
    WITH firsts AS (
      SELECT DISTINCT ON (d.entity_id, d.authority_id) d.entity_id, d.authority_id, d.listing_date AS first_date,
        CASE WHEN d.listing_date_qualifier = 'EXACT' AND d.listing_date_precision = 'DAY' THEN 'exact'
             WHEN d.listing_date_qualifier = 'ON_OR_BEFORE' AND d.listing_date_precision = 'DAY' THEN 'on-or-before'
             ELSE 'coarse' END AS bound
      FROM designation d JOIN entity e ON e.id = d.entity_id AND e.deleted_at IS NULL AND e.merged_into_id IS NULL
      WHERE d.deleted_at IS NULL AND d.listing_date IS NOT NULL AND d.authority_id IN (${Prisma.join(authorities)})
        AND ${cohortEntityFilter(cohort, Prisma.sql`d.entity_id`)}
      ORDER BY d.entity_id, d.authority_id, d.listing_date, d.listing_date_precision DESC, d.listing_date_qualifier
    ),
    fw AS (
      SELECT f.*, min(f.first_date) OVER (PARTITION BY f.entity_id) AS earliest, count(*) OVER (PARTITION BY f.entity_id) AS listed FROM firsts f
    ),
    leads AS (
      SELECT fw.entity_id, fw.earliest, array_agg(fw.authority_id ORDER BY fw.authority_id) AS leaders,
        (array_agg(fw.bound ORDER BY fw.authority_id))[1] AS leader_bound
      FROM fw WHERE fw.listed >= 2 AND fw.first_date = fw.earliest GROUP BY fw.entity_id, fw.earliest
    ),
    cites AS (
      SELECT l.entity_id, min(coalesce(i.key, ${refKey(Prisma.sql`i.value`)})) AS ref_key, min(i.value) AS ref
      FROM leads l
      JOIN identifier i ON i.entity_id = l.entity_id AND i.type = 'unReferenceNumber'
      JOIN external_id x ON x.id = i.source_record_id AND x.authority_id <> 'UN' AND x.authority_id = ANY (l.leaders)
      GROUP BY l.entity_id
    ),
    un_refs AS MATERIALIZED (
      SELECT ${refKey(Prisma.sql`x.external_id`)} AS ref_key, min(d.listing_date) AS un_date
      FROM designation d JOIN external_id x ON x.id = d.source_record_id AND x.authority_id = 'UN'
      WHERE d.authority_id = 'UN' AND d.deleted_at IS NULL AND d.listing_date IS NOT NULL
      GROUP BY 1
    ),
    origin AS (
      SELECT c.entity_id, c.ref, LEAST(
        (SELECT min(d.listing_date) FROM designation d WHERE d.entity_id = c.entity_id AND d.authority_id = 'UN' AND d.deleted_at IS NULL),
        r.un_date) AS un_date
      FROM cites c LEFT JOIN un_refs r ON r.ref_key = c.ref_key
    ),
    credits AS (
      SELECT l.entity_id, l.earliest, l.leaders, l.leader_bound, o.ref AS un_ref, o.un_date,
        CASE WHEN o.entity_id IS NULL THEN 'none' WHEN o.un_date IS NULL THEN 'unknown' WHEN o.un_date <= l.earliest THEN 'before' ELSE 'after' END AS un
      FROM leads l LEFT JOIN origin o ON o.entity_id = l.entity_id
    ),
    pairs AS (
      SELECT fw.entity_id, c.leaders, c.earliest AS leader_date, fw.authority_id AS follower, fw.first_date AS follower_date,
        (fw.first_date - c.earliest)::int AS days, c.un, c.un_ref, c.un_date,
        CASE WHEN fw.bound = 'exact' AND c.leader_bound = 'exact' THEN 'exact'
             WHEN fw.bound = 'exact' AND c.leader_bound = 'on-or-before' THEN 'at-least'
             ELSE 'uncertain' END AS kind
      FROM fw JOIN credits c ON c.entity_id = fw.entity_id
      WHERE fw.authority_id <> c.leaders[1]
    )`;
}

const LAG_ORDER: Record<LagSort, Prisma.Sql> = {
  '-days': Prisma.sql`p.days DESC, e.name_norm, p.follower`,
  days: Prisma.sql`p.days ASC, e.name_norm, p.follower`,
  entity: Prisma.sql`e.name_norm, p.follower`,
  leader: Prisma.sql`p.leaders[1], cardinality(p.leaders), p.leader_date, e.name_norm, p.follower`,
  follower: Prisma.sql`p.follower, p.days, e.name_norm`,
  listed: Prisma.sql`p.leader_date, e.name_norm, p.follower`,
};

type PairRow = Omit<LagPair, 'leaderDate' | 'followerDate' | 'unDate'> & { leaderDate: Date; followerDate: Date; unDate: Date | null };

export async function getLagAnalysis(viewer: Principal, q: Pick<LagQuery, 'authority' | 'sort'>, available: string[], cohort: Cohort): Promise<LagAnalysis> {
  authorize(viewer, 'data:read');
  const authorities = q.authority.length ? q.authority.filter((a) => available.includes(a)) : available;
  const empty: LagAnalysis = { authorities, pairs: [], pairsTotal: 0, kinds: { exact: 0, 'at-least': 0, uncertain: 0 }, samples: [], summary: [], credits: [], gapMatrix: [], gaps: [], gapsTotal: 0, actions: null };
  if (authorities.length < 2) return empty;
  const ctes = lagCtes(authorities, cohort);
  const whole = isWholeData(cohort);
  // Without a cohort, an entity listed by one authority only is not a gap worth listing one by one
  // (most of the OFAC list); the matrix still counts them. Within a cohort, every entity counts.
  const minListed = whole ? 2 : 1;

  const [pairs, kinds, samples, summary, credits, gapMatrix, gaps, [gapsTotal], actions] = await Promise.all([
    prisma.$queryRaw<PairRow[]>`
      ${ctes}
      SELECT p.entity_id AS "entityId", e.name AS "entityName", p.leaders, p.leader_date AS "leaderDate", p.follower, p.follower_date AS "followerDate", p.days, p.kind,
        p.un, p.un_ref AS "unReference", p.un_date AS "unDate"
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
    prisma.$queryRaw<CreditGroup[]>`${ctes} SELECT leaders, un, count(*)::int AS count FROM credits GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2`,
    prisma.$queryRaw<GapCell[]>`
      ${ctes}, listed_by AS (SELECT entity_id, array_agg(authority_id) AS ids FROM firsts GROUP BY entity_id)
      SELECT l AS listed, m.id AS missing, count(*)::int AS count
      FROM listed_by CROSS JOIN unnest(listed_by.ids) AS l CROSS JOIN unnest(ARRAY[${Prisma.join(authorities)}]::text[]) AS m(id)
      WHERE m.id <> ALL (listed_by.ids)
      GROUP BY 1, 2 ORDER BY 1, 2`,
    prisma.$queryRaw<GapEntity[]>`
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
    whole ? Promise.resolve(null) : getFirstActions(authorities, cohort),
  ]);
  const kindCounts: Record<LagKind, number> = { exact: 0, 'at-least': 0, uncertain: 0 };
  for (const k of kinds) kindCounts[k.kind] = k.count;
  return {
    authorities,
    pairs: pairs.map((p) => ({ ...p, leaderDate: isoDay(p.leaderDate), followerDate: isoDay(p.followerDate), unDate: p.unDate ? isoDay(p.unDate) : null })),
    pairsTotal: kinds.reduce((n, k) => n + k.count, 0),
    kinds: kindCounts,
    samples,
    summary,
    credits,
    gapMatrix,
    gaps,
    gapsTotal: gapsTotal?.total ?? 0,
    actions,
  };
}

/**
 * The action-level answer: each authority's first sanctions action publishing a designation of the
 * cohort (within its cases' actions when it has cases). Of one authority's actions on its first day,
 * a curated one (with its own title and sources) is shown before a grouped one.
 */
async function getFirstActions(authorities: string[], cohort: Cohort): Promise<ActionFirsts> {
  const rows = await prisma.$queryRaw<Array<{ authority: string; actionId: string; date: Date; title: string; isUncertain: boolean }>>`
    SELECT DISTINCT ON (a.authority_id) a.authority_id AS authority, a.id AS "actionId", a.action_date AS date, a.title, a.is_uncertain AS "isUncertain"
    FROM sanctions_action a
    WHERE a.authority_id IN (${Prisma.join(authorities)}) AND ${cohortActionFilter(cohort, Prisma.sql`a.id`)}
    ORDER BY a.authority_id, a.action_date, (a.kind = 'CURATED') DESC, a.id`;
  return actionFirsts(rows.map((r) => ({ ...r, date: isoDay(r.date) })));
}
