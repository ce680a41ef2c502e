import { z } from 'zod';

export const createApiTokenSchema = z.object({
  name: z.string().trim().min(1, 'Give the token a name, e.g. the script or tool that will use it.').max(100, 'Use at most 100 characters.'),
});

export const revokeApiTokenSchema = z.object({ id: z.string().trim().min(1).max(64) });

export type CreateApiTokenInput = z.output<typeof createApiTokenSchema>;
