// URL state of /analysis/event-study (issue 25): the measure, the window, the baseline, the
// authorities, and whether overlapping milestones are merged. Every parameter is in the URL, so a
// link, the export and the read API give the same study.
import { z } from 'zod';
import { pageQuerySchema } from './search-params';

export const STUDY_MEASURES = ['designations', 'actions'] as const;
export const STUDY_BASELINES = ['trend', 'mean'] as const;
export const STUDY_WINDOW_DEFAULT = 90;
/** Placebo dates per study: enough for p-values down to 0.001 and stable 95% intervals. */
export const STUDY_PLACEBOS = 1000;
/** The level of the verdicts, after the Benjamini–Hochberg correction over every milestone × authority. */
export const STUDY_ALPHA = 0.05;
/** Fixed: the same URL gives the same placebo dates, on the page, in the export and in the API. */
export const STUDY_SEED = 20_221_115;

const many = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.unknown()))
    .transform((vs) => vs.flatMap((v) => (item.safeParse(v).success ? [item.parse(v) as z.output<T>] : [])));

/** The fields (the OpenAPI document lists them); a value it cannot use falls back to its default. */
export const eventStudyFields = z.object({
  measure: z.enum(STUDY_MEASURES).default('designations').catch('designations').meta({ description: 'What is counted: designations, or sanctions actions (publications)' }),
  window: z.coerce.number().int().min(14).max(365).default(STUDY_WINDOW_DEFAULT).catch(STUDY_WINDOW_DEFAULT).meta({ description: 'Days before and after each milestone (14–365)' }),
  baseline: z.enum(STUDY_BASELINES).default('trend').catch('trend').meta({ description: "The expected count: the authority's linear trend, or its mean rate, fitted before the milestone" }),
  authority: many(z.string().regex(/^[A-Z0-9-]{2,16}$/)).meta({ description: 'Authorities (repeat the parameter); all by default' }),
  merge: z.preprocess((v) => v === '1' || v === 'true' || v === true, z.boolean()).default(false).meta({ description: '1: milestones whose windows overlap are studied as one event' }),
});
export const eventStudyQuerySchema = pageQuerySchema(eventStudyFields);

/**
 * The read API's reading of the same query: strict, so a bad value is a 422 naming the parameter
 * (the page shows its default instead).
 */
export const eventStudyApiQuerySchema = z.object({
  measure: z.enum(STUDY_MEASURES).default('designations').meta({ description: 'What is counted: designations, or sanctions actions (publications)' }),
  window: z.coerce.number().int('The window is a whole number of days.').min(14, 'The window is at least 14 days.').max(365, 'The window is at most 365 days.').default(STUDY_WINDOW_DEFAULT).meta({ description: 'Days before and after each milestone (14–365)' }),
  baseline: z.enum(STUDY_BASELINES).default('trend').meta({ description: "The expected count: the authority's linear trend, or its mean rate, fitted before the milestone" }),
  authority: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().regex(/^[A-Z0-9-]{2,16}$/, 'An authority is a code such as US-OFAC, EU or UK.'))).meta({ description: 'Authorities (repeat the parameter); all by default' }),
  merge: z.enum(['0', '1', 'true', 'false']).optional().transform((v) => v === '1' || v === 'true').meta({ description: '1: milestones whose windows overlap are studied as one event' }),
});
export type EventStudyQuery = z.output<typeof eventStudyQuerySchema>;

/** The query as URL params, defaults left out. */
export function eventStudyParams(q: EventStudyQuery): Record<string, string | string[] | undefined> {
  return {
    measure: q.measure === 'designations' ? undefined : q.measure,
    window: q.window === STUDY_WINDOW_DEFAULT ? undefined : String(q.window),
    baseline: q.baseline === 'trend' ? undefined : q.baseline,
    authority: q.authority.length ? q.authority : undefined,
    merge: q.merge ? '1' : undefined,
  };
}
