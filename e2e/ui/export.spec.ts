import { expect, test } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { STORAGE } from '../run-state';

test.use({ storageState: STORAGE.analyst });

const VIEW = 'granularity=month&from=2022-01&to=2023-06&split=authority';

test('the server CSV export of a URL holds the numbers the page shows for it', async ({ page }) => {
  await page.goto(`/?${VIEW}`);
  const table = page.getByTestId('series-table');
  await page.getByText('Data table').click();
  await expect(table).toBeVisible();
  // The page's numbers: every non-total cell of the data table, by period and series.
  const shown = new Map<string, string>();
  for (const row of await table.locator('tbody tr').all()) {
    const bin = (await row.getAttribute('data-bin')) as string;
    for (const cell of await row.locator('td[data-series]:not([data-series="total"])').all()) {
      shown.set(`${bin}|${await cell.getAttribute('data-series')}`, ((await cell.textContent()) ?? '').trim());
    }
  }
  expect(shown.size).toBeGreaterThan(0);

  // The download link carries the same query; the file answers with the same numbers.
  const href = (await page.getByTestId('chart-downloads').getByRole('link', { name: 'CSV' }).getAttribute('href')) as string;
  expect(href).toContain('granularity=month');
  const res = await page.request.get(href);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-disposition']).toMatch(/^attachment; filename="sanctions-tracker-overview-\d{4}-\d{2}-\d{2}\.csv"$/);
  const rows = parse(await res.text(), { columns: true }) as Array<Record<string, string>>;
  const exported = new Map(rows.filter((r) => r.kind === 'designations').map((r) => [`${r.period}|${r.series}`, r.value]));
  for (const [key, value] of shown) expect([key, exported.get(key)]).toEqual([key, value]);
  // Periods the table omits (no designations) are zero in the file; milestones shown are listed.
  for (const [key, value] of exported) if (!shown.has(key)) expect([key, value]).toEqual([key, '0']);
  expect(rows.some((r) => r.kind === 'milestone' && (r.title ?? '').includes('invasion of Ukraine'))).toBe(true);

  const json = (await (await page.request.get(`/api/export/overview.json?${VIEW}`)).json()) as { title: string; source: string };
  expect(json.title).toBe(await page.locator('#timeline-title').textContent());
  expect(json.source).toMatch(/generated \d{4}-\d{2}-\d{2}T/);
});

test('an unknown export is a 404 with a message, not a crash', async ({ page }) => {
  const res = await page.request.get('/api/export/overview.exe');
  expect(res.status()).toBe(404);
  expect(((await res.json()) as { error: { message: string } }).error.message).toContain('/api/export/overview.csv');
});
