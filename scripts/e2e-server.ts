// The app under end-to-end test: a fresh database (migrated, seeded with the real reference data),
// two users with generated passwords, a production build, `next start`. Playwright starts this
// (playwright.config.ts → webServer); e2e/.state/run.json tells the tests how to reach it.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createFreshDatabase } from '../test/database';
import { applyMigrations } from '../lib/db/migrations';
import { generatePassword } from '../lib/auth/password';
import { NEXT_BIN, buildIfNeeded } from './lib/build';

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;
const log = (line: string) => console.log(`[e2e-server] ${line}`);

async function main() {
  const db = await createFreshDatabase('st_e2e');
  process.env.DATABASE_URL = db.url;
  await applyMigrations(db.url);
  const { runSeed } = await import('../prisma/seed');
  await runSeed(log);
  const { upsertUserWithPassword } = await import('../lib/db/accounts/users');
  const users = {
    admin: { email: 'e2e-admin@example.org', password: generatePassword() },
    analyst: { email: 'e2e-analyst@example.org', password: generatePassword() },
  };
  await upsertUserWithPassword({ ...users.admin, role: 'ADMIN', name: 'E2E Admin' }, 'e2e:setup');
  await upsertUserWithPassword({ ...users.analyst, role: 'ANALYST', name: 'E2E Analyst' }, 'e2e:setup');
  const { disconnectPrisma } = await import('../lib/db/client');
  await disconnectPrisma();

  // NOTE: the run's AUTH_SECRET goes into the (git-ignored) state file so that the access tests can
  // mint sessions the app cannot tell from real ones — expired ones, or past their absolute lifetime.
  const secret = randomBytes(32).toString('base64url');
  const stateDir = path.join(process.cwd(), 'e2e', '.state');
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(path.join(stateDir, 'run.json'), JSON.stringify({ databaseUrl: db.url, baseURL, users, authSecret: secret }, null, 2));

  await buildIfNeeded(log);
  const child = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    stdio: 'inherit',
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      AUTH_SECRET: secret,
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: baseURL,
      NEXT_TELEMETRY_DISABLED: '1',
      // A small read-API quota, so that e2e/api/v1.spec.ts can reach the 429 in a few requests.
      API_RATE_LIMIT_MAX: process.env.API_RATE_LIMIT_MAX ?? '25',
      API_RATE_LIMIT_WINDOW_SECONDS: process.env.API_RATE_LIMIT_WINDOW_SECONDS ?? '60',
      // Sign-in protection as documented (e2e/api/sign-in.spec.ts counts on these values).
      LOGIN_MAX_FAILURES: '5',
      LOGIN_LOCKOUT_MINUTES: '15',
      LOGIN_ADDRESS_MAX_FAILURES: '50',
      LOGIN_ADDRESS_WINDOW_MINUTES: '15',
      // The run plays one reverse proxy: e2e/factories/sessions.ts signIn sends X-Forwarded-For as a
      // proxy would append it, so that per-address throttling tests do not share 127.0.0.1.
      TRUST_PROXY: '1',
    },
  });
  const stop = () => {
    child.kill('SIGTERM');
    // The database is dropped by e2e/global-teardown.ts (Playwright may kill this process hard).
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  child.on('exit', (code) => process.exit(code ?? 1));
}

main().catch((err: unknown) => {
  console.error(`[e2e-server] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
