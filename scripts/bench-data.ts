// npm run bench:data -- --designations 1000000 [--seed N] [--database-url URL]
// Generates the synthetic benchmark dataset (scripts/bench/dataset.ts). Default target: a database
// st_bench_data_<N> on the local PostgreSQL (TEST_DATABASE_URL's server or 127.0.0.1:5432), dropped
// and recreated, then migrated. With --database-url the database must exist, be local and hold no
// designations (it is migrated first).
import pg from 'pg';
import { applyMigrations } from '../lib/db/migrations';
import { assertLocalDatabase, pgConfigFromUrl, withDatabase } from '../lib/db/url';
import { generateDataset } from './bench/dataset';

export function benchDatabaseName(designations: number): string {
  return `st_bench_data_${designations}`;
}

export function benchServerUrl(): string {
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  assertLocalDatabase(url);
  return url;
}

/** Drops and recreates st_bench_data_<N>, migrates it, fills it; returns its URL. */
export async function createBenchDatabase(designations: number, opts: { seed?: number; url?: string; log?: (l: string) => void } = {}): Promise<string> {
  let url = opts.url;
  if (!url) {
    const server = benchServerUrl();
    const name = benchDatabaseName(designations);
    const admin = new pg.Client(pgConfigFromUrl(server));
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    url = withDatabase(server, name);
  }
  assertLocalDatabase(url);
  await applyMigrations(url);
  const summary = await generateDataset({ url, designations, seed: opts.seed, log: opts.log });
  opts.log?.(`done in ${(summary.ms / 1000).toFixed(1)} s: ${JSON.stringify(summary)}`);
  return url;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const designations = Number(arg('designations') ?? 1_000_000);
  if (!Number.isInteger(designations) || designations < 100 || designations > 20_000_000) throw new Error('--designations must be a whole number between 100 and 20,000,000');
  const seed = arg('seed') === undefined ? undefined : Number(arg('seed'));
  const url = await createBenchDatabase(designations, { seed, url: arg('database-url'), log: (l) => console.log(`bench:data ${l}`) });
  console.log(`bench:data database: ${url}`);
}

if (process.argv[1]?.endsWith('bench-data.ts')) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(`bench:data failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
