// CI smoke of the benchmark (not timing): the generator at 10k designations into a database of its
// own, then the series and search suites' queries through the real route handlers, checked for
// correct results — the rollup-answered series equal the aggregate over the designation rows for
// every filter set, the rollup equals its recomputation, the search through its word index finds
// exactly what its unindexed definition matches — so the benchmark cannot rot unnoticed.
import { NextRequest } from 'next/server';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFreshDatabase } from '../../test/database';
import { applyMigrations } from '../../lib/db/migrations';
import { pgConfigFromUrl } from '../../lib/db/url';
import { env } from '../../lib/env';
import { disconnectPrisma } from '../../lib/db/client';
import { getDesignationCounts } from '../../lib/db/metrics';
import { dashboardQuerySchema } from '../../lib/validation/dashboard';
import { searchParamsToObject } from '../../lib/validation/search-params';
import { searchDefinition } from '../../test/search';
import { GET as getSeries } from '../../app/api/v1/series/route';
import { GET as getSearch } from '../../app/api/v1/search/route';
import { generateDataset, AUTHORITIES } from './dataset';
import { createBenchUser } from './lib';
import { FILTER_SETS, sourceOf } from './series';
import { QUERIES } from './search';
import { STALE_ROLLUP_ROWS_SQL } from '../../test/rollup';
import { testViewer } from '../../test/actions';

const N = 10_000;
let db: { url: string; drop: () => Promise<void> };
let client: pg.Client;
let token = '';
const sharedUrl = env.DATABASE_URL;

async function call(handler: (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>, url: string) {
  const req = new NextRequest(new URL(url, 'http://localhost'), { headers: { authorization: `Bearer ${token}` } });
  const res = await handler(req, { params: Promise.resolve({}) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  db = await createFreshDatabase('st_bsmoke');
  await applyMigrations(db.url);
  await generateDataset({ url: db.url, designations: N });
  client = new pg.Client(pgConfigFromUrl(db.url));
  await client.connect();
  token = (await createBenchUser(db.url)).token;
  // NOTE: the data layer reads this run's database from lib/env; point it at the benchmark
  // database for this file only (each test file has its own module instances).
  await disconnectPrisma();
  env.DATABASE_URL = db.url;
  env.API_RATE_LIMIT_MAX = 1_000_000;
}, 300_000);

afterAll(async () => {
  await disconnectPrisma();
  env.DATABASE_URL = sharedUrl;
  await client?.end();
  await db?.drop();
});

const count = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0]!.n);

describe('benchmark smoke at 10k designations', () => {
  it('generates the dataset the issue describes, deterministically', async () => {
    expect(await count('SELECT count(*) AS n FROM designation')).toBe(N);
    expect(await count('SELECT count(*) AS n FROM entity')).toBe(3000);
    expect(await count('SELECT count(DISTINCT schema) AS n FROM entity')).toBe(6);
    expect(await count('SELECT count(*) AS n FROM authority')).toBe(AUTHORITIES.length);
    expect(await count('SELECT count(*) AS n FROM sanctions_program')).toBe(200);
    expect(await count('SELECT count(*) AS n FROM milestone')).toBeGreaterThan(10);
    expect(await count(`SELECT count(*) AS n FROM designation WHERE listing_date < '2000-01-01' OR listing_date > '2026-12-31'`)).toBe(0);
    // Heavy tail: some entity is on far more lists than the average (3.3).
    expect(await count('SELECT max(c) AS n FROM (SELECT count(*) AS c FROM designation GROUP BY entity_id) x')).toBeGreaterThan(30);
    const lifted = await count(`SELECT count(*) AS n FROM designation WHERE end_date IS NOT NULL`);
    expect(lifted / N).toBeGreaterThan(0.08);
    expect(await count(`SELECT count(*) AS n FROM designation_event WHERE status = 'DELISTED'`)).toBe(lifted);
    expect(await count('SELECT count(*) AS n FROM program_participant')).toBeGreaterThan(0);
    expect(await count('SELECT count(*) AS n FROM supply_link')).toBeGreaterThan(0);
    // Bursts: the month after a milestone holds more listings than the average month.
    const burst = await count(`SELECT count(*) AS n FROM designation d, milestone m WHERE m.date >= '2000-01-01' AND d.listing_date BETWEEN m.date AND m.date + 30`);
    expect(burst / 15).toBeGreaterThan(N / (27 * 12));

    // Same seed, same rows: a small dataset twice gives identical content.
    const digest = async () => {
      const small = await createFreshDatabase('st_bsmoke_det');
      try {
        await applyMigrations(small.url);
        await generateDataset({ url: small.url, designations: 300, seed: 7 });
        const c = new pg.Client(pgConfigFromUrl(small.url));
        await c.connect();
        const { rows } = await c.query<{ h: string }>(`SELECT md5(string_agg(concat_ws('|', d.id, d.entity_id, d.authority_id, d.listing_date, d.end_date, e.name), ',' ORDER BY d.id)) AS h FROM designation d JOIN entity e ON e.id = d.entity_id`);
        await c.end();
        return rows[0]!.h;
      } finally {
        await small.drop();
      }
    };
    expect(await digest()).toBe(await digest());
  }, 120_000);

  it('keeps the rollup equal to its recomputation from the rows', async () => {
    const { rows } = await client.query(STALE_ROLLUP_ROWS_SQL);
    expect(rows).toEqual([]);
  });

  it('series suite: every filter set answers 200 from a rollup, equal to the aggregate over the rows', async () => {
    let fromRollup = 0;
    for (const set of FILTER_SETS) {
      const res = await call(getSeries, `/api/v1/series?${set.qs}`);
      expect([set.name, res.status]).toEqual([set.name, 200]);
      const rows = res.body.rows as Array<{ bin: string; series: string; count: number }>;
      expect([set.name, rows.length > 0]).toEqual([set.name, true]);
      expect(rows.reduce((n, r) => n + r.count, 0)).toBeLessThanOrEqual(N * 2);
      const q = dashboardQuerySchema.parse(searchParamsToObject(new URLSearchParams(set.qs)));
      expect([set.name, rows]).toEqual([set.name, await getDesignationCounts(await testViewer(), q, 'base')]);
      if (sourceOf(set.qs) === 'rollup') fromRollup++;
      // The bare reference query of the suite runs and counts rows too.
      expect((await client.query(set.bare, set.params)).rows.length).toBeGreaterThan(0);
    }
    expect(fromRollup).toBe(10); // every set: by authority or type, program or country
  }, 120_000);

  it('search suite: every query answers 200 with the same matches as the unindexed predicate', async () => {
    let found = 0;
    for (const q of QUERIES) {
      const res = await call(getSearch, `/api/v1/search?q=${encodeURIComponent(q)}&limit=20`);
      expect([q, res.status]).toEqual([q, 200]);
      const total = res.body.total as number;
      if (total > 0) found++;
      // The search's definition, unindexed (test/search.ts): one expression per name over every name.
      const { sql, values } = searchDefinition(q);
      const expected = (await client.query(`SELECT count(*)::int AS n FROM (${sql}) d`, values)).rows[0].n as number;
      expect([q, total]).toEqual([q, expected]);
    }
    // The names' words come at their rates in the SDN list (dataset.ts): at 3,000 entities, a fifth
    // of the SDN's 15k, the rarer names are not drawn, and 10 of the 20 queries find names.
    expect(found).toBeGreaterThanOrEqual(8);
  }, 120_000);
});
