// Portable logical backups (npm run db:backup / db:restore), for PostgreSQL and the embedded PGlite
// alike. NOTE: pg_dump must be at least the server's version, and PGlite (PostgreSQL 17) cannot be
// dumped by the pg_dump 15 of common distributions at all; this format needs only SQL.
//
// Format: JSON lines. Line 1 is a header (format, migrations applied, tables); then one line per
// row, `{"t":"<table>","r":<row_to_json>}`, the row text exactly as PostgreSQL wrote it (never
// re-serialised in JavaScript, so bigints and numerics keep every digit); the last line is a footer
// with the row count of every table, so a truncated file is refused instead of half-restored.
// The whole backup is read in one REPEATABLE READ READ ONLY transaction: one consistent snapshot
// while the app keeps writing. A restore runs in one transaction: all of it or nothing.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { once } from 'node:events';
import pg from 'pg';
import { pgConfigFromUrl } from './url';

export const BACKUP_FORMAT = 'sanctions-tracker-backup';
export const BACKUP_FORMAT_VERSION = 1;
const FETCH_ROWS = 2000;
const INSERT_BATCH = 1000;

export type BackupHeader = { format: typeof BACKUP_FORMAT; formatVersion: number; createdAt: string; migrations: string[]; tables: string[] };
export type BackupFooter = { end: true; rows: Record<string, number> };

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

// Not data: the migration log (the backup's header holds the version), and the rollup version —
// a cache token that names the database's state in this cluster; a restore sets a new one.
const NOT_BACKED_UP = ['_prisma_migrations', 'rollup_version'];

// Not data either: the transaction that added each vocabulary word (lib/db/word-set-cache.ts) names
// a transaction of this cluster. A restore adds every word anew, in its own transaction — so no
// running app keeps a word set it cached before the restore.
const NOT_BACKED_UP_COLUMNS: Record<string, string[]> = { name_word: ['added_xid'] };

/** A row of `table` (aliased t) as JSON text, without the columns that are not backed up. */
function rowJson(table: string): string {
  const drop = NOT_BACKED_UP_COLUMNS[table];
  return drop ? `(to_jsonb(t) - ${pg.escapeLiteral(`{${drop.join(',')}}`)}::text[])::text` : 'row_to_json(t)::text';
}

async function listTables(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND NOT (tablename = ANY($1::text[])) ORDER BY tablename`,
    [NOT_BACKED_UP],
  );
  return rows.map((r) => r.name);
}

/** Applied migrations, oldest first ([] on a database never migrated). */
export async function listAppliedMigrations(client: pg.ClientBase): Promise<string[]> {
  const { rows: exists } = await client.query<{ t: string | null }>(`SELECT to_regclass('_prisma_migrations')::text AS t`);
  if (!exists[0]?.t) return [];
  const { rows } = await client.query<{ name: string }>(
    `SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return rows.map((r) => r.name);
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client(pgConfigFromUrl(url));
  await client.connect();
  return client;
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** Writes a backup of every table to `out`; returns the row counts. */
export async function backupDatabase(url: string, out: Writable): Promise<Record<string, number>> {
  const client = await connect(url);
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const migrations = await listAppliedMigrations(client);
    if (!migrations.length) throw new BackupError('The database has no applied migrations: there is nothing of ours to back up.');
    const tables = await listTables(client);
    const header: BackupHeader = { format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, createdAt: new Date().toISOString(), migrations, tables };
    await write(out, `${JSON.stringify(header)}\n`);
    const counts: Record<string, number> = {};
    for (const table of tables) {
      counts[table] = 0;
      const prefix = `{"t":${JSON.stringify(table)},"r":`;
      await client.query(`DECLARE backup_rows NO SCROLL CURSOR FOR SELECT ${rowJson(table)} AS j FROM ${ident(table)} t`);
      for (;;) {
        const { rows } = await client.query<{ j: string }>(`FETCH ${FETCH_ROWS} FROM backup_rows`);
        if (!rows.length) break;
        await write(out, rows.map((r) => `${prefix}${r.j}}\n`).join(''));
        counts[table] += rows.length;
      }
      await client.query('CLOSE backup_rows');
    }
    const footer: BackupFooter = { end: true, rows: counts };
    await write(out, `${JSON.stringify(footer)}\n`);
    await client.query('COMMIT');
    return counts;
  } finally {
    await client.end();
  }
}

const ROW_LINE = /^\{"t":"([A-Za-z0-9_]+)","r":(\{.*\})\}$/;

export type RestoreOptions = {
  /** Replace the data of a database that is not empty (TRUNCATE, in the same transaction). */
  force?: boolean;
  /** Run the app's migrations first when the target has none (a brand-new database). */
  migrate?: (url: string) => Promise<unknown>;
};

/**
 * Restores a backup into the database at `url`, in one transaction. Refuses (changing nothing) a
 * backup from another migration version, a database that already holds data (unless `force`), and
 * a truncated or altered file.
 */
export async function restoreDatabase(url: string, input: Readable, opts: RestoreOptions = {}): Promise<Record<string, number>> {
  const lines = createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const first = await lines.next();
  let header: BackupHeader;
  try {
    header = JSON.parse(first.done ? '' : first.value) as BackupHeader;
  } catch {
    throw new BackupError('This is not a Sanctions Tracker backup (the first line is not its header).');
  }
  if (header?.format !== BACKUP_FORMAT || header.formatVersion !== BACKUP_FORMAT_VERSION || !Array.isArray(header.migrations) || !Array.isArray(header.tables)) {
    throw new BackupError(`This is not a Sanctions Tracker backup of format version ${BACKUP_FORMAT_VERSION}.`);
  }

  let client = await connect(url);
  try {
    if (!(await listAppliedMigrations(client)).length && opts.migrate) {
      await client.end();
      await opts.migrate(url);
      client = await connect(url);
    }
    const applied = await listAppliedMigrations(client);
    if (applied.join('\n') !== header.migrations.join('\n')) {
      throw new BackupError(
        `The backup was made at migration ${header.migrations.at(-1) ?? '(none)'}, this database is at ${applied.at(-1) ?? '(none)'}. ` +
          'Restore into a database at the same migration (run the app version that made the backup).',
      );
    }
    const tables = await listTables(client);
    const missing = header.tables.filter((t) => !tables.includes(t));
    if (missing.length) throw new BackupError(`The backup holds tables this database does not have: ${missing.join(', ')}.`);

    await client.query('BEGIN');
    // NOTE: replica mode skips foreign-key and other triggers while rows arrive in table order
    // (entities refer to each other, the audit log refuses TRUNCATE); the rows come from one
    // consistent snapshot, so they satisfy the constraints once all are in. Needs a superuser
    // (or the granted parameter), like any full restore.
    await client.query('SET LOCAL session_replication_role = replica');
    const { rows: filled } = await client.query<{ t: string }>(
      tables.map((t) => `SELECT ${pg.escapeLiteral(t)} AS t WHERE EXISTS (SELECT 1 FROM ${ident(t)})`).join(' UNION ALL '),
    );
    if (filled.length && !opts.force) {
      throw new BackupError(`The database is not empty (${filled.map((r) => r.t).join(', ')} hold rows). Restore into an empty database, or pass --force to replace its data.`);
    }
    if (filled.length) await client.query(`TRUNCATE ${tables.map(ident).join(', ')} RESTART IDENTITY`);

    const columns = new Map<string, string[]>();
    const { rows: cols } = await client.query<{ t: string; c: string }>(
      `SELECT table_name AS t, column_name AS c FROM information_schema.columns
        WHERE table_schema = current_schema() AND is_generated = 'NEVER' ORDER BY table_name, ordinal_position`,
    );
    for (const { t, c } of cols) if (!NOT_BACKED_UP_COLUMNS[t]?.includes(c)) (columns.get(t) ?? columns.set(t, []).get(t)!).push(c);

    const counts: Record<string, number> = Object.fromEntries(header.tables.map((t) => [t, 0]));
    let batchTable = '';
    let batch: string[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const list = columns.get(batchTable)!.map(ident).join(', ');
      await client.query(`INSERT INTO ${ident(batchTable)} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${ident(batchTable)}, $1::json)`, [`[${batch.join(',')}]`]);
      counts[batchTable]! += batch.length;
      batch = [];
    };

    let footer: BackupFooter | null = null;
    for (let next = await lines.next(); !next.done; next = await lines.next()) {
      const line = next.value;
      if (!line) continue;
      if (footer) throw new BackupError('The backup has data after its last line: the file was altered.');
      const m = ROW_LINE.exec(line);
      if (m) {
        const [, table, row] = m as unknown as [string, string, string];
        if (!(table in counts)) throw new BackupError(`The backup has a row for table ${table}, which its header does not list.`);
        if (table !== batchTable || batch.length >= INSERT_BATCH) {
          await flush();
          batchTable = table;
        }
        batch.push(row);
        continue;
      }
      const parsed = JSON.parse(line) as Partial<BackupFooter>;
      if (parsed.end !== true || typeof parsed.rows !== 'object') throw new BackupError('The backup has a line that is neither a row nor its end.');
      footer = parsed as BackupFooter;
    }
    await flush();
    if (!footer) throw new BackupError('The backup is incomplete (its last line is missing): nothing was restored.');
    for (const t of header.tables) {
      if ((footer.rows[t] ?? 0) !== counts[t]) throw new BackupError(`The backup is damaged: table ${t} should have ${footer.rows[t] ?? 0} rows, it has ${counts[t]}. Nothing was restored.`);
    }

    // Serial columns continue after the restored ids.
    const { rows: serials } = await client.query<{ t: string; c: string; s: string; numeric: boolean }>(
      `SELECT c.table_name AS t, c.column_name AS c, pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) AS s,
              c.data_type IN ('smallint', 'integer', 'bigint') AS numeric
         FROM information_schema.columns c
        WHERE c.table_schema = current_schema() AND pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) IS NOT NULL`,
    );
    for (const { t, c, s, numeric } of serials) {
      // A text column drawing on a sequence (milestone codes "M07") continues after its largest number.
      const value = numeric ? ident(c) : `substring(${ident(c)} from '[0-9]+')::bigint`;
      await client.query(`SELECT setval($1::regclass, COALESCE((SELECT max(${value}) FROM ${ident(t)}), 0) + 1, false)`, [s]);
    }
    // The rollups arrived as rows (replica mode skips their triggers): a new rollup version, so no
    // running app serves an aggregate it cached before the restore (lib/db/rollup-cache.ts).
    await client.query('SELECT st_bump_rollup_version()');
    await client.query('COMMIT');
    return counts;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A hash of every row of every table (order-independent), to compare two databases. */
export async function hashTables(url: string): Promise<Record<string, { rows: number; hash: string }>> {
  const client = await connect(url);
  try {
    const out: Record<string, { rows: number; hash: string }> = {};
    for (const t of await listTables(client)) {
      const { rows } = await client.query<{ n: number; h: string | null }>(
        `SELECT count(*)::int AS n, md5(string_agg(h, ',' ORDER BY h)) AS h FROM (SELECT md5(${rowJson(t)}) AS h FROM ${ident(t)} t) x`,
      );
      out[t] = { rows: rows[0]!.n, hash: rows[0]!.h ?? '' };
    }
    return out;
  } finally {
    await client.end();
  }
}
