// Prisma CLI configuration. The CLI is used only for `prisma generate` here: migrations run on the
// WASM schema engine (scripts/db/migrate.ts) so they work on machines with no internet.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
