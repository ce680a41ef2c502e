import { z } from 'zod';
import { pageQuerySchema } from './search-params';

const many = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean));

export const ENTITY_SCHEMAS = ['Person', 'Organization', 'Company', 'LegalEntity', 'Vessel', 'Airplane'] as const;

// relevance (the default with a query), name A–Z, first listed (oldest first) or latest first-listed.
export const ENTITY_SORTS = ['relevance', 'name', 'listed', '-listed'] as const;
export type EntitySort = (typeof ENTITY_SORTS)[number];

// pageQuerySchema: a parameter holding a control character is left out (a NUL in q or authority
// would reach PostgreSQL, which refuses it).
export const entityListQuerySchema = pageQuerySchema(
  z
    .object({
      q: z.string().trim().max(200).optional().catch(undefined),
      authority: many.transform((v) => v.slice(0, 20)),
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
export function entitiesHref(q: EntityListQuery, patch: Partial<Pick<EntityListQuery, 'q' | 'authority' | 'schema' | 'country' | 'sort' | 'page'>>): string {
  const next = { ...q, page: 1, ...patch };
  // An explicit sort stays explicit (kept in the URL even when it equals the default).
  const isExplicit = 'sort' in patch || q.isSortExplicit;
  const params = new URLSearchParams();
  if (next.q) params.set('q', next.q);
  for (const a of next.authority) params.append('authority', a);
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
