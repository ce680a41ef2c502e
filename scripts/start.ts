// npm start — install-to-running in one command: database (embedded when DATABASE_URL is unset),
// migrations, seed, first admin, build when the sources changed, then `next start`.
// npm run dev — the same with `next dev`.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { resolveDatabase } from '../lib/db/embedded';
import { applyMigrations } from '../lib/db/migrations';
import { generatePassword } from '../lib/auth/password';
import { NEXT_BIN, buildIfNeeded, hashTree } from './lib/build';

const ROOT = process.cwd();
const DATA_DIR = path.join(ROOT, '.data');
const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const publicUrl = process.env.NEXTAUTH_URL ?? `http://localhost:${port}`;

function log(line: string) {
  console.log(`[sanctions-tracker] ${line}`);
}

/** AUTH_SECRET from the environment, else one generated once and kept in .data/ (not in git). */
function resolveAuthSecret(): string {
  const fromEnv = process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET;
  if (fromEnv) return fromEnv;
  const file = path.join(DATA_DIR, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  log(`AUTH_SECRET is not set: generated one in ${path.relative(ROOT, file)} (set AUTH_SECRET in production).`);
  return secret;
}

async function seedIfNeeded(): Promise<void> {
  const { prisma } = await import('../lib/db/client');
  const fingerprint = hashTree(['data', 'prisma/seed', 'prisma/seed.ts']);
  const done = await prisma.auditEvent.findFirst({ where: { action: 'seed.complete', targetId: fingerprint }, select: { id: true } });
  if (done && process.env.SEED !== 'always') return;
  log('loading the reference data (first start or data changed)…');
  const { runSeed } = await import('../prisma/seed');
  await runSeed((line) => log(line));
  await prisma.auditEvent.create({ data: { actorLabel: 'system:start', action: 'seed.complete', targetType: 'Dataset', targetId: fingerprint } });
}

/** The first start of an empty database creates an administrator and prints the password once. */
async function ensureFirstAdmin(): Promise<{ email: string; password: string } | null> {
  const { countUsers, upsertUserWithPassword } = await import('../lib/db/accounts/users');
  if ((await countUsers()) > 0) return null;
  const email = process.env.FIRST_ADMIN_EMAIL ?? 'admin@sanctions-tracker.local';
  const password = generatePassword();
  await upsertUserWithPassword({ email, role: 'ADMIN', password, name: 'First administrator' }, 'system:start');
  // Printed at once (and only once): if a later step fails, the password is not lost.
  log(`first administrator created: ${email} — password (shown once): ${password}`);
  return { email, password };
}

async function main() {
  const db = await resolveDatabase();
  process.env.DATABASE_URL = db.url;
  log(db.embedded ? `embedded database (PGlite) in .data/pglite, served on ${new URL(db.url).host}` : `database: ${new URL(db.url).host}${new URL(db.url).pathname}`);
  const secret = resolveAuthSecret();
  const applied = await applyMigrations(db.url);
  if (applied.length) log(`applied ${applied.length} migration(s)`);
  await seedIfNeeded();
  const firstAdmin = await ensureFirstAdmin();
  const { disconnectPrisma } = await import('../lib/db/client');
  await disconnectPrisma();
  if (!dev) await buildIfNeeded(log);

  const child = spawn(process.execPath, [NEXT_BIN, dev ? 'dev' : 'start', '-p', String(port), '-H', host], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, DATABASE_URL: db.url, AUTH_SECRET: secret, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: publicUrl, NEXT_TELEMETRY_DISABLED: '1' },
  });
  let announced = false;
  child.stdout.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (!announced && /Ready|started server|Local:/i.test(chunk.toString())) {
      announced = true;
      log(`ready on ${publicUrl}`);
      if (firstAdmin) {
        log(`sign in as ${firstAdmin.email} with the password printed above (shown once)`);
        log('create more users with: npm run user:create -- --email you@example.org --role analyst');
      } else {
        log('sign in with your account; create one with: npm run user:create -- --email you@example.org --role admin');
      }
    }
  });
  const stop = async (code: number) => {
    child.kill('SIGTERM');
    await db.stop().catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  child.on('exit', (code) => void stop(code ?? 0));
}

main().catch((err: unknown) => {
  console.error(`[sanctions-tracker] could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
