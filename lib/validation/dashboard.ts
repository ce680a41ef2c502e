// The overview's state, all of it in the URL: this schema parses it (page and API alike).
// A bad parameter never crashes the page: parseDashboardQuery drops it, falls back to the default
// and says what it ignored, so a mistyped or stale link still shows a chart.
import { z } from 'zod';
import { GRANULARITIES } from '../charts/binning';
import { parsePartialDate } from '../dates';
import { withoutControlCharacters } from './search-params';

export const DATE_BASES = ['listing', 'start'] as const;
export type DateBasis = (typeof DATE_BASES)[number];

/**
 * The UK's listings dated 31 Dec 2020: the EU-era listings it carried into its own regimes at the end
 * of the Brexit transition (issue 23). `listed`: at that date, as the UK list states; `earlier`: at
 * the same entity's earlier EU or UN listing, where the data holds one; `exclude`: left out.
 */
export const UK_CARRY = ['listed', 'earlier', 'exclude'] as const;
export type UkCarry = (typeof UK_CARRY)[number];
/** The day the UK's sanctions regimes replaced the EU's (the carried-over listings' date). */
export const UK_TRANSITION_DAY = '2020-12-31';

/**
 * What the overview counts (issue 25): designations; sanctions actions (publications: an OFAC press
 * release, an EU implementing regulation, a UK notice — ADR 0015); or distinct entities designated.
 */
export const MEASURES = ['designations', 'actions', 'entities'] as const;
export type Measure = (typeof MEASURES)[number];

export const MODES = ['new', 'cumulative', 'net'] as const;
export type Mode = (typeof MODES)[number];

/** The dimensions a timeline can be split by. */
export const SPLITS = ['authority', 'program', 'case', 'weapon', 'role', 'schema', 'country'] as const;
export type Split = (typeof SPLITS)[number];

export const ENTITY_SCHEMAS = ['Person', 'Organization', 'Company', 'LegalEntity', 'Vessel', 'Airplane'] as const;
export const PARTICIPANT_ROLES = ['DEVELOPER', 'MANUFACTURER', 'PROCUREMENT_AGENT', 'COMPONENT_SUPPLIER', 'LOGISTICS', 'FINANCIER', 'OPERATOR'] as const;
export const MILESTONE_CATEGORIES = ['DIPLOMATIC', 'NUCLEAR', 'MILITARY', 'SANCTIONS', 'DOMESTIC', 'POLITICAL'] as const;
export type MilestoneCategory = (typeof MILESTONE_CATEGORIES)[number];

/** Which designations a drill-down lists: those listed in the bin, or those lifted in it (net mode). */
export const DRILL_KINDS = ['listed', 'delisted'] as const;

/** Series keys that are not values of the dimension. */
export const OTHER_KEY = '__other__';
export const NONE_KEY = '__none__';

export const DEFAULT_FROM = '2015-01';
export const DEFAULT_TOP = 8;
export const DRILL_PAGE_SIZE = 50;

const many = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => [...new Set((v === undefined ? [] : Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean))])
    .pipe(z.array(item).max(50, 'Choose at most 50 values.'));

const PARTIAL_DATE_MESSAGE = 'Use YYYY, YYYY-MM or YYYY-MM-DD (a real calendar date between 1900 and 2100).';
const partialDate = z
  .string()
  .trim()
  .optional()
  .refine(
    (v) => {
      if (!v) return true;
      const d = parsePartialDate(v);
      return d !== null && d.date.getUTCFullYear() >= 1900 && d.date.getUTCFullYear() <= 2100;
    },
    { message: PARTIAL_DATE_MESSAGE },
  );

// A program is named by its authority and code ("US-OFAC:NPWMD"): codes alone repeat across lists.
const programKey = z.string().regex(/^[A-Z0-9-]{2,16}:.{1,80}$/, 'A sanctions program is written AUTHORITY:CODE, e.g. US-OFAC:NPWMD.');
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,80}$/, 'A weapons program is named by its slug, e.g. shahed-136.');
const caseSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,80}$/, 'A case is named by its slug, e.g. iran-drones.');
const country = z
  .string()
  .regex(/^[A-Za-z][A-Za-z-]{1,9}$/, 'A country is an ISO code, e.g. ir or ru.')
  .transform((c) => c.toLowerCase());
const bin = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, 'A period is YYYY, YYYY-Qn or YYYY-MM.');

const fields = {
  granularity: z.enum(GRANULARITIES).default('quarter'),
  basis: z.enum(DATE_BASES).default('listing'),
  ukcarry: z.enum(UK_CARRY).default('listed'),
  measure: z.enum(MEASURES).default('designations'),
  mode: z.enum(MODES).default('new'),
  split: z.enum(SPLITS).default('authority'),
  top: z.coerce.number().int().min(2, 'Show at least 2 series.').max(20, 'Show at most 20 series.').default(DEFAULT_TOP),
  from: partialDate,
  to: partialDate,
  authority: many(z.string().regex(/^[A-Z0-9-]{2,16}$/, 'An authority is a code such as US-OFAC, EU or UK.')),
  program: many(programKey),
  // Cases (issue 26): the designations of a curated set of sanctions actions (ADR 0017).
  case: many(caseSlug),
  weapon: many(slug),
  role: many(z.enum(PARTICIPANT_ROLES)),
  schema: many(z.enum(ENTITY_SCHEMAS)),
  country: many(country),
  q: z.string().trim().max(200, 'Search for at most 200 characters.').optional(),
  // Milestone categories hidden from the chart (all are shown by default).
  mhide: many(z.enum(MILESTONE_CATEGORIES)),
  // Drill-down: the bin and series clicked, what to list, and the page of the list.
  bin: bin.optional(),
  series: z.string().max(120).optional(),
  kind: z.enum(DRILL_KINDS).default('listed'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
};

const objectSchema = z.object(fields);

export const dashboardQuerySchema = objectSchema.transform((q) => ({ ...q, from: q.from || DEFAULT_FROM, to: q.to || undefined, q: q.q || undefined }));

export type DashboardQuery = z.output<typeof dashboardQuerySchema>;
export type DashboardProblem = { field: string; message: string };

/**
 * Parses the URL's search params leniently: a parameter that does not parse is dropped (its
 * default applies) and reported, so the page can say "ignored: …" instead of failing.
 */
export function parseDashboardQuery(raw: Record<string, unknown>): { query: DashboardQuery; problems: DashboardProblem[] } {
  // A parameter holding a control character is dropped and reported first (a NUL in q would reach
  // PostgreSQL, which refuses it). Unknown parameters are ignored, whatever they hold.
  const clean = withoutControlCharacters(raw);
  const input: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) if (clean.query[key] !== undefined) input[key] = clean.query[key];
  const problems: DashboardProblem[] = clean.problems.filter((p) => Object.hasOwn(fields, p.field));
  const first = dashboardQuerySchema.safeParse(input);
  let query: DashboardQuery;
  if (first.success) {
    query = first.data;
  } else {
    for (const issue of first.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (!problems.some((p) => p.field === field)) problems.push({ field, message: issue.message });
      delete input[field];
    }
    // Every field has a default or is optional, so without the bad ones the parse succeeds.
    query = dashboardQuerySchema.parse(input);
  }
  if (query.measure !== 'designations' && query.mode === 'net') {
    // Liftings are of designations: an action or an entity is not "lifted" as a whole.
    problems.push({ field: 'mode', message: `Net mode counts designations only; showing new ${query.measure} per period.` });
    query = { ...query, mode: 'new' };
  }
  const from = parsePartialDate(query.from);
  const to = query.to ? parsePartialDate(query.to) : null;
  if (from && to && to.date < from.date) {
    problems.push({ field: 'to', message: `The end of the range (${query.to}) is before its start (${query.from}); showing up to today.` });
    query = { ...query, to: undefined };
  }
  const binPattern = { month: /^\d{4}-\d{2}$/, quarter: /^\d{4}-Q\d$/, year: /^\d{4}$/ }[query.granularity];
  if (query.bin && !binPattern.test(query.bin)) {
    problems.push({ field: 'bin', message: `The period ${query.bin} is not a ${query.granularity}; the list behind the chart is closed.` });
    query = { ...query, bin: undefined, series: undefined };
  }
  return { query, problems };
}

export const FIELD_LABELS: Record<string, string> = {
  granularity: 'Bins',
  basis: 'Date basis',
  ukcarry: 'UK listings carried over in 2020',
  measure: 'Measure',
  mode: 'Mode',
  split: 'Split by',
  top: 'Series shown',
  from: 'From',
  to: 'To',
  authority: 'Authority',
  program: 'Sanctions program',
  case: 'Case',
  weapon: 'Weapons program',
  role: 'Role',
  schema: 'Entity type',
  country: 'Country',
  q: 'Name',
  mhide: 'Milestones',
  bin: 'Period',
  series: 'Series',
  kind: 'List',
  page: 'Page',
};

/** The view's state as URL params (defaults left out), for links that must reproduce it exactly. */
export function dashboardParams(q: DashboardQuery, overrides: Partial<Record<keyof DashboardQuery, unknown>> = {}): Record<string, string | number | string[] | undefined> {
  const v = { ...q, ...overrides } as DashboardQuery;
  return {
    granularity: v.granularity === 'quarter' ? undefined : v.granularity,
    basis: v.basis === 'listing' ? undefined : v.basis,
    ukcarry: v.ukcarry === 'listed' ? undefined : v.ukcarry,
    measure: v.measure === 'designations' ? undefined : v.measure,
    mode: v.mode === 'new' ? undefined : v.mode,
    split: v.split === 'authority' ? undefined : v.split,
    top: v.top === DEFAULT_TOP ? undefined : v.top,
    from: v.from === DEFAULT_FROM ? undefined : v.from,
    to: v.to,
    authority: v.authority,
    program: v.program,
    case: v.case,
    weapon: v.weapon,
    role: v.role,
    schema: v.schema,
    country: v.country,
    q: v.q,
    mhide: v.mhide,
    bin: v.bin,
    series: v.series,
    kind: v.kind === 'listed' ? undefined : v.kind,
    page: v.page === 1 ? undefined : v.page,
  };
}
