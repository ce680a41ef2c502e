import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

// Debian's Chromium, never a downloaded browser: `npx playwright install` cannot work on our
// closed networks. scripts/test.mjs checks it exists before anything runs.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  throw new Error(`Chromium not found at ${CHROMIUM}. Install it (Debian: sudo apt-get install chromium) or set CHROMIUM_PATH.`);
}

const port = Number(process.env.E2E_PORT ?? 3210);
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  forbidOnly: true,
  retries: 0,
  workers: process.env.CI ? 2 : undefined,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  globalTeardown: './e2e/global-teardown.ts',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
  },
  projects: [
    { name: 'setup', testMatch: /e2e\/setup\.ts$/ },
    { name: 'ui', testDir: 'e2e/ui', dependencies: ['setup'], use: { ...devices['Desktop Chrome'], launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS } } },
    { name: 'api', testDir: 'e2e/api', dependencies: ['setup'] },
    // Security and faults (e2e/security): after ui and api, so that nothing else writes while the
    // bad-input corpus compares the database before and after; the faults spec runs its own cluster.
    { name: 'security', testDir: 'e2e/security', dependencies: ['ui', 'api'], timeout: 1_200_000 },
    // Live data (issue 27): an app instance of its own on an empty database, a local publisher,
    // SMTP server and webhook receiver; after ui and api, beside security and smoke.
    { name: 'live', testDir: 'e2e/live', dependencies: ['ui', 'api'], timeout: 600_000 },
    // Starts the app the README way on the embedded database (no DATABASE_URL), on its own port.
    { name: 'smoke', testDir: 'e2e/smoke', dependencies: ['ui', 'api'], timeout: 1_200_000 },
  ],
  webServer: {
    command: 'npx tsx --conditions=react-server scripts/e2e-server.ts',
    url: `http://127.0.0.1:${port}/login`,
    timeout: 1_200_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { E2E_PORT: String(port) },
  },
});
