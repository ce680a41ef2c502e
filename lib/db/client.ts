import 'server-only';
// The one Prisma client. Only lib/db/* imports it (the before-stop hook and an ESLint rule check).
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';
import { env, requireDatabaseUrl } from '../env';
import { pgConfigFromUrl } from './url';
import { databaseUnavailableError, isDatabaseUnavailable } from '../errors';

export type Db = PrismaClient;
/** The client, or a transaction client inside `prisma.$transaction(async (tx) => …)`. */
export type DbTx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/** A lost connection becomes the one "database unavailable" error (503; its digest tells pages). */
function translate(err: unknown): unknown {
  return isDatabaseUnavailable(err) ? Object.assign(databaseUnavailableError(), { cause: err }) : err;
}

function createClient(): PrismaClient {
  const adapter = new PrismaPg({ ...pgConfigFromUrl(requireDatabaseUrl()), max: env.DB_POOL_MAX });
  // NOTE: Prisma's default 2 s wait for a pooled connection to start a transaction turned saves into
  // errors when 50 readers held the pool (npm run bench:load); 10 s rides out a burst, and a wait
  // that still times out is a 503 "try again" (lib/errors.ts), never a 500.
  const client = new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 15_000 } });
  // NOTE: every model operation and raw query goes through this hook (in and out of transactions);
  // the extended client has the same runtime API, so it is typed as the plain client.
  const extended = client.$extends({
    query: {
      async $allOperations({ args, query }) {
        try {
          return await query(args);
        } catch (err) {
          throw translate(err);
        }
      },
    },
  });
  return extended as unknown as PrismaClient;
}

// NOTE: one instance per process, kept across hot reloads in development; created on first use so
// that `next build` (which imports modules but queries nothing) needs no database.
const globalForPrisma = globalThis as unknown as { __prisma?: PrismaClient };

export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    globalForPrisma.__prisma ??= createClient();
    const value = Reflect.get(globalForPrisma.__prisma, prop) as unknown;
    if (prop === '$transaction' && typeof value === 'function') {
      // Opening a transaction (BEGIN on a fresh connection) fails before any operation runs.
      const run = (value as (...a: unknown[]) => Promise<unknown>).bind(globalForPrisma.__prisma);
      return (...a: unknown[]) => run(...a).catch((err: unknown) => Promise.reject(translate(err)));
    }
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(globalForPrisma.__prisma) : value;
  },
});

export async function disconnectPrisma(): Promise<void> {
  await globalForPrisma.__prisma?.$disconnect();
  globalForPrisma.__prisma = undefined;
}
