import { z } from 'zod';
import { MAX_LONG_TEXT, idVersionSchema, optionalText, optionalUrl, recordId, requiredText } from './fields';
import type { FieldDef } from './form';

const countryCode = z
  .string({ error: 'Must be text.' })
  .trim()
  .regex(/^([A-Za-z]{2})?$/, 'A two-letter country code such as US or GB, or empty.')
  .nullish()
  .transform((v) => (v ? v.toUpperCase() : null));

const fields = z.object({ name: requiredText(), shortName: requiredText(60), country: countryCode, url: optionalUrl() });

export const authorityCreateSchema = fields.extend({
  id: z
    .string({ error: 'Required.' })
    .trim()
    .min(1, 'Required.')
    .max(20, 'At most 20 characters.')
    .regex(/^[A-Z]{2,}(-[A-Z0-9]+)*$/, 'A short upper-case code such as UK, EU or US-OFAC.'),
});
export const authorityUpdateSchema = fields.extend(idVersionSchema.shape).extend({ id: recordId('authority') });
export type AuthorityInput = z.output<typeof fields>;

export const AUTHORITY_FIELDS: readonly FieldDef[] = [
  { name: 'id', label: 'Code', kind: 'text', required: true, createOnly: true, hint: 'Short and stable, e.g. US-OFAC, EU, UK.' },
  { name: 'name', label: 'Name', kind: 'text', required: true },
  { name: 'shortName', label: 'Short name', kind: 'text', required: true },
  { name: 'country', label: 'Country', kind: 'text', hint: 'Two-letter code; empty for the EU or the UN.' },
  { name: 'url', label: 'List page', kind: 'url' },
];

export const programFields = z.object({
  authorityId: recordId('authority'),
  code: requiredText(60),
  title: optionalText(),
  legalBasis: optionalText(MAX_LONG_TEXT),
  url: optionalUrl(),
});
export const programCreateSchema = programFields;
export const programUpdateSchema = programFields.extend(idVersionSchema.shape);
export type ProgramInput = z.output<typeof programFields>;

export const PROGRAM_FIELDS: readonly FieldDef[] = [
  { name: 'authorityId', label: 'Authority', kind: 'select', required: true },
  { name: 'code', label: 'Code', kind: 'text', required: true, hint: 'As the authority writes it, e.g. NPWMD or RUSSIA-EO14024.' },
  { name: 'title', label: 'Title', kind: 'text' },
  { name: 'legalBasis', label: 'Legal basis', kind: 'textarea' },
  { name: 'url', label: 'URL', kind: 'url' },
];
