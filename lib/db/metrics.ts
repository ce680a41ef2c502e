import 'server-only';
import { programLabel } from '../programs/registry';
// Designation aggregates, computed in SQL (STYLE.md "Charts in three layers", layer 1).
// Returns plain numbers and strings; lib/charts/* shapes them, components/charts/* draws them.
//
// NOTE: the chart and its drill-down (lib/db/drilldown.ts) share one scope — the same FROM, WHERE,
// bin and series expressions built here — so the list behind a bar always has the bar's count.
import { Prisma } from './generated/client';
import { caseActions } from './cases/filter';
import { prisma } from './client';
import type { Granularity } from '../charts/binning';
import { foldCells, rankCells, rankSeries, type AggregateCell, type AggregateRow } from '../charts/series';
import { NONE_KEY, OTHER_KEY, UK_TRANSITION_DAY, type DashboardQuery, type Split, type UkCarry } from '../validation/dashboard';
import { parsePartialDate, endOfPartialDate } from '../dates';
import { cachedAtRollupVersion } from './rollup-cache';
import { kpiScope, type KpiScope } from '../charts/kpis';
import { authorize } from '../auth/verified';
import type { Principal } from '../auth/permissions';

// Only constant SQL fragments are spliced in; every value goes through a bind parameter.
const BIN_FORMAT: Record<Granularity, string> = { month: 'YYYY-MM', quarter: 'YYYY-"Q"Q', year: 'YYYY' };
// The least precision a date needs for a bin of this size (enum order: YEAR < MONTH < DAY).
const MIN_PRECISION: Record<Granularity, 'YEAR' | 'MONTH'> = { month: 'MONTH', quarter: 'MONTH', year: 'YEAR' };

/** What a timeline counts: designations listed (on the chosen date basis) or lifted (end date). */
export type EventKind = 'listed' | 'lifted';

// `exact`: the listing date qualifier only concerns listing dates (OFAC entries already listed when
// our history starts carry ON_OR_BEFORE); dates in force and end dates have no such qualifier.
function dateColumns(basis: DashboardQuery['basis'], kind: EventKind = 'listed', ukcarry: UkCarry = 'listed') {
  if (kind === 'lifted') return { date: Prisma.raw('d.end_date'), precision: Prisma.raw('d.end_date_precision'), exact: Prisma.raw('TRUE'), inexact: Prisma.raw('FALSE') };
  if (basis === 'start') return { date: Prisma.raw('d.start_date'), precision: Prisma.raw('d.start_date_precision'), exact: Prisma.raw('TRUE'), inexact: Prisma.raw('FALSE') };
  if (ukcarry === 'earlier') {
    // A UK listing carried over at the Brexit transition counts at the same entity's first exact EU or
    // UN listing before it, with that listing's precision; without one it stays where the UK dated it.
    const earlier = (column: string) => Prisma.raw(`CASE WHEN ${CARRIED_OVER} THEN coalesce((SELECT o.${column} FROM designation o
      WHERE o.entity_id = d.entity_id AND o.authority_id IN ('EU', 'UN') AND o.deleted_at IS NULL AND o.listing_date_qualifier = 'EXACT' AND o.listing_date < d.listing_date
      ORDER BY o.listing_date, o.id LIMIT 1), d.${column}) ELSE d.${column} END`);
    return { date: earlier('listing_date'), precision: earlier('listing_date_precision'), exact: Prisma.raw(`d.listing_date_qualifier = 'EXACT'`), inexact: Prisma.raw(`d.listing_date_qualifier <> 'EXACT'`) };
  }
  return {
    date: Prisma.raw('d.listing_date'),
    precision: Prisma.raw('d.listing_date_precision'),
    exact: Prisma.raw(`d.listing_date_qualifier = 'EXACT'`),
    inexact: Prisma.raw(`d.listing_date_qualifier <> 'EXACT'`),
  };
}

/** A UK designation carried over from the EU at the Brexit transition (see UK_CARRY). */
const CARRIED_OVER = `(d.authority_id = 'UK' AND d.listing_date = DATE '${UK_TRANSITION_DAY}')`;

function rangeOf(q: Pick<DashboardQuery, 'from' | 'to'>): { from: Date | null; to: Date | null } {
  const from = parsePartialDate(q.from);
  const to = q.to ? parsePartialDate(q.to) : null;
  return { from: from?.date ?? null, to: to ? endOfPartialDate(to.date, to.precision) : null };
}

const PROGRAM_KEY = Prisma.raw(`(sp.authority_id || ':' || sp.code)`);
/**
 * An entity's country codes in lower case (codes are matched case-insensitively). Written exactly as
 * the extended statistics entity_countries_lower have it (migration 20261203150000), so the planner
 * knows how many entities a country filter keeps — and, being no subquery, it allows a parallel plan.
 */
const COUNTRY_CODES_LOWER = Prisma.raw(`(lower(e.countries::text)::text[])`);

/** Conditions on a program_participant row `pp` (and its weapons program `wp`) from the filters. */
function participantConditions(q: DashboardQuery): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`pp.deleted_at IS NULL`, Prisma.sql`wp.deleted_at IS NULL`];
  if (q.weapon.length) parts.push(Prisma.sql`wp.slug IN (${Prisma.join(q.weapon)})`);
  if (q.role.length) parts.push(Prisma.sql`pp.role::text IN (${Prisma.join(q.role)})`);
  return Prisma.join(parts, ' AND ');
}

/** The filters of the view, on designation `d` and its entity `e`. No date conditions. */
export function filterWhere(q: DashboardQuery): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`d.deleted_at IS NULL`, Prisma.sql`e.deleted_at IS NULL`];
  if (q.authority.length) parts.push(Prisma.sql`d.authority_id IN (${Prisma.join(q.authority)})`);
  if (q.program.length) {
    // NOTE: uncorrelated (a semi-join the planner can hash): a correlated EXISTS is a subplan per
    // row, which also rules out a parallel plan.
    parts.push(Prisma.sql`d.id IN (SELECT dp.designation_id FROM designation_program dp JOIN sanctions_program sp ON sp.id = dp.program_id
      WHERE ${PROGRAM_KEY} IN (${Prisma.join(q.program)}))`);
  }
  if (q.case.length) parts.push(Prisma.sql`d.action_id IN (${caseActions(q.case)})`);
  if (q.weapon.length || q.role.length) {
    parts.push(Prisma.sql`EXISTS (SELECT 1 FROM program_participant pp JOIN weapons_program wp ON wp.id = pp.weapons_program_id
      WHERE pp.entity_id = d.entity_id AND ${participantConditions(q)})`);
  }
  if (q.schema.length) parts.push(Prisma.sql`e.schema::text IN (${Prisma.join(q.schema)})`);
  if (q.ukcarry === 'exclude') parts.push(Prisma.sql`NOT ${Prisma.raw(CARRIED_OVER)}`);
  if (q.country.length) parts.push(Prisma.sql`${COUNTRY_CODES_LOWER} && ARRAY[${Prisma.join(q.country)}]::text[]`);
  if (q.q) {
    // Same normalisation as the name_norm columns (trigger st_set_name_norm): case, accents, punctuation.
    parts.push(Prisma.sql`(e.name_norm LIKE '%' || st_normalize(${q.q}) || '%'
      OR EXISTS (SELECT 1 FROM entity_alias al WHERE al.entity_id = e.id AND al.name_norm LIKE '%' || st_normalize(${q.q}) || '%'))`);
  }
  return Prisma.join(parts, ' AND ');
}

/**
 * The dimension's values of each designation, as a lateral join yielding `k.key` (one row per
 * value; no row, hence NULL, when the designation has none). Multi-valued dimensions (programs,
 * weapons programs, roles, countries) are narrowed to the filtered values when a filter is set.
 */
function splitJoin(split: Split, q: DashboardQuery): Prisma.Sql {
  switch (split) {
    case 'authority':
      return Prisma.sql`CROSS JOIN LATERAL (SELECT d.authority_id AS key) k`;
    case 'schema':
      return Prisma.sql`CROSS JOIN LATERAL (SELECT e.schema::text AS key) k`;
    case 'program':
      return Prisma.sql`LEFT JOIN LATERAL (SELECT ${PROGRAM_KEY} AS key FROM designation_program dp JOIN sanctions_program sp ON sp.id = dp.program_id
        WHERE dp.designation_id = d.id ${q.program.length ? Prisma.sql`AND ${PROGRAM_KEY} IN (${Prisma.join(q.program)})` : Prisma.empty}) k ON TRUE`;
    case 'case':
      return Prisma.sql`LEFT JOIN LATERAL (SELECT sc.slug AS key FROM case_action ca JOIN sanctions_case sc ON sc.id = ca.case_id
        WHERE ca.action_id = d.action_id AND sc.deleted_at IS NULL ${q.case.length ? Prisma.sql`AND sc.slug IN (${Prisma.join(q.case)})` : Prisma.empty}) k ON TRUE`;
    case 'weapon':
      return Prisma.sql`LEFT JOIN LATERAL (SELECT DISTINCT wp.slug AS key FROM program_participant pp JOIN weapons_program wp ON wp.id = pp.weapons_program_id
        WHERE pp.entity_id = d.entity_id AND ${participantConditions(q)}) k ON TRUE`;
    case 'role':
      return Prisma.sql`LEFT JOIN LATERAL (SELECT DISTINCT pp.role::text AS key FROM program_participant pp JOIN weapons_program wp ON wp.id = pp.weapons_program_id
        WHERE pp.entity_id = d.entity_id AND ${participantConditions(q)}) k ON TRUE`;
    case 'country':
      return Prisma.sql`LEFT JOIN LATERAL (SELECT DISTINCT lower(c.code) AS key FROM unnest(e.countries) AS c(code)
        ${q.country.length ? Prisma.sql`WHERE lower(c.code) IN (${Prisma.join(q.country)})` : Prisma.empty}) k ON TRUE`;
  }
}

const RAW_KEY = Prisma.sql`COALESCE(k.key, ${NONE_KEY})`;

export type SeriesRanking = { keys: string[]; hasOther: boolean };

/** The series key of a row: its value if among the kept series, else "Other". */
function seriesExpr(ranking: SeriesRanking): Prisma.Sql {
  if (!ranking.keys.length) return Prisma.sql`${OTHER_KEY}::text`;
  return Prisma.sql`CASE WHEN ${RAW_KEY} IN (${Prisma.join(ranking.keys)}) THEN ${RAW_KEY} ELSE ${OTHER_KEY} END`;
}

/**
 * The rows a timeline counts: designation × dimension value, filtered, with a placeable date of
 * this kind inside the range. `bin` and `series` are SQL expressions over those rows.
 */
export function timelineScope(q: DashboardQuery, kind: EventKind) {
  const { date, precision, exact } = dateColumns(q.basis, kind, q.ukcarry);
  const { from, to } = rangeOf(q);
  return {
    from: Prisma.sql`designation d JOIN entity e ON e.id = d.entity_id ${splitJoin(q.split, q)}`,
    where: Prisma.sql`${filterWhere(q)}
      ${q.measure === 'actions' ? Prisma.sql`AND d.action_id IS NOT NULL` : Prisma.empty}
      AND ${date} IS NOT NULL
      AND ${exact}
      AND ${precision} >= ${MIN_PRECISION[q.granularity]}::"DatePrecision"
      AND (${from}::date IS NULL OR ${date} >= ${from}::date)
      AND (${to}::date IS NULL OR ${date} <= ${to}::date)`,
    bin: Prisma.sql`to_char(${date}, ${BIN_FORMAT[q.granularity]})`,
    /** The bin's first day and its label format: group by the former, label after (to_char per row costs). */
    binStart: Prisma.sql`date_trunc(${q.granularity}::text, ${date}::timestamp)`,
    binFormat: BIN_FORMAT[q.granularity],
    rawKey: RAW_KEY,
    series: seriesExpr,
    /** What one counts: a designation, the action that published it, or its entity (the measure). */
    unit: UNIT[q.measure],
  };
}

const UNIT: Record<DashboardQuery['measure'], Prisma.Sql> = { designations: Prisma.sql`d.id`, actions: Prisma.sql`d.action_id`, entities: Prisma.sql`d.entity_id` };

/**
 * Where a timeline's counts come from. `rollup`: a pre-aggregated table (designation_month_count,
 * or the program-set and country-set rollups; kept exact by triggers, see
 * docs/adr/0009-rollups-and-search-column.md); `base`: the aggregate over the designation rows.
 * `auto` takes a rollup whenever one can answer the query.
 */
export type CountSource = 'auto' | 'rollup' | 'base';

/** The rollups: per authority and entity type, per program set, per (entity) country set. */
export type Rollup = 'month' | 'program' | 'country';

/**
 * The rollup that answers this query exactly, if any — on a range of whole months, without the
 * name filter or weapons programs and roles (participants are not in any rollup):
 * - designation_month_count: split by authority or entity type, filters on both;
 * - designation_program_month_count: split by authority or program, filters on both;
 * - designation_country_month_count: split by authority or country, filters on both.
 * The set rollups key each designation by its whole set of values, so a designation under two
 * programs is one row: each series, "Other" and the totals count it once, as the base query does.
 * The rest (entity type with programs or countries, programs with countries) goes to the base query.
 */
export function rollupOf(q: DashboardQuery): Rollup | null {
  // The rollups count every designation at its own date: moving or leaving out the UK's carried-over listings is the base query's.
  // Nor do they know actions, hence cases.
  if (q.case.length || q.split === 'case' || q.weapon.length || q.role.length || q.q || q.ukcarry !== 'listed' || q.measure !== 'designations') return null;
  const { from, to } = rangeOf(q);
  if (from && from.getUTCDate() !== 1) return null;
  if (to && new Date(to.getTime() + 86_400_000).getUTCDate() !== 1) return null;
  const byAuthority = q.split === 'authority';
  if (!q.program.length && !q.country.length && (byAuthority || q.split === 'schema')) return 'month';
  if (q.schema.length) return null;
  if (!q.country.length && (byAuthority || q.split === 'program')) return 'program';
  if (!q.program.length && (byAuthority || q.split === 'country')) return 'country';
  return null;
}

/** Whether a rollup answers this query exactly (see rollupOf). */
export function canUseRollup(q: DashboardQuery): boolean {
  return rollupOf(q) !== null;
}

function isFromRollup(q: DashboardQuery, source: CountSource): boolean {
  if (source === 'rollup' && !canUseRollup(q)) throw new Error('This query cannot be answered from the rollup.');
  return source === 'rollup' || (source === 'auto' && canUseRollup(q));
}

/**
 * Whether the answer reads only what sets a new rollup version when it changes — designations,
 * entities' type, liveness and countries, programs and designations' programs (migration
 * 20261203121327) — so that it can be cached at that version whichever path computes it: the
 * rollup's, or the base aggregate for a split or filter by program or country. Names, aliases and
 * participants set no version: the name filter and weapons/role splits and filters are not cached.
 */
function isVersioned(q: DashboardQuery): boolean {
  // A case's membership (case_action) sets no version either.
  return !q.q && !q.weapon.length && !q.role.length && !q.case.length && q.split !== 'weapon' && q.split !== 'role' && q.split !== 'case';
}

/**
 * The cache key of a versioned answer: its name and the query fields the aggregates read
 * (drill-down, page and display-only fields left out, so such queries share answers).
 */
function answerCacheKey(name: string, q: DashboardQuery): string {
  const { split, granularity, basis, ukcarry, measure, mode, top, from, to, authority, schema, program, country } = q;
  const sorted = (values: readonly string[]) => [...values].sort();
  return JSON.stringify([name, split, granularity, basis, ukcarry, measure, mode, top, from, to, sorted(authority), sorted(schema), sorted(program), sorted(country)]);
}

/** The rollup rows in scope of a rollup-answerable query (`r`), with the series key `r_key`. */
function rollupScope(q: DashboardQuery, kind: EventKind) {
  const basis = kind === 'lifted' ? 'end' : q.basis === 'start' ? 'start' : 'listing';
  const { from, to } = rangeOf(q);
  const parts: Prisma.Sql[] = [
    Prisma.sql`r.basis = ${basis}`,
    Prisma.sql`r.precision >= ${MIN_PRECISION[q.granularity]}::"DatePrecision"`,
    Prisma.sql`r.count <> 0`,
  ];
  if (from) parts.push(Prisma.sql`r.month >= ${from}::date`);
  if (to) parts.push(Prisma.sql`r.month <= ${to}::date`);
  if (q.authority.length) parts.push(Prisma.sql`r.authority_id IN (${Prisma.join(q.authority)})`);
  if (q.schema.length) parts.push(Prisma.sql`r.schema::text IN (${Prisma.join(q.schema)})`);
  const key = q.split === 'schema' ? Prisma.sql`r.schema::text` : Prisma.sql`r.authority_id`;
  return { where: Prisma.join(parts, ' AND '), key, binStart: Prisma.sql`date_trunc(${q.granularity}::text, r.month::timestamp)`, binFormat: BIN_FORMAT[q.granularity] };
}

/** Dimensions with one value per designation: a plain count is a count of designations. */
const SINGLE_VALUED: ReadonlySet<Split> = new Set(['authority', 'schema']);

/**
 * Which series to draw: the dimension's values ranked by designations in view, top N kept (base
 * path). count(*) counts designations: the split's lateral join yields each value of a designation
 * once (programs are unique per designation; the other multi-valued splits select DISTINCT).
 */
async function baseSeriesRanking(q: DashboardQuery): Promise<SeriesRanking> {
  const kinds: EventKind[] = q.mode === 'net' ? ['listed', 'lifted'] : ['listed'];
  const counts = await Promise.all(
    kinds.map((kind) => {
      const s = timelineScope(q, kind);
      return prisma.$queryRaw<Array<{ key: string; count: number }>>`
        SELECT ${s.rawKey} AS key, ${q.measure === 'designations' ? Prisma.sql`count(*)` : Prisma.sql`count(DISTINCT ${s.unit})`}::int AS count
        FROM ${s.from}
        WHERE ${s.where}
        GROUP BY 1`;
    }),
  );
  return rankSeries(counts.flat(), q.top);
}

/**
 * Designations per bin and series (kept series + "Other"), and per bin overall (`series: null`,
 * distinct designations: one under two programs counts once in the total, once in each series).
 * A single-valued split needs no DISTINCT (the sort it costs is most of the query at 1M).
 */
async function baseTimelineRows(q: DashboardQuery, ranking: SeriesRanking, kind: EventKind): Promise<AggregateRow[]> {
  const s = timelineScope(q, kind);
  // NOTE: an action or an entity spans series (an entity listed by two authorities): counted once in each and once in the bin's total.
  const count = SINGLE_VALUED.has(q.split) && q.measure === 'designations' ? Prisma.sql`count(*)` : Prisma.sql`count(DISTINCT id)`;
  return prisma.$queryRaw<AggregateRow[]>`
    SELECT bin, series, ${count}::int AS count
    FROM (SELECT ${s.bin} AS bin, ${s.series(ranking)} AS series, ${s.unit} AS id FROM ${s.from} WHERE ${s.where}) r
    GROUP BY GROUPING SETS ((bin, series), (bin))
    ORDER BY bin COLLATE "C", series COLLATE "C" NULLS FIRST`;
}

export type TimelineData = { ranking: SeriesRanking; listed: AggregateRow[]; lifted: AggregateRow[] };

/** Everything the overview chart needs, in three or four small SQL aggregates. */
export async function getTimelineData(viewer: Principal, q: DashboardQuery, source: CountSource = 'auto'): Promise<TimelineData> {
  authorize(viewer, 'data:read');
  if (isFromRollup(q, source)) return cachedAtRollupVersion(answerCacheKey('timeline-rollup', q), () => rollupTimelineData(q));
  if (isVersioned(q)) return cachedAtRollupVersion(answerCacheKey('timeline-base', q), () => baseTimelineData(q));
  return baseTimelineData(q);
}

/**
 * From the rollup, in one scan per kind: counts per bin and dimension value, then ranked and folded
 * into series in JS. The rollup's dimensions are single-valued, so every sum (a series, "Other", a
 * bin's total) is exact; the base path needs SQL's DISTINCT for those and ranks in a second query.
 */
async function rollupTimelineData(q: DashboardQuery): Promise<TimelineData> {
  const rollup = rollupOf(q);
  if (rollup === 'program' || rollup === 'country') return setRollupTimelineData(q, rollup);
  return foldedTimeline(q, async (kind) => {
    const r = rollupScope(q, kind);
    // Grouped by the bin's first day, labelled after: to_char on every rollup row (tens of
    // thousands) cost as much as the sum itself.
    const rows = await prisma.$queryRaw<Array<{ bin: string; key: string; count: number }>>`
      SELECT to_char(start, ${r.binFormat}) AS bin, key, count FROM (
        SELECT ${r.binStart} AS start, ${r.key} AS key, sum(r.count)::int AS count
        FROM designation_month_count r
        WHERE ${r.where}
        GROUP BY 1, 2
        HAVING sum(r.count) > 0) x`;
    return rows.map(({ bin, key, count }) => ({ bin, keys: [key], count }));
  });
}

/** How the set rollups join a set's values (migration 20261203155919: U+001F, '' for none). */
const SET_SEPARATOR = '\u001f';

/**
 * A program-set or country-set rollup's filter: the chosen values (series keys: AUTHORITY:CODE, or
 * lower-case country codes) and the SQL condition on a set column that keeps the sets meeting it.
 * Program sets hold program ids; series are keyed AUTHORITY:CODE, so ids are mapped both ways.
 */
export async function setFilter(q: DashboardQuery, rollup: 'program' | 'country') {
  const isProgram = rollup === 'program';
  const keyOfId = isProgram
    ? new Map((await prisma.$queryRaw<Array<{ id: string; key: string }>>`SELECT sp.id, ${PROGRAM_KEY} AS key FROM sanctions_program sp`).map((p) => [p.id, p.key]))
    : null;
  const chosen = new Set(isProgram ? q.program : q.country);
  // The filter as stored values (program ids; country codes are stored lower-cased, as chosen).
  const wanted = keyOfId ? [...keyOfId].filter(([, key]) => chosen.has(key)).map(([id]) => id) : [...chosen];
  // NOTE: the separator as a constant, not a parameter: the expression must be the one the GIN
  // indexes on the sets' values are built on (migration 20261203191500) for the planner to use them.
  const where = (column: Prisma.Sql) =>
    !chosen.size
      ? Prisma.sql`TRUE`
      : wanted.length
        ? Prisma.sql`string_to_array(${column}, E'\\x1f') && ARRAY[${Prisma.join(wanted)}]::text[]`
        : Prisma.sql`FALSE`;
  return { isProgram, keyOfId, chosen, where };
}

/**
 * From the program-set or country-set rollup: counts per bin and set (or per bin and authority, for
 * a split by authority), then ranked and folded in JS — a set counts once in each of its series.
 */
async function setRollupTimelineData(q: DashboardQuery, rollup: 'program' | 'country'): Promise<TimelineData> {
  const { isProgram, keyOfId, chosen, where } = await setFilter(q, rollup);
  const column = isProgram ? Prisma.sql`r.programs` : Prisma.sql`r.countries`;
  const table = isProgram ? Prisma.sql`designation_program_month_count` : Prisma.sql`designation_country_month_count`;
  const filter = where(column);
  const byAuthority = q.split === 'authority';
  // A set's series: its values, narrowed to the filter's as the base query's split join narrows
  // them (the filter keeps only sets that meet it, so some remain; the rollup keeps no empty set).
  // Once per set, and one array per set: the folding sums a set's cells before taking its keys apart
  // (rankCells, foldCells) — tens of thousands of cells, a few thousand sets.
  const keysOfSet = new Map<string, string[]>();
  const keysOf = (set: string): string[] => {
    let keys = keysOfSet.get(set);
    if (!keys) {
      const values = set.split(SET_SEPARATOR).map((v) => keyOfId?.get(v) ?? v);
      keysOfSet.set(set, (keys = chosen.size ? values.filter((v) => chosen.has(v)) : values));
    }
    return keys;
  };
  return foldedTimeline(q, async (kind) => {
    const r = rollupScope(q, kind);
    const cellsQuery = prisma.$queryRaw<Array<{ bin: string; key: string; count: number }>>`
      SELECT to_char(start, ${r.binFormat}) AS bin, key, count FROM (
        SELECT ${r.binStart} AS start, ${byAuthority ? Prisma.sql`r.authority_id` : column} AS key, sum(r.count)::int AS count
        FROM ${table} r
        WHERE ${r.where} AND ${filter}
        GROUP BY 1, 2
        HAVING sum(r.count) > 0) x`;
    // Designations without a program (country) are not in the set rollup: per bin, they are the
    // month rollup's count less the set rollup's. Only a split without a filter shows them.
    const withNone = !byAuthority && !chosen.size;
    const [rows, totals] = await Promise.all([
      cellsQuery,
      withNone
        ? prisma.$queryRaw<Array<{ bin: string; count: number }>>`
            SELECT to_char(start, ${r.binFormat}) AS bin, count FROM (
              SELECT ${r.binStart} AS start, sum(r.count)::int AS count FROM designation_month_count r WHERE ${r.where} GROUP BY 1) x`
        : Promise.resolve([]),
    ]);
    const cells: AggregateCell[] = rows.map(({ bin, key, count }) => ({ bin, keys: byAuthority ? [key] : keysOf(key), count }));
    if (withNone) {
      const withSet = new Map<string, number>();
      for (const c of rows) withSet.set(c.bin, (withSet.get(c.bin) ?? 0) + c.count);
      for (const t of totals) {
        const none = t.count - (withSet.get(t.bin) ?? 0);
        if (none > 0) cells.push({ bin: t.bin, keys: [NONE_KEY], count: none });
      }
    }
    return cells;
  });
}

/**
 * Cells per kind (listed; lifted in net mode), ranked and folded into series.
 * NOTE: a deliberate exception to "aggregates in SQL" (STYLE.md): SQL still does the counting (one
 * GROUP BY per kind); JS only re-adds its few thousand cells after ranking them. Ranking has to come
 * before folding into "Other", which in SQL took a second scan of the rows or the rollup.
 */
async function foldedTimeline(q: DashboardQuery, cellsOf: (kind: EventKind) => Promise<AggregateCell[]>): Promise<TimelineData> {
  const kinds: EventKind[] = q.mode === 'net' ? ['listed', 'lifted'] : ['listed'];
  const cells = await Promise.all(kinds.map(cellsOf));
  const ranking = rankCells(cells.flat(), q.top);
  const [listed = [], lifted = []] = cells.map((c) => foldCells(c, ranking.keys, OTHER_KEY));
  return { ranking, listed, lifted };
}

/**
 * A single-valued split filtered by a multi-valued dimension (a country, a program, …): each
 * designation is one row with one key, so one scan per kind gives exact counts per bin and key,
 * ranked and folded in JS like the rollup's — where the general path scans twice (ranking, counts).
 */
async function baseTimelineCells(q: DashboardQuery): Promise<TimelineData> {
  return foldedTimeline(q, async (kind) => {
    const s = timelineScope(q, kind);
    const rows = await prisma.$queryRaw<Array<{ bin: string; key: string; count: number }>>`
      SELECT to_char(start, ${s.binFormat}) AS bin, key, count FROM (
        SELECT ${s.binStart} AS start, ${s.rawKey} AS key, count(*)::int AS count
        FROM ${s.from}
        WHERE ${s.where}
        GROUP BY 1, 2) x`;
    return rows.map(({ bin, key, count }): AggregateCell => ({ bin, keys: [key], count }));
  });
}

/** Which series the chart draws (the drill-down lists the designations of one of them). */
export async function getSeriesRanking(viewer: Principal, q: DashboardQuery): Promise<SeriesRanking> {
  authorize(viewer, 'data:read');
  // Every rollup-answerable query is versioned: its ranking comes with the cached timeline.
  return isVersioned(q) ? (await getTimelineData(viewer, q)).ranking : baseSeriesRanking(q);
}

async function baseTimelineData(q: DashboardQuery): Promise<TimelineData> {
  // The one-scan path sums cells: right for designations, not for actions or entities spanning series.
  if (SINGLE_VALUED.has(q.split) && q.measure === 'designations') return baseTimelineCells(q);
  const ranking = await baseSeriesRanking(q);
  const [listed, lifted] = await Promise.all([baseTimelineRows(q, ranking, 'listed'), q.mode === 'net' ? baseTimelineRows(q, ranking, 'lifted') : Promise.resolve([])]);
  return { ranking, listed, lifted };
}

export type SeriesRow = { bin: string; series: string; count: number };

/**
 * New designations per bin and series of the query's split (its top values and "Other"), on the
 * chosen date basis: the overview's numbers in its "new" mode (the read API's /series).
 */
export async function getDesignationCounts(viewer: Principal, q: DashboardQuery, source: CountSource = 'auto'): Promise<SeriesRow[]> {
  authorize(viewer, 'data:read');
  const { listed } = await getTimelineData(viewer, { ...q, mode: 'new' }, source);
  return listed.filter((r): r is SeriesRow => r.series !== null);
}

/**
 * The read API's /series answer as its JSON body. When the rollup answers the query, the body is
 * serialised once per rollup version and reused: serialising ~70 kB of rows took a tenth of the
 * CPU of every request under load (npm run bench concurrency), though the rows were cached.
 */
export async function getDesignationCountsJson(viewer: Principal, q: DashboardQuery): Promise<string> {
  authorize(viewer, 'data:read');
  const compute = async () => JSON.stringify({ query: q, rows: await getDesignationCounts(viewer, q) });
  // Keyed by the whole query, not answerCacheKey: the body echoes every field of it.
  return isVersioned(q) ? cachedAtRollupVersion(JSON.stringify(['series-json', q]), compute) : compute();
}

export type Coverage = { total: number; placed: number; noDate: number; onOrBefore: number; tooImprecise: number; outOfRange: number; liftedTooImprecise: number };

/** Exact-date states (designation_date_count.date_state) precise enough for bins of this size. */
const PRECISE_ENOUGH: Record<'YEAR' | 'MONTH', string[]> = { YEAR: ['YEAR', 'MONTH', 'DAY'], MONTH: ['MONTH', 'DAY'] };
const TOO_IMPRECISE: Record<'YEAR' | 'MONTH', string[]> = { YEAR: [], MONTH: ['YEAR'] };

/**
 * What the chart does not show and why — so nothing is dropped silently: records without a date on
 * this basis, listed "on or before" the start of our history, or dated too coarsely for the bins.
 * From the rollups whenever one answers the series (date states: designation_date_count, or per
 * program or country set; what falls outside the range: the month rollups); both paths give the
 * same numbers (rollup.int.test.ts).
 */
export async function getCoverage(viewer: Principal, q: DashboardQuery, source: CountSource = 'auto'): Promise<Coverage> {
  authorize(viewer, 'data:read');
  const c = isFromRollup(q, source)
    ? await cachedAtRollupVersion(answerCacheKey('coverage-rollup', q), () => coverageFromRollup(q))
    : isVersioned(q)
      ? await cachedAtRollupVersion(answerCacheKey('coverage-base', q), () => coverageFromRows(q))
      : await coverageFromRows(q);
  return { ...c, placed: c.total - c.noDate - c.onOrBefore - c.tooImprecise - c.outOfRange };
}

type CoverageCounts = Omit<Coverage, 'placed'>;
const NO_COVERAGE: CoverageCounts = { total: 0, noDate: 0, onOrBefore: 0, tooImprecise: 0, outOfRange: 0, liftedTooImprecise: 0 };

async function coverageFromRows(q: DashboardQuery): Promise<CoverageCounts> {
  const { date, precision, exact, inexact } = dateColumns(q.basis, 'listed', q.ukcarry);
  const { from, to } = rangeOf(q);
  const minPrecision = MIN_PRECISION[q.granularity];
  const [row] = await prisma.$queryRaw<CoverageCounts[]>`
    SELECT count(*)::int AS total,
      count(*) FILTER (WHERE ${date} IS NULL)::int AS "noDate",
      count(*) FILTER (WHERE ${date} IS NOT NULL AND ${inexact})::int AS "onOrBefore",
      count(*) FILTER (WHERE ${date} IS NOT NULL AND ${exact} AND ${precision} < ${minPrecision}::"DatePrecision")::int AS "tooImprecise",
      count(*) FILTER (WHERE ${date} IS NOT NULL AND ${exact} AND ${precision} >= ${minPrecision}::"DatePrecision"
        AND ((${from}::date IS NOT NULL AND ${date} < ${from}::date) OR (${to}::date IS NOT NULL AND ${date} > ${to}::date)))::int AS "outOfRange",
      count(*) FILTER (WHERE d.end_date IS NOT NULL AND d.end_date_precision < ${minPrecision}::"DatePrecision")::int AS "liftedTooImprecise"
    FROM designation d JOIN entity e ON e.id = d.entity_id
    WHERE ${filterWhere(q)}`;
  return row ?? NO_COVERAGE;
}

/**
 * The date states (and what falls in the range) of the designations a rollup-answerable query counts.
 * Coverage depends on the filters only, not on the split: without a program (country) filter, a
 * query the program-set (country-set) rollup answers counts what designation_date_count holds for
 * its authorities. With one, the set rollups' rows whose set meets it.
 */
async function coverageFromRollup(q: DashboardQuery): Promise<CoverageCounts> {
  const rollup = rollupOf(q);
  const r = rollupScope(q, 'listed');
  const filters: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (q.authority.length) filters.push(Prisma.sql`c.authority_id IN (${Prisma.join(q.authority)})`);
  if (q.schema.length) filters.push(Prisma.sql`c.schema::text IN (${Prisma.join(q.schema)})`);
  let dates = Prisma.sql`designation_date_count`;
  let months = Prisma.sql`designation_month_count`;
  let inRangeWhere = r.where;
  if (rollup === 'program' || rollup === 'country') {
    const { isProgram, chosen, where } = await setFilter(q, rollup);
    if (chosen.size) {
      dates = isProgram ? Prisma.sql`designation_program_date_count` : Prisma.sql`designation_country_date_count`;
      months = isProgram ? Prisma.sql`designation_program_month_count` : Prisma.sql`designation_country_month_count`;
      filters.push(where(isProgram ? Prisma.sql`c.programs` : Prisma.sql`c.countries`));
      inRangeWhere = Prisma.sql`${r.where} AND ${where(isProgram ? Prisma.sql`r.programs` : Prisma.sql`r.countries`)}`;
    }
  }
  return coverageFromDateStates(q, dates, Prisma.join(filters, ' AND '), months, inRangeWhere);
}

// Outside the range = placeable (exact, precise enough) minus what the chart places, which is the
// month rollup's sum over the range: the range is whole months whenever the rollups answer.
async function coverageFromDateStates(q: DashboardQuery, dates: Prisma.Sql, where: Prisma.Sql, months: Prisma.Sql, inRangeWhere: Prisma.Sql): Promise<CoverageCounts> {
  const basis = q.basis === 'start' ? 'start' : 'listing';
  const min = MIN_PRECISION[q.granularity];
  const tooImprecise = TOO_IMPRECISE[min].length ? Prisma.sql`c.date_state IN (${Prisma.join(TOO_IMPRECISE[min])})` : Prisma.sql`FALSE`;
  const { from, to } = rangeOf(q);
  const [row] = await prisma.$queryRaw<Array<CoverageCounts & { placeable: number; inRange: number }>>`
    SELECT
      coalesce(sum(c.count) FILTER (WHERE c.basis = ${basis}), 0)::int AS total,
      coalesce(sum(c.count) FILTER (WHERE c.basis = ${basis} AND c.date_state = 'none'), 0)::int AS "noDate",
      coalesce(sum(c.count) FILTER (WHERE c.basis = ${basis} AND c.date_state = 'on_or_before'), 0)::int AS "onOrBefore",
      coalesce(sum(c.count) FILTER (WHERE c.basis = ${basis} AND ${tooImprecise}), 0)::int AS "tooImprecise",
      coalesce(sum(c.count) FILTER (WHERE c.basis = ${basis} AND c.date_state IN (${Prisma.join(PRECISE_ENOUGH[min])})), 0)::int AS placeable,
      coalesce(sum(c.count) FILTER (WHERE c.basis = 'end' AND ${tooImprecise}), 0)::int AS "liftedTooImprecise",
      CASE WHEN ${from}::date IS NULL AND ${to}::date IS NULL THEN 0
        ELSE (SELECT coalesce(sum(r.count), 0)::int FROM ${months} r WHERE ${inRangeWhere}) END AS "inRange"
    FROM ${dates} c
    WHERE ${where}`;
  if (!row) return NO_COVERAGE;
  const { placeable, inRange, ...counts } = row;
  return { ...counts, outOfRange: from || to ? placeable - inRange : 0 };
}

export type Kpis = {
  entities: number;
  designations: number;
  activeDesignations: number;
  liftedDesignations: number;
  /** Sanctions actions publishing these designations (ADR 0015); listings in no action are not among them. */
  actions: number;
  byAuthority: Array<{ authorityId: string; name: string; total: number; active: number }>;
  /** What they count (lib/charts/kpis.ts): everything held, or exactly the designations the chart counts. */
  scope: KpiScope;
};

export type UkCarryover = { total: number; withEarlier: number };

/**
 * The UK's carried-over listings (UK_CARRY): how many there are, and how many of them the data holds
 * an earlier EU or UN listing of the same entity for — what the option "at the earlier listing" moves.
 */
export async function getUkCarryover(viewer: Principal): Promise<UkCarryover> {
  authorize(viewer, 'data:read');
  return cachedAtRollupVersion('uk-carryover', async () => {
    const [row] = await prisma.$queryRaw<UkCarryover[]>`
      SELECT count(*)::int AS total,
        count(*) FILTER (WHERE EXISTS (SELECT 1 FROM designation o WHERE o.entity_id = d.entity_id AND o.authority_id IN ('EU', 'UN')
          AND o.deleted_at IS NULL AND o.listing_date_qualifier = 'EXACT' AND o.listing_date < d.listing_date))::int AS "withEarlier"
      FROM designation d JOIN entity e ON e.id = d.entity_id
      WHERE d.deleted_at IS NULL AND e.deleted_at IS NULL AND ${Prisma.raw(CARRIED_OVER)}`;
    return row ?? { total: 0, withEarlier: 0 };
  });
}

/**
 * The headline counts, for the view's filters (issue 26: they follow the chart). Unfiltered (the
 * default view), the totals of everything held: designations per authority from
 * designation_date_count (every live designation has one row on the 'end' basis; 'none' there means
 * not lifted), not from the rows. Filtered, one scan of exactly the rows the chart counts (its
 * filters, range and date conditions: the designations equal the chart's total). Distinct entities
 * and actions are in no rollup, so a rollup could spare only part of that scan.
 */
export async function getKpis(viewer: Principal, q?: DashboardQuery): Promise<Kpis> {
  authorize(viewer, 'data:read');
  const scope = q ? kpiScope(q) : { isFiltered: false };
  if (!q || !scope.isFiltered) return allKpis(scope);
  // Cached at the rollup version like the chart's answers: the same reads, the same rule (isVersioned).
  const key = answerCacheKey('kpis', { ...q, split: 'authority', measure: 'designations', mode: 'new', top: 0 });
  return isVersioned(q) ? cachedAtRollupVersion(key, () => filteredKpis(q, scope)) : filteredKpis(q, scope);
}

async function allKpis(scope: KpiScope): Promise<Kpis> {
  const [entities, byAuthority, actions] = await Promise.all([
    prisma.entity.count({ where: { deletedAt: null, mergedIntoId: null } }),
    prisma.$queryRaw<Array<{ authorityId: string; name: string; total: number; active: number }>>`
      SELECT a.id AS "authorityId", a.short_name AS name,
        sum(c.count)::int AS total,
        coalesce(sum(c.count) FILTER (WHERE c.date_state = 'none'), 0)::int AS active
      FROM authority a
      JOIN designation_date_count c ON c.authority_id = a.id AND c.basis = 'end'
      WHERE a.deleted_at IS NULL
      GROUP BY a.id, a.short_name
      HAVING sum(c.count) > 0
      ORDER BY total DESC, a.id`,
    // Actions with a live designation: one index probe per action (designation_action_id_idx), not a
    // distinct count over every designation. Designations' actions set a new version when they change.
    cachedAtRollupVersion('kpi-actions', async () => {
      const [row] = await prisma.$queryRaw<Array<{ actions: number }>>`
        SELECT count(*)::int AS actions FROM sanctions_action a
        WHERE EXISTS (SELECT 1 FROM designation d JOIN entity e ON e.id = d.entity_id
          WHERE d.action_id = a.id AND d.deleted_at IS NULL AND e.deleted_at IS NULL)`;
      return row?.actions ?? 0;
    }),
  ]);
  const designations = byAuthority.reduce((n, a) => n + a.total, 0);
  const activeDesignations = byAuthority.reduce((n, a) => n + a.active, 0);
  return { entities, designations, activeDesignations, liftedDesignations: designations - activeDesignations, actions, byAuthority, scope };
}

async function filteredKpis(q: DashboardQuery, scope: KpiScope): Promise<Kpis> {
  // The chart's own conditions (counting designations, listed), without its split join: a designation is one row here.
  const { where } = timelineScope({ ...q, measure: 'designations' }, 'listed');
  // NOTE: three aggregates side by side rather than count(DISTINCT) in one: at 1M designations the
  // distinct entities cost 1.2–1.5 s as a hash of the rows, 0.3 s as a semi-join from the entities
  // (`where` reads the outer e); the actions likewise, from sanctions_action.
  const [rows, [entities], [actions]] = await Promise.all([
    prisma.$queryRaw<Array<{ authorityId: string; name: string | null; total: number; active: number }>>`
      SELECT d.authority_id AS "authorityId", (SELECT a.short_name FROM authority a WHERE a.id = d.authority_id) AS name,
        count(*)::int AS total, count(*) FILTER (WHERE d.end_date IS NULL)::int AS active
      FROM designation d JOIN entity e ON e.id = d.entity_id
      WHERE ${where}
      GROUP BY d.authority_id`,
    prisma.$queryRaw<Array<{ count: number }>>`
      SELECT count(*)::int AS count FROM entity e
      WHERE e.deleted_at IS NULL AND EXISTS (SELECT 1 FROM designation d WHERE d.entity_id = e.id AND ${where})`,
    prisma.$queryRaw<Array<{ count: number }>>`
      SELECT count(*)::int AS count FROM sanctions_action a
      WHERE EXISTS (SELECT 1 FROM designation d JOIN entity e ON e.id = d.entity_id WHERE d.action_id = a.id AND ${where})`,
  ]);
  const byAuthority = rows
    .map((r) => ({ authorityId: r.authorityId, name: r.name ?? r.authorityId, total: r.total, active: r.active }))
    .sort((a, b) => b.total - a.total || (a.authorityId < b.authorityId ? -1 : 1));
  const designations = byAuthority.reduce((n, a) => n + a.total, 0);
  const activeDesignations = byAuthority.reduce((n, a) => n + a.active, 0);
  return { entities: entities?.count ?? 0, designations, activeDesignations, liftedDesignations: designations - activeDesignations, actions: actions?.count ?? 0, byAuthority, scope };
}

export type FilterOptions = {
  /** label: programLabel (lib/programs/registry.ts) — what filters and legends show; key and code stay in URLs. */
  programs: Array<{ key: string; authorityId: string; code: string; title: string | null; legalBasis: string | null; label: string; count: number }>;
  weapons: Array<{ slug: string; name: string }>;
  countries: Array<{ code: string; count: number }>;
  /** Live cases (issue 26); read apart from the cached options: a case's edits set no rollup version. */
  cases: Array<{ slug: string; title: string }>;
};

/**
 * The values the filters offer: programs and countries that have live designations, each with the
 * number of them (what the chart counts for that filter over all time), and weapons programs.
 * Counted from the set date-state rollups on the 'end' basis, where every live designation has
 * exactly one row: after a write, the rows' aggregate took 1.2 s at 1M designations, on every page.
 */
export async function getFilterOptions(viewer: Principal): Promise<FilterOptions> {
  authorize(viewer, 'data:read');
  // Every table read here sets a new rollup version when it changes (migration 20261203121327).
  const [options, cases] = await Promise.all([
    cachedAtRollupVersion('filter-options', computeFilterOptions),
    prisma.sanctionsCase.findMany({ where: { deletedAt: null }, orderBy: { title: 'asc' }, select: { slug: true, title: true } }),
  ]);
  return { ...options, cases };
}

async function computeFilterOptions(): Promise<Omit<FilterOptions, 'cases'>> {
  const [programRows, weapons, countries] = await Promise.all([
    prisma.$queryRaw<Array<Omit<FilterOptions['programs'][number], 'label'>>>`
      SELECT ${PROGRAM_KEY} AS key, sp.authority_id AS "authorityId", sp.code, sp.title, sp.legal_basis AS "legalBasis", x.count
      FROM (
        SELECT p.id, sum(c.count)::int AS count
        FROM designation_program_date_count c CROSS JOIN LATERAL unnest(string_to_array(c.programs, E'\\x1f')) AS p(id)
        WHERE c.basis = 'end'
        GROUP BY 1
        HAVING sum(c.count) > 0) x
      JOIN sanctions_program sp ON sp.id = x.id
      WHERE sp.deleted_at IS NULL
      ORDER BY sp.authority_id, sp.code`,
    prisma.weaponsProgram.findMany({ where: { deletedAt: null }, orderBy: { name: 'asc' }, select: { slug: true, name: true } }),
    prisma.$queryRaw<FilterOptions['countries']>`
      SELECT x.code, sum(c.count)::int AS count
      FROM designation_country_date_count c CROSS JOIN LATERAL unnest(string_to_array(c.countries, E'\\x1f')) AS x(code)
      WHERE c.basis = 'end'
      GROUP BY 1
      HAVING sum(c.count) > 0
      ORDER BY 1`,
  ]);
  const programs = programRows.map((p) => ({ ...p, label: programLabel(p) }));
  return { programs, weapons, countries };
}
