// The README's first command on a machine without a database server: `npm start` with no
// DATABASE_URL runs on the embedded database, creates the first admin, prints the password once,
// and that password signs in. Runs on its own ports and data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

test.use({ storageState: { cookies: [], origins: [] } });

test('npm start without DATABASE_URL serves the app on the embedded database', async ({ page }) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'st-embedded-'));
  const [appPort, dbPort] = [await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(appPort), EMBEDDED_DB_PORT: String(dbPort), EMBEDDED_DB_DIR: dataDir, AUTH_SECRET: 'smoke-test-secret-with-at-least-32-characters' };
  delete env.DATABASE_URL;
  delete env.NEXTAUTH_URL;
  const child: ChildProcess = spawn('npm', ['start'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  try {
    await expect.poll(() => output, { timeout: 1_140_000, intervals: [1000] }).toMatch(/ready on http:\/\/localhost:\d+/);
    expect(output).toContain('embedded database (PGlite)');
    const match = /first administrator created: (\S+) — password \(shown once\): (\S+)/.exec(output);
    expect(match, output).not.toBeNull();
    const [, email, password] = match as RegExpExecArray;

    await page.goto(`http://localhost:${appPort}/`);
    await expect(page).toHaveURL(/\/login/);
    await page.getByLabel('Email').fill(email as string);
    await page.getByLabel('Password').fill(password as string);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Designations over time' })).toBeVisible();
    await expect(page.getByTestId('designation-timeline').locator('.recharts-bar-rectangle').first()).toBeVisible();

    // Search runs there too (pg_trgm in PGlite): a changed vowel finds the name by its pattern.
    await page.goto(`http://localhost:${appPort}/entities?q=${encodeURIComponent('Shahid Aviation')}`);
    await expect(page.getByRole('link', { name: 'SHAHED AVIATION INDUSTRIES RESEARCH CENTER' }).first()).toBeVisible();
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    rmSync(dataDir, { recursive: true, force: true });
  }
});
