import { afterAll, inject } from 'vitest';

// Before any test module imports lib/env: point the app's data layer at this run's database.
process.env.DATABASE_URL = inject('databaseUrl');

afterAll(async () => {
  const { disconnectPrisma } = await import('../lib/db/client');
  await disconnectPrisma();
});
