// npm run db:backup / db:restore: back up this run's seeded database, restore it into a fresh one,
// compare every table row by row; and every refusal leaves the target exactly as it was.
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { createFreshDatabase } from '../test/database';
import { applyMigrations } from '../lib/db/migrations';
import { hashTables, restoreDatabase } from '../lib/db/backup';
import { pgConfigFromUrl } from '../lib/db/url';

const source = inject('databaseUrl');
const dir = mkdtempSync(path.join(os.tmpdir(), 'st-backup-'));
const file = path.join(dir, 'backup.jsonl');
let target: Awaited<ReturnType<typeof createFreshDatabase>>;

function npm(args: string[], databaseUrl: string) {
  const r = spawnSync('npm', ['run', '--silent', ...args], { env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stderr: r.stderr };
}

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const c = new pg.Client(pgConfigFromUrl(url));
  await c.connect();
  try {
    return (await c.query<T>(text)).rows;
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  target = await createFreshDatabase('st_restore');
});

afterAll(async () => {
  await target?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('backs up every table, restores into an empty database, and every row is identical', async () => {
    const backup = npm(['db:backup', '--', '--out', file], source);
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stderr).toMatch(/backed up \d+ rows of \d+ tables/);

    const restore = npm(['db:restore', '--', file], target.url);
    expect(restore.status, restore.stderr).toBe(0);

    const [before, after] = await Promise.all([hashTables(source), hashTables(target.url)]);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    expect(before.entity!.rows).toBeGreaterThan(100);
    expect(before.designation!.rows).toBeGreaterThan(100);
    expect(before.audit_event!.rows).toBeGreaterThan(0);
    expect(after).toEqual(before);
    // The restored rollups are a new state for any running app's cache: a new rollup version.
    const version = async (url: string) => (await sql<{ v: string | null }>(url, `SELECT (SELECT version::text FROM rollup_version WHERE id = 1) AS v`))[0]!.v;
    const [sourceVersion, targetVersion] = await Promise.all([version(source), version(target.url)]);
    expect(targetVersion).not.toBeNull();
    expect(targetVersion).not.toBe(sourceVersion);
    // Milestone codes ("M16") continue after the restored ones: a new milestone clashes with none.
    const [next] = await sql<{ code: string; max: number }>(
      target.url,
      `WITH m AS (SELECT max(substring(code from '[0-9]+')::int) AS max FROM milestone)
       SELECT (SELECT 'M' || lpad((nextval('milestone_code_seq'))::text, 2, '0')) AS code, (SELECT max FROM m) AS max`,
    );
    expect(Number(next!.code.slice(1))).toBe(next!.max + 1);

    // The vocabulary's words are added anew, by the restore's transaction: younger than any word of
    // the source, so no running app reuses a word set it cached before (lib/db/word-set-cache.ts).
    const xids = async (url: string) => (await sql<{ n: number; min: string; max: string }>(url, `SELECT count(DISTINCT added_xid)::int AS n, min(added_xid)::text AS min, max(added_xid)::text AS max FROM name_word`))[0]!;
    const [sourceXids, targetXids] = await Promise.all([xids(source), xids(target.url)]);
    expect(targetXids.n).toBe(1);
    expect(BigInt(targetXids.min)).toBeGreaterThan(BigInt(sourceXids.max));

    // Serial ids continue after the restored ones (the audit log is append-only, so ask the sequence).
    const [row] = await sql<{ max: string; next: string }>(target.url, `SELECT (SELECT max(id) FROM audit_event)::text AS max, nextval(pg_get_serial_sequence('audit_event', 'id'))::text AS next`);
    expect(BigInt(row!.next)).toBeGreaterThan(BigInt(row!.max));
  });

  it('refuses a database that holds data, unless --force', async () => {
    const before = await hashTables(target.url);
    const again = npm(['db:restore', '--', file], target.url);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/not empty.*--force/);
    expect(await hashTables(target.url)).toEqual(before);

    // Someone edits the restored copy; --force brings back exactly the backup.
    await sql(target.url, `UPDATE milestone SET title = 'changed after the backup' WHERE id = (SELECT min(id) FROM milestone)`);
    await sql(target.url, `DELETE FROM saved_view`);
    await restoreDatabase(target.url, createReadStream(file), { force: true });
    expect(await hashTables(target.url)).toEqual(await hashTables(source));
  });

  it('refuses a truncated or altered file and changes nothing', async () => {
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const before = await hashTables(target.url);
    const cases: Array<[string, string, RegExp]> = [
      ['no footer', lines.slice(0, -1).join('\n'), /incomplete/],
      ['a row lost', [...lines.slice(0, 5), ...lines.slice(6)].join('\n'), /damaged/],
      ['not a backup', 'hello\n', /not a Sanctions Tracker backup/],
      ['another migration', [JSON.stringify({ ...JSON.parse(lines[0]!), migrations: ['20990101000000_future'] }), ...lines.slice(1)].join('\n'), /made at migration 20990101000000_future/],
      ['a table it does not list', [lines[0], '{"t":"app_user_x","r":{}}', ...lines.slice(1)].join('\n'), /does not list|does not have/],
    ];
    for (const [label, text, message] of cases) {
      writeFileSync(path.join(dir, 'bad.jsonl'), `${text}\n`);
      await expect(restoreDatabase(target.url, createReadStream(path.join(dir, 'bad.jsonl')), { force: true }), label).rejects.toThrow(message);
    }
    // One comparison after all five (each hash reads every row): a refused restore that wrote
    // anything would show here, as none of them could put the rows back.
    expect(await hashTables(target.url)).toEqual(before);
  });

  it('restores into a freshly migrated database through the library too', async () => {
    const fresh = await createFreshDatabase('st_restore2');
    try {
      await applyMigrations(fresh.url);
      const counts = await restoreDatabase(fresh.url, Readable.from(readFileSync(file, 'utf8')));
      expect(counts.entity).toBeGreaterThan(100);
      expect(await hashTables(fresh.url)).toEqual(await hashTables(source));
    } finally {
      await fresh.drop();
    }
  });
});
