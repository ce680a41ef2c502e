// URL state of /suppliers: the gap questions ("Shahed-136 suppliers in China, Hong Kong or Türkiye
// that the EU and the UK have not designated"). Every list parameter repeats (?country=cn&country=hk).
// A bad value never crashes the page: parseSuppliersQuery drops it and says so, like the overview's
// parseDashboardQuery, so a mistyped or stale link still lists suppliers.
import { z } from 'zod';
import { pageQuerySchema, withoutControlCharacters, type QueryProblem } from './search-params';

export const COMPONENT_CATEGORIES = ['ENGINES', 'ELECTRONICS', 'NAVIGATION', 'SERVOS', 'AIRFRAME_MATERIALS', 'AEROSPACE_COMPONENTS', 'OTHER', 'UNSPECIFIED'] as const;
export type ComponentCategory = (typeof COMPONENT_CATEGORIES)[number];

/** `notby=any`: designated by no authority at all ("not yet sanctioned by anyone"). */
export const ANY_AUTHORITY = 'any';

/** The most values one list parameter keeps (a link cannot make the query arbitrarily long). */
export const MAX_VALUES = 30;

const AUTHORITY = z.string().regex(/^[A-Z0-9-]{2,20}$/, 'an authority is a code such as US-OFAC, EU or UK');
const ITEMS = {
  // ISO 3166 alpha-2 as stored (lower case), or the few longer codes OFAC uses.
  country: z
    .string()
    .toLowerCase()
    .regex(/^[a-z][a-z-]{1,15}$/, 'a country is an ISO code, e.g. cn, hk or tr'),
  category: z.enum(COMPONENT_CATEGORIES, { message: `a component category is one of ${COMPONENT_CATEGORIES.join(', ')}` }),
  weapon: z.string().regex(/^[a-z0-9][a-z0-9-]{0,80}$/, 'a weapons program is named by its slug, e.g. shahed-136'),
  // Cases (ADR 0017): suppliers listed by one of the case's actions.
  case: z.string().regex(/^[a-z0-9][a-z0-9-]{0,80}$/, 'a case is named by its slug, e.g. iran-drones'),
  by: AUTHORITY,
  notby: z.string().regex(new RegExp(`^(${ANY_AUTHORITY}|[A-Z0-9-]{2,20})$`), `an authority is a code such as US-OFAC, EU or UK, or “${ANY_AUTHORITY}” for every authority`),
} as const;
type ListField = keyof typeof ITEMS;
const LIST_FIELDS = Object.keys(ITEMS) as ListField[];

export type SuppliersQuery = {
  country: string[];
  category: ComponentCategory[];
  weapon: string[];
  /** Listed by an action of one of these cases. */
  case: string[];
  /** Designated by at least one of these authorities. */
  by: string[];
  /** Designated by none of these; ANY_AUTHORITY: by no authority at all. */
  notby: string[];
};

export const EMPTY_SUPPLIERS_QUERY: SuppliersQuery = { country: [], category: [], weapon: [], case: [], by: [], notby: [] };

const asList = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((s): s is string => typeof s === 'string').map((s) => s.trim()).filter(Boolean);

/**
 * The lenient reading of /suppliers' query: each value is checked on its own; a bad one is left out
 * (the rest of its parameter kept) and reported. `designated` (the page's single filter before the
 * gap filters) still works: `designated=EU` is `by=EU`, `designated=none` is `notby=any`.
 */
export function parseSuppliersQuery(raw: Readonly<Record<string, unknown>>): { query: SuppliersQuery; problems: QueryProblem[] } {
  const clean = withoutControlCharacters(raw);
  const problems: QueryProblem[] = clean.problems.filter((p) => (LIST_FIELDS as string[]).includes(p.field) || p.field === 'designated');
  const input: Record<ListField, string[]> = { country: [], category: [], weapon: [], case: [], by: [], notby: [] };
  for (const field of LIST_FIELDS) input[field] = asList(clean.query[field]);
  for (const legacy of asList(clean.query.designated)) {
    if (legacy.toLowerCase() === 'none') input.notby.push(ANY_AUTHORITY);
    else input.by.push(legacy);
  }
  const query: SuppliersQuery = { ...EMPTY_SUPPLIERS_QUERY };
  for (const field of LIST_FIELDS) {
    const kept: string[] = [];
    const bad: string[] = [];
    let message = '';
    for (const value of input[field]) {
      const r = ITEMS[field].safeParse(value);
      if (!r.success) {
        bad.push(value);
        message ||= r.error.issues[0]?.message ?? 'not a value this filter knows';
      } else if (!kept.includes(r.data)) kept.push(r.data);
    }
    if (bad.length) problems.push({ field, message: `Ignored ${bad.map((b) => `“${b.slice(0, 40)}”`).join(', ')}: ${message}.` });
    if (kept.length > MAX_VALUES) problems.push({ field, message: `Only the first ${MAX_VALUES} values are used.` });
    (query as Record<ListField, string[]>)[field] = kept.slice(0, MAX_VALUES);
  }
  // `any` stands for every authority: another one beside it adds nothing.
  if (query.notby.includes(ANY_AUTHORITY)) query.notby = [ANY_AUTHORITY];
  // Kept as asked (the answer is then empty, which the list says), but said, so it is not a mystery.
  const both = query.by.filter((a) => query.notby.includes(a) || query.notby.includes(ANY_AUTHORITY));
  if (both.length) problems.push({ field: 'notby', message: `Designated by ${both.join(', ')} and not designated by ${query.notby.includes(ANY_AUTHORITY) ? 'any authority' : both.join(', ')}: no supplier can be both.` });
  // One line per parameter (the notice lists them by parameter).
  const merged = new Map<string, string>();
  for (const p of problems) merged.set(p.field, merged.has(p.field) ? `${merged.get(p.field)} ${p.message}` : p.message);
  return { query, problems: [...merged].map(([field, message]) => ({ field, message })) };
}

/**
 * For callers that only want the query (the program page's links, tests): the same reading, as a
 * page schema (a parameter holding a control character is left out; never throws).
 */
export const suppliersQuerySchema = pageQuerySchema(z.record(z.string(), z.unknown()).catch({}).transform((raw) => parseSuppliersQuery(raw).query));

/** The URL of /suppliers with some filters changed. */
export function suppliersHref(q: SuppliersQuery, patch: Partial<SuppliersQuery> = {}): string {
  const next = { ...q, ...patch };
  const p = new URLSearchParams();
  for (const field of LIST_FIELDS) for (const v of next[field]) p.append(field, v);
  const s = p.toString();
  return s ? `/suppliers?${s}` : '/suppliers';
}

/** Whether any filter is set. */
export const hasSupplierFilters = (q: SuppliersQuery): boolean => LIST_FIELDS.some((f) => q[f].length > 0);
