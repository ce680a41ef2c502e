import { defineConfig } from 'vitest/config';
import path from 'node:path';

// Two projects: unit (pure functions, no I/O) and integration (lib/db and actions against a real
// PostgreSQL, in a fresh database created for this run by test/global-setup.ts).
const shared = {
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // The marker package throws outside React Server Components; in tests lib/db runs on the server.
      'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js'),
    },
  },
};

export default defineConfig({
  test: {
    projects: [
      { ...shared, test: { name: 'unit', include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'prisma/**/*.test.ts', 'scripts/**/*.test.ts'], exclude: ['**/*.int.test.ts', 'node_modules/**'], environment: 'node' } },
      {
        ...shared,
        test: {
          name: 'integration',
          include: ['lib/**/*.int.test.ts', 'prisma/**/*.int.test.ts', 'scripts/**/*.int.test.ts'],
          environment: 'node',
          globalSetup: ['test/global-setup.ts'],
          setupFiles: ['test/setup-integration.ts'],
          // One database per run, shared by the files; files run one at a time so that tests which
          // compare counts before/after are not disturbed by another file's writes.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
