import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { STORAGE } from '../run-state';

test.use({ storageState: STORAGE.analyst });

async function expectNoSeriousViolation(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.length} node(s)`)).toEqual([]);
}

/** The number the data table shows for a bin and series (the chart's own numbers). */
async function tableNumber(page: Page, bin: string, series: string): Promise<number> {
  const text = await page.locator(`[data-testid="series-table"] tr[data-bin="${bin}"] td[data-series="${series}"]`).textContent();
  return Number((text ?? '').trim().split(/\s/)[0]);
}

/** Rows of the drill-down list, every page of it. */
async function countDrilldownRows(page: Page): Promise<number> {
  const list = page.getByTestId('drilldown');
  let rows = await list.locator('tbody tr').count();
  while (await list.getByRole('link', { name: 'Next →' }).count()) {
    const before = page.url();
    await list.getByRole('link', { name: 'Next →' }).click();
    await expect(page).not.toHaveURL(before);
    await expect(list.getByText(/^Page \d+ of \d+$/)).toBeVisible();
    rows += await list.locator('tbody tr').count();
  }
  return rows;
}

test('the overview charts designations by authority with milestone markers', async ({ page }) => {
  await page.goto('/?granularity=month&from=2021-06&to=2024-06');
  const chart = page.getByTestId('designation-timeline');
  await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  // Milestones in range: invasion of Ukraine (line), JCPOA talks collapse (line), 2022 drone production move (year-only: band)…
  await expect(chart.locator('[data-milestone="invasion-ukraine-2022"]')).toHaveCount(1);
  await expect(chart.locator('[data-milestone="jcpoa-talks-collapse-2022"]')).toHaveCount(1);
  await expect(chart.locator('[data-milestone="drone-production-moved-to-russia"]')).toHaveCount(1);
  await expect(page.getByRole('heading', { name: /New designations per month, by authority/ })).toBeVisible();
  await expect(page.locator('#milestone-invasion-ukraine-2022')).toContainText('24 Feb 2022 — Russia launches its full-scale invasion of Ukraine');
  // What is not shown is said, not dropped: the 9,083 entries already listed when the OFAC history starts.
  await expect(page.getByTestId('coverage-note')).toContainText('9,083 were already listed');
});

test('the settings live in the URL: reload, back and forward reproduce the same chart', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Mode', { exact: true }).selectOption('net');
  await page.getByLabel('Split by', { exact: true }).selectOption('schema');
  await page.getByLabel('Bins', { exact: true }).selectOption('year');
  await page.getByLabel('From', { exact: true }).fill('2019');
  await page.getByRole('group', { name: 'Entity types' }).getByLabel('Person').check();
  await page.getByRole('group', { name: 'Entity types' }).getByLabel('Vessel').check();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/mode=net/);
  await expect(page).toHaveURL(/split=schema/);
  await expect(page).toHaveURL(/schema=Person&schema=Vessel/);
  const heading = page.getByRole('heading', { name: 'Designations listed and lifted per year, by entity type' });
  await expect(heading).toBeVisible();
  const table = page.getByTestId('series-table');
  const before = await table.textContent();
  expect(before).toContain('Person');
  expect(before).not.toContain('Organization');

  await page.reload();
  await expect(heading).toBeVisible();
  await expect(page.getByLabel('Mode', { exact: true })).toHaveValue('net');
  await expect(page.getByLabel('Bins', { exact: true })).toHaveValue('year');
  await expect(page.getByRole('group', { name: 'Entity types' }).getByLabel('Vessel')).toBeChecked();
  expect(await table.textContent()).toBe(before);

  await page.goBack();
  await expect(page.getByRole('heading', { name: /New designations per quarter, by authority/ })).toBeVisible();
  await page.goForward();
  await expect(heading).toBeVisible();
  expect(await table.textContent()).toBe(before);
});

test('clicking a bar lists exactly the designations it counts', async ({ page }) => {
  await page.goto('/?granularity=month&from=2022-10&to=2022-12&authority=US-OFAC&split=schema');
  const chart = page.getByTestId('designation-timeline');
  await chart.locator('.recharts-bar-rectangle path').first().click();
  await expect(page).toHaveURL(/bin=2022-\d\d/);
  await expect(page).toHaveURL(/series=/);
  const url = new URL(page.url());
  const bin = url.searchParams.get('bin') as string;
  const series = url.searchParams.get('series') as string;
  const expected = await tableNumber(page, bin, series);
  expect(expected).toBeGreaterThan(0);
  const list = page.getByTestId('drilldown');
  await expect(list.getByRole('heading', { name: /Designations listed in/ })).toBeFocused();
  await expect(page.getByTestId('drilldown-total')).toHaveAttribute('data-total', String(expected));
  await expect(list.locator('tbody tr').first()).toBeVisible();
  expect(await countDrilldownRows(page)).toBe(expected);
  await expectNoSeriousViolation(page);
});

test('every number of the data table opens its designations, by keyboard too', async ({ page }) => {
  await page.goto('/?granularity=quarter&from=2022&to=2023&authority=US-OFAC&split=program&top=4');
  await page.getByText('Data table').click();
  const cell = page.locator('[data-testid="series-table"] td[data-series="__other__"] a').first();
  const expected = Number(await cell.textContent());
  await cell.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/series=__other__/);
  await expect(page.getByTestId('drilldown-total')).toHaveAttribute('data-total', String(expected));
  await expect(page.getByTestId('drilldown').getByRole('heading', { name: /— Other$/ })).toBeVisible();
  await page.getByRole('link', { name: 'Close the list' }).click();
  await expect(page.getByTestId('drilldown')).toHaveCount(0);
});

test('milestone categories toggle from the URL; a marker shows its source and opens the milestone', async ({ page }) => {
  await page.goto('/?granularity=month&from=2021-06&to=2024-06');
  const chart = page.getByTestId('designation-timeline');
  const invasion = chart.locator('[data-milestone="invasion-ukraine-2022"]');
  await expect(invasion).toHaveCount(1);
  const toggle = page.getByRole('navigation', { name: 'Milestone categories' }).getByRole('link', { name: /military/ });
  await toggle.click();
  await expect(page).toHaveURL(/mhide=MILITARY/);
  await expect(invasion).toHaveCount(0);
  await expect(chart.locator('[data-milestone="jcpoa-talks-collapse-2022"]')).toHaveCount(1);
  await page.reload();
  await expect(chart.locator('[data-milestone="jcpoa-talks-collapse-2022"]')).toHaveCount(1);
  await expect(invasion).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Milestone categories' }).getByRole('link', { name: /military/ }).click();
  await expect(invasion).toHaveCount(1);

  await invasion.hover();
  const popover = page.locator('.milestone-popover');
  await expect(popover).toContainText('Russia launches its full-scale invasion of Ukraine');
  await expect(popover).toContainText('24 Feb 2022');
  await expect(popover).toContainText('gulfif.org');
  await invasion.click();
  await expect(page).toHaveURL(/\/milestones#invasion-ukraine-2022$/);
  await expect(page.locator('tr#invasion-ukraine-2022')).toContainText('24 Feb 2022');
});

test('dragging the brush zooms the range, and the URL keeps it', async ({ page }) => {
  await page.goto('/?granularity=year&from=2015');
  // A drag before hydration would be lost: the server HTML draws the brush but cannot move it.
  await expect(page.getByTestId('designation-timeline')).toHaveAttribute('data-interactive', 'true');
  const traveller = page.getByTestId('designation-timeline').locator('.recharts-brush-traveller').first();
  // NOTE: mouse events only reach what is inside the viewport; the brush sits below the fold.
  await traveller.scrollIntoViewIfNeeded();
  const box = await traveller.boundingBox();
  expect(box).not.toBeNull();
  const { x, y, width, height } = box as { x: number; y: number; width: number; height: number };
  await page.mouse.move(x + width / 2, y + height / 2);
  await page.mouse.down();
  await page.mouse.move(x + width / 2 + 300, y + height / 2, { steps: 12 });
  await page.mouse.up();
  await expect(page).toHaveURL(/[?&]to=\d{4}/);
  const from = new URL(page.url()).searchParams.get('from');
  expect(Number(from)).toBeGreaterThan(2015);
  await page.reload();
  await expect(page.getByLabel('From', { exact: true })).toHaveValue(from as string);
});

test('the brush moves by keyboard too, one period per arrow key', async ({ page }) => {
  await page.goto('/?granularity=year&from=2015');
  await expect(page.getByTestId('designation-timeline')).toHaveAttribute('data-interactive', 'true');
  const traveller = page.getByTestId('designation-timeline').getByRole('slider').first();
  await traveller.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/[?&]from=2016(&|$)/);
  await expect(page.getByLabel('From', { exact: true })).toHaveValue('2016');
});

test('the milestones page lists every milestone with its precision and source', async ({ page }) => {
  await page.goto('/milestones');
  // Every seeded milestone is there (the admin specs may add their own to this shared database).
  const seeded = (JSON.parse(readFileSync('data/milestones.json', 'utf8')) as { milestones: Array<{ id: string }> }).milestones;
  expect(seeded).toHaveLength(15);
  for (const m of seeded) await expect(page.locator(`tr#${m.id}`)).toHaveCount(1);
  await expect(page.locator('tr#jcpoa-2015')).toContainText('14 Jul 2015');
  await expect(page.locator('tr#jcpoa-2015')).toContainText('exact day');
  await expect(page.locator('tr#islamic-republic-1979')).toContainText('known to the year');
  await expect(page.locator('tr#wagner-mutiny-2023')).toContainText('23 Jun 2023 – 24 Jun 2023');
  await expect(page.locator('tr#jcpoa-talks-collapse-2022').getByRole('link', { name: /gulfif\.org/ })).toHaveAttribute('href', /^https:\/\/gulfif\.org\//);
  await expectNoSeriousViolation(page);
});

test('a bad parameter is reported and reset, never an error page; an empty view says so', async ({ page }) => {
  await page.goto('/?granularity=week&from=2023-02-30&authority=US-OFAC');
  const problems = page.getByTestId('query-problems');
  await expect(problems).toContainText('Bins');
  await expect(problems).toContainText('From');
  await expect(page.getByTestId('designation-timeline')).toBeVisible();
  await expect(page.getByRole('heading', { name: /per quarter/ })).toBeVisible();

  await page.goto('/?q=zzqxw-no-such-entity');
  await expect(page.getByTestId('timeline-empty')).toBeVisible();
});

test('the tooltip shows counts and the milestone of that bin', async ({ page }) => {
  await page.goto('/?granularity=month&from=2022-01&to=2022-12&authority=US-OFAC');
  const chart = page.getByTestId('designation-timeline');
  await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  const bars = chart.locator('.recharts-bar-rectangle');
  // February 2022 holds the invasion milestone; hover its bar.
  await bars.nth(1).hover();
  const tooltip = page.locator('.tooltip').filter({ hasText: 'Click to list' });
  await expect(tooltip).toContainText('Feb 2022');
  await expect(tooltip).toContainText('Russia launches its full-scale invasion');
});

test('has no serious or critical accessibility violation, in every mode', async ({ page }) => {
  test.slow(); // three pages, three full axe scans
  await page.goto('/');
  await expect(page.getByTestId('designation-timeline')).toBeVisible();
  await expectNoSeriousViolation(page);
  await page.goto('/?mode=net&split=program&granularity=year&from=2020');
  await expect(page.getByTestId('designation-timeline')).toBeVisible();
  await expectNoSeriousViolation(page);
  await page.goto('/?mode=cumulative&granularity=year&from=2020&bin=2023');
  await expect(page.getByTestId('drilldown')).toBeVisible();
  await expectNoSeriousViolation(page);
});
