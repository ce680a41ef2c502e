import { describe, expect, it } from 'vitest';
import { escapeXml, niceTicks, renderChartSvg, wrapText } from './svg';
import type { ChartData } from './chart-data';
import { parseSvg, type SvgNode } from '../../test/svg';

const HOSTILE = `<script>alert("x")</script> & 'q' =HYPERLINK("http://e.example") שלום سلام 🚀`;

const chart: ChartData = {
  chart: 'overview',
  title: `New designations per quarter — ${HOSTILE}`,
  subtitle: `all authorities; names matching “${HOSTILE}”; 2022 Q1 – 2022 Q3; counted by listing date`,
  source: 'Sources: test',
  xLabel: 'Listing date, per quarter',
  yLabel: 'Designations',
  style: 'bars',
  bins: [
    { key: '2022-Q1', label: '2022 Q1' },
    { key: '2022-Q2', label: '2022 Q2' },
    { key: '2022-Q3', label: '2022 Q3' },
  ],
  series: [
    { key: 'US-OFAC', label: 'US (OFAC)', color: '#0072B2' },
    { key: 'EU', label: `EU ${HOSTILE}`, color: '#E69F00' },
  ],
  layers: [
    { kind: 'designations', label: 'Listed', sign: 1, values: [{ 'US-OFAC': 4, EU: 2 }, { 'US-OFAC': 0, EU: 0 }, { 'US-OFAC': 7, EU: 1 }] },
    { kind: 'lifted', label: 'Lifted', sign: -1, values: [{ 'US-OFAC': 0, EU: 0 }, { 'US-OFAC': 3, EU: 0 }, { 'US-OFAC': 0, EU: 0 }] },
  ],
  milestones: [
    { code: 'M08', slug: 'm-line', title: `Invasion ${HOSTILE}`, dateLabel: '24 Feb 2022', category: 'MILITARY', sourceUrl: 'https://example.org', placement: { kind: 'line', bin: '2022-Q1' } },
    { code: 'M07', slug: 'm-band', title: 'Talks collapse', dateLabel: '2022', category: 'DIPLOMATIC', sourceUrl: 'https://example.org', placement: { kind: 'band', fromBin: '2022-Q2', toBin: '2022-Q3' } },
  ],
};


/** A milestone's whole label: the <title> first inside its group. */
const milestoneLabel = (nodes: SvgNode[], slug: string) => nodes[nodes.findIndex((n) => n.attributes['data-milestone'] === slug) + 1]?.text;

const AT = new Date('2026-11-25T18:00:00Z');

describe('renderChartSvg', () => {
  const svg = renderChartSvg(chart, AT);
  const { root, nodes, xmlDecl } = parseSvg(svg);

  it('is a standalone SVG document: declaration, namespace, size and viewBox, fonts with fallbacks', () => {
    expect(xmlDecl).toBe(true);
    expect(root.name).toBe('svg');
    expect(root.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
    const [w, h] = [Number(root.attributes.width), Number(root.attributes.height)];
    expect(w).toBe(960);
    expect(h).toBeGreaterThan(400);
    expect(root.attributes.viewBox).toBe(`0 0 ${w} ${h}`);
    expect(root.attributes['font-family']).toMatch(/, sans-serif$/);
    // Nothing loaded from elsewhere: no links, images, external fonts or url() references.
    expect(svg).not.toMatch(/href=|<image|@import|url\(/);
  });

  it('keeps hostile text exact as text (escaped), never as markup', () => {
    expect(svg).not.toContain('<script');
    expect(nodes.some((n) => n.name === 'script')).toBe(false);
    expect(nodes.filter((n) => n.attributes['data-role'] === 'title').map((n) => n.text).join(' ')).toBe(chart.title);
    expect(nodes.find((n) => n.name === 'desc')?.text).toBe(chart.subtitle);
    expect(nodes.find((n) => n.name === 'title')?.text).toBe(chart.title);
    expect(nodes.some((n) => n.name === 'text' && n.text === `EU ${HOSTILE}`)).toBe(true);
    expect(milestoneLabel(nodes, 'm-line')).toBe(`M08: 24 Feb 2022 — Invasion ${HOSTILE} (military)`);
  });

  it('carries the subtitle, axes, legend, milestone markers and labels, and the source line with the UTC time', () => {
    const texts = nodes.filter((n) => n.name === 'text').map((n) => n.text);
    const yTicks = nodes.filter((n) => n.name === 'text' && n.attributes['text-anchor'] === 'end').map((n) => n.text);
    expect(yTicks).toContain('0');
    expect(yTicks.length).toBeGreaterThanOrEqual(3);
    expect(yTicks.every((t) => /^\d+$/.test(t))).toBe(true);
    expect(texts).toEqual(expect.arrayContaining(['2022 Q1', '2022 Q2', '2022 Q3', 'Listing date, per quarter', 'Designations', 'US (OFAC)', 'Milestones']));
    expect(nodes.filter((n) => n.attributes['data-milestone-marker']).map((n) => n.attributes['data-milestone-marker'])).toEqual(['M08', 'M07']);
    expect(milestoneLabel(nodes, 'm-band')).toBe('M07: 2022 — Talks collapse (diplomatic, shaded: period or imprecise date)');
    expect(nodes.filter((n) => n.attributes['data-role'] === 'source').map((n) => n.text).join(' ')).toBe('Sources: test — generated 2026-11-25T18:00:00.000Z');
    expect(texts.some((t) => t.startsWith('Above zero: Listed'))).toBe(true);
  });

  it('draws one bar per non-zero value, stacked, lifted below zero, with its numbers as data attributes', () => {
    const bars = nodes.filter((n) => n.name === 'rect' && n.attributes['data-value']);
    expect(bars.map((b) => [b.attributes['data-bin'], b.attributes['data-series'], b.attributes['data-layer'], b.attributes['data-value']])).toEqual([
      ['2022-Q1', 'US-OFAC', 'designations', '4'],
      ['2022-Q1', 'EU', 'designations', '2'],
      ['2022-Q2', 'US-OFAC', 'lifted', '3'],
      ['2022-Q3', 'US-OFAC', 'designations', '7'],
      ['2022-Q3', 'EU', 'designations', '1'],
    ]);
    const [q1us, q1eu, q2lift, q3us] = bars.map((b) => ({ y: Number(b.attributes.y), h: Number(b.attributes.height) }));
    // Heights are proportional to the values; stacked bars touch; the lifted bar hangs from the zero line.
    expect(q1us!.h / 4).toBeCloseTo(q3us!.h / 7, 1);
    expect(q1eu!.y + q1eu!.h).toBeCloseTo(q1us!.y, 1);
    expect(q2lift!.y).toBeCloseTo(q1us!.y + q1us!.h, 1);
  });

  it('draws the net as a line over the bars, with its value per bin, and names it in the legend', () => {
    const { nodes } = parseSvg(renderChartSvg({ ...chart, net: { label: 'Net (listed − lifted)', values: [6, -3, 8] } }, new Date('2026-11-25T10:00:00Z')));
    expect(nodes.filter((n) => n.attributes['data-role'] === 'net')).toHaveLength(1);
    expect(nodes.filter((n) => n.attributes['data-layer'] === 'net').map((n) => [n.attributes['data-bin'], n.attributes['data-value']])).toEqual([
      ['2022-Q1', '6'],
      ['2022-Q2', '-3'],
      ['2022-Q3', '8'],
    ]);
    expect(nodes.some((n) => n.name === 'text' && n.text === 'Net (listed − lifted)')).toBe(true);
  });

  it('draws a range chart as one bar per designation, lighter when lifted, with a hostile label kept as text', () => {
    const ranges: ChartData = {
      ...chart,
      style: 'ranges',
      bins: [],
      layers: [],
      milestones: [],
      ranges: [
        { key: 'd1', label: `US (OFAC) · ${HOSTILE}`, series: 'US-OFAC', from: '2021-08-18', to: '2023-01-05', onOrBefore: true, sourceUrl: null },
        { key: 'd2', label: 'EU · RUS', series: 'EU', from: '2022-10-20', to: null, onOrBefore: false, sourceUrl: 'https://example.org' },
      ],
    };
    const { nodes } = parseSvg(renderChartSvg(ranges, new Date('2026-11-25T10:00:00Z')));
    const bars = nodes.filter((n) => n.attributes['data-designation']);
    expect(bars.map((n) => [n.attributes['data-designation'], n.attributes['data-from'], n.attributes['data-to']])).toEqual([
      ['d1', '2021-08-18', '2023-01-05'],
      ['d2', '2022-10-20', ''],
    ]);
    const rects = nodes.filter((n) => n.name === 'rect' && n.attributes['fill-opacity']);
    expect(rects.map((r) => r.attributes['fill-opacity'])).toEqual(['0.45', '0.9']);
    // The still-listed bar runs to the day the file was made: right of the lifted one's end.
    expect(Number(rects[1]!.attributes.x) + Number(rects[1]!.attributes.width)).toBeGreaterThan(Number(rects[0]!.attributes.x) + Number(rects[0]!.attributes.width));
    expect(nodes.some((n) => n.name === 'title' && n.text.includes(HOSTILE) && n.text.includes('listed on or before 2021-08-18, lifted 2023-01-05'))).toBe(true);
    expect(nodes.filter((n) => n.name === 'text').map((n) => n.text)).toEqual(expect.arrayContaining(['2022', '2023']));
  });

  it('draws lines with a point per bin in line style', () => {
    const { nodes: ln } = parseSvg(renderChartSvg({ ...chart, style: 'lines', layers: [chart.layers[0]!] }, AT));
    expect(ln.filter((n) => n.name === 'polyline')).toHaveLength(2);
    expect(ln.filter((n) => n.name === 'circle' && n.attributes['data-value']).map((n) => n.attributes['data-value'])).toEqual(['4', '0', '7', '2', '0', '1']);
  });

  it('gives milestones of one bin one label listing both codes, and no two labels overlap (issue 26)', () => {
    const ms = (code: string, bin: string) => ({ code, slug: code.toLowerCase(), title: code, dateLabel: '2022', category: 'NUCLEAR', sourceUrl: 'https://example.org', placement: { kind: 'line' as const, bin } });
    const crowded: ChartData = { ...chart, milestones: [ms('M08', '2022-Q1'), ms('M09', '2022-Q3'), ms('M10', '2022-Q3'), ms('M11', '2022-Q3'), ms('M12', '2022-Q2')] };
    const { nodes } = parseSvg(renderChartSvg(crowded, AT));
    const labels = nodes.filter((n) => n.attributes['data-milestone-label']);
    expect(labels.map((n) => n.attributes['data-milestone-label'])).toEqual(['M08', 'M12', 'M09 M10 M11']);
    expect(nodes.filter((n) => n.attributes['data-milestone-marker']).map((n) => n.attributes['data-milestone-marker'])).toEqual(['M08', 'M12', 'M09', 'M10', 'M11']);
    // Each label's box is the first rect after its group: pairwise disjoint (in x, or in lane height).
    const boxes = labels.map((l) => {
      const r = nodes.slice(nodes.indexOf(l)).find((n) => n.name === 'rect')!;
      return { x: Number(r.attributes.x), y: Number(r.attributes.y), w: Number(r.attributes.width), h: Number(r.attributes.height) };
    });
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(true);
      }
  });

  it('renders an empty chart (no bins, no series) as a valid document', () => {
    const { root: r } = parseSvg(renderChartSvg({ ...chart, bins: [], series: [], layers: [], milestones: [] }, AT));
    expect(r.name).toBe('svg');
  });
});

describe('escapeXml', () => {
  it('escapes markup characters and drops what XML 1.0 forbids, keeping RTL text and emoji', () => {
    expect(escapeXml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
    expect(escapeXml('a\u0000b\u0007c\u001Fd\uFFFEe\uFFFF')).toBe('abcde');
    expect(escapeXml('x\uD800y')).toBe('xy');
    expect(escapeXml('tab\tline\n')).toBe('tab\tline\n');
    expect(escapeXml('שלום سلام 🚀 👩‍👩‍👧')).toBe('שלום سلام 🚀 👩‍👩‍👧');
  });
});

describe('wrapText and niceTicks', () => {
  it('wraps at word boundaries and never splits an emoji', () => {
    expect(wrapText('one two three four', 10, 60)).toEqual(['one two', 'three four']);
    const long = '🚀'.repeat(30);
    const lines = wrapText(long, 10, 60);
    expect(lines.join('')).toBe(long);
    expect(lines.every((l) => !/[\uD800-\uDBFF]$/.test(l))).toBe(true);
  });

  it('gives round steps that cover the range and include zero', () => {
    expect(niceTicks(0, 9)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(-3, 7)).toEqual([-4, -2, 0, 2, 4, 6, 8]);
    expect(niceTicks(0, 0)).toEqual([0, 1]);
  });
});
