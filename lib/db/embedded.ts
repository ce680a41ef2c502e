// The embedded default database: PGlite (PostgreSQL compiled to WASM) stored in a local folder and
// served on 127.0.0.1 by pglite-socket, so the app, Prisma's pg adapter and the scripts talk to it
// exactly as to a PostgreSQL server. Used only when DATABASE_URL is unset (docs/adr/0002-embedded-database.md).
// NOTE: PGlite runs one backend; pglite-socket accepts several connections and serialises their
// queries (transactions included). Fine for one analyst's laptop, not for a team: use PostgreSQL.
import net from 'node:net';
import path from 'node:path';
import { mkdirSync } from 'node:fs';

export type ResolvedDatabase = { url: string; embedded: boolean; stop: () => Promise<void> };

export const EMBEDDED_DEFAULT_PORT = 54329;

function isPortOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await isPortOpen(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`embedded database did not open port ${port} within ${timeoutMs} ms`);
}

/** Starts PGlite on `dataDir` and serves it on 127.0.0.1:`port`. */
export async function startEmbeddedDatabase(opts: { dataDir: string; port: number }): Promise<ResolvedDatabase> {
  const [{ PGlite }, { PGLiteSocketServer }, { pg_trgm }, { unaccent }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-socket'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite/contrib/unaccent'),
  ]);
  mkdirSync(opts.dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir: opts.dataDir, extensions: { pg_trgm, unaccent } });
  const server = new PGLiteSocketServer({ db, port: opts.port, host: '127.0.0.1', maxConnections: 32 });
  await server.start();
  await waitForPort(opts.port, 30_000);
  return {
    url: `postgres://postgres@127.0.0.1:${opts.port}/postgres`,
    embedded: true,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}

/**
 * DATABASE_URL when set; otherwise the embedded database (started here, or reused when another
 * process of ours — say `npm start` — already serves it on the port).
 */
export async function resolveDatabase(): Promise<ResolvedDatabase> {
  const fromEnv = process.env.DATABASE_URL?.trim();
  if (fromEnv) return { url: fromEnv, embedded: false, stop: async () => {} };
  const port = Number(process.env.EMBEDDED_DB_PORT ?? EMBEDDED_DEFAULT_PORT);
  const dataDir = path.resolve(process.env.EMBEDDED_DB_DIR ?? '.data/pglite');
  if (await isPortOpen(port)) {
    return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, embedded: true, stop: async () => {} };
  }
  return startEmbeddedDatabase({ dataDir, port });
}
