// Migrations on Prisma's WASM schema engine, driven through the pg driver adapter.
// NOTE: the Prisma CLI downloads a native schema-engine binary on every migrate command, which
// fails on closed networks; the WASM engine ships inside npm and needs no download. It keeps
// `_prisma_migrations` compatible with `prisma migrate deploy`, so either can be used later.
import { readFile, readdir, mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import pg, { type PoolConfig } from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import * as engineBg from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine as SchemaEngineT, MigrationList } from '@prisma/schema-engine-wasm';
import { pgConfigFromUrl } from './url';

const ROOT = process.cwd();
const SCHEMA_PATH = path.join(ROOT, 'prisma', 'schema.prisma');
const MIGRATIONS_DIR = path.join(ROOT, 'prisma', 'migrations');

let wasmReady: Promise<void> | undefined;

function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    // The package exports no path to its .wasm; resolve its JS entry and take the file beside it.
    const require = createRequire(import.meta.url);
    const wasmPath = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm')), 'schema_engine_bg.wasm');
    const bytes = await readFile(wasmPath);
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': engineBg as unknown as WebAssembly.ModuleImports });
    engineBg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  })();
  return wasmReady;
}

const PG_INTERNAL_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type PgAdapter = Awaited<ReturnType<PrismaPg['connect']>>;

/**
 * Wraps the pg adapter factory for the schema engine.
 * NOTE: two fixes to @prisma/adapter-pg 7.10 in migration use:
 * - its executeScript splits a migration on every ';', which breaks function bodies (plpgsql) and
 *   runs statements one by one outside any transaction. Sent whole, the script runs as one
 *   simple-protocol query, which PostgreSQL executes as a single implicit transaction: a failing
 *   migration leaves nothing half-applied;
 * - its shadow database is dropped before its pool is closed, so the DROP fails ("being accessed
 *   by other users") and the shadow database is left behind. Here the pool closes first;
 * - it cannot map PostgreSQL's internal one-byte "char" type (OID 18), which the engine's catalog
 *   queries return (pg_constraint.contype…), so `diff` fails on any non-empty schema. pg hands
 *   those values over as strings anyway: they are labelled text (OID 25).
 */
function migrationAdapters(config: PoolConfig): { factory: SqlMigrationAwareDriverAdapterFactory; closeAll: () => Promise<void> } {
  const factory = new PrismaPg(config);
  // The engine never disposes its main connection; we close every pool we opened ourselves.
  const opened: PgAdapter[] = [];
  const patch = (adapter: PgAdapter): PgAdapter => {
    const pool = adapter.underlyingDriver();
    const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult>;
    (pool as unknown as { query: typeof query }).query = async (...args: unknown[]) => {
      const result = await query(...args);
      for (const field of result.fields ?? []) if (field.dataTypeID === PG_INTERNAL_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
      return result;
    };
    opened.push(adapter);
    adapter.executeScript = async (script: string) => {
      try {
        await adapter.underlyingDriver().query(script);
      } catch (error) {
        (adapter as unknown as { onError(e: unknown): never }).onError(error);
      }
    };
    return adapter;
  };
  const closeAll = async () => {
    await Promise.all(opened.splice(0).map((a) => (a.underlyingDriver().ended ? undefined : a.underlyingDriver().end())));
  };
  return { closeAll, factory: {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => patch(await factory.connect()),
    connectToShadowDb: async () => {
      const database = `prisma_migrate_shadow_db_${randomUUID().replace(/-/g, '')}`;
      const admin = new pg.Client(config);
      await admin.connect();
      await admin.query(`CREATE DATABASE "${database}"`);
      await admin.end();
      const shadow = patch(await new PrismaPg({ ...config, database }).connect());
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose(); // closes the shadow pool
        const dropper = new pg.Client(config);
        await dropper.connect();
        try {
          await dropper.query(`DROP DATABASE IF EXISTS "${database}"`);
        } finally {
          await dropper.end();
        }
      };
      return shadow;
    },
  } };
}

async function withEngine<T>(databaseUrl: string, fn: (engine: SchemaEngineT) => Promise<T>): Promise<T> {
  await loadWasm();
  const schema = await readFile(SCHEMA_PATH, 'utf8');
  // A pg config object, not a connection string: the adapter's shadow-database pool overrides
  // `database`, which a connection string would silently win over.
  const adapters = migrationAdapters({ ...pgConfigFromUrl(databaseUrl), max: 2 });
  const factory = bindMigrationAwareSqlAdapterFactory(adapters.factory);
  const logs: string[] = [];
  const engine = (await engineBg.SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, schema]] },
    (log: string) => logs.push(log),
    factory,
  )) as SchemaEngineT;
  try {
    return await fn(engine);
  } finally {
    engine.free();
    await adapters.closeAll();
  }
}

async function loadMigrationList(): Promise<MigrationList> {
  const dirs = existsSync(MIGRATIONS_DIR)
    ? (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  const lockPath = path.join(MIGRATIONS_DIR, 'migration_lock.toml');
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      dirs.map(async (name) => {
        const file = path.join(MIGRATIONS_DIR, name, 'migration.sql');
        const content = existsSync(file)
          ? { tag: 'ok' as const, value: await readFile(file, 'utf8') }
          : { tag: 'error' as const, value: `missing ${file}` };
        return { path: name, migrationFile: { path: 'migration.sql', content } };
      }),
    ),
  };
}

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/** Applies every pending migration of prisma/migrations; returns the names applied. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const migrationsList = await loadMigrationList();
  return withEngine(databaseUrl, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    return out.appliedMigrationNames;
  });
}

/** The SQL that takes the committed migrations to the current schema ('' when they match). */
export async function diffMigrationsToSchema(databaseUrl: string): Promise<string> {
  const migrationsList = await loadMigrationList();
  const schema = await readFile(SCHEMA_PATH, 'utf8');
  const sql = await withEngine(databaseUrl, async (engine) => {
    const result = await engine.diff({
      from: migrationsList.migrationDirectories.length ? { tag: 'migrations', ...migrationsList } : { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return result.stdout ?? '';
  });
  return /^-- This is an empty migration\.?\s*$/.test(sql.trim()) ? '' : sql.trim();
}

/**
 * Writes a new migration with the SQL that takes the committed migrations to the current schema
 * (replayed on a throw-away shadow database). Returns the folder, or null when nothing changed.
 */
export async function createMigration(databaseUrl: string, name: string): Promise<string | null> {
  const sql = await diffMigrationsToSchema(databaseUrl);
  if (!sql) return null;
  const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') || 'migration';
  const dir = path.join(MIGRATIONS_DIR, `${stamp}_${slug}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'migration.sql'), `${sql}\n`);
  const lock = path.join(MIGRATIONS_DIR, 'migration_lock.toml');
  if (!existsSync(lock)) {
    await writeFile(lock, '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n');
  }
  return dir;
}
