// Admin forms for entities (the analyst list's query schema is in ./entities.ts).
import { z } from 'zod';
import { MAX_LONG_TEXT, checkbox, enumField, idVersionSchema, lines, optionalPartialDate, optionalText, recordId, requiredText } from './fields';
import { DATE_HINT, optionsOf, type FieldDef } from './form';
import { ENTITY_SCHEMAS } from './entities';

const IDENTIFIER_LINE = /^([^:]{1,60}):\s*(.+?)(?:\s+\(([A-Za-z]{2})\))?$/;

export type IdentifierInput = { type: string; value: string; country: string | null };

export function parseIdentifierLine(line: string): IdentifierInput | null {
  const m = IDENTIFIER_LINE.exec(line.trim());
  if (!m) return null;
  return { type: m[1]!.trim(), value: m[2]!.trim(), country: m[3] ? m[3].toLowerCase() : null };
}

export function formatIdentifierLine(i: IdentifierInput): string {
  return `${i.type}: ${i.value}${i.country ? ` (${i.country.toUpperCase()})` : ''}`;
}

const identifiers = lines().superRefine((list, ctx) => {
  list.forEach((line, i) => {
    if (!parseIdentifierLine(line)) ctx.addIssue({ code: 'custom', message: `Line ${i + 1}: write "type: value", e.g. "IMO: 9123456" or "Registration Number: 123 (RU)".` });
  });
});

const countries = lines(12).superRefine((list, ctx) => {
  list.forEach((c, i) => {
    if (!/^[A-Za-z]{2}(-[A-Za-z0-9]{1,8})?$/.test(c)) ctx.addIssue({ code: 'custom', message: `Line ${i + 1}: a two-letter country code such as IR, RU or GB.` });
  });
});

const fields = z.object({
  schema: enumField(ENTITY_SCHEMAS),
  name: requiredText(),
  aliases: lines(),
  countries: countries.transform((list) => [...new Set(list.map((c) => c.toLowerCase()))]),
  birthDate: optionalPartialDate(),
  identifiers: identifiers.transform((list) => list.map((l) => parseIdentifierLine(l) as IdentifierInput)),
  notes: optionalText(MAX_LONG_TEXT),
  /** Set once the person has seen the likely duplicates and still wants a new entity. */
  acknowledgeDuplicates: checkbox(),
});

export const entityCreateSchema = fields;
export const entityUpdateSchema = fields.extend(idVersionSchema.shape);
export type EntityInput = z.output<typeof entityCreateSchema>;

export const entityMatchQuerySchema = z.object({
  name: z.string({ error: 'Must be text.' }).trim().max(300, 'At most 300 characters.').default(''),
  aliases: lines(),
  identifiers: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : v.split(/\r?\n/)).map((l) => parseIdentifierLine(l)).filter((x): x is IdentifierInput => x !== null).slice(0, 50)),
  excludeId: z.string().trim().max(64).optional(),
});

export const entityMergeSchema = z
  .object({ survivorId: recordId('entity'), mergedId: recordId('entity'), survivorVersion: idVersionSchema.shape.version, mergedVersion: idVersionSchema.shape.version })
  .refine((v) => v.survivorId !== v.mergedId, { message: 'Choose two different entities.', path: ['mergedId'] });

export const ENTITY_FIELDS: readonly FieldDef[] = [
  { name: 'schema', label: 'Type', kind: 'select', required: true, options: optionsOf(ENTITY_SCHEMAS) },
  { name: 'name', label: 'Name', kind: 'text', required: true },
  { name: 'aliases', label: 'Aliases', kind: 'lines', hint: 'One per line.' },
  { name: 'countries', label: 'Countries', kind: 'lines', hint: 'Two-letter codes, one per line (IR, RU…).' },
  { name: 'birthDate', label: 'Born / incorporated', kind: 'date', hint: DATE_HINT },
  { name: 'identifiers', label: 'Identifiers', kind: 'lines', hint: 'One per line: "type: value", optionally "(CC)" for the issuing country.' },
  { name: 'notes', label: 'Notes', kind: 'textarea' },
];
