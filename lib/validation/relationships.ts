// Relationships between two entities (FtM's Ownership, Directorship, Family, UnknownLink…): who
// owns, directs or is linked to whom, with the source that says so.
import { z } from 'zod';
import { END_BEFORE_START, enumField, endNotBeforeStart, idVersionSchema, optionalPartialDate, optionalText, recordId, requiredUrl } from './fields';
import { DATE_HINT, optionsOf, type FieldDef } from './form';

// Mirrors the RelationshipType enum of prisma/schema.prisma.
export const RELATIONSHIP_TYPES = ['OWNERSHIP', 'DIRECTORSHIP', 'FAMILY', 'ASSOCIATE', 'EMPLOYMENT', 'MEMBERSHIP', 'UNKNOWN_LINK'] as const;

const relationshipFields = z.object({
  subjectId: recordId('entity'),
  type: enumField(RELATIONSHIP_TYPES),
  objectId: recordId('entity'),
  role: optionalText(),
  startDate: optionalPartialDate(),
  endDate: optionalPartialDate(),
  sourceUrl: requiredUrl(),
});
type Shape = z.output<typeof relationshipFields>;
const dated = (v: Shape) => endNotBeforeStart(v.startDate, v.endDate);
const distinct = (v: Shape) => v.subjectId !== v.objectId;
const DISTINCT = 'An entity cannot be related to itself: the two ids must differ.';

export const relationshipCreateSchema = relationshipFields
  .refine(dated, { message: END_BEFORE_START, path: ['endDate'] })
  .refine(distinct, { message: DISTINCT, path: ['objectId'] });
export const relationshipUpdateSchema = relationshipFields
  .extend(idVersionSchema.shape)
  .refine(dated, { message: END_BEFORE_START, path: ['endDate'] })
  .refine(distinct, { message: DISTINCT, path: ['objectId'] });
export type RelationshipInput = z.output<typeof relationshipCreateSchema>;

export const RELATIONSHIP_FIELDS: readonly FieldDef[] = [
  { name: 'subjectId', label: 'Subject entity id', kind: 'text', required: true, hint: 'The owner, director, relative… Copy the id from the admin entity list.' },
  { name: 'type', label: 'Relationship', kind: 'select', required: true, options: optionsOf(RELATIONSHIP_TYPES) },
  { name: 'objectId', label: 'Object entity id', kind: 'text', required: true, hint: 'The company owned or directed, the relative…' },
  { name: 'role', label: 'Role', kind: 'text', hint: 'As the source words it, e.g. “shareholder (51%)”, “general director”.' },
  { name: 'startDate', label: 'From', kind: 'date', hint: DATE_HINT },
  { name: 'endDate', label: 'Until', kind: 'date', hint: DATE_HINT },
  { name: 'sourceUrl', label: 'Source URL', kind: 'url', required: true },
];
