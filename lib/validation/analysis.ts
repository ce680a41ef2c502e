// URL state of the analysis pages (/analysis/milestone-windows; the lag page's is ./lag.ts), parsed with zod.
import { z } from 'zod';
import { controlCharacterProblems, pageQuerySchema } from './search-params';

const many = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean).slice(0, 20));

export const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;

// The lag page's query (with its cohort) is in ./lag.ts.

export const WINDOW_DAYS_DEFAULT = 90;

// Strict (no .catch): a bad N is reported to the analyst with the field message, not silently replaced.
export const windowsQuerySchema = pageQuerySchema(
  z.object({
    days: z.coerce
      .number({ message: 'Days must be a number.' })
      .int('Days must be a whole number.')
      .min(1, 'Days must be at least 1.')
      .max(3650, 'Days can be at most 3650 (ten years).')
      .default(WINDOW_DAYS_DEFAULT),
    authority: many,
    // Cases (ADR 0017): count only the listings of these cases' actions.
    case: many.pipe(z.array(z.string().regex(SLUG, 'A case is named by its slug, e.g. iran-drones.'))).catch([]),
  }),
);
export type WindowsQuery = z.output<typeof windowsQuerySchema>;

/**
 * The milestone-windows page's reading of its URL, shared with the chart export: a bad N is
 * reported (`error`) and the default window used meanwhile, so a URL gives the same numbers everywhere.
 */
export function parseWindowsQuery(raw: Record<string, unknown>): { query: WindowsQuery; error: string | null } {
  const parsed = windowsQuerySchema.safeParse(raw);
  if (parsed.success) {
    // An N holding a control character was left out by the schema (the default applies): say so.
    const isControl = controlCharacterProblems({ days: raw.days }).length > 0;
    return { query: parsed.data, error: isControl ? 'Days must be a number (remove the invisible control characters).' : null };
  }
  return { query: windowsQuerySchema.parse({ authority: raw.authority, case: raw.case }), error: parsed.error.issues.find((i) => i.path[0] === 'days')?.message ?? 'Check the settings.' };
}

/** The program chart export's query: the weapons program page's slug. */
export const programChartQuerySchema = z.object({ slug: z.string({ message: 'Give the weapons program as ?slug=…' }).trim().regex(SLUG, 'Not a weapons program slug.') });

/** The entity timeline's export: `?id=<entity id>` (ids are cuids or UUIDs; anything else cannot be one). */
export const entityChartQuerySchema = z.object({ id: z.string({ message: 'Give the entity as ?id=…' }).trim().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not an entity id.') });
