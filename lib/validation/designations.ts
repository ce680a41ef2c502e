import { z } from 'zod';
import { END_BEFORE_START, MAX_LONG_TEXT, checkbox, endNotBeforeStart, enumField, isParsedDate, idVersionSchema, lines, optionalPartialDate, optionalText, recordId, requiredPartialDate, requiredUrl } from './fields';
import { DATE_HINT, optionsOf, type FieldDef } from './form';

export const DESIGNATION_STATUSES = ['LISTED', 'AMENDED', 'DELISTED', 'RELISTED'] as const;
export const DATE_QUALIFIERS = ['EXACT', 'ON_OR_BEFORE'] as const;

const fields = z.object({
  entityId: recordId('entity'),
  authorityId: recordId('authority'),
  programs: lines(60).transform((codes) => codes.flatMap((c) => c.split(',')).map((c) => c.trim()).filter(Boolean)),
  listingDate: requiredPartialDate(),
  listingDateQualifier: enumField(DATE_QUALIFIERS).default('EXACT'),
  startDate: optionalPartialDate(),
  endDate: optionalPartialDate(),
  status: enumField(DESIGNATION_STATUSES),
  /** When the status took effect: recorded as an event of the status history. */
  statusDate: optionalPartialDate(),
  reason: optionalText(MAX_LONG_TEXT),
  measures: lines(),
  legalAct: optionalText(),
  authorityRecordId: optionalText(100),
  sourceUrl: requiredUrl(),
  isUncertain: checkbox(),
  note: optionalText(MAX_LONG_TEXT),
});

type Out = z.output<typeof fields>;

function check(v: Out, ctx: z.RefinementCtx) {
  if (!endNotBeforeStart(v.startDate ?? v.listingDate, v.endDate)) ctx.addIssue({ code: 'custom', message: END_BEFORE_START, path: ['endDate'] });
  if (isParsedDate(v.statusDate) && isParsedDate(v.listingDate) && v.statusDate.date.getTime() < v.listingDate.date.getTime()) ctx.addIssue({ code: 'custom', message: 'The status date lies before the listing date.', path: ['statusDate'] });
  if (v.status === 'DELISTED' && !v.endDate && !v.statusDate) ctx.addIssue({ code: 'custom', message: 'Give the date of the delisting (status since, or lifted on).', path: ['statusDate'] });
}

export const designationCreateSchema = fields.superRefine(check);
export const designationUpdateSchema = fields.extend(idVersionSchema.shape).superRefine(check);
export type DesignationInput = Out;

export const DESIGNATION_FIELDS: readonly FieldDef[] = [
  { name: 'entityId', label: 'Entity id', kind: 'text', required: true, hint: 'Open the entity in the admin list and copy its id.' },
  { name: 'authorityId', label: 'Authority', kind: 'select', required: true },
  { name: 'programs', label: 'Programs', kind: 'lines', hint: "The authority's program codes, one per line (e.g. NPWMD, IFSR)." },
  { name: 'listingDate', label: 'Listing date', kind: 'date', required: true, hint: DATE_HINT },
  { name: 'listingDateQualifier', label: 'Listing date is', kind: 'select', options: [{ value: 'EXACT', label: 'exact' }, { value: 'ON_OR_BEFORE', label: 'on or before (upper bound)' }] },
  { name: 'startDate', label: 'In force from', kind: 'date', hint: DATE_HINT },
  { name: 'endDate', label: 'Lifted on', kind: 'date', hint: DATE_HINT },
  { name: 'status', label: 'Status', kind: 'select', required: true, options: optionsOf(DESIGNATION_STATUSES) },
  { name: 'statusDate', label: 'Status since', kind: 'date', hint: 'When the status took effect; recorded in the status history.' },
  { name: 'sourceUrl', label: 'Source URL', kind: 'url', required: true },
  { name: 'legalAct', label: 'Legal act', kind: 'text' },
  { name: 'authorityRecordId', label: "Authority's record id", kind: 'text' },
  { name: 'measures', label: 'Measures', kind: 'lines', hint: 'One per line (asset freeze, travel ban…).' },
  { name: 'reason', label: 'Reason', kind: 'textarea' },
  { name: 'note', label: 'Note', kind: 'textarea' },
  { name: 'isUncertain', label: 'The sources leave this open (uncertain)', kind: 'checkbox' },
];
