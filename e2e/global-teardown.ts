import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { pgConfigFromUrl, withDatabase } from '../lib/db/url';

// Drops this run's database (the e2e server may be killed before it can).
export default async function globalTeardown() {
  const file = path.join(process.cwd(), 'e2e', '.state', 'run.json');
  if (!existsSync(file) || process.env.KEEP_TEST_DB === '1') return;
  const { databaseUrl } = JSON.parse(readFileSync(file, 'utf8')) as { databaseUrl: string };
  const name = new URL(databaseUrl).pathname.slice(1);
  if (!/^st_e2e_/.test(name)) return;
  const client = new pg.Client(pgConfigFromUrl(withDatabase(databaseUrl, 'postgres')));
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.end();
}
