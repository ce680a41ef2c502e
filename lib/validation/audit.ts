// The audit log page's filters, all in the URL.
import { z } from 'zod';
import { parsePartialDate } from '../dates';
import { pageQuerySchema } from './search-params';

const day = z
  .string()
  .trim()
  .optional()
  .catch(undefined)
  .transform((v) => (v && parsePartialDate(v) ? v : undefined));

// pageQuerySchema: a parameter holding a control character (a NUL would reach PostgreSQL) is left out.
export const auditQuerySchema = pageQuerySchema(
  z.object({
    actor: z.string().trim().max(320).optional().catch(undefined),
    action: z.string().trim().max(100).optional().catch(undefined),
    targetType: z.string().trim().max(60).optional().catch(undefined),
    targetId: z.string().trim().max(64).optional().catch(undefined),
    from: day,
    to: day,
    page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  }),
);
export type AuditQuery = z.output<typeof auditQuerySchema>;
