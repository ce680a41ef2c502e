// npm test — every test: types, unit, integration (real PostgreSQL, a fresh database per run) and
// end-to-end (Debian's Chromium through Playwright). Fails loudly, never skips silently.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function fail(message) {
  console.error(`\nnpm test: ${message}\n`);
  process.exit(1);
}

function run(title, cmd, args, extraEnv = {}) {
  console.log(`\n=== ${title} ===`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  // The phase's wall time, so that a run creeping towards CI's time budget shows where.
  console.log(`=== ${title}: ${((Date.now() - started) / 1000).toFixed(0)} s ===`);
  if (result.status !== 0) fail(`${title} failed.`);
}

async function canReach(host, port) {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

if (!existsSync(chromium)) {
  fail(`the end-to-end tests need Chromium at ${chromium}, and it is missing. Install it with \`sudo apt-get install chromium\` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium binary. The tests are not skipped.`);
}
const dbUrl = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
if (!(await canReach(dbUrl.hostname, Number(dbUrl.port || 5432)))) {
  fail(`the integration and end-to-end tests need PostgreSQL at ${dbUrl.host} and cannot reach it. Start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or set TEST_DATABASE_URL.`);
}

const only = process.argv[2];
if (!only || only === 'static') {
  run('Type check', 'npx', ['tsc', '--noEmit']);
  run('Lint', 'npx', ['eslint', '.', '--max-warnings', '0']);
}
if (!only || only === 'unit') run('Unit tests', 'npx', ['vitest', 'run', '--project', 'unit']);
if (!only || only === 'integration') run('Integration tests (PostgreSQL)', 'npx', ['vitest', 'run', '--project', 'integration']);
if (!only || only === 'e2e') run('End-to-end tests (Chromium)', 'npx', ['playwright', 'test'], { CI: process.env.CI ?? '1' });
console.log('\nAll tests passed.');
