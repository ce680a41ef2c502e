import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { STORAGE } from '../run-state';

test.use({ storageState: STORAGE.analyst });

test('the overview charts designations by authority with milestone markers', async ({ page }) => {
  await page.goto('/?granularity=month&from=2021-06&to=2024-06');
  const chart = page.getByTestId('designation-timeline');
  await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  // Milestones in range: invasion of Ukraine (line), JCPOA talks collapse (line), 2022 drone production move (year-only: band)…
  await expect(chart.locator('[data-milestone="invasion-ukraine-2022"]')).toHaveCount(1);
  await expect(chart.locator('[data-milestone="jcpoa-talks-collapse-2022"]')).toHaveCount(1);
  await expect(chart.locator('[data-milestone="drone-production-moved-to-russia"]')).toHaveCount(1);
  await expect(page.getByRole('heading', { name: /New designations per month/ })).toBeVisible();
  await expect(page.locator('#milestone-invasion-ukraine-2022')).toContainText('24 Feb 2022 — Russia launches its full-scale invasion of Ukraine');
  // What is not shown is said, not dropped: the 9,083 entries already listed when the OFAC history starts.
  await expect(page.getByTestId('coverage-note')).toContainText('9,083 were already listed');
});

test('the settings live in the URL and survive a reload', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Bins', { exact: true }).selectOption('year');
  await page.getByLabel('From', { exact: true }).fill('2019');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/granularity=year/);
  await expect(page).toHaveURL(/from=2019/);
  await page.reload();
  await expect(page.getByLabel('Bins', { exact: true })).toHaveValue('year');
  await expect(page.getByRole('heading', { name: /New designations per year/ })).toBeVisible();
});

test('the tooltip shows counts and the milestone of that bin', async ({ page }) => {
  await page.goto('/?granularity=month&from=2022-01&to=2022-12&authority=US-OFAC');
  const chart = page.getByTestId('designation-timeline');
  await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  const bars = chart.locator('.recharts-bar-rectangle');
  // February 2022 holds the invasion milestone; hover its bar.
  await bars.nth(1).hover();
  const tooltip = page.locator('.tooltip');
  await expect(tooltip).toContainText('Feb 2022');
  await expect(tooltip).toContainText('Russia launches its full-scale invasion');
});

test('has no serious or critical accessibility violation', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('designation-timeline')).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.length} node(s)`)).toEqual([]);
});
