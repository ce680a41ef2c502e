// The admin upload page's inputs (route handlers under /api/admin/imports).
import { z } from 'zod';
import { IMPORT_FORMATS } from '../import/types';

export const uploadQuerySchema = z.object({
  name: z.string({ error: 'Required: the file name (?name=).' }).trim().min(1, 'Required: the file name (?name=).').max(255, 'The file name is too long.'),
});

export const startImportSchema = z.object({
  format: z.enum(IMPORT_FORMATS, { error: `Choose a format: ${IMPORT_FORMATS.join(', ')}.` }),
  uploads: z.array(z.string().uuid('Not an upload id.'), { error: 'Upload the file(s) first.' }).min(1, 'Upload at least one file.').max(5, 'At most 5 files per import.'),
  dryRun: z.boolean({ error: 'Say whether this is a dry run (true) or the import itself (false).' }),
  // The edition's date when the file states none (EU annex CSVs): an apply needs one (issue 23).
  editionDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'The edition date is a day: YYYY-MM-DD.')
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'The edition date is not a real day.')
    .optional(),
});

export const jobParamsSchema = z.object({ id: z.string().uuid('Not an import job id.') });
