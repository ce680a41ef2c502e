import { z } from 'zod';

const many = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean));

export const ENTITY_SCHEMAS = ['Person', 'Organization', 'Company', 'LegalEntity', 'Vessel', 'Airplane'] as const;

export const entityListQuerySchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  authority: many,
  schema: many.transform((v) => v.filter((s): s is (typeof ENTITY_SCHEMAS)[number] => (ENTITY_SCHEMAS as readonly string[]).includes(s))),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  pageSize: z.coerce.number().int().min(10).max(200).catch(50).default(50),
});

export type EntityListQuery = z.output<typeof entityListQuerySchema>;
