import 'server-only';
// The edition registry (table list_edition): which edition of each list a database holds. Written
// by every applied import (lib/db/imports.ts, inside its transaction) and by the seed; read by the
// import's order check and by "data as of" stamps.
import type pg from 'pg';
import { prisma } from '../client';
import { authorize } from '../../auth/verified';
import type { Principal } from '../../auth/permissions';

type Query = <T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<T[]>;

export type EditionRow = {
  scope: string;
  editionDate: string;
  checksum: string;
  format: string;
  fileName: string;
  records: number;
  source: 'import' | 'seed';
  importRunId: string | null;
  allowedOlder: boolean;
};

/** Per scope: the latest edition held, and the latest one before `edition` (a lifting's lower bound). */
export async function heldEditions(q: Query, scopes: string[], edition: string): Promise<Array<{ scope: string; latest: string; previous: string | null }>> {
  if (!scopes.length) return [];
  return q<{ scope: string; latest: string; previous: string | null }>(
    `SELECT scope, max(edition_date)::text AS latest, max(edition_date) FILTER (WHERE edition_date < $2::date)::text AS previous
     FROM list_edition WHERE scope = ANY ($1::text[]) GROUP BY scope`,
    [scopes, edition],
  );
}

export async function recordEditions(q: Query, rows: EditionRow[]): Promise<void> {
  if (!rows.length) return;
  await q(
    `INSERT INTO list_edition (id, scope, edition_date, checksum, format, file_name, records, source, import_run_id, allowed_older)
     SELECT gen_random_uuid()::text, * FROM unnest($1::text[], $2::date[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::boolean[])
     ON CONFLICT (scope, edition_date, checksum) DO NOTHING`,
    [
      rows.map((r) => r.scope), rows.map((r) => r.editionDate), rows.map((r) => r.checksum), rows.map((r) => r.format), rows.map((r) => r.fileName),
      rows.map((r) => r.records), rows.map((r) => r.source), rows.map((r) => r.importRunId), rows.map((r) => r.allowedOlder),
    ],
  );
}

/** The latest edition of every scope: what the database holds ("data as of"). */
export async function listHeldEditions(viewer: Principal) {
  authorize(viewer, 'data:read');
  const rows = await prisma.listEdition.findMany({ orderBy: [{ scope: 'asc' }, { editionDate: 'desc' }, { createdAt: 'desc' }] });
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!latest.has(r.scope)) latest.set(r.scope, r);
  return [...latest.values()].map((r) => ({ scope: r.scope, editionDate: r.editionDate.toISOString().slice(0, 10), source: r.source, fileName: r.fileName, records: r.records, importedAt: r.createdAt }));
}
