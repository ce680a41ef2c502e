// Weapons programs, their participants and supply links.
import { z } from 'zod';
import { END_BEFORE_START, MAX_LONG_TEXT, MAX_URL, checkbox, endNotBeforeStart, enumField, idVersionSchema, lines, optionalPartialDate, optionalRecordId, optionalText, recordId, requiredText, requiredUrl } from './fields';
import type { PartialDate } from '../dates';
import { DATE_HINT, optionsOf, type FieldDef } from './form';

export const PARTICIPANT_ROLES = ['DEVELOPER', 'MANUFACTURER', 'PROCUREMENT_AGENT', 'COMPONENT_SUPPLIER', 'LOGISTICS', 'FINANCIER', 'OPERATOR'] as const;
export const COMPONENT_CATEGORIES = ['ENGINES', 'ELECTRONICS', 'NAVIGATION', 'SERVOS', 'AIRFRAME_MATERIALS', 'AEROSPACE_COMPONENTS', 'OTHER'] as const;

const sourceUrls = lines(MAX_URL).superRefine((list, ctx) => {
  if (!list.length) ctx.addIssue({ code: 'custom', message: 'Required: at least one source address.' });
  list.forEach((u, i) => {
    const ok = (() => {
      try {
        const p = new URL(u).protocol;
        return p === 'http:' || p === 'https:';
      } catch {
        return false;
      }
    })();
    if (!ok) ctx.addIssue({ code: 'custom', message: `Line ${i + 1}: use a full web address starting with http:// or https://.` });
  });
});

const weaponsFields = z.object({
  slug: z
    .string({ error: 'Must be text.' })
    .trim()
    .max(80, 'At most 80 characters.')
    .regex(/^[a-z0-9-]*$/, 'Only lower-case letters, digits and dashes.')
    .nullish()
    .transform((v) => (v ? v : null)),
  name: requiredText(),
  aliases: lines(),
  type: requiredText(100),
  countryOfOrigin: z
    .string({ error: 'Must be text.' })
    .trim()
    .regex(/^([A-Za-z]{2})?$/, 'A two-letter country code such as IR, or empty.')
    .nullish()
    .transform((v) => (v ? v.toLowerCase() : null)),
  description: optionalText(MAX_LONG_TEXT),
  sourceUrls,
  note: optionalText(MAX_LONG_TEXT),
});
export const weaponsProgramCreateSchema = weaponsFields;
export const weaponsProgramUpdateSchema = weaponsFields.extend(idVersionSchema.shape);
export type WeaponsProgramInput = z.output<typeof weaponsFields>;

export const WEAPONS_PROGRAM_FIELDS: readonly FieldDef[] = [
  { name: 'name', label: 'Name', kind: 'text', required: true },
  { name: 'type', label: 'Type', kind: 'text', required: true, hint: 'e.g. one-way attack drone, UCAV.' },
  { name: 'aliases', label: 'Aliases', kind: 'lines', hint: 'One per line (Geran-2…).' },
  { name: 'countryOfOrigin', label: 'Country of origin', kind: 'text', hint: 'Two-letter code.' },
  { name: 'sourceUrls', label: 'Source URLs', kind: 'lines', required: true, hint: 'One address per line.' },
  { name: 'description', label: 'Description', kind: 'textarea' },
  { name: 'note', label: 'Note', kind: 'textarea' },
  { name: 'slug', label: 'Slug', kind: 'text', hint: 'Left empty: made from the name.' },
];

type Dated = { startDate: PartialDate | null; endDate: PartialDate | null };
const dated = (v: Dated) => endNotBeforeStart(v.startDate, v.endDate);

const participantFields = z.object({
  entityId: recordId('entity'),
  weaponsProgramId: recordId('weapons program'),
  role: enumField(PARTICIPANT_ROLES),
  startDate: optionalPartialDate(),
  endDate: optionalPartialDate(),
  sourceUrl: requiredUrl(),
  evidence: optionalText(MAX_LONG_TEXT),
  isUncertain: checkbox(),
});
export const participantCreateSchema = participantFields.refine(dated, { message: END_BEFORE_START, path: ['endDate'] });
export const participantUpdateSchema = participantFields.extend(idVersionSchema.shape).refine(dated, { message: END_BEFORE_START, path: ['endDate'] });
export type ParticipantInput = z.output<typeof participantCreateSchema>;

export const PARTICIPANT_FIELDS: readonly FieldDef[] = [
  { name: 'entityId', label: 'Entity id', kind: 'text', required: true, hint: 'Open the entity in the admin list and copy its id.' },
  { name: 'weaponsProgramId', label: 'Weapons program', kind: 'select', required: true },
  { name: 'role', label: 'Role', kind: 'select', required: true, options: optionsOf(PARTICIPANT_ROLES) },
  { name: 'startDate', label: 'From', kind: 'date', hint: DATE_HINT },
  { name: 'endDate', label: 'Until', kind: 'date', hint: DATE_HINT },
  { name: 'sourceUrl', label: 'Source URL', kind: 'url', required: true },
  { name: 'evidence', label: 'Evidence', kind: 'textarea' },
  { name: 'isUncertain', label: 'The sources leave this open (uncertain)', kind: 'checkbox' },
];

const supplyFields = z.object({
  supplierId: recordId('entity'),
  recipientId: recordId('entity'),
  componentCategory: enumField(COMPONENT_CATEGORIES),
  weaponsProgramId: optionalRecordId('weapons program'),
  startDate: optionalPartialDate(),
  endDate: optionalPartialDate(),
  sourceUrl: requiredUrl(),
  evidence: optionalText(MAX_LONG_TEXT),
  isUncertain: checkbox(),
});
const distinct = (v: { supplierId: string; recipientId: string }) => v.supplierId !== v.recipientId;
export const supplyLinkCreateSchema = supplyFields
  .refine(dated, { message: END_BEFORE_START, path: ['endDate'] })
  .refine(distinct, { message: 'Supplier and recipient must be different entities.', path: ['recipientId'] });
export const supplyLinkUpdateSchema = supplyFields
  .extend(idVersionSchema.shape)
  .refine(dated, { message: END_BEFORE_START, path: ['endDate'] })
  .refine(distinct, { message: 'Supplier and recipient must be different entities.', path: ['recipientId'] });
export type SupplyLinkInput = z.output<typeof supplyLinkCreateSchema>;

export const SUPPLY_LINK_FIELDS: readonly FieldDef[] = [
  { name: 'supplierId', label: 'Supplier entity id', kind: 'text', required: true },
  { name: 'recipientId', label: 'Recipient entity id', kind: 'text', required: true },
  { name: 'componentCategory', label: 'Components', kind: 'select', required: true, options: optionsOf(COMPONENT_CATEGORIES) },
  { name: 'weaponsProgramId', label: 'Weapons program', kind: 'select' },
  { name: 'startDate', label: 'From', kind: 'date', hint: DATE_HINT },
  { name: 'endDate', label: 'Until', kind: 'date', hint: DATE_HINT },
  { name: 'sourceUrl', label: 'Source URL', kind: 'url', required: true },
  { name: 'evidence', label: 'Evidence', kind: 'textarea' },
  { name: 'isUncertain', label: 'The sources leave this open (uncertain)', kind: 'checkbox' },
];
