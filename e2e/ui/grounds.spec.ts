// Designations show their grounds (issue 26, "Done when" 2), on the seeded real data: Shahed Aviation
// Industries, HESA and Alabuga each show every list's designations with the list's reasons, measures,
// legal act (a EUR-Lex link derived from the CELEX number, and said so), action and sources — official
// first, the press after; OFAC and UK pages only where a stored source cites them. The EU reasons are
// read here from the EU file the seed loads (data/eu/32014R0269.csv, 32012R0267.csv), not copied.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { STORAGE } from '../run-state';
import { withDb } from '../factories/sessions';

test.use({ storageState: STORAGE.analyst });

type EuRow = { annex: string; recordId: string; reason: string };
const euReason = (celex: string, annex: string, recordId: string): string => {
  const rows = parse(readFileSync(`data/eu/${celex}.csv`), { columns: true, skip_empty_lines: true }) as EuRow[];
  const row = rows.find((r) => r.annex === annex && r.recordId === recordId);
  if (!row?.reason) throw new Error(`no reason for ${celex} ${annex} ${recordId} in data/eu`);
  return row.reason.trim();
};
const eurLex = (celex: string) => `https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:${celex}`;

/** The entity an OFAC SDN entry belongs to (one entity across the lists, issue 24). */
async function entityOfOfacEntry(entNum: string): Promise<string> {
  return withDb(async (c) => (await c.query<{ entity_id: string }>(`SELECT entity_id FROM external_id WHERE source = 'ofac-sdn' AND external_id = $1`, [entNum])).rows[0]!.entity_id);
}

const groundsOf = (page: Page) => page.getByRole('region', { name: 'Grounds and sources of each designation' }).getByTestId('designation-grounds');
const byAuthority = (page: Page, authority: string) => groundsOf(page).and(page.locator(`[data-authority="${authority}"]`));

/** Opens a long reason (a <details>) when it is one, then expects the whole text visible. */
async function expectFullReason(article: Locator, text: string) {
  const more = article.getByText('Read the full reason', { exact: true });
  if (await more.count()) await more.click();
  await expect(article.getByTestId('grounds-reason').getByTestId('reason-full')).toHaveText(text);
  await expect(article.getByTestId('grounds-reason').getByTestId('reason-full')).toBeVisible();
}

/** The act's EUR-Lex link, made from the CELEX number and labelled so. */
async function expectDerivedEurLex(article: Locator, celex: string, actName: string) {
  const act = article.getByTestId('grounds-legal-act');
  await expect(act).toContainText(actName);
  const link = act.getByRole('link', { name: /^EUR-Lex/ });
  await expect(link).toHaveAttribute('href', eurLex(celex));
  await expect(link).toHaveAttribute('data-derived', 'true');
  await expect(act).toContainText(`derived from the CELEX number ${celex}`);
}

test('Shahed Aviation Industries: the EU grounds with the act on EUR-Lex (derived), and its OFAC and UK designations', async ({ page }) => {
  await page.goto('/entities?q=shahed+aviation');
  await page.getByRole('link', { name: 'SHAHED AVIATION INDUSTRIES RESEARCH CENTER' }).click();
  await expect(page.getByRole('heading', { name: 'SHAHED AVIATION INDUSTRIES RESEARCH CENTER', level: 1 })).toBeVisible();

  // One designation per list: the EU (269/2014, 20 Oct 2022), the UK (RUS1655, 20 Oct 2022), OFAC (15 Nov 2022).
  await expect(groundsOf(page)).toHaveCount(3);
  const eu = byAuthority(page, 'EU');
  const uk = byAuthority(page, 'UK');
  const us = byAuthority(page, 'US-OFAC');
  await expect(eu).toHaveCount(1);
  await expect(uk).toHaveCount(1);
  await expect(us).toHaveCount(1);

  // The EU: its statement of reasons, whole (512 characters: shown without a click), the measure, the act.
  const reason = euReason('32014R0269', 'I.ENTITIES', '119');
  expect(reason).toContain('responsible for the design and development of the Shahed series');
  await expect(eu.getByTestId('grounds-reason')).toHaveText(reason);
  await expect(eu).toContainText('Asset freeze');
  await expectDerivedEurLex(eu, '32014R0269', 'Council Regulation (EU) No 269/2014');
  await expect(eu.getByRole('link', { name: 'EU: first listings for Iranian drones used by Russia (Reg. 269/2014)' })).toHaveAttribute('href', '/actions/eu-2022-10-20');
  // Primary (the derived EUR-Lex link) first, the curated action's press report kept as secondary.
  const euSources = eu.getByTestId('grounds-sources').getByRole('link');
  await expect(euSources.first()).toHaveAttribute('href', eurLex('32014R0269'));
  await expect(euSources.last()).toHaveAttribute('href', 'https://www.eurointegration.com.ua/eng/news/2022/10/19/7148994/');

  // The UK and OFAC state no reasons in the stored lists; their programs' legal bases come from the
  // program registry, and no OFAC or UK page is linked that no stored source cites.
  await expect(uk.getByTestId('grounds-reason')).toHaveText('No statement of reasons in the stored list record.');
  await expect(uk.getByTestId('grounds-program-basis')).toContainText('The Russia (Sanctions) (EU Exit) Regulations 2019 (S.I. 2019/855)');
  await expect(uk.getByTestId('grounds-program-basis').getByRole('link')).toHaveAttribute('href', 'https://www.legislation.gov.uk/uksi/2019/855/contents');
  await expect(uk.getByRole('link', { name: 'UK: officials and manufacturer behind drones supplied to Russia' })).toHaveAttribute('href', '/actions/uk-2022-10-20');
  await expect(uk.getByTestId('grounds-sources').getByRole('link', { name: /cfoi\.co\.uk/ })).toHaveAttribute('href', 'https://www.cfoi.co.uk/new-uk-sanctions-on-iranian-drone-supply-network');

  await expect(us.getByTestId('grounds-program-basis')).toContainText('Executive Order 13382');
  await expect(us.getByRole('link', { name: /^OFAC\/State: Shahed Aviation Industries Research Center/ })).toHaveAttribute('href', '/actions/us-2022-11-15');
  const usHrefs = await us.getByTestId('grounds-sources').getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(usHrefs).toEqual(['https://ofac.treasury.gov/specially-designated-nationals-list-sdn-list/program-tag-definitions-for-ofac-sanctions-lists', 'https://www.arabnews.pk/node/2200406']);
  await expect(page.locator('[data-testid="designation-grounds"]:not([data-authority="EU"]) [data-derived]')).toHaveCount(0);

  const results = await new AxeBuilder({ page }).include('section[aria-labelledby="grounds"]').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});

test('HESA: OFAC, the EU under both acts and the UK, each with its grounds', async ({ page }) => {
  await page.goto(`/entities/${await entityOfOfacEntry('11195')}`);
  await expect(page.getByRole('heading', { name: 'IRAN AIRCRAFT MANUFACTURING INDUSTRIAL COMPANY', level: 1 })).toBeVisible();
  // OFAC: the entry (NPWMD, IFSR) and IRAN-CON-ARMS-EO added on 18 Oct 2023; the EU: 267/2012 (2010) and
  // 269/2014 (30 Jan 2023); the UK: INU0071 (carried over at the end of the Brexit transition).
  await expect(groundsOf(page)).toHaveCount(5);
  await expect(byAuthority(page, 'US-OFAC')).toHaveCount(2);
  await expect(byAuthority(page, 'EU')).toHaveCount(2);
  await expect(byAuthority(page, 'UK')).toHaveCount(1);

  const eu2023 = byAuthority(page, 'EU').filter({ hasText: 'Council Regulation (EU) No 269/2014' });
  // 814 characters: opened by a click, then read whole.
  await expect(eu2023.getByText('Read the full reason', { exact: true })).toBeVisible();
  await expectFullReason(eu2023, euReason('32014R0269', 'I.ENTITIES', '174a'));
  await expectDerivedEurLex(eu2023, '32014R0269', 'Council Regulation (EU) No 269/2014');
  const eu2010 = byAuthority(page, 'EU').filter({ hasText: 'Council Regulation (EU) No 267/2012' });
  await expectFullReason(eu2010, euReason('32012R0267', 'IX.I.B', '17'));
  await expectDerivedEurLex(eu2010, '32012R0267', 'Council Regulation (EU) No 267/2012');

  const uk = byAuthority(page, 'UK');
  await expect(uk.getByTestId('grounds-program-basis')).toContainText('The Iran (Sanctions) (Nuclear) (EU Exit) Regulations 2019 (S.I. 2019/461)');
  await expect(uk).toContainText('In no sanctions action');
  await expect(uk.getByTestId('grounds-sources').getByRole('link').first()).toHaveAttribute('href', 'https://www.gov.uk/government/publications/the-uk-sanctions-list');

  const added = byAuthority(page, 'US-OFAC').filter({ hasText: 'Executive Order 13949' });
  await expect(added).toHaveCount(1);
  await expect(added.locator('a[href="/actions/us-2023-10-18"]')).toHaveCount(1);
  await expect(added.getByTestId('grounds-sources')).toContainText('Secondary sources');
  await expect(added.getByTestId('grounds-sources').getByRole('link').last()).toHaveAttribute('href', 'https://www.israelnationalnews.com/news/378771');
  const entry = byAuthority(page, 'US-OFAC').filter({ hasText: 'Executive Order 13382' });
  await expect(entry.getByTestId('grounds-sources').getByRole('link', { name: /OFAC Sanctions List Search/ })).toHaveAttribute('href', 'https://sanctionssearch.ofac.treas.gov/Details.aspx?id=11195');
});

test('Alabuga: the EU, UK and OFAC designations of 2023–24, each with its grounds', async ({ page }) => {
  await page.goto(`/entities/${await entityOfOfacEntry('45708')}`);
  await expect(groundsOf(page)).toHaveCount(3);
  const eu = byAuthority(page, 'EU');
  await expect(eu).toHaveCount(1);
  const reason = euReason('32014R0269', 'I.ENTITIES', '333');
  expect(reason).toContain('assemble unmanned aerial vehicles');
  await expectFullReason(eu, reason);
  await expectDerivedEurLex(eu, '32014R0269', 'Council Regulation (EU) No 269/2014');
  await expect(eu.locator('a[href="/actions/eu-2023-12-18"]')).toHaveCount(1);

  const uk = byAuthority(page, 'UK');
  await expect(uk).toHaveCount(1);
  await expect(uk.locator('a[href="/actions/uk-2024-02-22"]')).toHaveCount(1);
  await expect(uk.getByTestId('grounds-program-basis')).toContainText('The Russia (Sanctions) (EU Exit) Regulations 2019 (S.I. 2019/855)');
  await expect(uk.getByTestId('grounds-sources').getByRole('link', { name: /GOV\.UK/ })).toHaveAttribute('href', 'https://www.gov.uk/government/publications/the-uk-sanctions-list');

  const us = byAuthority(page, 'US-OFAC');
  await expect(us).toHaveCount(1);
  await expect(us.locator('a[href="/actions/us-2024-02-23"]')).toHaveCount(1);
  await expect(us.getByTestId('grounds-program-basis')).toContainText('Executive Order 14024');
  await expect(us.getByTestId('grounds-sources').getByRole('link', { name: /OFAC Sanctions List Search/ })).toHaveAttribute('href', 'https://sanctionssearch.ofac.treas.gov/Details.aspx?id=45708');
  await expect(us.getByTestId('grounds-sources')).not.toContainText('Secondary sources');
});

test('the overview drill-down shows each row\'s reason, act and primary source', async ({ page }) => {
  await page.goto('/?granularity=month&from=2022-10&to=2022-10&authority=EU&q=Shahed+Aviation+Industries&bin=2022-10');
  const row = page.getByTestId('drilldown').locator('tbody tr').filter({ hasText: 'SHAHED AVIATION INDUSTRIES RESEARCH CENTER' });
  await expect(row).toHaveCount(1);
  const grounds = row.getByTestId('drilldown-grounds');
  await expect(grounds).toContainText('Act: Council Regulation (EU) No 269/2014');
  // Shortened, with the whole text a click away.
  await grounds.getByText('Read the full reason', { exact: true }).click();
  await expect(grounds.getByTestId('reason-full')).toHaveText(euReason('32014R0269', 'I.ENTITIES', '119'));
  const primary = row.getByTestId('drilldown-primary');
  await expect(primary.getByRole('link')).toHaveAttribute('href', eurLex('32014R0269'));
  await expect(primary).toContainText('derived from the CELEX number 32014R0269');
});

test('a curated action lists its official source before the press', async ({ page }) => {
  await page.goto('/actions/eu-2023-07-20');
  const primary = page.getByTestId('action-primary-sources');
  const press = page.getByTestId('action-secondary-sources');
  await expect(primary.getByRole('link')).toHaveAttribute('href', 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=LEGISSUM%3A4685697');
  await expect(press.getByRole('link')).toHaveAttribute('href', 'https://www.urdupoint.com/en/world/eu-extends-sanctions-against-iran-bans-drone-1728753.html');
  const order = await page.locator('[data-testid="action-primary-sources"], [data-testid="action-secondary-sources"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  expect(order).toEqual(['action-primary-sources', 'action-secondary-sources']);
});
