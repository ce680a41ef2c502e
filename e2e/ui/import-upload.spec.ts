// The admin upload page end to end: a real list (the UN consolidated XML in data/un/) uploaded,
// dry-run counts shown and nothing written, then applied with the progress bar reaching 100% and
// the run in the history; a broken file shows the parser's error and writes nothing; the match
// review queue's accept and reject through the UI; analysts get 403 on all of it.
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { STORAGE } from '../run-state';
import { createMatchFixture } from '../factories/matches';
import { withDb } from '../factories/sessions';

const UN_FILE = path.resolve('data/un/consolidated-2018-08-27.xml');
const UN_ENTRIES = 1098; // data/un/README.md: 701 individuals + 397 entities
const count = (sql: string) => withDb(async (c) => Number(Object.values((await c.query(sql)).rows[0] as Record<string, unknown>)[0]));
const counter = (page: Page, k: string) => page.getByTestId(`count-${k}`);
const num = async (page: Page, k: string) => Number((await counter(page, k).innerText()).replace(/,/g, ''));

test.describe('import upload', () => {
  test.use({ storageState: STORAGE.admin });
  // One import of the UN list at a time: the page refuses a second concurrent import of the same list.
  test.describe.configure({ mode: 'serial' });

  test('dry run, confirm, progress to 100%, the run in the history', async ({ page }) => {
    // NOTE: the apply writes 1,098 entries and resolves them against the seeded 16,000: minutes on a loaded CI box.
    test.setTimeout(600_000);
    const unBefore = await count(`SELECT count(*) FROM designation WHERE origin = 'un-sc'`);
    const runsBefore = await count(`SELECT count(*) FROM import_run`);
    await page.goto('/admin/imports');
    await page.getByRole('link', { name: 'New import' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'New import' })).toBeVisible();
    await page.getByLabel('Format').selectOption('un-xml');
    await page.getByLabel('File(s)').setInputFiles(UN_FILE);
    await page.getByRole('button', { name: 'Upload and check (dry run)' }).click();

    await expect(page.getByRole('heading', { name: 'Dry run: what the import would change' })).toBeVisible({ timeout: 120_000 });
    const dry = { created: await num(page, 'created'), changed: await num(page, 'changed'), lifted: await num(page, 'lifted'), unchanged: await num(page, 'unchanged') };
    expect(dry.created + dry.changed + dry.unchanged).toBe(UN_ENTRIES);
    await expect(page.getByTestId('counts')).toContainText('1,098');
    // The dry run wrote nothing.
    expect(await count(`SELECT count(*) FROM designation WHERE origin = 'un-sc'`)).toBe(unBefore);
    expect(await count(`SELECT count(*) FROM import_run`)).toBe(runsBefore);

    await page.getByRole('button', { name: 'Apply this import' }).click();
    await expect(page.getByRole('heading', { name: 'Imported' })).toBeVisible({ timeout: 420_000 });
    await expect(page.locator('#job-progress')).toHaveAttribute('value', '100');
    await expect(page.getByText(/Import: Done — 100%/)).toBeVisible();
    await expect(page.getByTestId('job-stats')).toContainText(`${UN_ENTRIES.toLocaleString('en')} records`);
    expect(await num(page, 'created')).toBe(dry.created);
    expect(await count(`SELECT count(*) FROM designation WHERE origin = 'un-sc'`)).toBe(unBefore + dry.created);

    await page.getByRole('link', { name: 'Open the run in the import history' }).click();
    await expect(page.getByRole('heading', { name: 'Applied' })).toBeVisible();
    await expect(page.getByText('consolidated-2018-08-27.xml')).toBeVisible();
    await page.goto('/admin/imports');
    const row = page.getByRole('row').filter({ hasText: 'consolidated-2018-08-27.xml' }).first();
    await expect(row).toContainText('APPLIED');
    await expect(row).toContainText('un-xml');
  });

  test('a broken file shows the parser’s error and the database is unchanged', async ({ page }) => {
    // What this upload could write: UN designations (an import writes its entities with them, in one
    // transaction) and applied runs. Not every entity: the other worker's tests create some meanwhile.
    const tables = `SELECT (SELECT count(*) FROM designation WHERE origin = 'un-sc') + (SELECT count(*) FROM import_run WHERE status = 'APPLIED') * 1000000000000`;
    const before = await count(tables);
    await page.goto('/admin/imports/new');
    await page.getByLabel('Format').selectOption('un-xml');
    await page.getByLabel('File(s)').setInputFiles(path.resolve('test/fixtures/malformed/un-truncated.xml'));
    await page.getByRole('button', { name: 'Upload and check (dry run)' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'un-truncated.xml' });
    await expect(alert).toContainText(/un-truncated\.xml \(line \d+\): the XML ends before it is complete/);
    await expect(alert).toContainText('Nothing was written to the database.');
    expect(await count(tables)).toBe(before);
  });
});

test.describe('match review', () => {
  test.use({ storageState: STORAGE.admin });

  test('reject keeps the pair apart; accept merges it', async ({ page }) => {
    const rejectMe = await createMatchFixture();
    const acceptMe = await createMatchFixture();
    await page.goto('/admin/imports');
    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Match review' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Match review' })).toBeVisible();

    await page.goto(`/admin/matches?q=${rejectMe.tag}`);
    const first = page.getByRole('region', { name: `Match: ${[rejectMe.a, rejectMe.b].sort((x, y) => x.id.localeCompare(y.id)).map((e) => e.name).join(' and ')}` });
    await expect(first).toContainText('same name');
    await expect(first).toContainText('UK');
    await first.getByRole('button', { name: 'Reject: not the same' }).click();
    await expect(page.getByText('0 pending matches')).toBeVisible();
    expect(await count(`SELECT count(*) FROM match_candidate WHERE id = '${rejectMe.candidateId}' AND status = 'REJECTED'`)).toBe(1);
    expect(await count(`SELECT count(*) FROM entity WHERE id IN ('${rejectMe.a.id}', '${rejectMe.b.id}') AND merged_into_id IS NULL`)).toBe(2);

    await page.goto(`/admin/matches?q=${acceptMe.tag}`);
    const second = page.getByRole('region', { name: /^Match: / });
    await second.getByLabel(acceptMe.b.name).check();
    await second.getByRole('button', { name: 'Accept: merge' }).click();
    await expect(page.getByText('0 pending matches')).toBeVisible();
    expect(await count(`SELECT count(*) FROM entity WHERE id = '${acceptMe.a.id}' AND merged_into_id = '${acceptMe.b.id}'`)).toBe(1);
    expect(await count(`SELECT count(*) FROM designation WHERE entity_id = '${acceptMe.b.id}'`)).toBe(2);
    await page.goto(`/admin/matches?status=MERGED&q=${acceptMe.tag}`);
    await expect(page.getByText('1 merged match')).toBeVisible();
  });
});

test.describe('as an analyst', () => {
  test.use({ storageState: STORAGE.analyst });
  test('gets 403 on the upload page, the review queue and the upload API', async ({ page }) => {
    for (const p of ['/admin/imports/new', '/admin/matches']) expect((await page.goto(p))?.status(), p).toBe(403);
    const res = await page.request.post('/api/admin/imports/uploads?name=x.xml', { data: '<x/>' });
    expect(res.status()).toBe(403);
    const job = await page.request.post('/api/admin/imports/jobs', { data: { format: 'un-xml', uploads: [], dryRun: true } });
    expect(job.status()).toBe(403);
  });
});

test('anonymous upload is refused with 401 (the route checks the session itself)', async ({ playwright, baseURL }) => {
  const ctx = await playwright.request.newContext({ baseURL });
  const res = await ctx.post('/api/admin/imports/uploads?name=x.xml', { data: '<x/>' });
  expect(res.status()).toBe(401);
  await ctx.dispose();
});
