// Fresh databases for test runs: each run gets its own, on a local server only.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { assertLocalDatabase, pgConfigFromUrl, withDatabase } from '../lib/db/url';

/** The server tests use: TEST_DATABASE_URL, else the local PostgreSQL of the developer guide. */
export function testServerUrl(): string {
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  assertLocalDatabase(url);
  return url;
}

export async function createFreshDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const server = testServerUrl();
  const name = `${prefix}_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client(pgConfigFromUrl(server));
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(
      `Cannot reach PostgreSQL at ${new URL(server).host} (${err instanceof Error ? err.message : String(err)}). ` +
        'Start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or set TEST_DATABASE_URL.',
    );
  }
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    url: withDatabase(server, name),
    drop: async () => {
      const c = new pg.Client(pgConfigFromUrl(server));
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
