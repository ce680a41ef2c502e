import { expect, test } from '@playwright/test';
import { STORAGE, runState } from '../run-state';

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
