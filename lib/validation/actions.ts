// URL state of /actions (issue 25): sanctions actions by authority, period and kind.
import { z } from 'zod';
import { parsePartialDate } from '../dates';
import { pageQuerySchema } from './search-params';

export const ACTION_KINDS = ['CURATED', 'GROUPED'] as const;
export const ACTIONS_PAGE_SIZE = 50;

const many = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.unknown()))
    .transform((vs) => vs.flatMap((v) => (item.safeParse(v).success ? [item.parse(v) as z.output<T>] : [])));

const partialDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v && parsePartialDate(v) ? v : undefined))
  .catch(undefined);

// A parameter it cannot use is left out (its default applies), as on every list page.
export const actionsQuerySchema = pageQuerySchema(
  z.object({
    authority: many(z.string().regex(/^[A-Z0-9-]{2,16}$/)),
    kind: z.enum(ACTION_KINDS).optional().catch(undefined),
    from: partialDate,
    to: partialDate,
    q: z.string().trim().max(200).optional().catch(undefined).transform((v) => v || undefined),
    page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
  }),
);
export type ActionsQuery = z.output<typeof actionsQuerySchema>;
