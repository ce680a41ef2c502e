// The one shape every exported chart takes: bins × series (in one or more stacked layers, drawn
// above or below zero) plus the milestones shown, with the title, the filters and the source.
// Each chart's shaping ends here, so the page, the CSV/JSON/SVG files and the PNG draw the same
// numbers (docs/adr/0010-chart-export.md). Pure and unit-tested.
import { binLabel, pivotSeries, binRange, type Granularity, type SeriesPoint } from './binning';
import { seriesColor } from './colors';
import { lagHistogram, LAG_BUCKETS, type LagSample } from './lag';
import type { PlacedMilestone } from './milestones';
import type { Timeline, TimelineSeries } from './timeline';
import { buildEntityTimeline, type TimelineDesignation } from './entity-timeline';
import { summarizeWindows, windowCoverage, type Range, type WindowCountRow, type WindowSummary } from './windows';
import { formatPartialDate, type DatePrecision } from '../dates';
import type { DashboardQuery, Measure, Mode } from '../validation/dashboard';

export type ChartBin = { key: string; label: string };

/** One stacked layer of values, per bin (same order as `bins`) and series key; `sign: -1` is drawn below zero. */
/** `dataOnly`: in the CSV and JSON, not drawn (p-values and interval bounds beside the drawn counts). */
export type ChartLayer = { kind: string; label: string; sign: 1 | -1; values: Array<Record<string, number>>; dataOnly?: boolean };

/** A milestone as shown: by its stable code; placed on the bins (a line, or a band for periods and coarse dates) or only listed. */
export type ChartMilestone = {
  /** The milestone's stored code ("M07"), or the codes of merged milestones joined by '+': never a position in this chart. */
  code: string;
  slug: string;
  title: string;
  /** For people, as precise as known: '15 Nov 2022', 'Nov 2022 – Mar 2023'. */
  dateLabel: string;
  category: string;
  sourceUrl: string;
  placement: { kind: 'line'; bin: string } | { kind: 'band'; fromBin: string; toBin: string } | null;
};

/** One bar from listing to lifting (the entity page's timeline); `to` null: still listed. */
export type ChartRange = { key: string; label: string; series: string; from: string; to: string | null; onOrBefore: boolean; sourceUrl: string | null };

export type ChartData = {
  /** The registry name (`/api/export/<chart>.svg`). */
  chart: string;
  title: string;
  /** The active filters and the date basis, in words. */
  subtitle: string;
  /** "Sources: …" without the generation time (added when a file is made). */
  source: string;
  xLabel: string;
  yLabel: string;
  /** 'ranges': one listed → lifted bar per entry of `ranges` on a time axis (no bins). */
  style: 'bars' | 'lines' | 'ranges';
  bins: ChartBin[];
  series: TimelineSeries[];
  layers: ChartLayer[];
  milestones: ChartMilestone[];
  /** A total drawn as a line over the bars, one value per bin (net mode: listed − lifted). */
  net?: { label: string; values: number[] };
  ranges?: ChartRange[];
};

/** The lists the app ships, named as a sources line names them. */
const LIST_SOURCES: ReadonlyArray<readonly [authorityId: string, words: string]> = [
  ['US-OFAC', 'OFAC SDN list editions 2021–2024'],
  ['EU', 'EU Official Journal annexes'],
  ['UK', 'UK Sanctions List'],
  ['UN', 'UN Security Council consolidated list'],
];

/** "Sources: …" naming every list a chart draws (its authorities), then the milestones' sources. */
export function overviewSource(drawn: readonly string[] = LIST_SOURCES.map(([id]) => id)): string {
  const lists = LIST_SOURCES.filter(([id]) => drawn.includes(id)).map(([, words]) => words);
  const others = drawn.filter((id) => !LIST_SOURCES.some(([x]) => x === id));
  if (others.length) lists.push(`the lists of ${others.join(', ')} as imported`);
  return `Sources: ${[...lists, 'milestones per Gulf International Forum (2023) and official sources'].join('; ')}`;
}

export const OVERVIEW_SOURCE = overviewSource();
export const DB_SOURCE = 'Sources: designations in this database (OFAC SDN history, EU, UK and UN lists)';

export const MODE_Y_LABEL: Record<Mode, string> = { new: 'Designations', cumulative: 'Designations (running total)', net: 'Listed (up) and lifted (down)' };
const MEASURE_Y_LABEL: Record<Measure, string> = { designations: 'Designations', actions: 'Sanctions actions', entities: 'Entities designated' };

/** The y axis of the overview for a mode and measure. */
export function overviewYLabel(mode: Mode, measure: Measure = 'designations'): string {
  if (measure === 'designations' || mode === 'net') return MODE_Y_LABEL[mode];
  return mode === 'cumulative' ? `${MEASURE_Y_LABEL[measure]} (running total)` : MEASURE_Y_LABEL[measure];
}

function milestoneDate(m: { date: string; datePrecision: DatePrecision; endDate: string | null; endDatePrecision: DatePrecision | null }): string {
  return formatPartialDate(m.date, m.datePrecision) + (m.endDate ? ` – ${formatPartialDate(m.endDate, m.endDatePrecision ?? 'DAY')}` : '');
}

export function toChartMilestones(placed: PlacedMilestone[]): ChartMilestone[] {
  return placed.map((m) => ({
    code: m.code,
    slug: m.slug,
    title: m.title,
    dateLabel: milestoneDate(m),
    category: m.category,
    sourceUrl: m.sourceUrl,
    placement: m.kind === 'line' ? { kind: 'line', bin: m.bin } : { kind: 'band', fromBin: m.fromBin, toBin: m.toBin },
  }));
}

/** The overview (lib/charts/timeline.ts) as a chart: listed bars (lines when cumulative), lifted below zero in net mode. */
export function overviewChart(t: Timeline, query: Pick<DashboardQuery, 'granularity' | 'mode' | 'basis'> & { measure?: Measure }, drawn?: readonly string[]): ChartData {
  const g: Granularity = query.granularity;
  const layers: ChartLayer[] = [{ kind: 'designations', label: query.mode === 'net' ? 'Listed' : overviewYLabel('new', query.measure), sign: 1, values: t.points.map((p) => ({ ...p.values })) }];
  if (query.mode === 'net') layers.push({ kind: 'lifted', label: 'Lifted', sign: -1, values: t.points.map((p) => ({ ...p.lifted })) });
  return {
    chart: 'overview',
    title: t.title,
    subtitle: t.subtitle,
    source: overviewSource(drawn),
    xLabel: `${query.basis === 'start' ? 'Date in force' : 'Listing date'}, per ${g}`,
    yLabel: overviewYLabel(query.mode, query.measure),
    style: query.mode === 'cumulative' ? 'lines' : 'bars',
    bins: t.bins.map((b) => ({ key: b, label: binLabel(b, g) })),
    series: t.series,
    layers,
    milestones: toChartMilestones(t.milestones),
    ...(query.mode === 'net' ? { net: { label: 'Net (listed − lifted)', values: t.points.map((p) => p.net) } } : {}),
  };
}

export type EntityChartInput = {
  entity: { id: string; name: string };
  designations: Array<TimelineDesignation & { sourceUrl: string | null }>;
  /** YYYY-MM-DD: where designations still in force end. */
  today: string;
};

/** One entity's designations, listed → lifted, one bar per designation coloured by authority (the entity page's timeline). */
export function entityTimelineChart(input: EntityChartInput): ChartData {
  const { rows, undated } = buildEntityTimeline(input.designations, input.today);
  const byId = new Map(input.designations.map((d) => [d.id, d]));
  const authorities = [...new Map(rows.map((r) => [r.authorityId, byId.get(r.id)!.authorityLabel])).entries()];
  return {
    chart: 'entity',
    title: `Designations of ${input.entity.name}`,
    subtitle: `Listed → lifted, per authority and program, by listing date; bars still running reach ${input.today}, lifted ones are lighter.${undated ? ` Not shown: ${undated} without a listing date.` : ''}`,
    source: `${DB_SOURCE}; each designation's own source is in the CSV`,
    xLabel: 'Date',
    yLabel: 'Designation',
    style: 'ranges',
    bins: [],
    series: authorities.map(([key, label], i) => ({ key, label, color: seriesColor(key, i) })),
    layers: [],
    milestones: [],
    ranges: rows.map((r) => {
      const d = byId.get(r.id)!;
      return { key: r.id, label: r.label, series: r.authorityId, from: d.listingDate!, to: d.endDate, onOrBefore: r.isOnOrBefore, sourceUrl: d.sourceUrl };
    }),
  };
}

/** One row per bin with a key per series (recharts' shape), from a layer of a chart. */
export function chartRows(c: ChartData, layer = 0): SeriesPoint[] {
  const values = c.layers[layer]?.values ?? [];
  return c.bins.map((b, i) => ({ bin: b.key, label: b.label, ...values[i] }));
}

export type ProgramQuarterInput = {
  program: { slug: string; name: string };
  quarters: Array<{ bin: string; authority: string; count: number }>;
  unplaced: number;
  /** Participants' first listings per authority (the page's matrix): their authorities are columns too. */
  matrix: Array<{ authority: string }>;
  /** Authorities with designations in the database. */
  designating: Array<{ id: string; shortName: string }>;
};

/** The authorities a program page shows as columns (every designating one, plus any that listed a participant), and their names. */
export function programAuthorities(input: Pick<ProgramQuarterInput, 'matrix' | 'designating'>): { ids: string[]; labels: Record<string, string> } {
  return {
    ids: [...new Set([...input.designating.map((a) => a.id), ...input.matrix.map((m) => m.authority)])].sort(),
    labels: Object.fromEntries(input.designating.map((a) => [a.id, a.shortName])),
  };
}

/** A weapons program's participants: designations per quarter, stacked by authority. */
export function programQuarterChart(input: ProgramQuarterInput): ChartData {
  const { quarters } = input;
  const { ids, labels } = programAuthorities(input);
  const series = ids.filter((a) => quarters.some((q) => q.authority === a)).map((a, i) => ({ key: a, label: labels[a] ?? a, color: seriesColor(a, i) }));
  const bins = quarters.length ? binRange(quarters.reduce((m, q) => (q.bin < m ? q.bin : m), quarters[0]!.bin), quarters.reduce((m, q) => (q.bin > m ? q.bin : m), quarters[0]!.bin), 'quarter') : [];
  const points = pivotSeries(quarters.map((q) => ({ bin: q.bin, series: q.authority, count: q.count })), series.map((s) => s.key), bins);
  return {
    chart: 'program',
    title: `Designations of ${input.program.name}’s participants per quarter`,
    subtitle: `Every designation of a participant, by listing date and authority.${input.unplaced ? ` Not shown: ${input.unplaced} listed on or before 18 Aug 2021 (before our OFAC history), without a date, or dated only to the year.` : ''}`,
    source: `${DB_SOURCE}; roles and supply links per the sources on the program page`,
    xLabel: 'Listing date, per quarter',
    yLabel: 'Designations',
    style: 'bars',
    bins: bins.map((b) => ({ key: b, label: binLabel(b, 'quarter') })),
    series,
    layers: [{ kind: 'designations', label: 'Designations', sign: 1, values: points.map((p) => Object.fromEntries(series.map((s) => [s.key, Number(p[s.key] ?? 0)]))) }],
    milestones: [],
  };
}

export type LagChartInput = {
  /** Authorities compared (ids) and their names. */
  authorities: string[];
  names: Record<string, string>;
  programName: string | null;
  /** The cohort in words (lib/analysis/cohort.ts#describeCohortTitle): said instead of the program when given. */
  cohort?: string;
  samples: LagSample[];
};

/** Cross-authority lag: entities per lag bucket, stacked by the authority that followed. */
export function lagChart(input: LagChartInput): ChartData {
  const followers = input.authorities.filter((a) => input.samples.some((s) => s.follower === a));
  const series = followers.map((a, i) => ({ key: a, label: input.names[a] ?? a, color: seriesColor(a, i) }));
  const rows = lagHistogram(input.samples, followers);
  return {
    chart: 'lag',
    title: 'How long the others took to follow',
    subtitle: `${input.cohort ?? (input.programName ? `Participants in ${input.programName}` : 'All entities')} listed by two or more of ${input.authorities.map((a) => input.names[a] ?? a).join(', ')}; follow-ups with exact dates, per lag bucket and following authority, by listing date. Same-day listings are ties (0 days), credited to neither authority.`,
    source: `${DB_SOURCE}; earliest listing per entity and authority`,
    xLabel: 'Days until the authority followed',
    yLabel: 'Entities',
    style: 'bars',
    bins: LAG_BUCKETS.map((b) => ({ key: b.key, label: b.label })),
    series,
    layers: [{ kind: 'entities', label: 'Entities', sign: 1, values: rows.map((r) => Object.fromEntries(followers.map((f) => [f, Number(r[f] ?? 0)]))) }],
    milestones: [],
  };
}

export type WindowsChartInput = {
  days: number;
  authorities: Array<{ id: string; shortName: string }>;
  milestones: Array<{ id: string; slug: string; code: string; title: string; category: string; sourceUrl: string; date: string; datePrecision: DatePrecision; endDate: string | null; endDatePrecision: DatePrecision | null; bounds: { before: Range; during: Range; after: Range } }>;
  rows: WindowCountRow[];
  dataStart: Record<string, string>;
};

/**
 * Milestone windows: per milestone, designations in the N days before (below zero) and after it,
 * stacked by authority. A milestone whose windows no authority's data reaches is left out of the
 * chart (its zeros would be gaps in the data); `summaries` keeps every milestone for the table.
 */
export function windowsChart(input: WindowsChartInput): ChartData & { summaries: WindowSummary[]; chartedIndexes: number[] } {
  const ids = input.authorities.map((a) => a.id);
  const summaries = summarizeWindows(input.rows, input.milestones.map((m) => m.id), ids);
  const reaches = (r: Range) => ids.some((a) => windowCoverage(r, input.dataStart[a]) !== 'none');
  const chartedIndexes = input.milestones.map((m, i) => ({ m, i })).filter(({ m }) => reaches(m.bounds.before) || reaches(m.bounds.after)).map(({ i }) => i);
  const charted = chartedIndexes.map((i) => ({ m: input.milestones[i]!, s: summaries[i]! }));
  const pick = (s: WindowSummary, k: 'before' | 'after') => Object.fromEntries(ids.map((a) => [a, s[k][a] ?? 0]));
  return {
    chart: 'milestone-windows',
    title: `Designations ${input.days} days before vs after each milestone`,
    subtitle: `${input.authorities.map((a) => a.shortName).join(', ')}; by listing date, dated to the day only; below zero: the ${input.days} days before the milestone, above: the ${input.days} days after it.`,
    source: `${DB_SOURCE}; milestones with their own sources`,
    xLabel: 'Milestone (by its code, as listed below)',
    yLabel: `↓ before · designations · after ↑`,
    style: 'bars',
    bins: charted.map(({ m }) => ({ key: m.slug, label: m.code })),
    series: input.authorities.map((a, i) => ({ key: a.id, label: a.shortName, color: seriesColor(a.id, i) })),
    layers: [
      { kind: 'before', label: 'Before', sign: -1, values: charted.map(({ s }) => pick(s, 'before')) },
      { kind: 'after', label: 'After', sign: 1, values: charted.map(({ s }) => pick(s, 'after')) },
    ],
    milestones: charted.map(({ m }) => ({ code: m.code, slug: m.slug, title: m.title, dateLabel: milestoneDate(m), category: m.category, sourceUrl: m.sourceUrl, placement: null })),
    summaries,
    chartedIndexes,
  };
}

type StudyMilestoneLike = { slug: string; code: string; title: string; date: string; precision: DatePrecision; category: string; sourceUrl: string };
type StudyOk = { status: 'ok'; before: number; after: number; expected: number; excess: number; p: number; interval: [number, number] };
export type EventStudyChartInput = {
  measure: 'designations' | 'actions';
  window: number;
  baseline: 'trend' | 'mean';
  authorities: Array<{ id: string; shortName: string }>;
  rows: Array<{ eventId: string; milestones: StudyMilestoneLike[]; authorityId: string; result: StudyOk | { status: 'insufficient-data' }; adjustedP: number | null }>;
};

/**
 * The event study (issue 25) as a chart: per milestone (or merged group) with a result, per authority,
 * the count observed after it (up) against the count its own trend predicted (down); excess, its
 * interval and the p-values travel in the CSV and JSON as data-only layers.
 */
export function eventStudyChart(input: EventStudyChartInput): ChartData {
  const events = [...new Map(input.rows.filter((r) => r.result.status === 'ok').map((r) => [r.eventId, r.milestones] as const))];
  const cell = (eventId: string, pick: (r: StudyOk, adjusted: number | null) => number) =>
    Object.fromEntries(input.rows.filter((r) => r.eventId === eventId && r.result.status === 'ok').map((r) => [r.authorityId, pick(r.result as StudyOk, r.adjustedP)]));
  const layer = (kind: string, label: string, sign: 1 | -1, pick: (r: StudyOk, adjusted: number | null) => number, dataOnly = false): ChartLayer => ({
    kind, label, sign, values: events.map(([id]) => cell(id, pick)), ...(dataOnly ? { dataOnly } : {}),
  });
  const unit = input.measure === 'actions' ? 'sanctions actions' : 'designations';
  return {
    chart: 'event-study',
    title: `${unit[0]!.toUpperCase()}${unit.slice(1)} in the ${input.window} days after each milestone vs the authority's own ${input.baseline === 'trend' ? 'trend' : 'average'}`,
    subtitle: `${input.authorities.map((a) => a.shortName).join(', ')}; exact listing days only; up: observed after the milestone, down: expected from the ${input.baseline === 'trend' ? 'trend' : 'mean'} fitted before it; significance against placebo dates (see the page).`,
    source: `${DB_SOURCE}; milestones with their own sources`,
    xLabel: 'Milestone (by its code, as listed below)',
    yLabel: `↓ expected · ${unit} · observed ↑`,
    style: 'bars',
    bins: events.map(([id, ms]) => ({ key: id, label: ms.map((m) => m.code).join('+') })),
    series: input.authorities.map((a, i) => ({ key: a.id, label: a.shortName, color: seriesColor(a.id, i) })),
    layers: [
      layer('observed', 'Observed after', 1, (r) => r.after),
      layer('expected', 'Expected from the baseline', -1, (r) => r.expected),
      layer('before', 'Observed before', 1, (r) => r.before, true),
      layer('excess', 'Excess (observed − expected)', 1, (r) => r.excess, true),
      layer('interval_low', 'Excess, interval low', 1, (r) => r.interval[0], true),
      layer('interval_high', 'Excess, interval high', 1, (r) => r.interval[1], true),
      layer('p', 'p (two-sided, placebo dates)', 1, (r) => r.p, true),
      layer('p_adjusted', 'p adjusted (Benjamini–Hochberg)', 1, (_r, adjusted) => adjusted ?? 1, true),
    ],
    milestones: events.map(([id, ms]) => ({
      code: ms.map((m) => m.code).join('+'),
      slug: id,
      title: ms.map((m) => m.title).join(' + '),
      dateLabel: ms.map((m) => formatPartialDate(m.date, m.precision)).join(' + '),
      category: ms[0]!.category,
      sourceUrl: ms[0]!.sourceUrl,
      placement: null,
    })),
  };
}
