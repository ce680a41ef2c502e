// URL state of /suppliers.
import { z } from 'zod';
import { pageQuerySchema } from './search-params';

export const COMPONENT_CATEGORIES = ['ENGINES', 'ELECTRONICS', 'NAVIGATION', 'SERVOS', 'AIRFRAME_MATERIALS', 'AEROSPACE_COMPONENTS', 'OTHER', 'UNSPECIFIED'] as const;

// pageQuerySchema: a parameter holding a control character is left out, like any value it cannot use.
export const suppliersQuerySchema = pageQuerySchema(
  z.object({
    country: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z][a-z-]{1,15}$/)
      .optional()
      .catch(undefined),
    category: z.enum(COMPONENT_CATEGORIES).optional().catch(undefined),
    // An authority id, or 'none' for suppliers no authority designated.
    designated: z
      .string()
      .trim()
      .regex(/^(none|[A-Z][A-Z-]{1,15})$/)
      .optional()
      .catch(undefined),
  }),
);
export type SuppliersQuery = z.output<typeof suppliersQuerySchema>;
