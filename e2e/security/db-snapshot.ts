// Row counts of every table and a row-by-row hash of the data tables, to prove a request changed
// nothing. Excluded from the hash (their counts are still compared): the rate-limit counters and
// API tokens' "last used" stamps, which every authenticated API request may move by design.
import pg from 'pg';
import { pgConfigFromUrl } from '../../lib/db/url';

const VOLATILE = new Set(['rate_limit_bucket', 'api_token']);

export async function snapshotDatabase(url: string): Promise<Record<string, string>> {
  const c = new pg.Client(pgConfigFromUrl(url));
  await c.connect();
  try {
    const { rows: tables } = await c.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT IN ('_prisma_migrations', 'rate_limit_bucket') ORDER BY 1`);
    const parts = tables.map(({ t }) =>
      VOLATILE.has(t)
        ? `SELECT '${t}' AS t, count(*)::text AS v FROM "${t}"`
        : `SELECT '${t}' AS t, count(*)::text || ':' || coalesce(md5(string_agg(md5(x::text), ',' ORDER BY md5(x::text))), '') AS v FROM "${t}" x`,
    );
    const { rows } = await c.query<{ t: string; v: string }>(parts.join(' UNION ALL '));
    return Object.fromEntries(rows.map((r) => [r.t, r.v]));
  } finally {
    await c.end();
  }
}

export async function counts(url: string): Promise<Record<string, number>> {
  const c = new pg.Client(pgConfigFromUrl(url));
  await c.connect();
  try {
    const { rows: tables } = await c.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT IN ('_prisma_migrations', 'rate_limit_bucket') ORDER BY 1`);
    const { rows } = await c.query<{ t: string; n: number }>(tables.map(({ t }) => `SELECT '${t}' AS t, count(*)::int AS n FROM "${t}"`).join(' UNION ALL '));
    return Object.fromEntries(rows.map((r) => [r.t, r.n]));
  } finally {
    await c.end();
  }
}
