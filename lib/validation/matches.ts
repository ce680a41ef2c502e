// The review queue's inputs: the page's filters (from the URL) and the accept/reject actions.
import { z } from 'zod';
import { recordId, versionField } from './fields';
import { pageQuerySchema } from './search-params';

export const MATCH_SCHEMAS = ['Person', 'Organization', 'Company', 'LegalEntity', 'Vessel', 'Airplane'] as const;

/**
 * URL filters: bad values fall back to the defaults (a hand-edited URL still shows the queue); a
 * parameter holding a control character is left out (pageQuerySchema).
 */
export const matchQuerySchema = pageQuerySchema(
  z.object({
    status: z.enum(['PENDING', 'MERGED', 'REJECTED']).catch('PENDING').default('PENDING'),
    q: z.string().trim().max(200).optional().catch(undefined),
    schema: z.enum(MATCH_SCHEMAS).optional().catch(undefined),
    minScore: z.coerce.number().min(0).max(1).optional().catch(undefined),
    page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  }),
);

export const acceptMatchSchema = z.object({
  id: recordId('match candidate'),
  survivorId: recordId('entity'),
  versionA: versionField,
  versionB: versionField,
});

export const rejectMatchSchema = z.object({ id: recordId('match candidate') });

/** An admin splits records out of an entity (at least one; the entity keeps the others). */
export const splitEntitySchema = z.object({
  entityId: recordId('entity'),
  recordIds: z.array(recordId('source record')).min(1, 'Choose at least one record to split off.').max(500),
  reason: z.string().trim().max(500).optional().transform((v) => v || null),
});
