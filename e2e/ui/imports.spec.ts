import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { STORAGE } from '../run-state';

test.describe('import history', () => {
  test.use({ storageState: STORAGE.admin });
  test('an admin sees the import runs page', async ({ page }) => {
    await page.goto('/admin/imports');
    await expect(page.getByRole('heading', { level: 1, name: 'Imports' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Import runs' })).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  });
});

test.describe('as an analyst', () => {
  test.use({ storageState: STORAGE.analyst });
  test('gets 403', async ({ page }) => {
    const res = await page.goto('/admin/imports');
    expect(res?.status()).toBe(403);
  });
});
