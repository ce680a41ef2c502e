// Milestones with stable codes and labels that never hide one another (issue 26), on the seeded
// milestones: the JCPOA talks' collapse (Aug 2022) is the ninth by date, M09, on every page and file;
// at quarter bins it shares 2022 Q3 with the "Women, Life, Freedom" protests (M10, Sep 2022), and
// the two November 2022 milestones (M11, M12) share 2022 Q4. Plus the public files: the icon and a
// robots.txt that keeps crawlers out, served without signing in.
import { expect, test, type Locator } from '@playwright/test';
import { STORAGE } from '../run-state';
import { parseSvg } from '../../test/svg';

const JCPOA_COLLAPSE = 'jcpoa-talks-collapse-2022';
const QUARTERS_2022_23 = '/?granularity=quarter&from=2022&to=2023';
// The seeded milestones drawn on 2022–2023 (the year-only 2022 drone-production move as a band).
const IN_RANGE = [
  ['drone-production-moved-to-russia', 'M07'],
  ['invasion-ukraine-2022', 'M08'],
  [JCPOA_COLLAPSE, 'M09'],
  ['woman-life-freedom-2022', 'M10'],
  ['amirabdollahian-drones-2022', 'M11'],
  ['biden-jcpoa-dead-2022', 'M12'],
  ['iran-saudi-relations-2023', 'M13'],
  ['wagner-mutiny-2023', 'M14'],
  ['brics-invitation-2023', 'M15'],
  ['us-iran-prisoner-swap-2023', 'M16'],
] as const;

type Box = { label: string; x: number; y: number; width: number; height: number };

async function boxesOf(items: Locator, labelAttr: string): Promise<Box[]> {
  return items.evaluateAll(
    (els, attr) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { label: el.getAttribute(attr) ?? el.textContent ?? '', x: r.x, y: r.y, width: r.width, height: r.height };
      }),
    labelAttr,
  );
}

/** Pairs of boxes that overlap (touching edges is not overlapping). */
function overlapping(boxes: Box[]): string[] {
  const bad: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!];
      const apart = a.x + a.width <= b.x + 0.5 || b.x + b.width <= a.x + 0.5 || a.y + a.height <= b.y + 0.5 || b.y + b.height <= a.y + 0.5;
      if (!apart) bad.push(`${a.label} × ${b.label}`);
    }
  return bad;
}

test.describe('milestone codes and labels', () => {
  test.use({ storageState: STORAGE.analyst });

  test('the JCPOA collapse is M09 on the milestones page, the overview at quarter bins and its exported SVG', async ({ page }) => {
    await page.goto('/milestones');
    await expect(page.getByTestId('milestones-table').locator(`tr[id="${JCPOA_COLLAPSE}"]`).getByTestId('milestone-code')).toHaveText('M09');

    await page.goto(QUARTERS_2022_23);
    const chart = page.getByTestId('designation-timeline');
    await expect(chart).toHaveAttribute('data-interactive', 'true');
    const marker = chart.locator(`[data-milestone="${JCPOA_COLLAPSE}"]`);
    await expect(marker).toHaveCount(1);
    await expect(marker).toHaveAttribute('data-code', 'M09');
    await expect(marker).toHaveText('M09');
    await expect(page.locator(`#milestone-${JCPOA_COLLAPSE}`)).toContainText('M09');
    await expect(page.locator(`#milestone-${JCPOA_COLLAPSE}`)).toContainText('Aug 2022 — Talks to restore the JCPOA come close to agreement, then break down');

    // The file the page's SVG link downloads: the same code on the marker and in the key.
    const href = (await page.getByTestId('chart-downloads').getByRole('link', { name: 'SVG' }).getAttribute('href')) as string;
    // Quarters are the default bins, so the link names only the range.
    expect(href).toMatch(/[?&]from=2022\b/);
    expect(href).not.toMatch(/granularity=/);
    const res = await page.request.get(href);
    expect(res.status()).toBe(200);
    const { nodes } = parseSvg(await res.text());
    expect(nodes.filter((n) => n.attributes['data-milestone-marker'] === 'M09').map((n) => nodes[nodes.indexOf(n) + 1]?.text)).toEqual(['M09']);
    const key = nodes[nodes.findIndex((n) => n.attributes['data-milestone'] === JCPOA_COLLAPSE) + 1];
    expect(key?.text).toBe('M09: Aug 2022 — Talks to restore the JCPOA come close to agreement, then break down (nuclear)');
    // One label for the quarter's two milestones, in the file as on the page.
    expect(nodes.some((n) => n.attributes['data-milestone-label'] === 'M09 M10')).toBe(true);

    // Another range, other bins: the code stays.
    await page.goto('/?granularity=month&from=2022-08&to=2022-09');
    await expect(page.getByTestId('designation-timeline').locator(`[data-milestone="${JCPOA_COLLAPSE}"]`)).toHaveAttribute('data-code', 'M09');
  });

  test('at quarter bins every marker label is visible: same-quarter milestones share one label, and no two labels overlap', async ({ page }) => {
    await page.goto(QUARTERS_2022_23);
    const chart = page.getByTestId('designation-timeline');
    await expect(chart).toHaveAttribute('data-interactive', 'true');
    for (const [slug, code] of IN_RANGE) {
      const marker = chart.locator(`[data-milestone="${slug}"]`);
      await expect(marker).toHaveCount(1);
      await expect(marker).toHaveText(code);
      await expect(marker).toBeVisible();
    }
    // The milestones of one quarter are listed in one label, side by side.
    await expect(chart.locator('[data-milestone-label="M09 M10"]')).toHaveCount(1);
    await expect(chart.locator('[data-milestone-label="M11 M12"]')).toHaveCount(1);

    const labels = await boxesOf(chart.locator('[data-milestone-label]'), 'data-milestone-label');
    expect(labels.length).toBeGreaterThanOrEqual(7);
    expect(overlapping(labels)).toEqual([]);
    // Each code's own text, too: none drawn over another.
    const codes = await boxesOf(chart.locator('[data-milestone] text'), 'data-none');
    expect(codes.length).toBeGreaterThanOrEqual(IN_RANGE.length);
    expect(codes.every((b) => b.width > 0 && b.height > 0)).toBe(true);
    expect(overlapping(codes)).toEqual([]);
    // And every label sits above the plot, not over the bars.
    const plotTop = await chart.locator('.recharts-cartesian-grid').evaluate((el) => el.getBoundingClientRect().y);
    for (const b of labels) expect([b.label, b.y + b.height <= plotTop + 0.5]).toEqual([b.label, true]);

    // A code in a shared label still opens its own milestone.
    await chart.locator(`[data-milestone="${JCPOA_COLLAPSE}"]`).hover();
    await expect(page.locator('.milestone-popover')).toContainText('M09: Talks to restore the JCPOA');
    await chart.locator(`[data-milestone="${JCPOA_COLLAPSE}"]`).click();
    await expect(page).toHaveURL(new RegExp(`/milestones#${JCPOA_COLLAPSE}$`));
  });
});

test.describe('public files', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('the icon and robots.txt are served without signing in, and robots.txt keeps every crawler out', async ({ page }) => {
    const favicon = await page.request.get('/favicon.ico', { maxRedirects: 0 });
    expect(favicon.status()).toBe(200);
    expect(favicon.headers()['content-type']).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
    // An ICO file: reserved 0, type 1, at least one image.
    const ico = await favicon.body();
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4) > 0]).toEqual([0, 1, true]);

    const robots = await page.request.get('/robots.txt', { maxRedirects: 0 });
    expect(robots.status()).toBe(200);
    expect(robots.headers()['content-type']).toMatch(/^text\/plain/);
    const rules = (await robots.text()).split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    expect(rules).toEqual(['User-agent: *', 'Disallow: /']);

    // The sign-in page (the one public page) links the SVG icon, and the link is served.
    await page.goto('/login');
    const iconHref = await page.locator('link[rel="icon"][type="image/svg+xml"]').getAttribute('href');
    expect(iconHref).toMatch(/^\/icon\b/);
    const icon = await page.request.get(iconHref as string, { maxRedirects: 0 });
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toMatch(/^image\/svg\+xml/);
    expect(await icon.text()).toContain('<svg');
  });
});
