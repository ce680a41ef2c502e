// The overview's state, all of it in the URL: this schema parses it (page and API alike).
import { z } from 'zod';
import { GRANULARITIES } from '../charts/binning';
import { parsePartialDate } from '../dates';

export const DATE_BASES = ['listing', 'start'] as const;
export type DateBasis = (typeof DATE_BASES)[number];

const many = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean));

const partialDate = z
  .string()
  .trim()
  .optional()
  .refine((v) => !v || parsePartialDate(v) !== null, { message: 'Use YYYY, YYYY-MM or YYYY-MM-DD (a real calendar date).' });

export const DEFAULT_FROM = '2015-01';

export const dashboardQuerySchema = z
  .object({
    granularity: z.enum(GRANULARITIES).catch('quarter').default('quarter'),
    basis: z.enum(DATE_BASES).catch('listing').default('listing'),
    from: partialDate,
    to: partialDate,
    authority: many,
  })
  .transform((q) => ({ ...q, from: q.from || DEFAULT_FROM, to: q.to || undefined }));

export type DashboardQuery = z.output<typeof dashboardQuerySchema>;
