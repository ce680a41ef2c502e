import 'server-only';
// The one Prisma client. Only lib/db/* imports it (the before-stop hook and an ESLint rule check).
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';
import { env, requireDatabaseUrl } from '../env';
import { pgConfigFromUrl } from './url';

export type Db = PrismaClient;
/** The client, or a transaction client inside `prisma.$transaction(async (tx) => …)`. */
export type DbTx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

function createClient(): PrismaClient {
  const adapter = new PrismaPg({ ...pgConfigFromUrl(requireDatabaseUrl()), max: env.DB_POOL_MAX });
  return new PrismaClient({ adapter });
}

// NOTE: one instance per process, kept across hot reloads in development; created on first use so
// that `next build` (which imports modules but queries nothing) needs no database.
const globalForPrisma = globalThis as unknown as { __prisma?: PrismaClient };

export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    globalForPrisma.__prisma ??= createClient();
    const value = Reflect.get(globalForPrisma.__prisma, prop) as unknown;
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(globalForPrisma.__prisma) : value;
  },
});

export async function disconnectPrisma(): Promise<void> {
  await globalForPrisma.__prisma?.$disconnect();
  globalForPrisma.__prisma = undefined;
}
