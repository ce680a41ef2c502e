// Issue 23 in the browser, on the seeded real data: a program rename is not a designation (OFAC,
// Sep 2022: 409 first seen + 68 additions − 44 renames = 433), programs read by their titles,
// lifting dates as bounds, the uncertain US action of 2022-12-09, the UK transition and a sources
// line that names every list drawn.
import { expect, test } from '@playwright/test';
import { STORAGE } from '../run-state';
import { withDb } from '../factories/sessions';
import { formatPartialDate } from '../../lib/dates';

test.use({ storageState: STORAGE.analyst });

test('OFAC in Sep 2022 counts 433 new designations: the 44 renames of that month are not designations', async ({ page }) => {
  await page.goto('/?granularity=month&from=2022-09&to=2022-09&authority=US-OFAC');
  const cell = page.locator('[data-testid="series-table"] tr[data-bin="2022-09"] td[data-series="US-OFAC"]');
  expect(Number(((await cell.textContent()) ?? '').trim().split(/\s/)[0])).toBe(433);
});

test('the program filter and legends read by sourced titles; codes stay in the URL', async ({ page }) => {
  await page.goto('/?split=program&authority=US-OFAC&from=2022-01&to=2022-12');
  const sdgt = page.locator('#program option[value="US-OFAC:SDGT"]');
  await expect(sdgt).toHaveText(/^US — Global terrorism .*\(SDGT\) \(\d[\d,]*\)$/);
  // A code without a sourced title is shown as the code, marked untitled — never an invented title.
  await expect(page.locator('#program option[value="US-OFAC:IRGC"]')).toHaveText(/^US — IRGC \(untitled\)/);
  await page.goto('/?split=program&authority=US-OFAC&program=US-OFAC:SDGT&from=2022-01&to=2022-12');
  await expect(page.locator('.chart-subtitle')).toContainText('US — Global terrorism');
});

test('the sources line names every list drawn, and UK series carry the transition note', async ({ page }) => {
  await page.goto('/');
  const source = page.locator('.chart-source');
  for (const list of ['OFAC SDN list', 'EU Official Journal annexes', 'UK Sanctions List', 'UN Security Council consolidated list']) await expect(source).toContainText(list);
  await expect(page.getByTestId('uk-transition-note')).toContainText('end of the Brexit transition');
  // The carried-over listings at the entity's earlier EU or UN listing: said on the page and in the subtitle (exports carry it).
  await page.getByTestId('uk-transition-note').getByRole('link', { name: 'count them at the earlier EU or UN listing' }).click();
  await expect(page).toHaveURL(/ukcarry=earlier/);
  await expect(page.getByTestId('uk-transition-note')).toContainText(/Here they count at the same entity’s earlier EU or UN listing: \d[\d,]* have one in the data/);
  await expect(page.locator('.chart-subtitle')).toContainText("UK listings carried over on 31 Dec 2020 at the entity's earlier EU or UN listing");
  await expect(page.locator('#ukcarry')).toHaveValue('earlier');
  await page.getByTestId('uk-transition-note').getByRole('link', { name: 'count them as the UK dates them' }).click();
  await expect(page).not.toHaveURL(/ukcarry/);
  await page.goto('/?authority=US-OFAC');
  await expect(source).not.toContainText('UN Security Council');
  await expect(page.getByTestId('uk-transition-note')).toHaveCount(0);
});

test('an entity page shows a lifting as its bounds, and the uncertain US action of 2022-12-09', async ({ page }) => {
  const lifted = await withDb(async (c) =>
    (await c.query<{ entity_id: string; after: string; end: string }>(
      `SELECT entity_id, end_date_after::text AS after, end_date::text AS end FROM designation WHERE origin = 'ofac-sdn' AND end_date_qualifier = 'ON_OR_BEFORE' AND end_date_after IS NOT NULL AND deleted_at IS NULL ORDER BY origin_key LIMIT 1`,
    )).rows[0]!,
  );
  await page.goto(`/entities/${lifted.entity_id}`);
  await expect(page.getByRole('cell', { name: `after ${formatPartialDate(lifted.after)}, on or before ${formatPartialDate(lifted.end)}` }).first()).toBeVisible();

  const c924 = await withDb(async (c) => (await c.query<{ entity_id: string }>(`SELECT entity_id FROM external_id WHERE source = 'ofac-sdn' AND external_id = '40192'`)).rows[0]!.entity_id);
  await page.goto(`/entities/${c924}`);
  await expect(page.getByText('(attribution uncertain)')).toBeVisible();
});
