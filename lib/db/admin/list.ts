import 'server-only';
// Admin lists share one query shape: a text filter, live or deleted records, a page.
import { z } from 'zod';
import { pageQuerySchema } from '../../validation/search-params';

export const PAGE_SIZE = 50;

// pageQuerySchema: a parameter holding a control character is left out (a NUL in q would reach
// PostgreSQL, which refuses it: a 500), so the list shows its default, as for any unusable value.
export const adminListQuerySchema = pageQuerySchema(
  z.object({
    q: z.string().trim().max(200).optional().catch(undefined),
    deleted: z.enum(['1']).optional().catch(undefined),
    page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  }),
);
export type AdminListQuery = z.output<typeof adminListQuerySchema>;

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export function paging(q: AdminListQuery) {
  return { skip: (q.page - 1) * PAGE_SIZE, take: PAGE_SIZE };
}

export function deletedFilter(q: AdminListQuery) {
  return q.deleted ? { deletedAt: { not: null } } : { deletedAt: null };
}

/** One row of an admin table: the cells are already formatted text. */
export type AdminRow = { id: string; version: number; deleted: boolean; cells: string[] };
