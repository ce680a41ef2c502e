// The read API's contract (/api/v1): query parameters (strict — bad input is a 422 naming the field,
// never silently ignored) and response shapes. lib/api/openapi.ts documents both from here.
import { z } from 'zod';
import { parsePartialDate } from '../dates';
import { ENTITY_SCHEMAS } from './entities';

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;
const DATE_PRECISION = z.enum(['YEAR', 'MONTH', 'DAY']);
export const MILESTONE_CATEGORIES = ['DIPLOMATIC', 'NUCLEAR', 'MILITARY', 'SANCTIONS', 'DOMESTIC', 'POLITICAL'] as const;
export const DESIGNATION_STATUSES = ['LISTED', 'AMENDED', 'DELISTED', 'RELISTED'] as const;

/** One value or the parameter repeated (?authority=EU&authority=UK), each value checked. */
function many<T extends z.ZodType<string>>(el: T, message: string) {
  return z
    .union([el, z.array(el).max(50, 'Give at most 50 values.')], { error: message })
    .optional()
    .transform((v): z.output<T>[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
}

const partialDate = (what: string) =>
  z
    .string()
    .trim()
    .refine((v) => parsePartialDate(v) !== null, { message: `${what}: use YYYY, YYYY-MM or YYYY-MM-DD (a real calendar date).` })
    .optional()
    .meta({ description: `${what} (inclusive): YYYY, YYYY-MM or YYYY-MM-DD`, examples: ['2022-11'] });

const CURSOR_MESSAGE = 'cursor is not valid: pass the nextCursor of the previous page unchanged, or omit it for the first page.';

/** limit and cursor, as every paged /api/v1 list takes them. */
export const pageFields = {
  limit: z.coerce
    .number({ error: 'limit must be a whole number.' })
    .int('limit must be a whole number.')
    .min(1, 'limit must be at least 1.')
    .max(MAX_PAGE_SIZE, `limit must be at most ${MAX_PAGE_SIZE}.`)
    .default(DEFAULT_PAGE_SIZE)
    .meta({ description: `Items per page (1–${MAX_PAGE_SIZE})` }),
  cursor: z.string().trim().min(1, CURSOR_MESSAGE).max(1000, CURSOR_MESSAGE).optional().meta({ description: 'Opaque: the `nextCursor` of the previous page. Omit for the first page.' }),
};

const authorityCode = z.string().trim().regex(/^[A-Z0-9-]{1,20}$/, 'Authority codes look like US-OFAC, EU, UK.');
const authority = many(authorityCode, 'authority: give authority codes such as US-OFAC, EU or UK.').meta({ description: 'Authority code(s), repeat for several (US-OFAC, EU, UK…)' });

export const entitiesQuerySchema = z.object({
  q: z.string().trim().max(200, 'q: use at most 200 characters.').optional().meta({ description: 'Name or alias contains (case- and accent-insensitive)' }),
  schema: many(z.enum(ENTITY_SCHEMAS), `schema: use one of ${ENTITY_SCHEMAS.join(', ')}.`).meta({ description: 'Entity type(s)' }),
  country: many(z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'country: use two-letter ISO 3166 codes such as IR or RU.'), 'country: use two-letter ISO 3166 codes such as IR or RU.').meta({ description: 'ISO 3166-1 alpha-2 country code(s)' }),
  authority,
  ...pageFields,
});

export const SEARCH_MAX_LIMIT = 50;

// The entity search (as the Entities page searches): names and aliases, tolerant of misspellings and
// transliteration variants, ranked by relevance, with facet counts.
export const searchQuerySchema = z.object({
  q: z.string().trim().min(1, 'q: give a name to search for.').max(200, 'q: use at most 200 characters.').meta({ description: 'A name or alias, misspellings and transliteration variants tolerated' }),
  schema: many(z.enum(ENTITY_SCHEMAS), `schema: use one of ${ENTITY_SCHEMAS.join(', ')}.`).meta({ description: 'Entity type(s)' }),
  country: many(z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/), 'country: use two-letter ISO 3166 codes such as IR or RU.').meta({ description: 'ISO 3166-1 alpha-2 country code(s)' }),
  authority,
  limit: z.coerce
    .number({ error: 'limit must be a whole number.' })
    .int('limit must be a whole number.')
    .min(1, 'limit must be at least 1.')
    .max(SEARCH_MAX_LIMIT, `limit must be at most ${SEARCH_MAX_LIMIT}.`)
    .default(20)
    .meta({ description: `Best matches to return (1–${SEARCH_MAX_LIMIT})` }),
});
const PROGRAM_MESSAGE = 'program: give program codes such as NPWMD or RUSSIA-EO14024.';
const ENTITY_MESSAGE = 'entity: give entity ids.';

export const designationsQuerySchema = z
  .object({
    authority,
    program: many(z.string().trim().min(1, PROGRAM_MESSAGE).max(60, PROGRAM_MESSAGE), PROGRAM_MESSAGE).meta({ description: 'Sanctions program code(s) (NPWMD, IFSR, RUSSIA-EO14024…)' }),
    entity: many(z.string().trim().min(1, ENTITY_MESSAGE).max(64, ENTITY_MESSAGE), ENTITY_MESSAGE).meta({ description: 'Entity id(s)' }),
    from: partialDate('from: listing date on or after'),
    to: partialDate('to: listing date on or before'),
    ...pageFields,
  })
  // NOTE: runs even when from or to failed their own check (zod 4 does not abort): compare only parsed dates.
  .refine(
    (q) => {
      const [from, to] = [q.from ? parsePartialDate(q.from) : null, q.to ? parsePartialDate(q.to) : null];
      return !from || !to || from.date <= to.date;
    },
    { message: 'from must not be after to.', path: ['to'] },
  );

export const milestonesQuerySchema = z.object({
  category: many(z.enum(MILESTONE_CATEGORIES), `category: use one of ${MILESTONE_CATEGORIES.join(', ')}.`).meta({ description: 'Milestone category(ies)' }),
  from: partialDate('from: milestone date on or after'),
  to: partialDate('to: milestone date on or before'),
  ...pageFields,
});

export const entityParamsSchema = z.object({ id: z.string().trim().min(1).max(64) });

export type EntitiesQuery = z.output<typeof entitiesQuerySchema>;
export type SearchQuery = z.output<typeof searchQuerySchema>;
export type SearchResponse = z.output<typeof searchResponseSchema>;
export type DesignationsQuery = z.output<typeof designationsQuerySchema>;
export type MilestonesQuery = z.output<typeof milestonesQuerySchema>;

// ---- Response shapes (stable: fields are only ever added) ----

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).meta({ description: 'First day of the period (see the matching *Precision field)' });

export const entitySummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    schema: z.enum(ENTITY_SCHEMAS),
    countries: z.array(z.string()),
    authorities: z.array(z.string()).meta({ description: 'Authorities with a designation of this entity' }),
    designations: z.number().int().meta({ description: 'Number of designations' }),
  });

export const designationProgramSchema = z
  .object({
    code: z.string().meta({ description: "The authority's program code (SDGT, IRAN-EO13902…)" }),
    title: z.string().nullable().meta({ description: 'The sourced title; null when none is sourced (never an invented one)' }),
    label: z.string().meta({ description: 'How the app names the program: "US — Global terrorism (SDGT)", "EU — Iran (nuclear proliferation), Reg. 267/2012", "UK — X (untitled)"' }),
  });

export const designationSchema = z
  .object({
    id: z.string(),
    entityId: z.string(),
    entityName: z.string(),
    authorityId: z.string(),
    programs: z.array(z.string()).meta({ description: 'Program codes of this designation, sorted' }),
    programDetails: z.array(designationProgramSchema).meta({ description: 'The same programs, each with its sourced title (null when none is sourced) and its label' }),
    listingDate: isoDate.nullable(),
    listingDatePrecision: DATE_PRECISION.nullable(),
    listingDateQualifier: z.enum(['EXACT', 'ON_OR_BEFORE']).meta({ description: 'ON_OR_BEFORE: already listed when the history starts; the date is an upper bound' }),
    startDate: isoDate.nullable(),
    startDatePrecision: DATE_PRECISION.nullable(),
    endDate: isoDate.nullable(),
    endDatePrecision: DATE_PRECISION.nullable(),
    endDateQualifier: z.enum(['EXACT', 'ON_OR_BEFORE']).meta({ description: 'ON_OR_BEFORE: a lifting found by comparing list editions; endDate is the first edition without the entry (an upper bound). EXACT: a date the source states (or no end date)' }),
    endDateAfter: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().meta({ description: 'With ON_OR_BEFORE: the day of the last list edition still holding the entry (YYYY-MM-DD; the lifting came after it, exclusive lower bound); null when unknown or not bounded' }),
    status: z.enum(DESIGNATION_STATUSES),
    reason: z.string().nullable(),
    measures: z.array(z.string()),
    legalAct: z.string().nullable(),
    sourceUrl: z.string(),
    isUncertain: z.boolean(),
  });

export const entityDetailSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    schema: z.enum(ENTITY_SCHEMAS),
    countries: z.array(z.string()),
    addresses: z.array(z.string()),
    birthDate: isoDate.nullable(),
    birthDatePrecision: DATE_PRECISION.nullable(),
    notes: z.string().nullable(),
    mergedIntoId: z.string().nullable().meta({ description: 'Set when this record was merged into another entity' }),
    aliases: z.array(z.object({ name: z.string(), kind: z.enum(['ALIAS', 'WEAK_ALIAS', 'PREVIOUS_NAME']) })),
    identifiers: z.array(z.object({ type: z.string(), value: z.string(), country: z.string().nullable() })),
    externalIds: z.array(z.object({ source: z.string(), externalId: z.string() })),
    designations: z.array(designationSchema),
  });

export const milestoneSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    code: z.string().meta({ description: "Stable short code ('M07'), the same on every page, chart and export" }),
    date: isoDate,
    datePrecision: DATE_PRECISION,
    endDate: isoDate.nullable(),
    endDatePrecision: DATE_PRECISION.nullable(),
    title: z.string(),
    category: z.enum(MILESTONE_CATEGORIES),
    description: z.string().nullable(),
    quote: z.string().nullable(),
    note: z.string().nullable(),
    sourceUrl: z.string(),
  });

export const seriesRowSchema = z.object({ bin: z.string().meta({ description: "'2022-11', '2022-Q4' or '2022'" }), series: z.string().meta({ description: 'Authority code' }), count: z.number().int() });

export const seriesResponseSchema = z
  .object({
    query: z.object({}).catchall(z.unknown()).meta({ description: "The overview's query as understood, defaults filled in (granularity, basis, from, to, authority…)" }),
    rows: z.array(seriesRowSchema).meta({ description: 'New designations per bin and authority; bins without designations are absent' }),
  });

const facetSchema = z.array(z.object({ value: z.string(), count: z.number().int() }));

export const searchResponseSchema = z.object({
  items: z.array(
    entitySummarySchema.extend({
      score: z.number().meta({ description: 'Relevance 0..1: exact 1, prefix 0.95, substring 0.9, transliteration variant 0.8, else 0.85 × trigram word similarity' }),
      matchedAlias: z.string().nullable().meta({ description: 'The alias that matched, when it scored better than the name' }),
    }),
  ),
  total: z.number().int().meta({ description: 'All matching entities' }),
  facets: z.object({ schema: facetSchema, country: facetSchema, authority: facetSchema }).meta({ description: 'Matches per value; each facet ignores its own filter' }),
});

export function pageSchema<T extends z.ZodType>(item: T) {
  return z
    .object({
      items: z.array(item),
      nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page' }),
      limit: z.number().int(),
    });
}

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fieldErrors: z.record(z.string(), z.array(z.string())).optional().meta({ description: 'For 422: messages per query parameter' }),
    }),
  });

export type EntitySummaryDto = z.output<typeof entitySummarySchema>;
export type DesignationDto = z.output<typeof designationSchema>;
export type EntityDetailDto = z.output<typeof entityDetailSchema>;
export type MilestoneApiDto = z.output<typeof milestoneSchema>;
export type Page<T> = { items: T[]; nextCursor: string | null; limit: number };

const studyMilestoneSchema = z.object({ slug: z.string(), code: z.string().meta({ description: "Stable short code ('M07')" }), title: z.string(), date: z.string(), precision: z.enum(['YEAR', 'MONTH', 'DAY']), category: z.string(), sourceUrl: z.string() });
const studyWindowSchema = z.object({ from: z.string().meta({ description: 'First day' }), to: z.string().meta({ description: 'Day after the last (exclusive)' }) });

export const eventStudyResponseSchema = z.object({
  query: z.object({}).catchall(z.unknown()).meta({ description: 'The study as understood, defaults filled in' }),
  alpha: z.number().meta({ description: 'Level of the verdicts, after the Benjamini–Hochberg correction' }),
  placebos: z.number().int().meta({ description: 'Placebo dates per study' }),
  tests: z.number().int().meta({ description: 'Studies with a result (the correction is over these)' }),
  leftOut: z.array(studyMilestoneSchema).meta({ description: 'Milestones known only to the year: left out' }),
  coverage: z.record(z.string(), z.object({ from: z.string(), to: z.string(), name: z.string() })).meta({ description: 'Per authority, the days its data covers' }),
  rows: z.array(
    z.object({
      eventId: z.string(),
      milestones: z.array(studyMilestoneSchema),
      windows: z.object({ before: studyWindowSchema, after: studyWindowSchema }),
      authorityId: z.string(),
      authorityName: z.string(),
      status: z.enum(['ok', 'insufficient-data']),
      reason: z.string().nullable(),
      before: z.number().int().nullable(),
      after: z.number().int().nullable(),
      expected: z.number().nullable(),
      excess: z.number().nullable(),
      interval: z.tuple([z.number(), z.number()]).nullable().meta({ description: 'Interval for the excess at 1 − alpha, from the placebo quantiles' }),
      p: z.number().nullable().meta({ description: 'Two-sided empirical p-value against placebo dates' }),
      adjustedP: z.number().nullable().meta({ description: 'p adjusted by Benjamini–Hochberg over every study' }),
      verdict: z.string(),
      sentence: z.string(),
      overlapsWith: z.array(z.string()).meta({ description: 'Milestones whose windows overlap this one (when not merged)' }),
    }),
  ),
});

// ---- Data as-of and saved views (issue 26) ----

export const dataAsOfSchema = z
  .object({
    lists: z.array(
      z.object({
        key: z.string().meta({ description: "'ofac-sdn', 'ofac-cons', 'eu', 'uk', 'un' (or a registry scope as is)" }),
        label: z.string(),
        authorityId: z.string().nullable(),
        editionDate: z.string().meta({ description: 'YYYY-MM-DD: the newest edition applied of this list' }),
        oldestEditionDate: z.string().nullable().meta({ description: "When the list's parts (EU acts) are held at different editions: the oldest; else null" }),
        appliedAt: z.string().meta({ description: 'When that edition was imported or seeded (ISO time)' }),
        scopes: z.array(z.string()).meta({ description: 'Edition registry scopes of the list (one per EU act)' }),
      }),
    ),
    editedAt: z.string().nullable().meta({ description: 'The latest change to the data by a signed-in administrator (ISO time), or null' }),
    label: z.string().meta({ description: '"Data as of: OFAC SDN 2024-05-03 · EU 2026-07-30 · …", as pages and exports state it' }),
  })
  .meta({ description: 'Which list editions the numbers come from (the edition registry), and the last hand edit' });

export const savedViewParamsSchema = z.object({ id: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'Not a saved view id.') });

export const savedViewResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  path: z.string().meta({ description: 'The page the view opens, e.g. "/" (the overview)' }),
  query: z.string().meta({ description: "The page's query string; for the overview, /api/v1/series takes it as is" }),
  isShared: z.boolean(),
  ownerName: z.string(),
  frozenAt: z.string().nullable().meta({ description: 'Set for a frozen view: when its numbers were stored (ISO time). Null: a live view, computed now' }),
  asOf: dataAsOfSchema,
  series: seriesResponseSchema.nullable().meta({ description: "The overview series (as /api/v1/series answers): stored at freezing for a frozen view; null for a view of another page" }),
});
export type SavedViewApiDto = z.output<typeof savedViewResponseSchema>;
