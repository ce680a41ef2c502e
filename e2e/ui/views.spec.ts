import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { STORAGE } from '../run-state';

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
}

test.describe('as an analyst', () => {
  test.use({ storageState: STORAGE.analyst });

  test('creates an API token that is shown once, then revokes it', async ({ page }) => {
    const name = `briefing script ${randomUUID().slice(0, 6)}`;
    await page.goto('/account/tokens');
    await expect(page.getByRole('heading', { name: 'API tokens', level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'Create token' }).click();
    await expect(page.getByText('Give the token a name')).toBeVisible();
    await page.getByLabel('Token name').fill(name);
    await page.getByRole('button', { name: 'Create token' }).click();
    const field = page.getByLabel('New API token');
    await expect(field).toHaveValue(/^st_[A-Za-z0-9_-]{43}$/);
    const token = await field.inputValue();
    const row = page.getByRole('row', { name: new RegExp(name) });
    await expect(row).toContainText(token.slice(0, 9));
    await expect(row).toContainText('Active');
    await expectNoSeriousA11yViolations(page);

    await page.reload();
    await expect(page.getByLabel('New API token')).toHaveCount(0);
    await expect(page.getByRole('row', { name: new RegExp(name) })).toBeVisible();
    expect(await page.content()).not.toContain(token.slice(9));

    await page.getByRole('button', { name: `Revoke token ${name}` }).click();
    await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('Revoked');
  });

  test('saves the overview as a view and reopens exactly the same URL', async ({ page, baseURL }) => {
    const name = `EU monthly ${randomUUID().slice(0, 6)}`;
    const viewUrl = '/?granularity=month&from=2022-01&to=2023-06&authority=EU&authority=UK';
    await page.goto(viewUrl);
    await expect(page.getByRole('heading', { name: 'Designations over time' })).toBeVisible();
    await page.getByText('Save view', { exact: true }).click();
    await page.getByLabel('View name').fill(name);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: `Saved “${name}”` })).toBeVisible();

    // The same name again is refused with a message, not a second row.
    await page.getByLabel('View name').fill(name);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText(`You already have a view named “${name}”`)).toBeVisible();

    await page.goto('/views');
    await expect(page.getByRole('heading', { name: 'Saved views', level: 1 })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Designations over time' })).toBeVisible();
    expect(page.url()).toBe(`${baseURL}${viewUrl}`);
  });
});

test('a shared view opens for another signed-in user, who cannot change it', async ({ browser, baseURL }) => {
  const name = `Shared UK ${randomUUID().slice(0, 6)}`;
  const viewUrl = '/?granularity=year&authority=UK';
  const analyst = await browser.newContext({ storageState: STORAGE.analyst });
  const a = await analyst.newPage();
  await a.goto(viewUrl);
  await a.getByText('Save view', { exact: true }).click();
  await a.getByLabel('View name').fill(name);
  await a.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(a.getByRole('status').filter({ hasText: `Saved “${name}”` })).toBeVisible();
  await a.goto('/views');
  const link = a.getByRole('link', { name, exact: true });
  const href = await link.getAttribute('href');
  expect(href).toMatch(/^\/views\/\S+$/);

  // Not shared yet: for someone else the link leads nowhere (the not-found page, no redirect).
  const admin = await browser.newContext({ storageState: STORAGE.admin });
  const b = await admin.newPage();
  await b.goto(href!);
  await expect(b.getByRole('heading', { name: 'Not found' })).toBeVisible();
  expect(new URL(b.url()).pathname).toBe(href);

  await a.getByRole('button', { name: `Share ${name}` }).click();
  await expect(a.getByRole('button', { name: `Stop sharing ${name}` })).toBeVisible();

  await b.goto('/views');
  const row = b.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('Shared with everyone');
  await expect(row.getByRole('button')).toHaveCount(0);
  await row.getByRole('link', { name, exact: true }).click();
  await expect(b.getByRole('heading', { name: 'Designations over time' })).toBeVisible();
  expect(b.url()).toBe(`${baseURL}${viewUrl}`);

  // Signed out, the shared link goes to sign-in.
  const anonymous = await browser.newContext();
  const c = await anonymous.newPage();
  await c.goto(href!);
  await expect(c).toHaveURL(/\/login/);
  await Promise.all([analyst.close(), admin.close(), anonymous.close()]);
});
