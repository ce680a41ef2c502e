import { z } from 'zod';
import { END_BEFORE_START, MAX_LONG_TEXT, endNotBeforeStart, enumField, idVersionSchema, optionalPartialDate, optionalText, requiredPartialDate, requiredText, requiredUrl } from './fields';
import { DATE_HINT, optionsOf, type FieldDef } from './form';

export const MILESTONE_CATEGORIES = ['DIPLOMATIC', 'NUCLEAR', 'MILITARY', 'SANCTIONS', 'DOMESTIC', 'POLITICAL'] as const;

const fields = z.object({
  slug: z
    .string({ error: 'Must be text.' })
    .trim()
    .max(80, 'At most 80 characters.')
    .regex(/^[a-z0-9-]*$/, 'Only lower-case letters, digits and dashes.')
    .nullish()
    .transform((v) => (v ? v : null)),
  title: requiredText(),
  category: enumField(MILESTONE_CATEGORIES),
  date: requiredPartialDate(),
  endDate: optionalPartialDate(),
  description: optionalText(MAX_LONG_TEXT),
  quote: optionalText(MAX_LONG_TEXT),
  note: optionalText(MAX_LONG_TEXT),
  sourceUrl: requiredUrl(),
});

const dates = (v: { date: z.output<typeof fields>['date']; endDate: z.output<typeof fields>['endDate'] }) => endNotBeforeStart(v.date, v.endDate);

export const milestoneCreateSchema = fields.refine(dates, { message: END_BEFORE_START, path: ['endDate'] });
export const milestoneUpdateSchema = fields.extend(idVersionSchema.shape).refine(dates, { message: END_BEFORE_START, path: ['endDate'] });
export type MilestoneInput = z.output<typeof milestoneCreateSchema>;

export const MILESTONE_FIELDS: readonly FieldDef[] = [
  { name: 'code', label: 'Code', kind: 'text', readOnly: true, hint: 'Assigned by the database when the milestone is created (the next number), never changed: every chart, page and export shows it.' },
  { name: 'title', label: 'Title', kind: 'text', required: true },
  { name: 'category', label: 'Category', kind: 'select', required: true, options: optionsOf(MILESTONE_CATEGORIES) },
  { name: 'date', label: 'Date', kind: 'date', required: true, hint: DATE_HINT },
  { name: 'endDate', label: 'End date (for a period)', kind: 'date', hint: DATE_HINT },
  { name: 'sourceUrl', label: 'Source URL', kind: 'url', required: true },
  { name: 'description', label: 'Description', kind: 'textarea' },
  { name: 'quote', label: "The source's own words", kind: 'textarea' },
  { name: 'note', label: 'Note', kind: 'textarea' },
  { name: 'slug', label: 'Slug', kind: 'text', hint: 'Left empty: made from the date and title.' },
];
