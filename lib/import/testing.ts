// Test support for the import tests: a fresh, migrated database of their own (the shared integration
// database is seeded, and these tests count rows from zero), and row counts of the tables an import
// writes, to prove "nothing written".
import pg from 'pg';
import { createFreshDatabase } from '../../test/database';
import { applyMigrations } from '../db/migrations';
import { pgConfigFromUrl } from '../db/url';

export const DATA_TABLES = ['entity', 'entity_alias', 'identifier', 'external_id', 'authority', 'sanctions_program', 'designation', 'designation_program', 'designation_event', 'relationship', 'audit_event', 'list_edition'] as const;

export type FreshDb = { url: string; query: <T extends pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<T[]>; counts: () => Promise<Record<string, number>>; count: (sql: string) => Promise<number>; drop: () => Promise<void> };

export async function freshImportDatabase(prefix = 'st_imp'): Promise<FreshDb> {
  const db = await createFreshDatabase(prefix);
  await applyMigrations(db.url);
  const client = new pg.Client(pgConfigFromUrl(db.url));
  await client.connect();
  const query = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => (await client.query<T>(sql, params)).rows;
  return {
    url: db.url,
    query,
    count: async (sql: string) => Number(Object.values((await query(sql))[0] ?? {})[0] ?? NaN),
    counts: async () => {
      const out: Record<string, number> = {};
      for (const t of DATA_TABLES) out[t] = Number((await query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`))[0]?.n ?? 0);
      return out;
    },
    drop: async () => {
      await client.end();
      if (process.env.KEEP_TEST_DB !== '1') await db.drop();
    },
  };
}
