// Field descriptors: what a generic admin form renders. Plain data, shared by the server page that
// builds a form and the client component that draws it; the zod schema of the same record type
// (same file family) is what the server action checks, so names and rules stay in step.
export type FieldKind = 'text' | 'textarea' | 'url' | 'date' | 'select' | 'checkbox' | 'lines';

export type FieldOption = { value: string; label: string };

export type FieldDef = {
  name: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
  hint?: string;
  options?: readonly FieldOption[];
  /** Shown only when creating (e.g. an authority's code, which is its id). */
  createOnly?: boolean;
  /** Shown, never sent: a value the database assigns (e.g. a milestone's code). */
  readOnly?: boolean;
};

export type FormValues = Record<string, string | boolean>;

export const DATE_HINT = 'YYYY, YYYY-MM or YYYY-MM-DD: the precision you type is the precision stored.';

export function optionsOf(values: readonly string[]): FieldOption[] {
  return values.map((v) => ({ value: v, label: v.toLowerCase().replace(/_/g, ' ') }));
}

/** Sets the options of select fields whose choices come from the database. */
export function withOptions(fields: readonly FieldDef[], options: Record<string, readonly FieldOption[]>): FieldDef[] {
  return fields.map((f) => (options[f.name] ? { ...f, options: options[f.name] } : f));
}
