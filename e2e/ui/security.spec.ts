// Security in the browser: every page works under the Content-Security-Policy (no violations, the
// scripts run); a locked account sees a clear message and an admin unlocks it; a role change on the
// users page ends that user's session at once.
import { expect, test, type Page } from '@playwright/test';
import { PAGE_RULES } from '../../lib/auth/access-rules';
import { STORAGE, runState } from '../run-state';
import { createTestUser, signIn, signedIn, withDb } from '../factories/sessions';
import { fillRoute, loadRouteFixtures } from '../factories/route-fixtures';

function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => violations.push(`${page.url()}: ${e.message}`));
  return violations;
}

test.describe('under the Content-Security-Policy', () => {
  test.use({ storageState: STORAGE.admin });

  test('every page loads and runs its scripts without a violation', async ({ page, browser }) => {
    test.setTimeout(300_000);
    const adminId = await withDb(async (c) => (await c.query<{ id: string }>('SELECT id FROM app_user WHERE email = $1', [runState().users.admin.email])).rows[0]!.id);
    const fx = await loadRouteFixtures(adminId);
    const violations = watchCsp(page);
    // Report-only listener in the page too: catches violations that never reach the console.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    for (const pattern of Object.keys(PAGE_RULES).filter((p) => p !== '/login')) {
      const url = fillRoute(pattern, fx);
      // A page may still navigate on its own when the next one is asked for (an overview resets a
      // parameter it refuses with a client-side replace): that aborts our navigation, not the page's.
      const res = await page.goto(url).catch((e: unknown) => (/ERR_ABORTED/.test(String(e)) ? page.goto(url) : Promise.reject(e)));
      expect(res?.status(), url).toBe(200);
      // Next's client runtime ran (it was loaded by the nonce-carrying scripts).
      // (A page may still be navigating — a saved view redirects — so an evaluate that loses its
      // context is simply polled again.)
      await expect
        .poll(() => page.evaluate(() => typeof (window as unknown as { next?: unknown }).next).catch(() => 'navigating'), { message: url })
        .toBe('object');
    }
    // The sign-in page, and signing in through it, for an anonymous visitor.
    const anon = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const login = await anon.newPage();
    const loginViolations = watchCsp(login);
    await login.goto('/login');
    await login.getByLabel('Email').fill(runState().users.analyst.email);
    await login.getByLabel('Password').fill(runState().users.analyst.password);
    await login.getByRole('button', { name: 'Sign in' }).click();
    await expect(login.getByRole('heading', { name: 'Designations over time' })).toBeVisible();
    await anon.close();
    expect([...violations, ...loginViolations]).toEqual([]);
  });
});

test.describe('sign-in protection', () => {
  test.use({ storageState: STORAGE.admin });

  test('a locked account is told so; an admin unlocks it on the users page, and it can sign in again', async ({ page, browser }) => {
    const user = await createTestUser('ANALYST', 'locked');
    for (let i = 0; i < 5; i++) await (await signIn(user.email, `wrong ${i}`)).context.dispose();

    const anon = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const login = await anon.newPage();
    await login.goto('/login');
    await login.getByLabel('Email').fill(user.email);
    await login.getByLabel('Password').fill(user.password);
    await login.getByRole('button', { name: 'Sign in' }).click();
    const alert = login.getByRole('alert').filter({ hasText: 'Too many failed sign-ins' });
    await expect(alert).toContainText('this account is locked for up to 15 minutes');
    await expect(alert).toContainText('ask an administrator to unlock it');

    await page.goto('/admin/users');
    const row = page.getByRole('row').filter({ hasText: user.email });
    await expect(row).toContainText('sign-in locked until');
    await row.getByRole('button', { name: `Unlock sign-in for ${user.email}` }).click();
    await expect(row).not.toContainText('sign-in locked');
    await expect(row.getByRole('button', { name: /^Unlock/ })).toHaveCount(0);
    const events = await withDb(async (c) => (await c.query<{ actor_label: string }>(`SELECT actor_label FROM audit_event WHERE action = 'user.unlock' AND target_id = $1`, [user.id])).rows);
    expect(events).toEqual([{ actor_label: runState().users.admin.email }]);

    await login.getByRole('button', { name: 'Sign in' }).click();
    await expect(login.getByRole('heading', { name: 'Designations over time' })).toBeVisible();
    await anon.close();
  });

  test("changing a user's role on the users page ends their open session at once", async ({ page }) => {
    const user = await createTestUser('ANALYST', 'promoted');
    const session = await signedIn(user);
    expect((await session.get('/', { maxRedirects: 0 })).status()).toBe(200);
    await page.goto('/admin/users');
    const row = page.getByRole('row').filter({ hasText: user.email });
    await row.getByRole('button', { name: `Make ${user.email} an administrator` }).click();
    await expect(row).toContainText('administrator');
    const res = await session.get('/', { maxRedirects: 0 });
    expect(res.status()).toBe(307);
    expect(new URL(res.headers().location ?? '', 'http://x').pathname).toBe('/login');
    expect((await session.get('/api/v1/milestones')).status()).toBe(401);
    await session.dispose();
  });
});
