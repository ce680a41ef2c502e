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
});

export const jobParamsSchema = z.object({ id: z.string().uuid('Not an import job id.') });
