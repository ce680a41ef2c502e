// Integration tests: a fresh database for this run, migrated and seeded with the real reference
// data (the same code path as `npm run db:seed`), dropped at the end unless KEEP_TEST_DB=1.
import type { TestProject } from 'vitest/node';
import { createFreshDatabase } from './database';
import { applyMigrations } from '../lib/db/migrations';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const db = await createFreshDatabase('st_int');
  await applyMigrations(db.url);
  process.env.DATABASE_URL = db.url;
  const { runSeed } = await import('../prisma/seed');
  await runSeed(() => undefined);
  const { disconnectPrisma } = await import('../lib/db/client');
  await disconnectPrisma();
  project.provide('databaseUrl', db.url);
  return async () => {
    if (process.env.KEEP_TEST_DB !== '1') await db.drop();
  };
}
