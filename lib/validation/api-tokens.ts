import { z } from 'zod';
import { NO_CONTROL_CHARS, hasNoControlChars } from './fields';

export const createApiTokenSchema = z.object({
  name: z
    .string({ error: 'Give the token a name (text).' })
    .trim()
    .min(1, 'Give the token a name, e.g. the script or tool that will use it.')
    .max(100, 'Use at most 100 characters.')
    .refine(hasNoControlChars, NO_CONTROL_CHARS),
});

export const revokeApiTokenSchema = z.object({ id: z.string({ error: 'Required: the id of a token.' }).trim().min(1, 'Required: the id of a token.').max(64, 'Not a valid id.') });

export type CreateApiTokenInput = z.output<typeof createApiTokenSchema>;
