// Cases in the browser (issue 26, done-when 1), on the seeded data: the Iran-drone case's designations
// per quarter and authority, 2022–23, equal the curated actions' designations in data/drone-case —
// read here from the file itself — on the chart's table and in its CSV, and the chart and its
// exports say what they count.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { STORAGE } from '../run-state';

test.use({ storageState: STORAGE.analyst });

type DroneCaseFile = { actions: Array<{ id: string; authority: string; designations: Array<{ listedOn: string }> }> };
const file = JSON.parse(readFileSync('data/drone-case/drone-case.json', 'utf8')) as DroneCaseFile;
const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
const expected = new Map<string, number>();
for (const a of file.actions)
  for (const d of a.designations)
    if (d.listedOn >= '2022-01-01' && d.listedOn <= '2023-12-31') expected.set(`${quarterOf(d.listedOn)}|${a.authority}`, (expected.get(`${quarterOf(d.listedOn)}|${a.authority}`) ?? 0) + 1);

const VIEW = 'case=iran-drones&from=2022&to=2023&granularity=quarter&split=authority';

test('drone-case designations per quarter and authority, 2022–23, are the curated actions’ designations (UK 2023 Q3 included)', async ({ page }) => {
  expect(expected.get('2023-Q3|UK')).toBeGreaterThan(0);
  await page.goto(`/?${VIEW}`);
  await expect(page.locator('.chart-subtitle').first()).toContainText('the “Iran drones 2022–23” case (the listings its curated actions name)');
  await page.getByText('Data table').click();
  const table = page.getByTestId('series-table');
  for (const [key, count] of expected) {
    const [bin, authority] = key.split('|') as [string, string];
    await expect(table.locator(`tbody tr[data-bin="${bin}"] td[data-series="${authority}"]`), key).toHaveText(new RegExp(`^\\s*${count}\\b`));
  }
  // The CSV of the same view: the same numbers, every other cell zero.
  const href = (await page.getByTestId('chart-downloads').getByRole('link', { name: 'CSV' }).getAttribute('href')) as string;
  expect(href).toContain('case=iran-drones');
  const rows = parse(await (await page.request.get(href)).text(), { columns: true }) as Array<Record<string, string>>;
  const exported = rows.filter((r) => r.kind === 'designations' && r.series !== 'total');
  expect(exported.length).toBeGreaterThan(0);
  for (const r of exported) expect([r.period, r.series, Number(r.value)]).toEqual([r.period, r.series, expected.get(`${r.period}|${r.series}`) ?? 0]);
  // The SVG (and the PNG drawn from it) says what it counts.
  const svgHref = (await page.getByTestId('chart-downloads').getByRole('link', { name: 'SVG' }).getAttribute('href')) as string;
  const svg = await (await page.request.get(svgHref)).text();
  expect(svg).toContain('Iran drones 2022–23');
  expect(svg).toContain('the listings its curated actions name');
});

test('a weapons-program filter says it counts the participants, not the case', async ({ page }) => {
  await page.goto('/?weapon=shahed-136&from=2022&to=2023');
  await expect(page.locator('.chart-subtitle').first()).toContainText('entities recorded as Shahed-136 participants');
});

test('the case page: its actions in time, each authority’s first action and the lag, its entities', async ({ page }) => {
  await page.goto('/cases');
  await page.getByRole('link', { name: 'Iran drones 2022–23' }).click();
  await expect(page).toHaveURL(/\/cases\/iran-drones$/);
  await expect(page.getByTestId('case-actions').locator('tbody tr')).toHaveCount(file.actions.length);
  const total = file.actions.reduce((n, a) => n + a.designations.length, 0);
  await expect(page.getByTestId('case-totals')).toContainText(`${file.actions.length} sanctions actions · ${total} designations`);
  const authorities = page.getByTestId('case-authorities').locator('tbody tr');
  await expect(authorities.nth(0)).toContainText('8 Sep 2022 (first)');
  await expect(authorities.nth(1)).toContainText('20 Oct 2022 (+42 days; same day as UK)');
  await expect(authorities.nth(2)).toContainText('20 Oct 2022 (+42 days; same day as EU)');
  await expect(page.getByTestId('case-entities').getByRole('link', { name: /PARAVAR PARS/i })).toBeVisible();
  // The overview link carries the case.
  await page.getByRole('link', { name: 'Chart it on the overview' }).click();
  await expect(page).toHaveURL(/case=iran-drones/);
});

test.describe('as an admin', () => {
  test.use({ storageState: STORAGE.admin });

  test('creates a case from action ids — an unknown id is refused by name, nothing saved — and analysts can filter by it', async ({ page }) => {
    const title = `E2E case ${Date.now().toString(36)}`;
    await page.goto('/admin/cases');
    await page.getByRole('link', { name: 'New case' }).click();
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Sanctions actions').fill('us-2022-09-08\nno-such-action');
    await page.getByRole('button', { name: 'Create case' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'no-such-action' }).first()).toBeVisible();
    await page.getByLabel('Sanctions actions').fill('us-2022-09-08');
    await page.getByRole('button', { name: 'Create case' }).click();
    await expect(page.getByRole('status')).toHaveText('Saved.');
    await expect(page.getByRole('heading', { name: `Edit case: ${title}` })).toBeVisible();
    // The case's one action published 5 designations (data/drone-case: us-2022-09-08).
    const oneAction = file.actions.find((a) => a.id === 'us-2022-09-08')!.designations.length;
    await page.goto('/cases');
    await page.getByRole('link', { name: title }).click();
    await expect(page.getByTestId('case-totals')).toContainText(`1 sanctions action · ${oneAction} designations`);
    // Left deleted: the analyst specs share the database.
    await page.goto('/admin/cases');
    await page.getByRole('button', { name: `Delete ${title}` }).click();
    await expect(page.getByRole('link', { name: title, exact: true })).toHaveCount(0);
  });
});
