import { expect, test } from '@playwright/test';
import { STORAGE, runState } from '../run-state';
import { createTestUser } from '../factories/sessions';

test.describe('signing in', () => {
  test('an anonymous visitor is sent to sign in, then back where they were going', async ({ page }) => {
    const { users } = runState();
    await page.goto('/entities?q=qods');
    await expect(page).toHaveURL(/\/login/);
    await page.getByLabel('Email').fill(users.analyst.email);
    await page.getByLabel('Password').fill(users.analyst.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/entities\?q=qods/);
    await expect(page.getByRole('heading', { name: 'Entities' })).toBeVisible();
  });

  test('a wrong password is refused with a clear message', async ({ page }) => {
    const { users } = runState();
    await page.goto('/login');
    await page.getByLabel('Email').fill(users.analyst.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Email or password is wrong' })).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });
});

test.describe('signing out', () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  test('ends the session', async ({ page }) => {
    const { users } = runState();
    await page.goto('/login');
    await page.getByLabel('Email').fill(users.admin.email);
    await page.getByLabel('Password').fill(users.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Designations over time' })).toBeVisible();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto('/');
    await expect(page).toHaveURL(/\/login/);
  });
});

test.describe('roles', () => {
  test.describe('as an analyst', () => {
    test.use({ storageState: STORAGE.analyst });
    test('sees no admin link and gets 403 on admin pages', async ({ page }) => {
      await page.goto('/');
      await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
      await expect(page.getByRole('link', { name: 'Admin home' })).toHaveCount(0);
      const res = await page.goto('/admin');
      expect(res?.status()).toBe(403);
      await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
      await expect(page.getByText('Recent audit events')).toHaveCount(0);
    });
  });

  test.describe('as an admin', () => {
    test.use({ storageState: STORAGE.admin });
    test('reaches the admin area', async ({ page }) => {
      await page.goto('/');
      await page.getByRole('link', { name: 'Admin home' }).click();
      await expect(page.getByRole('heading', { name: 'Admin' })).toBeVisible();
      await expect(page.getByText('Recent audit events')).toBeVisible();
    });
  });
});

test.describe('your sessions', () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  test('lists where you are signed in; ends another session, then all of them', async ({ browser }) => {
    const user = await createTestUser('ANALYST', 'sessions');
    const signInAs = async () => {
      const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
      const page = await context.newPage();
      await page.goto('/login');
      await page.getByLabel('Email').fill(user.email);
      await page.getByLabel('Password').fill(user.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('heading', { name: 'Designations over time' })).toBeVisible();
      return { context, page };
    };
    const laptop = await signInAs();
    const phone = await signInAs();
    const desk = await signInAs();

    await laptop.page.goto('/account');
    const table = laptop.page.getByTestId('sessions-table');
    await expect(laptop.page.getByRole('heading', { name: 'Your sessions (3)' })).toBeVisible();
    await expect(table.getByRole('row')).toHaveCount(4);
    await expect(table.getByText('(this session)')).toHaveCount(1);
    await expect(table.getByText(/Chrom/).first()).toBeVisible();

    // End one other session: that browser is signed out on its next request, the others are not.
    await table.getByRole('button', { name: /^End the session of/ }).first().click();
    await expect(laptop.page.getByRole('heading', { name: 'Your sessions (2)' })).toBeVisible();
    const ended = [phone, desk];
    const statuses = await Promise.all(ended.map(async (b) => (await b.page.goto('/milestones'), new URL(b.page.url()).pathname)));
    expect(statuses.sort()).toEqual(['/login', '/milestones']);

    // Sign out everywhere: this browser and the remaining one are sent to sign in.
    await laptop.page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expect(laptop.page).toHaveURL(/\/login/);
    for (const b of ended) {
      await b.page.goto('/milestones');
      await expect(b.page).toHaveURL(/\/login/);
    }
    for (const b of [laptop, phone, desk]) await b.context.close();
  });
});
