// npm run user:create -- --email a@b.c --role admin|analyst [--password P] [--name "Full Name"]
// Creates the user, or updates the role and password of an existing one. Without --password, a
// random password is generated and printed once. Works on DATABASE_URL or the embedded database.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { resolveDatabase } from '../lib/db/embedded';
import { applyMigrations } from '../lib/db/migrations';
import { MIN_PASSWORD_LENGTH, generatePassword } from '../lib/auth/password';

const argsSchema = z.object({
  email: z.string().trim().email('--email must be an email address'),
  role: z.enum(['admin', 'analyst'], { message: '--role must be admin or analyst' }),
  password: z.string().min(MIN_PASSWORD_LENGTH, `--password must have at least ${MIN_PASSWORD_LENGTH} characters`).max(1024).optional(),
  name: z.string().trim().max(200).optional(),
});

async function main() {
  const { values } = parseArgs({ options: { email: { type: 'string' }, role: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } }, strict: true });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
  const db = await resolveDatabase();
  process.env.DATABASE_URL = db.url;
  try {
    await applyMigrations(db.url);
    const { upsertUserWithPassword } = await import('../lib/db/accounts/users');
    const password = parsed.data.password ?? generatePassword();
    const { user, created } = await upsertUserWithPassword(
      { email: parsed.data.email, role: parsed.data.role === 'admin' ? 'ADMIN' : 'ANALYST', password, name: parsed.data.name },
      'cli:user:create',
    );
    console.log(`${created ? 'Created' : 'Updated'} ${user.role.toLowerCase()} ${user.email}.`);
    if (!parsed.data.password) console.log(`Password (shown once): ${password}`);
  } finally {
    const { disconnectPrisma } = await import('../lib/db/client');
    await disconnectPrisma();
    await db.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`user:create failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
