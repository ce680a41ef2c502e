import { z } from 'zod';
import { pageQuerySchema } from './search-params';

const many = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean));

export const ENTITY_SCHEMAS = ['Person', 'Organization', 'Company', 'LegalEntity', 'Vessel', 'Airplane'] as const;

const AUTHORITY = /^[A-Z0-9-]{2,20}$/;
/** `notby=any`: entities no authority designated. */
export const NOT_BY_ANY = 'any';

// relevance (the default with a query), name A–Z, first listed (oldest first) or latest first-listed.
export const ENTITY_SORTS = ['relevance', 'name', 'listed', '-listed'] as const;
export type EntitySort = (typeof ENTITY_SORTS)[number];

// pageQuerySchema: a parameter holding a control character is left out (a NUL in q or authority
// would reach PostgreSQL, which refuses it).
export const entityListQuerySchema = pageQuerySchema(
  z
    .object({
      q: z.string().trim().max(200).optional().catch(undefined),
      // Designated by any of these authorities…
      authority: many.transform((v) => v.filter((a) => AUTHORITY.test(a)).slice(0, 20)),
      // …and by none of these (NOT_BY_ANY: by no authority at all): the gap questions.
      notby: many.transform((v) => {
        const kept = v.filter((a) => a === NOT_BY_ANY || AUTHORITY.test(a)).slice(0, 20);
        return kept.includes(NOT_BY_ANY) ? [NOT_BY_ANY] : [...new Set(kept)];
      }),
      // Cases (ADR 0017): entities listed by an action of one of these cases.
      case: many.transform((v) => [...new Set(v.filter((c) => /^[a-z0-9][a-z0-9-]{0,80}$/.test(c)))].slice(0, 20)),
      schema: many.transform((v) => v.filter((s): s is (typeof ENTITY_SCHEMAS)[number] => (ENTITY_SCHEMAS as readonly string[]).includes(s))),
      // ISO 3166 alpha-2 (lower case, as stored) or the few longer codes OFAC uses; anything else is dropped.
      country: many.transform((v) => v.map((c) => c.toLowerCase()).filter((c) => /^[a-z][a-z-]{1,15}$/.test(c)).slice(0, 20)),
      sort: z.enum(ENTITY_SORTS).optional().catch(undefined),
      page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
      pageSize: z.coerce.number().int().min(10).max(200).catch(50).default(50),
    })
    // Without an explicit sort: relevance when there is a query, name otherwise (relevance needs a query).
    .transform((q) => {
      const text = q.q || undefined;
      const fallback = text ? 'relevance' : 'name';
      return { ...q, q: text, sort: q.sort === 'relevance' && !text ? 'name' : (q.sort ?? fallback), isSortExplicit: q.sort !== undefined };
    }),
);

export type EntityListQuery = z.output<typeof entityListQuerySchema>;

/** The URL of the search view with some settings changed; a changed filter goes back to page 1. */
export function entitiesHref(q: EntityListQuery, patch: Partial<Pick<EntityListQuery, 'q' | 'authority' | 'notby' | 'case' | 'schema' | 'country' | 'sort' | 'page'>>): string {
  const next = { ...q, page: 1, ...patch };
  // An explicit sort stays explicit (kept in the URL even when it equals the default).
  const isExplicit = 'sort' in patch || q.isSortExplicit;
  const params = new URLSearchParams();
  if (next.q) params.set('q', next.q);
  for (const a of next.authority) params.append('authority', a);
  for (const a of next.notby) params.append('notby', a);
  for (const c of next.case) params.append('case', c);
  for (const s of next.schema) params.append('schema', s);
  for (const c of next.country) params.append('country', c);
  if (isExplicit && next.sort !== (next.q ? 'relevance' : 'name')) params.set('sort', next.sort);
  if (next.page > 1) params.set('page', String(next.page));
  if (next.pageSize !== 50) params.set('pageSize', String(next.pageSize));
  const s = params.toString();
  return s ? `/entities?${s}` : '/entities';
}

/** Adds the value to the list, or removes it when present (facet links toggle). */
export function toggle<T extends string>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

const asList = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string').map((x) => x.trim()).filter(Boolean);

/**
 * The values entityListQuerySchema leaves out of the filters, one problem per parameter, so the
 * page says what it ignored ("Ignored “E U”…") instead of dropping it silently.
 */
export function entityListQueryProblems(raw: Readonly<Record<string, unknown>>, query: EntityListQuery): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  const check = (field: 'authority' | 'notby' | 'case' | 'schema' | 'country', kept: readonly string[], norm: (v: string) => string, hint: string) => {
    const bad = asList(raw[field]).filter((v) => !kept.includes(norm(v)) && !(field === 'notby' && kept.includes(NOT_BY_ANY)));
    if (bad.length) problems.push({ field, message: `Ignored ${bad.map((b) => `“${b.slice(0, 40)}”`).join(', ')}: ${hint}` });
  };
  check('authority', query.authority, (v) => v, 'an authority is a code such as US-OFAC, EU or UK (at most 20).');
  check('notby', query.notby, (v) => v, `an authority is a code such as US-OFAC, EU or UK, or “${NOT_BY_ANY}” for entities no authority designated (at most 20).`);
  check('case', query.case, (v) => v, 'a case is named by its slug, e.g. iran-drones.');
  check('schema', query.schema, (v) => v, `a type is one of ${ENTITY_SCHEMAS.join(', ')}.`);
  check('country', query.country, (v) => v.toLowerCase(), 'a country is an ISO code such as cn, hk or tr (at most 20).');
  return problems;
}
