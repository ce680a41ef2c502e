import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { STORAGE } from '../run-state';

test.use({ storageState: STORAGE.analyst });

test('finds an entity by name and shows its designations with sources', async ({ page }) => {
  await page.goto('/entities');
  await page.getByLabel('Name or alias').fill('qods aviation');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/q=qods\+aviation/);
  await page.getByRole('link', { name: 'QODS AVIATION INDUSTRIES' }).click();
  await expect(page.getByRole('heading', { name: 'QODS AVIATION INDUSTRIES', level: 1 })).toBeVisible();
  const rows = page.getByRole('region', { name: /Designations/ }).locator('tbody tr');
  // One entity across the lists (issue 24): three OFAC designations (the original listing and two
  // programs added later), the EU's under both acts (Qods Aeronautics Industries since 2007 under
  // 267/2012; Qods Aviation Industries in 2022 under 269/2014), the UK's and the UN's.
  await expect(rows).toHaveCount(7);
  await expect(rows.filter({ hasText: 'EU' }).filter({ hasText: '14 Nov 2022' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'RUSSIA-EO14024' })).toContainText('15 Nov 2022');
  await expect(rows.filter({ hasText: 'NPWMD' })).toContainText('on or before 18 Aug 2021');
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});
