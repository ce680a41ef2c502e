import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { STORAGE } from '../run-state';
import { createExploreFixture, type ExploreFixture } from '../factories';

test.use({ storageState: STORAGE.analyst });

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

let fixture: ExploreFixture;
test.beforeAll(async () => {
  fixture = await createExploreFixture();
});

test('search tolerates a misspelling, and facets and sorting live in the URL', async ({ page }) => {
  await page.goto('/entities');
  await page.getByLabel('Name or alias').fill('Shahid Aviation');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/q=Shahid\+Aviation/);
  const firstRow = page.locator('tbody tr').first();
  await expect(firstRow.getByRole('link', { name: 'SHAHED AVIATION INDUSTRIES RESEARCH CENTER' })).toBeVisible();

  // Transliteration variant, keyboard only: type and press Enter.
  await page.getByLabel('Name or alias').fill('Quds Aviation');
  await page.getByLabel('Name or alias').press('Enter');
  await expect(page).toHaveURL(/q=Quds\+Aviation/);
  // Several lists name it (OFAC's and the UK's records rank alike): it is among the best matches.
  await expect(page.locator('tbody tr:nth-child(-n+3)').getByRole('link', { name: 'QODS AVIATION INDUSTRIES', exact: true }).first()).toBeVisible();

  // A facet narrows the results and survives a reload (the lists' records of it are one Organization).
  const facet = page.getByRole('region', { name: 'Filter by type' }).getByRole('link', { name: /Organization/ });
  await facet.click();
  await expect(page).toHaveURL(/schema=Organization/);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Filter by type' }).getByRole('link', { name: /Organization/ })).toHaveAttribute('aria-current', 'true');
  await expect(page.locator('tbody tr:nth-child(-n+3)').filter({ hasText: 'QODS AVIATION INDUSTRIES' }).first()).toBeVisible();

  await page.getByRole('link', { name: /^First listed/ }).click();
  await expect(page).toHaveURL(/sort=listed/);
  await expect(page.getByRole('columnheader', { name: /First listed/ })).toHaveAttribute('aria-sort', 'ascending');
  await expectNoSeriousAxeViolations(page);
});

test('the entity page shows its designations as a timeline, its program role and its sources', async ({ page }) => {
  await page.goto(`/entities?q=${encodeURIComponent(fixture.maker.name)}`);
  await page.getByRole('link', { name: fixture.maker.name }).click();
  await expect(page.getByRole('heading', { name: fixture.maker.name, level: 1 })).toBeVisible();
  const designations = page.getByRole('region', { name: /Designations/ });
  await expect(designations.getByTestId('entity-timeline').locator('.recharts-bar-rectangle')).toHaveCount(2);
  await expect(designations.locator('tbody tr')).toHaveCount(2);
  await expect(designations.locator('tbody tr').filter({ hasText: 'UK' })).toContainText('10 Jan 2023');
  await expect(page.getByRole('region', { name: 'Weapons programs' }).getByRole('link', { name: fixture.programName, exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Supply links' })).toContainText(fixture.supplier.name);
  await expect(page.getByRole('region', { name: /Sources/ }).getByRole('link', { name: 'https://example.org/e2e-fixture' })).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  // A record merged into another one lives on as a redirect to it.
  await page.goto(`/entities/${fixture.mergedId}`);
  await expect(page).toHaveURL(new RegExp(`/entities/${fixture.maker.id}$`));
  await expect(page.getByRole('heading', { name: fixture.maker.name, level: 1 })).toBeVisible();
});

test('the program page: participants by role, who designated them, the supplier network', async ({ page }) => {
  await page.goto('/programs');
  await page.getByRole('link', { name: fixture.programName }).click();
  await expect(page.getByRole('heading', { name: fixture.programName, level: 1 })).toBeVisible();
  const matrix = page.getByTestId('participant-matrix');
  const makerRow = matrix.getByRole('row', { name: new RegExp(fixture.maker.name) });
  await expect(makerRow).toContainText('10 Jan 2023');
  await expect(makerRow).toContainText('25 Feb 2023');
  const supplierRow = matrix.getByRole('row', { name: new RegExp(fixture.supplier.name) });
  await expect(supplierRow).toContainText('1 Mar 2023');
  await expect(supplierRow).toContainText('not designated');
  // The network: both nodes are keyboard-reachable links that say their designation status.
  const network = page.getByTestId('supply-network');
  await expect(network.locator('path[marker-end]')).toHaveCount(1);
  const makerNode = network.getByRole('link', { name: new RegExp(`${fixture.maker.name}, designated by`) });
  await makerNode.focus();
  await expect(makerNode).toBeFocused();
  await expect(page.getByTestId('program-timeline').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expectNoSeriousAxeViolations(page);
});

test('cross-authority lag: who listed first and how many days later the others followed', async ({ page }) => {
  await page.goto(`/analysis/lag?program=${fixture.slug}`);
  const table = page.getByTestId('lag-table');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  const row = table.locator('tbody tr').first();
  await expect(row).toContainText(fixture.maker.name);
  await expect(row).toContainText('10 Jan 2023');
  await expect(row).toContainText('25 Feb 2023');
  await expect(row).toContainText('46 days');
  // The supplier is listed by the EU only: a gap.
  await expect(page.getByTestId('gap-table').getByRole('row', { name: new RegExp(fixture.supplier.name) })).toContainText('UK');
  await table.getByRole('link', { name: 'Entity' }).click();
  await expect(page).toHaveURL(/sort=entity/);
  await page.reload();
  await expect(table.getByRole('columnheader', { name: 'Entity' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.getByTestId('lag-histogram')).toBeVisible();
  await expectNoSeriousAxeViolations(page);
});

test('milestone windows: N days in the URL, a bad N is explained', async ({ page }) => {
  await page.goto('/analysis/milestone-windows?days=30');
  await expect(page.getByLabel('Days before and after')).toHaveValue('30');
  await expect(page.getByRole('heading', { name: 'Designations 30 days before vs after each milestone' })).toBeVisible();
  const table = page.getByTestId('windows-table');
  await expect(table.locator('tr[data-milestone="invasion-ukraine-2022"]')).toBeVisible();
  // A window our data covers only in part is marked so, never shown as a plain number (the UN, EU
  // and UK lists reach back before the JCPOA; OFAC's exact dates begin in 2021).
  await expect(table.locator('tr[data-milestone="jcpoa-2015"] td').last()).toContainText('data covers only part of this window');
  await expect(page.getByTestId('windows-coverage')).toContainText('Our exact listing dates begin on');
  await expect(page.getByTestId('window-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  await page.getByLabel('Days before and after').fill('0');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/days=0/);
  await expect(page.locator('#days-error')).toContainText('Days must be at least 1.');
  await expect(page.getByLabel('Days before and after')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Days before and after').fill('180');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('heading', { name: 'Designations 180 days before vs after each milestone' })).toBeVisible();
});

test('suppliers: by country and category, and the ones no authority designated', async ({ page }) => {
  await page.goto('/suppliers?designated=UK');
  await expect(page.getByRole('group', { name: 'Designated by (any of)' }).getByRole('checkbox', { name: 'UK', exact: true })).toBeChecked();
  const matching = page.getByRole('region', { name: /Matching suppliers/ });
  await expect(matching).toBeVisible();
  await expect(matching).not.toContainText(fixture.supplier.name);
  await page.goto('/suppliers?designated=EU&country=ir');
  await expect(page.getByTestId('supplier-table').getByRole('row', { name: new RegExp(fixture.supplier.name) })).toContainText('1 Mar 2023');
  await expect(page.getByTestId('supplier-matrix')).toBeVisible();
  await expectNoSeriousAxeViolations(page);
});
