// Shapes the overview's SQL aggregates into what the chart draws (pure; unit-tested).
import { binKey, binRange } from './binning';
import { seriesColor } from './colors';
import { placeMilestones, type MilestoneInput, type PlacedMilestone } from './milestones';
import { buildPoints, cumulatePoints, type AggregateRow, type TimelinePoint } from './series';
import { endOfPartialDate, formatPartialDate, parsePartialDate } from '../dates';
import { NONE_KEY, OTHER_KEY, type DashboardQuery, type Split } from '../validation/dashboard';


/** What the overview counts, in words (MEASURES). */
export const MEASURE_NOUN: Record<DashboardQuery['measure'], string> = { designations: 'designations', actions: 'sanctions actions', entities: 'entities designated' };

/** What the subtitle says of the UK's carried-over listings (UK_CARRY), so exports state it too. */
const UK_CARRY_NOTE: Record<DashboardQuery['ukcarry'], string> = {
  listed: '',
  earlier: "; UK listings carried over on 31 Dec 2020 at the entity's earlier EU or UN listing",
  exclude: '; without the UK listings carried over on 31 Dec 2020',
};
export type TimelineSeries = { key: string; label: string; color: string };

export type Timeline = {
  title: string;
  subtitle: string;
  bins: string[];
  points: TimelinePoint[];
  series: TimelineSeries[];
  milestones: PlacedMilestone[];
  /** Designations counted in the range (listings; plus liftings in net mode). */
  total: number;
  /** A designation can hold several values of this dimension (series then overlap). */
  isMultiValued: boolean;
};

export type SeriesLookups = {
  authorities: Array<{ id: string; shortName: string }>;
  programs: Array<{ key: string; code: string; authorityId: string; label: string }>;
  weapons: Array<{ slug: string; name: string }>;
  cases: Array<{ slug: string; title: string }>;
};

export const SPLIT_LABELS: Record<Split, string> = {
  authority: 'authority',
  program: 'sanctions program',
  case: 'case',
  weapon: 'weapons program',
  role: 'role in a weapons program',
  schema: 'entity type',
  country: 'country of the entity',
};

const NONE_LABELS: Record<Split, string> = {
  authority: 'No authority',
  program: 'No program recorded',
  case: 'In no case',
  weapon: 'Not linked to a weapons program',
  role: 'No role recorded',
  schema: 'No type',
  country: 'No country recorded',
};

const MULTI_VALUED: ReadonlySet<Split> = new Set(['program', 'case', 'weapon', 'role', 'country']);

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

export function countryLabel(code: string): string {
  try {
    const name = regionNames.of(code.toUpperCase());
    return name && name.toUpperCase() !== code.toUpperCase() ? `${name} (${code.toUpperCase()})` : code.toUpperCase();
  } catch {
    // FtM uses a few codes that are not ISO regions (e.g. "suhh", the Soviet Union).
    return code.toUpperCase();
  }
}

export function roleLabel(role: string): string {
  const text = role.toLowerCase().replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The label of a series key for people. */
export function seriesLabel(split: Split, key: string, lookups: SeriesLookups): string {
  if (key === OTHER_KEY) return 'Other';
  if (key === NONE_KEY) return NONE_LABELS[split];
  switch (split) {
    case 'authority':
      return lookups.authorities.find((a) => a.id === key)?.shortName ?? key;
    case 'program': {
      const p = lookups.programs.find((x) => x.key === key);
      return p ? p.label : key;
    }
    case 'case':
      return lookups.cases.find((c) => c.slug === key)?.title ?? key;
    case 'weapon':
      return lookups.weapons.find((w) => w.slug === key)?.name ?? key;
    case 'role':
      return roleLabel(key);
    case 'schema':
      return key;
    case 'country':
      return countryLabel(key);
  }
}

const OTHER_COLOR = '#8a8f96';
const NONE_COLOR = '#c3c7cc';

export function buildTimeline(input: {
  query: DashboardQuery;
  ranking: { keys: string[]; hasOther: boolean };
  listed: AggregateRow[];
  lifted: AggregateRow[];
  milestones: MilestoneInput[];
  lookups: SeriesLookups;
  today: Date;
}): Timeline {
  const { query } = input;
  const from = parsePartialDate(query.from);
  const to = query.to ? parsePartialDate(query.to) : null;
  // NOTE: up to the range's last day ("to=2023" is all of 2023, as the SQL counts it: rangeOf), not its first.
  const last = to ? endOfPartialDate(to.date, to.precision) : input.today;
  const bins = binRange(binKey(from?.date ?? input.today, query.granularity), binKey(last, query.granularity), query.granularity);
  const keys = [...input.ranking.keys, ...(input.ranking.hasOther ? [OTHER_KEY] : [])];
  const series = keys.map((key, i) => ({
    key,
    label: seriesLabel(query.split, key, input.lookups),
    color: key === OTHER_KEY ? OTHER_COLOR : key === NONE_KEY ? NONE_COLOR : query.split === 'authority' ? seriesColor(key, i) : seriesColor(`${query.split}:${key}`, i),
  }));
  const perBin = buildPoints(bins, keys, input.listed, input.lifted);
  const points = query.mode === 'cumulative' ? cumulatePoints(perBin) : perBin;
  const total = perBin.reduce((n, p) => n + p.total + (query.mode === 'net' ? p.liftedTotal : 0), 0);

  const filters = [
    query.authority.length ? input.lookups.authorities.filter((a) => query.authority.includes(a.id)).map((a) => a.shortName).join(', ') : 'all authorities',
    ...(query.program.length ? [`programs ${query.program.map((k) => seriesLabel('program', k, input.lookups)).join(', ')}`] : []),
    // Say exactly what is counted (issue 26): a case's actions, or the entities recorded as a weapons
    // program's participants — two different things an analyst must not mistake for each other.
    ...(query.case.length ? [`the ${query.case.map((k) => `“${seriesLabel('case', k, input.lookups)}”`).join(' or ')} case${query.case.length > 1 ? 's' : ''} (the listings its curated actions name)`] : []),
    ...(query.weapon.length ? [`entities recorded as ${query.weapon.map((k) => seriesLabel('weapon', k, input.lookups)).join(' or ')} participants`] : []),
    ...(query.role.length ? [`roles ${query.role.map(roleLabel).join(', ').toLowerCase()}`] : []),
    ...(query.schema.length ? [query.schema.join(', ')] : []),
    ...(query.country.length ? [query.country.map(countryLabel).join(', ')] : []),
    ...(query.q ? [`names matching “${query.q}”`] : []),
  ];
  const range = `${formatPartialDate(from?.date, from?.precision)} – ${to ? formatPartialDate(to.date, to.precision) : 'today'}`;
  const noun = MEASURE_NOUN[query.measure];
  const what =
    query.mode === 'cumulative'
      ? `Cumulative ${noun} per ${query.granularity}`
      : query.mode === 'net'
        ? `Designations listed and lifted per ${query.granularity}`
        : `${query.measure === 'designations' ? 'New designations' : noun[0]!.toUpperCase() + noun.slice(1)} per ${query.granularity}`;
  const hidden = new Set<string>(query.mhide);
  return {
    title: `${what}, by ${SPLIT_LABELS[query.split]}`,
    subtitle: `${filters.join('; ')}; ${range}; counted by ${query.basis === 'start' ? 'date in force' : 'listing date'}${query.mode === 'net' ? ' (lifted: by end date)' : ''}${query.mode === 'cumulative' ? `, running total from ${formatPartialDate(from?.date, from?.precision)}` : ''}${UK_CARRY_NOTE[query.ukcarry]}`,
    bins,
    points,
    series,
    milestones: placeMilestones(
      input.milestones.filter((m) => !hidden.has(m.category)),
      query.granularity,
      bins,
    ),
    total,
    isMultiValued: MULTI_VALUED.has(query.split),
  };
}
