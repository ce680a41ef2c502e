// npm run db:migrate                  — apply pending migrations (embedded database when DATABASE_URL is unset)
// npm run db:migrate:create -- NAME   — write a migration for the schema's changes; needs a PostgreSQL
//                                       server that can create a shadow database (e.g. the local one)
import { applyMigrations, createMigration } from '../lib/db/migrations';
import { resolveDatabase } from '../lib/db/embedded';

async function main() {
  const [cmd = 'deploy', ...rest] = process.argv.slice(2);
  const db = await resolveDatabase();
  try {
    if (cmd === 'create') {
      const name = rest.find((a) => !a.startsWith('-')) ?? 'migration';
      const dir = await createMigration(db.url, name);
      console.log(dir ? `Created ${dir}` : 'The schema matches the migrations: nothing to create.');
    } else if (cmd === 'deploy') {
      const applied = await applyMigrations(db.url);
      console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date.');
    } else {
      throw new Error(`Unknown command "${cmd}" (use deploy, or create NAME)`);
    }
  } finally {
    await db.stop();
  }
}

// NOTE: explicit exits: a pg socket to the embedded server can linger for seconds after close.
main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`db:migrate failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
