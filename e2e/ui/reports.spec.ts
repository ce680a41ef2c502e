// Reproducible reports (issue 26, "Done when" 5): analyst A saves an overview view, shares it and
// freezes it; analyst B opens it and sees the same numbers and the same data as-of; the API with a
// token returns the same series; the view's CSV starts with its header, or with its title lines
// when asked (preamble=1); files have descriptive names.
// NOTE: the view covers 2022 for the US, the EU and the UK: no other spec writes designations
// there (their fixtures are dated 2023 and 2031; the UN is not in the view), so the seeded figures
// below hold whatever runs in parallel.
import { expect, test, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { STORAGE } from '../run-state';
import { createTokenViaUi, revokeTokenViaUi } from '../factories/api-tokens';
import { createTestUser, signedIn } from '../factories/sessions';

const QUERY = 'granularity=quarter&split=authority&from=2022-01&to=2022-12&authority=US-OFAC&authority=EU&authority=UK';
// The seeded lists' editions (prisma/seed.int.test.ts); the UN's may move when a spec imports its list.
const SEEDED_AS_OF = /^Data as of: OFAC SDN 2024-05-03 · EU 2026-07-30 · UK 2026-04-29 · UN \d{4}-\d{2}-\d{2}/;
// New designations per quarter of 2022 in the seed, per authority (the overview's own numbers).
const SEEDED_2022: Record<string, number> = {
  '2022-Q1|US-OFAC': 869, '2022-Q1|EU': 684, '2022-Q1|UK': 872,
  '2022-Q2|US-OFAC': 636, '2022-Q2|EU': 301, '2022-Q2|UK': 360,
  '2022-Q3|US-OFAC': 519, '2022-Q3|EU': 65, '2022-Q3|UK': 150,
  '2022-Q4|US-OFAC': 606, '2022-Q4|EU': 234, '2022-Q4|UK': 110,
};
const FILE = /^sanctions-tracker_designations-per-quarter_by-authority_us-ofac-eu-uk_2022-01_2022-12_frozen-\d{4}-\d{2}-\d{2}_asof-\d{4}-\d{2}-\d{2}\.csv$/;

/** The data table's numbers, `bin|series` → count, every cell but the totals. */
async function tableNumbers(page: Page): Promise<Map<string, number>> {
  const table = page.getByTestId('series-table');
  await expect(table).toBeVisible();
  const out = new Map<string, number>();
  for (const row of await table.locator('tbody tr').all()) {
    const bin = (await row.getAttribute('data-bin')) as string;
    for (const cell of await row.locator('td[data-series]:not([data-series="total"])').all()) {
      out.set(`${bin}|${await cell.getAttribute('data-series')}`, Number(((await cell.textContent()) ?? '').trim().split(/\s/)[0]));
    }
  }
  return out;
}

const nonZero = (m: Map<string, number>) => new Map([...m].filter(([, n]) => n !== 0));

test('a frozen shared view gives another analyst, the API and the exports the same numbers and as-of', async ({ browser }) => {
  const name = `Report 2022 ${randomUUID().slice(0, 6)}`;

  // Analyst A: the live overview states its as-of; A saves the view, shares it and freezes it.
  const contextA = await browser.newContext({ storageState: STORAGE.analyst });
  const a = await contextA.newPage();
  await a.goto(`/?${QUERY}`);
  await expect(a.getByRole('heading', { name: 'Designations over time' })).toBeVisible();
  await expect(a.getByTestId('data-as-of')).toHaveText(SEEDED_AS_OF);
  await a.getByText('Data table').click();
  const live = await tableNumbers(a);
  for (const [key, n] of Object.entries(SEEDED_2022)) expect([key, live.get(key)]).toEqual([key, n]);

  // The live CSV: row 1 is the header unless the preamble is asked for.
  const liveCsv = await a.request.get(`/api/export/overview.csv?${QUERY}`);
  expect((await liveCsv.text()).split('\r\n')[0]).toBe('kind,period,period_label,series,series_label,value,date,title,category,source_url');

  await a.getByText('Save view', { exact: true }).click();
  await a.getByLabel('View name').fill(name);
  await a.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(a.getByRole('status').filter({ hasText: `Saved “${name}”` })).toBeVisible();
  await a.goto('/views');
  const rowA = a.getByRole('row', { name: new RegExp(name) });
  await rowA.getByRole('button', { name: `Share ${name}` }).click();
  await expect(rowA.getByRole('button', { name: `Stop sharing ${name}` })).toBeVisible();
  await rowA.getByRole('button', { name: `Freeze ${name}` }).click();
  await expect(rowA.getByRole('button', { name: `Unfreeze ${name}` })).toBeVisible();
  await expect(rowA.getByTestId('view-state')).toHaveText(/^Frozen on \d{4}-\d{2}-\d{2}$/);
  const href = (await rowA.getByRole('link', { name, exact: true }).getAttribute('href')) as string;
  expect(href).toMatch(/^\/views\/[A-Za-z0-9_-]+$/);
  const viewId = href.split('/').pop()!;

  // A's frozen view: the stored numbers, frozen date and as-of, and a link to the live version.
  await a.goto(href);
  await expect(a.getByRole('heading', { name, level: 1 })).toBeVisible();
  await expect(a.getByTestId('frozen-banner')).toContainText('Frozen on');
  await expect(a.getByRole('link', { name: 'Open the live version' })).toHaveAttribute('href', `/?${QUERY}`);
  const asOfA = ((await a.getByTestId('data-as-of').textContent()) ?? '').trim();
  expect(asOfA).toMatch(/^Frozen on \d{4}-\d{2}-\d{2}; Data as of: OFAC SDN 2024-05-03 · EU 2026-07-30 · UK 2026-04-29 · UN /);
  const frozenA = await tableNumbers(a);
  for (const [key, n] of Object.entries(SEEDED_2022)) expect([key, frozenA.get(key)]).toEqual([key, n]);
  // The stored key figures follow the view's filters: the designations the chart counts (the table's sum).
  await expect(a.getByTestId('kpis').locator('[data-kpi="designations"]')).toHaveAttribute('data-value', String(Object.values(SEEDED_2022).reduce((x, y) => x + y, 0)));
  const kpisA = await a.getByTestId('kpis').textContent();
  await expect(a.getByRole('img', { name: /New designations per quarter, by authority/ })).toBeVisible();

  // Analyst B (another account) sees the view shared and frozen, cannot freeze it, and opens the same numbers and as-of.
  const userB = await createTestUser('ANALYST', 'reports');
  const requestB = await signedIn(userB);
  const contextB = await browser.newContext({ storageState: await requestB.storageState() });
  const b = await contextB.newPage();
  await b.goto('/views');
  const rowB = b.getByRole('row', { name: new RegExp(name) });
  await expect(rowB).toContainText('Shared with everyone');
  await expect(rowB.getByTestId('view-state')).toHaveText(/^Frozen on \d{4}-\d{2}-\d{2}$/);
  await expect(rowB.getByRole('button')).toHaveCount(0);
  await rowB.getByRole('link', { name, exact: true }).click();
  await expect(b).toHaveURL(new RegExp(`/views/${viewId}$`));
  await expect(b.getByTestId('data-as-of')).toHaveText(asOfA);
  expect(await tableNumbers(b)).toEqual(frozenA);
  expect(await b.getByTestId('kpis').textContent()).toBe(kpisA);

  // The API with a token: the view's stored series and as-of; and /series for its query, the same series.
  const { name: tokenName, token } = await createTokenViaUi(browser);
  const auth = { authorization: `Bearer ${token}` };
  const viewRes = await b.request.get(`/api/v1/views/${viewId}`, { headers: auth });
  expect(viewRes.status()).toBe(200);
  const view = (await viewRes.json()) as { frozenAt: string | null; query: string; asOf: { label: string }; series: { rows: Array<{ bin: string; series: string; count: number }> } };
  expect(view.query).toBe(QUERY);
  expect(view.frozenAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  expect(asOfA).toBe(`Frozen on ${view.frozenAt!.slice(0, 10)}; ${view.asOf.label}`);
  const apiNumbers = new Map(view.series.rows.map((r) => [`${r.bin}|${r.series}`, r.count]));
  expect(apiNumbers).toEqual(nonZero(frozenA));
  const seriesRes = await b.request.get(`/api/v1/series?${QUERY}`, { headers: auth });
  expect(seriesRes.status()).toBe(200);
  const series = (await seriesRes.json()) as { asOf: { label: string }; rows: Array<{ bin: string; series: string; count: number }> };
  expect(series.asOf.label).toMatch(SEEDED_AS_OF);
  expect(new Map(series.rows.map((r) => [`${r.bin}|${r.series}`, r.count]))).toEqual(apiNumbers);
  await revokeTokenViaUi(browser, tokenName);

  // The frozen view's CSV (B's download link): the header first, the stored numbers, a descriptive name.
  const downloads = b.getByTestId('chart-downloads');
  const csvHref = (await downloads.getByRole('link', { name: 'CSV', exact: true }).getAttribute('href')) as string;
  expect(csvHref).toBe(`/api/export/overview.csv?savedview=${viewId}`);
  const [download] = await Promise.all([b.waitForEvent('download'), downloads.getByRole('link', { name: 'CSV', exact: true }).click()]);
  expect(download.suggestedFilename()).toMatch(FILE);
  const csv = await b.request.get(csvHref);
  expect(csv.status()).toBe(200);
  const csvText = await csv.text();
  expect(csvText.split('\r\n')[0]).toBe('kind,period,period_label,series,series_label,value,date,title,category,source_url');
  const rows = parse(csvText, { columns: true }) as Array<Record<string, string>>;
  const exported = new Map(rows.filter((r) => r.kind === 'designations').map((r) => [`${r.period}|${r.series}`, Number(r.value)]));
  expect(nonZero(exported)).toEqual(nonZero(frozenA));

  // With preamble=1: title, filters, as-of and sources first, then an empty line, then the header.
  const withPreamble = await b.request.get(`${csvHref}&preamble=1`);
  const lines = (await withPreamble.text()).split('\r\n');
  const title = ((await b.locator('#frozen-title').textContent()) ?? '').trim();
  expect(lines[0]).toBe(`# title,${title.includes(',') ? `"${title}"` : title}`);
  expect(lines[1]).toMatch(/^# filters,/);
  const preamble = parse(lines.slice(0, lines.indexOf('')).join('\r\n'), { relax_column_count: true }) as string[][];
  expect(Object.fromEntries(preamble.map(([k, v]) => [k, v]))).toMatchObject({ '# data_as_of': view.asOf.label, '# frozen': expect.stringMatching(/^Frozen on /), '# sources': expect.stringMatching(/^Sources: /) });
  expect(lines[lines.indexOf('') + 1]).toBe('kind,period,period_label,series,series_label,value,date,title,category,source_url');

  // The SVG (and the PNG drawn from it) says when it was frozen and the data's as-of.
  const svg = await (await b.request.get(`/api/export/overview.svg?savedview=${viewId}`)).text();
  expect(svg).toContain('data-role="as-of"');
  expect(svg).toContain('Data as of: OFAC SDN 2024-05-03');

  await Promise.all([contextA.close(), contextB.close(), requestB.dispose()]);
});
