import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { STORAGE } from '../run-state';
import { createHostileFixture } from '../factories/hostile';
import { parseSvg as parseStrictSvg } from '../../test/svg';

test.use({ storageState: STORAGE.analyst });

const VIEW = 'granularity=month&from=2022-01&to=2023-06&split=authority';

const parseSvg = (svg: string) => parseStrictSvg(svg).nodes;

/** The page's numbers: every non-total cell of the overview's data table, by period and series. */
async function shownNumbers(page: Page): Promise<Map<string, string>> {
  const table = page.getByTestId('series-table');
  await page.getByText('Data table').click();
  await expect(table).toBeVisible();
  const shown = new Map<string, string>();
  for (const row of await table.locator('tbody tr').all()) {
    const bin = (await row.getAttribute('data-bin')) as string;
    for (const cell of await row.locator('td[data-series]:not([data-series="total"])').all()) {
      shown.set(`${bin}|${await cell.getAttribute('data-series')}`, ((await cell.textContent()) ?? '').trim());
    }
  }
  expect(shown.size).toBeGreaterThan(0);
  return shown;
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; body: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: dl.suggestedFilename(), body: await readFile((await dl.path()) as string) };
}

test('the server CSV export of a URL holds the numbers the page shows for it', async ({ page }) => {
  await page.goto(`/?${VIEW}`);
  const shown = await shownNumbers(page);

  // The download link carries the same query; the file answers with the same numbers.
  const href = (await page.getByTestId('chart-downloads').getByRole('link', { name: 'CSV' }).getAttribute('href')) as string;
  expect(href).toContain('granularity=month');
  const res = await page.request.get(href);
  expect(res.status()).toBe(200);
  // A descriptive name (issue 26): what is counted, the split, the range and the data's as-of (the newest edition held).
  const NAME = 'sanctions-tracker_designations-per-month_by-authority_2022-01_2023-06_asof-\\d{4}-\\d{2}-\\d{2}';
  expect(res.headers()['content-disposition']).toMatch(new RegExp(`^attachment; filename="?${NAME}\\.csv"?; filename\\*=UTF-8''${NAME}\\.csv$`));
  let rows = parse(await res.text(), { columns: true }) as Array<Record<string, string>>;
  // NOTE: other specs write to the same database in parallel, so the page and the file are read
  // again until no write fell between them; a lasting difference still fails.
  let pageNumbers = shown;
  await expect(async () => {
    const exported = new Map(rows.filter((r) => r.kind === 'designations').map((r) => [`${r.period}|${r.series}`, r.value]));
    try {
      for (const [key, value] of pageNumbers) expect([key, exported.get(key)]).toEqual([key, value]);
      // Periods the table omits (no designations) are zero in the file.
      for (const [key, value] of exported) if (!pageNumbers.has(key)) expect([key, value]).toEqual([key, '0']);
    } catch (err) {
      await page.reload();
      pageNumbers = await shownNumbers(page);
      rows = parse(await (await page.request.get(href)).text(), { columns: true }) as Array<Record<string, string>>;
      throw err;
    }
  }).toPass({ timeout: 90_000 });
  // The milestones shown are listed.
  expect(rows.some((r) => r.kind === 'milestone' && (r.title ?? '').includes('invasion of Ukraine'))).toBe(true);

  const json = (await (await page.request.get(`/api/export/overview.json?${VIEW}`)).json()) as { title: string; source: string };
  expect(json.title).toBe(await page.locator('#timeline-title').textContent());
  expect(json.source).toMatch(/generated \d{4}-\d{2}-\d{2}T/);
});

test('SVG, PNG and JSON downloads of the overview chart: title, milestone labels and the page’s numbers; the PNG at twice the SVG’s size', async ({ page }) => {
  await page.goto(`/?${VIEW}`);
  // The PNG button needs the page hydrated; the chart says when it is.
  await expect(page.getByTestId('designation-timeline')).toHaveAttribute('data-interactive', 'true');
  const title = ((await page.locator('#timeline-title').textContent()) ?? '').trim();
  const milestoneTitles = await page.locator('.milestone-list li a[href^="/milestones#"]').allTextContents();
  expect(milestoneTitles.length).toBeGreaterThan(1);
  const shown = await shownNumbers(page);
  const downloads = page.getByTestId('chart-downloads');

  const svgFile = await download(page, () => downloads.getByRole('link', { name: 'SVG' }).click());
  expect(svgFile.name).toMatch(/^sanctions-tracker_designations-per-month_by-authority_2022-01_2023-06_asof-\d{4}-\d{2}-\d{2}\.svg$/);
  const svgText = svgFile.body.toString('utf8');
  expect(svgText.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  const nodes = parseSvg(svgText);
  const root = nodes[0]!;
  expect([root.name, root.attributes.xmlns]).toEqual(['svg', 'http://www.w3.org/2000/svg']);
  const texts = nodes.filter((n) => n.name === 'text').map((n) => n.text);
  expect(nodes.find((n) => n.name === 'title')?.text).toBe(title);
  expect(nodes.filter((n) => n.attributes['data-role'] === 'title').map((n) => n.text).join(' ')).toBe(title);
  const labels = nodes.filter((n, i) => n.name === 'title' && nodes[i - 1]?.attributes['data-milestone']).map((n) => n.text);
  for (const m of milestoneTitles) expect([m, labels.some((t) => t.includes(m.trim()))]).toEqual([m, true]);
  expect(texts.length).toBeGreaterThan(10);
  expect(nodes.filter((n) => n.attributes['data-role'] === 'source').map((n) => n.text).join(' ')).toMatch(/^Sources: .* — generated \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  // Every bar is a number of the page's table, and every non-zero number of the table is a bar.
  // NOTE: other specs write to the same database in parallel (an admin deletes and restores an
  // entity…), so the page and the file are read again until no write fell between them; a lasting
  // difference still fails.
  const barsOf = (svgNodes: typeof nodes) => new Map(svgNodes.filter((n) => n.name === 'rect' && n.attributes['data-layer'] === 'designations').map((n) => [`${n.attributes['data-bin']}|${n.attributes['data-series']}`, n.attributes['data-value']]));
  let [pageNumbers, bars] = [shown, barsOf(nodes)];
  await expect(async () => {
    expect(bars.size).toBeGreaterThan(0);
    try {
      for (const [key, value] of bars) expect([key, pageNumbers.get(key)]).toEqual([key, value]);
      for (const [key, value] of pageNumbers) if (value !== '0') expect([key, bars.get(key)]).toEqual([key, value]);
    } catch (err) {
      await page.reload();
      await expect(page.getByTestId('designation-timeline')).toHaveAttribute('data-interactive', 'true');
      pageNumbers = await shownNumbers(page);
      bars = barsOf(parseSvg((await download(page, () => page.getByTestId('chart-downloads').getByRole('link', { name: 'SVG' }).click())).body.toString('utf8')));
      throw err;
    }
  }).toPass({ timeout: 90_000 });

  const png = await download(page, () => downloads.getByRole('button', { name: 'PNG' }).click());
  expect(png.name).toMatch(/^sanctions-tracker_designations-per-month_by-authority_2022-01_2023-06_asof-\d{4}-\d{2}-\d{2}\.png$/);
  expect(png.body.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(png.body.subarray(12, 16).toString('ascii')).toBe('IHDR');
  const size = { width: png.body.readUInt32BE(16), height: png.body.readUInt32BE(20) };
  expect(size).toEqual({ width: 2 * Number(root.attributes.width), height: 2 * Number(root.attributes.height) });

  const jsonFile = await download(page, () => downloads.getByRole('link', { name: 'JSON' }).click());
  const json = JSON.parse(jsonFile.body.toString('utf8')) as { title: string; milestones: Array<{ title: string }> };
  expect(json.title).toBe(title);
  expect(json.milestones.map((m) => m.title)).toEqual(milestoneTitles.map((m) => m.trim()));
});

test('the analysis charts export through the same route: the title on the page is the title in the SVG', async ({ page }) => {
  for (const [url, heading] of [
    ['/analysis/lag', '#dist-title'],
    ['/analysis/milestone-windows?days=60', '#windows-title'],
  ] as const) {
    await page.goto(url);
    const href = (await page.getByTestId('chart-downloads').getByRole('link', { name: 'SVG' }).getAttribute('href')) as string;
    const res = await page.request.get(href);
    expect([url, res.status(), res.headers()['content-type']]).toEqual([url, 200, 'image/svg+xml; charset=utf-8']);
    const nodes = parseSvg(await res.text());
    expect(nodes.find((n) => n.name === 'title')?.text).toBe(((await page.locator(heading).textContent()) ?? '').trim());
    expect(nodes.filter((n) => n.attributes['data-value']).length).toBeGreaterThan(0);
  }
});

test('the entity timeline exports too: one bar per designation, with the dates and sources of the page’s table', async ({ page }) => {
  await page.goto('/entities?q=qods+aviation');
  await page.getByRole('link', { name: 'QODS AVIATION INDUSTRIES' }).click();
  await expect(page.getByRole('heading', { name: 'QODS AVIATION INDUSTRIES', level: 1 })).toBeVisible();
  await expect(page.getByTestId('entity-timeline')).toBeVisible();
  const table = page.getByRole('region', { name: /Designations/ }).locator('tbody tr');
  const sources = new Set(await table.locator('a', { hasText: 'source' }).evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href)));
  const downloads = page.getByTestId('chart-downloads');

  const csvHref = (await downloads.getByRole('link', { name: 'CSV' }).getAttribute('href')) as string;
  const rows = (parse(await (await page.request.get(csvHref)).text(), { columns: true }) as Array<Record<string, string>>).filter((r) => r.kind === 'designation');
  expect(rows).toHaveLength(await table.count());
  // The EU lists it under two acts (2007 and 2022): one entity across the lists (issue 24).
  expect(rows.filter((r) => r.series === 'EU').map((r) => r.date)).toContain('2022-11-14');
  expect(rows.find((r) => (r.title ?? '').includes('NPWMD'))?.period_label).toMatch(/^on or before 2021-08-18 – /);
  expect(new Set(rows.map((r) => r.source_url))).toEqual(sources);

  const svgHref = (await downloads.getByRole('link', { name: 'SVG' }).getAttribute('href')) as string;
  const nodes = parseSvg(await (await page.request.get(svgHref)).text());
  expect(nodes.find((n) => n.name === 'title')?.text).toBe('Designations of QODS AVIATION INDUSTRIES');
  expect(nodes.filter((n) => n.attributes['data-designation']).map((n) => n.attributes['data-from'])).toEqual(rows.map((r) => r.date));
});

test('hostile names round-trip safely: exact text in the SVG and the page, never markup; CSV cells neutralised', async ({ page, playwright, baseURL }) => {
  const f = await createHostileFixture();
  try {
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const query = `${f.view}&q=${encodeURIComponent(f.entity.name)}`;

    // HTML: the names are text on the overview (filter summary, milestone key), the entity and program pages.
    await page.goto(`/?${query}`);
    await expect(page.locator('.chart-subtitle').first()).toContainText(`names matching “${f.entity.name}”`);
    await expect(page.locator(`#milestone-${f.milestone.slug}`)).toContainText(f.milestone.title);
    await page.goto(`/entities/${f.entity.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(f.entity.name);
    await page.goto(`/programs/${f.program.slug}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(f.program.name);
    await expect(page.locator('#ptimeline-title')).toHaveText(`Designations of ${f.program.name}’s participants per quarter`);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);

    // SVG: well-formed, the exact text, no element made from a name.
    const svgRes = await page.request.get(`/api/export/overview.svg?${query}`);
    expect(svgRes.status()).toBe(200);
    const svg = await svgRes.text();
    expect(svg).not.toMatch(/<script|<img|<b>/);
    const nodes = parseSvg(svg);
    expect(nodes.some((n) => ['script', 'img', 'b', 'foreignObject'].includes(n.name))).toBe(false);
    expect(nodes.find((n) => n.name === 'desc')?.text).toContain(`names matching “${f.entity.name}”`);
    expect(nodes[nodes.findIndex((n) => n.attributes['data-milestone'] === f.milestone.slug) + 1]?.text).toContain(f.milestone.title);
    const programSvg = parseSvg(await (await page.request.get(`/api/export/program.svg?slug=${f.program.slug}`)).text());
    expect(programSvg.find((n) => n.name === 'title')?.text).toBe(`Designations of ${f.program.name}’s participants per quarter`);

    // CSV: a cell starting with - + = @ is neutralised; the rest of the text is kept.
    const rows = parse(await (await page.request.get(`/api/export/overview.csv?${f.view}`)).text(), { columns: true }) as Array<Record<string, string>>;
    expect(rows.find((r) => r.kind === 'milestone' && r.period === '2031-02')?.title).toBe(`'${f.milestone.title}`);
    // The program's numbers: EU in 2031 Q1, UK in 2031 Q1 (both its participant's designations).
    const programRows = parse(await (await page.request.get(`/api/export/program.csv?slug=${f.program.slug}`)).text(), { columns: true }) as Array<Record<string, string>>;
    expect(programRows.filter((r) => r.value !== '0').map((r) => [r.period, r.series, r.value])).toEqual([
      ['2031-Q1', 'EU', '1'],
      ['2031-Q1', 'UK', '1'],
    ]);
    const json = (await (await page.request.get(`/api/export/program.json?slug=${f.program.slug}`)).json()) as { title: string };
    expect(json.title).toContain(f.program.name);

    // Exports need a session or a token, like every API.
    const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    for (const file of ['overview.svg', 'program.csv?slug=x', 'lag.json']) expect([file, (await anonymous.get(`/api/export/${file}`, { maxRedirects: 0 })).status()]).toEqual([file, 401]);
    await anonymous.dispose();
  } finally {
    await f.cleanup();
  }
});

test('an unknown export is a 404 that names the charts, not a crash', async ({ page }) => {
  for (const file of ['overview.exe', 'nothing.csv', 'constructor.svg']) {
    const res = await page.request.get(`/api/export/${file}`);
    expect(res.status()).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('overview (/)');
  }
  const res = await page.request.get('/api/export/program.svg?slug=..%2Fetc');
  expect(res.status()).toBe(422);
});

test('the overview and analysis pages print as a report: chart, filters and tables, no navigation or controls', async ({ page }) => {
  await page.goto(`/?${VIEW}`);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('nav.sidebar')).toBeHidden();
  await expect(page.getByRole('region', { name: 'Chart settings' })).toBeHidden();
  await expect(page.getByTestId('chart-downloads')).toBeHidden();
  await expect(page.getByTestId('designation-timeline')).toBeVisible();
  await expect(page.getByTestId('print-summary')).toBeVisible();
  await expect(page.getByTestId('print-summary')).toContainText(((await page.locator('.chart-subtitle').first().textContent()) ?? '').trim());
  await expect(page.getByTestId('print-summary')).toContainText(/View: \/\?\S*granularity=month/);
  // The closed "Data table" prints open.
  await expect(page.getByTestId('series-table')).toBeVisible();
  await expect(page.locator('.chart-source').first()).toBeVisible();
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString('ascii')).toBe('%PDF-');

  await page.emulateMedia({ media: 'screen' });
  await expect(page.locator('nav.sidebar')).toBeVisible();
  await expect(page.getByTestId('print-summary')).toBeHidden();

  await page.goto('/analysis/milestone-windows?days=60');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('form', { name: 'Window settings' })).toBeHidden();
  await expect(page.getByTestId('print-summary')).toContainText('60 days before and after each milestone');
  await expect(page.getByTestId('window-chart')).toBeVisible();
  await expect(page.getByTestId('windows-table')).toBeVisible();
});
