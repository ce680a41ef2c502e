// Cases (issue 26, ADR 0017): a curated, sourced set of sanctions actions, entered by admins.
import { z } from 'zod';
import { MAX_LONG_TEXT, MAX_URL, idVersionSchema, lines, optionalText, requiredText } from './fields';
import type { FieldDef } from './form';

const httpUrls = lines(MAX_URL).superRefine((list, ctx) => {
  list.forEach((u, i) => {
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(u).protocol);
    } catch {
      ok = false;
    }
    if (!ok) ctx.addIssue({ code: 'custom', message: `Line ${i + 1}: use a full web address starting with http:// or https://.` });
  });
});

// Action ids are what /actions/<id> shows: "us-2022-09-08" (curated) or "g:EU:2022-10-20:32014R0269" (grouped).
const actionIds = lines(200).superRefine((list, ctx) => {
  if (!list.length) ctx.addIssue({ code: 'custom', message: 'Required: at least one sanctions action id (copy it from the action’s page address).' });
  list.forEach((id, i) => {
    if (!/^[A-Za-z0-9:._-]{1,200}$/.test(id)) ctx.addIssue({ code: 'custom', message: `Line ${i + 1}: an action id holds letters, digits and : . _ - only.` });
  });
});

const fields = z.object({
  slug: z
    .string({ error: 'Must be text.' })
    .trim()
    .max(80, 'At most 80 characters.')
    .regex(/^([a-z0-9][a-z0-9-]*)?$/, 'Only lower-case letters, digits and dashes, starting with a letter or digit.')
    .nullish()
    .transform((v) => (v ? v : null)),
  title: requiredText(120),
  description: optionalText(MAX_LONG_TEXT),
  sourceUrls: httpUrls,
  actionIds,
  note: optionalText(MAX_LONG_TEXT),
});

export const caseCreateSchema = fields;
export const caseUpdateSchema = fields.extend(idVersionSchema.shape);
export type CaseInput = z.output<typeof fields>;

export const CASE_FIELDS: readonly FieldDef[] = [
  { name: 'title', label: 'Title', kind: 'text', required: true, hint: 'What the case is about, e.g. “Iran drones 2022–23”.' },
  { name: 'description', label: 'What it counts', kind: 'textarea', hint: 'Shown beside every count filtered by the case: say what is in it and what is left out.' },
  { name: 'actionIds', label: 'Sanctions actions', kind: 'lines', required: true, hint: 'One action id per line, as in its page address (/actions/us-2022-09-08).' },
  { name: 'sourceUrls', label: 'Source URLs', kind: 'lines', hint: 'One address per line: where the case’s selection comes from.' },
  { name: 'note', label: 'Note', kind: 'textarea' },
  { name: 'slug', label: 'Slug', kind: 'text', hint: 'Left empty: made from the title. Used in links (?case=…): change it with care.' },
];
