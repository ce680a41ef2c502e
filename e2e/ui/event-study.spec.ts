// The event study in the browser (issue 25): the page's numbers equal its export, the read API gives
// the same study, and the method and its limits are on the page.
import { expect, test } from '@playwright/test';
import { STORAGE } from '../run-state';

test.use({ storageState: STORAGE.analyst });

const VIEW = 'authority=US-OFAC&authority=EU&authority=UK';

test("the page's numbers equal its JSON export and the read API's", async ({ page }) => {
  await page.goto(`/analysis/event-study?${VIEW}`);
  const table = page.getByTestId('event-study-table');
  await expect(table).toBeVisible();
  // The page's observed and expected counts of every study with a result.
  const shown = new Map<string, { after: string; verdict: string }>();
  for (const row of await table.locator('tbody tr').all()) {
    const verdict = (await row.getAttribute('data-verdict')) as string;
    if (verdict === 'insufficient data') continue;
    const cells = row.locator('td.num');
    shown.set(`${await row.getAttribute('data-event')}|${await row.getAttribute('data-authority')}`, { after: ((await cells.nth(1).textContent()) ?? '').trim(), verdict });
  }
  expect(shown.size).toBeGreaterThan(10);

  const href = (await page.getByTestId('chart-downloads').getByRole('link', { name: 'JSON' }).getAttribute('href')) as string;
  const json = (await (await page.request.get(href)).json()) as { points: Array<{ bin: string; values: Record<string, Record<string, number>> }> };
  const exported = new Map<string, string>();
  for (const p of json.points) for (const [authority, n] of Object.entries(p.values.observed ?? {})) exported.set(`${p.bin}|${authority}`, String(n));
  expect(new Map([...shown].map(([k, v]) => [k, v.after]))).toEqual(exported);

  const api = (await (await page.request.get(`/api/v1/event-study?${VIEW}`)).json()) as { rows: Array<{ eventId: string; authorityId: string; after: number | null; verdict: string }> };
  for (const r of api.rows) if (r.verdict !== 'insufficient data') expect([r.eventId, r.authorityId, String(r.after), r.verdict]).toEqual([r.eventId, r.authorityId, shown.get(`${r.eventId}|${r.authorityId}`)!.after, shown.get(`${r.eventId}|${r.authorityId}`)!.verdict]);
});

test('the read API refuses a bad parameter with 422 naming it; the page shows its default', async ({ page }) => {
  const res = await page.request.get('/api/v1/event-study?window=3&measure=everything');
  expect(res.status()).toBe(422);
  expect(JSON.stringify(await res.json())).toMatch(/window|measure/);
  await page.goto('/analysis/event-study?window=3');
  await expect(page.locator('#window')).toHaveValue('90');
});

test('says what it leaves out and how it works', async ({ page }) => {
  await page.goto('/analysis/event-study');
  await expect(page.getByTestId('left-out')).toContainText('Islamic Republic of Iran founded');
  await expect(page.getByRole('heading', { name: 'How this is worked out, and its limits' })).toBeVisible();
  await expect(page.getByText('Benjamini–Hochberg', { exact: false }).first()).toBeVisible();
  // Two milestones of Nov 2022 share their windows: flagged, and one link merges them.
  await page.getByTestId('overlap-note').first().getByRole('link', { name: 'Merge them' }).click();
  await expect(page).toHaveURL(/merge=1/);
  await expect(page.getByTestId('overlap-note')).toHaveCount(0);
});
