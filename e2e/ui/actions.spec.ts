// Sanctions actions in the browser (issue 25, ADR 0015), on the seeded real data: the list, an
// action with its designations, the same day's other action, and the overview's measure switch.
import { expect, test } from '@playwright/test';
import { STORAGE } from '../run-state';

test.use({ storageState: STORAGE.analyst });

test('lists the curated actions, and an action shows the designations it published', async ({ page }) => {
  await page.goto('/actions?kind=CURATED&authority=US-OFAC');
  await expect(page.getByRole('heading', { name: '12 actions, newest first' })).toBeVisible();
  await page.getByRole('link', { name: /Shahed Aviation Industries Research Center and the UAV transfer network/ }).click();
  await expect(page).toHaveURL(/\/actions\/us-2022-11-15$/);
  const rows = page.getByTestId('action-designations').locator('tbody tr');
  await expect(rows).toHaveCount(8);
  // 5 new entries and 3 programs added to entries already listed.
  await expect(page.getByTestId('action-designations').getByText('program added to a listed entry')).toHaveCount(3);
});

test('the uncertain US action of 9 Dec 2022 links the grouped rest of that day', async ({ page }) => {
  await page.goto('/actions/us-2022-12-09');
  await expect(page.getByTestId('action-uncertain')).toBeVisible();
  await expect(page.getByTestId('action-designations').locator('tbody tr')).toHaveCount(3);
  await page.getByRole('link', { name: 'US (OFAC): other listings of 9 Dec 2022' }).click();
  await expect(page.getByText('215 designations of')).toBeVisible();
  await expect(page.getByRole('link', { name: /Russian entities at the forefront/ })).toBeVisible();
});

test('an unknown action is a 404 page, not an error', async ({ page }) => {
  const res = await page.goto('/actions/no-such-action');
  expect(res?.status()).toBe(404);
});

test('the overview counts sanctions actions or entities when asked, and says what it counts', async ({ page }) => {
  await page.goto('/?granularity=year&from=2022&to=2023&authority=US-OFAC');
  await page.locator('#measure').selectOption('actions');
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(page).toHaveURL(/measure=actions/);
  await expect(page.locator('#timeline-title')).toHaveText('Sanctions actions per year, by authority');
  await expect(page.getByTestId('measure-note')).toContainText('Counting sanctions actions');
  const actions = Number(((await page.locator('[data-testid="series-table"] tr[data-bin="2022"] td[data-series="US-OFAC"]').textContent()) ?? '').trim().split(/\s/)[0]);
  await page.goto('/?granularity=year&from=2022&to=2023&authority=US-OFAC');
  const designations = Number(((await page.locator('[data-testid="series-table"] tr[data-bin="2022"] td[data-series="US-OFAC"]').textContent()) ?? '').trim().split(/\s/)[0]);
  expect(actions).toBeGreaterThan(20);
  expect(actions).toBeLessThan(designations / 5);
});
