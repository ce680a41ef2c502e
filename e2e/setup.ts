// Signs in once per role through the real login page and keeps the session for the other tests.
import { expect, test as setup } from '@playwright/test';
import { STORAGE, runState } from './run-state';

for (const role of ['admin', 'analyst'] as const) {
  setup(`sign in as ${role}`, async ({ page }) => {
    const { users } = runState();
    await page.goto('/login');
    await page.getByLabel('Email').fill(users[role].email);
    await page.getByLabel('Password').fill(users[role].password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // NOTE: the first sign-in of a run renders the overview cold (server just started, shared CPU):
    // it can take longer than the default 15 s.
    await expect(page.getByRole('heading', { name: 'Designations over time' })).toBeVisible({ timeout: 60_000 });
    await page.context().storageState({ path: STORAGE[role] });
  });
}
