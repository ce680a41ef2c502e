// Any chart (lib/charts/chart-data.ts) as a standalone SVG document: title, subtitle (filters and
// date basis), legend, axes with tick labels, stacked bars or lines per series, milestone markers
// by their stable codes (labels laid out never to overlap) with their key, and the source line. Pure (a string out): the server export sends it
// and the browser draws it on a canvas for the PNG, so both look the same. No external reference
// (fonts are a declared fallback stack, no links or images), so it opens anywhere.
import { MILESTONE_DASH } from './colors';
import { estimateTextWidth, layoutMarkerLabels } from './label-layout';
import type { ChartData } from './chart-data';
import { sourceLine } from './export';

export const SVG_WIDTH = 960;
export const SVG_FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Hebrew', 'Noto Sans Arabic', 'DejaVu Sans', Arial, 'Apple Color Emoji', 'Segoe UI Emoji', 'Noto Color Emoji', sans-serif";

const INK = '#1b1f24';
const MUTED = '#5b636d';
const GRID = '#d9dde2';
const MILESTONE_INK = '#4a4f57';
const PLOT_HEIGHT = 320;
// Milestone labels: their codes in lanes above the plot, laid out so none hides another (label-layout.ts).
const MARKER_FONT = 10;
const MARKER_LANE = 17;
const MARKER_PILL = 14;
const MARGIN = { left: 72, right: 24 };

// XML 1.0 allows tab, LF, CR and U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF: anything else
// (control characters, lone surrogates, U+FFFE/FFFF) makes the whole file unparseable.
const XML_FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text or attribute value safe in XML: forbidden characters dropped, markup characters escaped. RTL text and emoji pass as they are. */
export function escapeXml(value: string): string {
  return value.replace(XML_FORBIDDEN, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const n2 = (v: number) => (Math.round(v * 100) / 100).toString();

/** Rough text width: the renderer has no font metrics, so lay out for an average glyph. */
const textWidth = (s: string, size: number) => Array.from(s).length * size * 0.56;

/** Greedy word wrap to `maxWidth` px; a word longer than a line is cut between code points (never inside an emoji's surrogate pair). */
export function wrapText(text: string, size: number, maxWidth: number): string[] {
  const maxChars = Math.max(8, Math.floor(maxWidth / (size * 0.56)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let w = word;
    while (Array.from(w).length > maxChars) {
      if (line) {
        lines.push(line);
        line = '';
      }
      const cps = Array.from(w);
      lines.push(cps.slice(0, maxChars).join(''));
      w = cps.slice(maxChars).join('');
    }
    const next = line ? `${line} ${w}` : w;
    if (Array.from(next).length > maxChars) {
      lines.push(line);
      line = w;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** Round tick steps (1, 2, 5 × 10^k) covering [min, max], always including 0. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  const lo = Math.min(0, min);
  const hi = Math.max(0, max, lo === 0 ? 1 : 0);
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag);
  const ticks: number[] = [];
  for (let v = Math.floor(lo / step) * step; v <= Math.ceil(hi / step) * step + step / 2; v += step) ticks.push(v);
  return ticks;
}

type El = string;

function text(x: number, y: number, content: string, attrs: Record<string, string | number> = {}): El {
  const a = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
  return `<text x="${n2(x)}" y="${n2(y)}"${a}>${escapeXml(content)}</text>`;
}

/** `footer`: lines under the source line — the data's as-of, a frozen view's date (issue 26). */
export function renderChartSvg(chart: ChartData, generatedAt: Date, footer: readonly string[] = []): string {
  const c: ChartData = chart.layers.some((l) => l.dataOnly) ? { ...chart, layers: chart.layers.filter((l) => !l.dataOnly) } : chart;
  const W = SVG_WIDTH;
  const innerW = W - MARGIN.left - MARGIN.right;
  const out: El[] = [];
  let y = 12;

  // Long lines wrap; the whole title, subtitle and each milestone label are also kept unwrapped in
  // <title>/<desc> elements (tooltips and screen readers read them; tools can find the exact text).
  for (const line of wrapText(c.title, 18, W - 48)) {
    y += 22;
    out.push(text(24, y, line, { 'font-size': 18, 'font-weight': 700, fill: INK, 'data-role': 'title' }));
  }
  y += 8;
  for (const line of wrapText(c.subtitle, 12, W - 48)) {
    y += 16;
    out.push(text(24, y, line, { 'font-size': 12, fill: MUTED, 'data-role': 'subtitle' }));
  }

  // Legend: a swatch per series, flowing over lines; then how the layers are drawn when some go below zero.
  y += 14;
  let lx = 24;
  const legend: El[] = [];
  for (const s of c.series) {
    const w = 16 + textWidth(s.label, 12) + 18;
    if (lx + w > W - 24 && lx > 24) {
      lx = 24;
      y += 18;
    }
    legend.push(`<rect x="${n2(lx)}" y="${n2(y)}" width="12" height="12" fill="${escapeXml(s.color)}"/>`);
    legend.push(text(lx + 16, y + 10.5, s.label, { 'font-size': 12, fill: INK }));
    lx += w;
  }
  if (c.net) {
    legend.push(`<line x1="${n2(lx)}" x2="${n2(lx + 12)}" y1="${n2(y + 6)}" y2="${n2(y + 6)}" stroke="${INK}" stroke-width="2"/>`);
    legend.push(text(lx + 16, y + 10.5, c.net.label, { 'font-size': 12, fill: INK }));
  }
  out.push(`<g data-role="legend">${legend.join('')}</g>`);
  y += 18;
  const below = c.layers.filter((l) => l.sign < 0);
  if (below.length && c.style === 'bars') {
    y += 4;
    const above = c.layers.filter((l) => l.sign > 0);
    out.push(text(24, y + 8, `Above zero: ${above.map((l) => l.label).join(', ')} · below zero (lighter): ${below.map((l) => l.label).join(', ')}`, { 'font-size': 11, fill: MUTED }));
    y += 14;
  }

  if (c.style === 'ranges') y = drawRanges(c, out, y, generatedAt);
  else {
    // Scales. Bars stack per layer (above and below zero); lines plot each series' value.
    const n = Math.max(1, c.bins.length);
    let lo = 0;
    let hi = 0;
    c.bins.forEach((_, i) => {
      if (c.style === 'lines') {
        for (const l of c.layers) for (const s of c.series) {
          const v = l.sign * (l.values[i]?.[s.key] ?? 0);
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      } else {
        let up = 0;
        let down = 0;
        for (const l of c.layers) for (const s of c.series) {
          const v = l.sign * (l.values[i]?.[s.key] ?? 0);
          if (v >= 0) up += v;
          else down += v;
        }
        lo = Math.min(lo, down);
        hi = Math.max(hi, up);
      }
    });
    for (const v of c.net?.values ?? []) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const ticks = niceTicks(lo, hi);
    const yMin = ticks[0] ?? 0;
    const yMax = ticks[ticks.length - 1] ?? 1;
    const left = MARGIN.left;
    const band = innerW / n;
    const binIndex = new Map(c.bins.map((b, i) => [b.key, i]));
    const cx = (i: number) => left + band * i + band / 2;
    // Where each placed milestone's marker goes (a line's bin centre, a band's middle), then its label's lane.
    const placed = c.milestones.flatMap((m) => {
      const p = m.placement;
      if (!p) return [];
      const from = binIndex.get(p.kind === 'line' ? p.bin : p.fromBin);
      const to = binIndex.get(p.kind === 'line' ? p.bin : p.toBin);
      if (from === undefined || to === undefined) return [];
      return [{ m, kind: p.kind, from, to, x: p.kind === 'band' ? left + (band * (from + to + 1)) / 2 : cx(from) }];
    });
    const labelLayout = layoutMarkerLabels(
      placed.map((p, i) => ({ id: String(i), x: p.x, width: estimateTextWidth(p.m.code, MARKER_FONT) })),
      { bounds: { min: 4, max: W - 4 } },
    );
    const top = y + 14 + (labelLayout.lanes ? labelLayout.lanes * MARKER_LANE + 6 : 0);
    const bottom = top + PLOT_HEIGHT;
    const sy = (v: number) => bottom - ((v - yMin) / (yMax - yMin || 1)) * PLOT_HEIGHT;

    // Grid and y axis.
    const axis: El[] = [];
    for (const t of ticks) {
      axis.push(`<line x1="${left}" x2="${left + innerW}" y1="${n2(sy(t))}" y2="${n2(sy(t))}" stroke="${t === 0 ? MUTED : GRID}" stroke-width="1"${t === 0 ? '' : ' stroke-dasharray="3 3"'}/>`);
      axis.push(text(left - 8, sy(t) + 4, String(Math.abs(t)), { 'font-size': 11, fill: MUTED, 'text-anchor': 'end' }));
    }
    const midY = (top + bottom) / 2;
    axis.push(text(18, midY, c.yLabel, { 'font-size': 12, fill: MUTED, 'text-anchor': 'middle', transform: `rotate(-90 18 ${n2(midY)})` }));
    out.push(`<g data-role="y-axis">${axis.join('')}</g>`);

    // Milestone bands go under the data; lines and markers over it.
    const bands: El[] = [];
    const marks: El[] = [];
    for (const { m, kind, from, to, x } of placed) {
      if (kind === 'band') bands.push(`<rect x="${n2(left + band * from)}" y="${n2(top)}" width="${n2(band * (to - from + 1))}" height="${PLOT_HEIGHT}" fill="#8a8f96" fill-opacity="0.12"/>`);
      else marks.push(`<line x1="${n2(x)}" x2="${n2(x)}" y1="${n2(top)}" y2="${n2(bottom)}" stroke="${MILESTONE_INK}" stroke-width="1.2" stroke-dasharray="${MILESTONE_DASH[m.category.toUpperCase()] ?? '4 4'}"/>`);
    }
    // One label per cluster (the codes of one bin side by side), each code joined to its marker by a leader.
    for (const label of labelLayout.labels) {
      const pillY = top - 4 - MARKER_PILL - label.lane * MARKER_LANE;
      const codes = label.members.map((mem) => placed[Number(mem.id)]!.m.code);
      const parts = [`<rect x="${n2(label.left)}" y="${n2(pillY)}" width="${n2(label.right - label.left)}" height="${MARKER_PILL}" rx="3" fill="#ffffff" stroke="${MILESTONE_INK}"/>`];
      const leaders = label.members.map((mem) => `<line x1="${n2(mem.textX)}" x2="${n2(mem.x)}" y1="${n2(pillY + MARKER_PILL)}" y2="${n2(top)}" stroke="${MILESTONE_INK}" stroke-width="0.8"/>`);
      label.members.forEach((mem, k) => parts.push(`<g data-milestone-marker="${escapeXml(codes[k]!)}">${text(mem.textX, pillY + MARKER_PILL - 3.5, codes[k]!, { 'font-size': MARKER_FONT, fill: MILESTONE_INK, 'text-anchor': 'middle' })}</g>`));
      marks.push(`<g data-milestone-label="${escapeXml(codes.join(' '))}">${leaders.join('')}${parts.join('')}</g>`);
    }
    out.push(`<g data-role="milestone-bands">${bands.join('')}</g>`);

    // The data. Every mark carries its numbers, so a reader (or a test) can check them.
    const data: El[] = [];
    const attrs = (bin: string, series: string, layer: string, value: number) => `data-bin="${escapeXml(bin)}" data-series="${escapeXml(series)}" data-layer="${escapeXml(layer)}" data-value="${value}"`;
    if (c.style === 'bars') {
      const bw = Math.max(1, band * 0.78);
      c.bins.forEach((b, i) => {
        let up = 0;
        let down = 0;
        for (const l of c.layers) {
          for (const s of c.series) {
            const v = l.values[i]?.[s.key] ?? 0;
            if (!v) continue;
            const signed = l.sign * v;
            const from = signed >= 0 ? up : down;
            const to = from + signed;
            if (signed >= 0) up = to;
            else down = to;
            const y1 = sy(Math.max(from, to));
            const h = Math.abs(sy(from) - sy(to));
            data.push(`<rect x="${n2(left + band * i + (band - bw) / 2)}" y="${n2(y1)}" width="${n2(bw)}" height="${n2(h)}" fill="${escapeXml(s.color)}"${l.sign < 0 ? ' fill-opacity="0.55"' : ''} ${attrs(b.key, s.key, l.kind, v)}/>`);
          }
        }
      });
    } else {
      for (const l of c.layers) {
        for (const s of c.series) {
          const pts = c.bins.map((b, i) => ({ b, i, v: l.values[i]?.[s.key] ?? 0 }));
          data.push(`<polyline fill="none" stroke="${escapeXml(s.color)}" stroke-width="2" points="${pts.map((p) => `${n2(cx(p.i))},${n2(sy(l.sign * p.v))}`).join(' ')}"/>`);
          for (const p of pts) data.push(`<circle cx="${n2(cx(p.i))}" cy="${n2(sy(l.sign * p.v))}" r="${n > 60 ? 1.2 : 2.5}" fill="${escapeXml(s.color)}" ${attrs(p.b.key, s.key, l.kind, p.v)}/>`);
        }
      }
    }
    if (c.net) {
      // The net (listed − lifted) as a line over the stacked bars, as on the page.
      const pts = c.bins.map((b, i) => ({ b, i, v: c.net!.values[i] ?? 0 }));
      data.push(`<polyline data-role="net" fill="none" stroke="${INK}" stroke-width="2" points="${pts.map((p) => `${n2(cx(p.i))},${n2(sy(p.v))}`).join(' ')}"/>`);
      for (const p of pts) data.push(`<circle cx="${n2(cx(p.i))}" cy="${n2(sy(p.v))}" r="${n > 60 ? 1.2 : 2.5}" fill="${INK}" data-bin="${escapeXml(p.b.key)}" data-layer="net" data-value="${p.v}"/>`);
    }
    out.push(`<g data-role="data">${data.join('')}</g>`);
    out.push(`<g data-role="milestone-markers">${marks.join('')}</g>`);

    // X axis: as many tick labels as fit, evenly spaced.
    const xs: El[] = [`<line x1="${left}" x2="${left + innerW}" y1="${n2(bottom)}" y2="${n2(bottom)}" stroke="${MUTED}"/>`];
    const longest = Math.max(1, ...c.bins.map((b) => textWidth(b.label, 11)));
    const every = Math.max(1, Math.ceil((longest + 10) / band));
    c.bins.forEach((b, i) => {
      if (i % every) return;
      xs.push(`<line x1="${n2(cx(i))}" x2="${n2(cx(i))}" y1="${n2(bottom)}" y2="${n2(bottom + 4)}" stroke="${MUTED}"/>`);
      xs.push(text(cx(i), bottom + 17, b.label, { 'font-size': 11, fill: MUTED, 'text-anchor': 'middle' }));
    });
    y = bottom + 38;
    xs.push(text(left + innerW / 2, y, c.xLabel, { 'font-size': 12, fill: MUTED, 'text-anchor': 'middle' }));
    out.push(`<g data-role="x-axis">${xs.join('')}</g>`);
  }

  // The milestones' labels, under the codes the markers show.
  if (c.milestones.length) {
    y += 26;
    const ms: El[] = [text(24, y, 'Milestones', { 'font-size': 12, 'font-weight': 700, fill: INK })];
    for (const m of c.milestones) {
      const label = `${m.code}: ${m.dateLabel} — ${m.title} (${m.category.toLowerCase()}${m.placement?.kind === 'band' ? ', shaded: period or imprecise date' : ''})`;
      const lines = wrapText(label, 11, W - 48).map((line, k) => {
        y += 15;
        return text(k ? 36 : 24, y, line, { 'font-size': 11, fill: INK });
      });
      ms.push(`<g data-milestone="${escapeXml(m.slug)}"><title>${escapeXml(label)}</title>${lines.join('')}</g>`);
    }
    out.push(`<g data-role="milestones">${ms.join('')}</g>`);
  }

  y += 12;
  for (const line of wrapText(sourceLine(c, generatedAt), 10.5, W - 48)) {
    y += 14;
    out.push(text(24, y, line, { 'font-size': 10.5, fill: MUTED, 'data-role': 'source' }));
  }
  for (const line of footer.flatMap((f) => wrapText(f, 10.5, W - 48))) {
    y += 14;
    out.push(text(24, y, line, { 'font-size': 10.5, fill: MUTED, 'data-role': 'as-of' }));
  }
  const H = Math.ceil(y + 18);

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${escapeXml(SVG_FONT_FAMILY)}" role="img" aria-labelledby="chart-title chart-desc" data-chart="${escapeXml(c.chart)}">`,
    `<title id="chart-title">${escapeXml(c.title)}</title>`,
    `<desc id="chart-desc">${escapeXml(c.subtitle)}</desc>`,
    `<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`,
    ...out,
    '</svg>',
    '',
  ].join('\n');
}

const RANGE_LABEL_WIDTH = 260;
const RANGE_ROW = 24;

/**
 * A range chart (the entity timeline): one row per bar from listing to lifting — or to the day the
 * file was made when still listed — on a time axis with year ticks. Returns the y below the axis.
 */
function drawRanges(c: ChartData, out: El[], y: number, generatedAt: Date): number {
  const ranges = c.ranges ?? [];
  const today = generatedAt.toISOString().slice(0, 10);
  const ms = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
  const left = 24 + RANGE_LABEL_WIDTH;
  const right = SVG_WIDTH - MARGIN.right;
  const top = y + 14;
  const bottom = top + Math.max(1, ranges.length) * RANGE_ROW;
  const starts = ranges.map((r) => ms(r.from));
  const ends = ranges.map((r) => ms(r.to ?? today));
  const lo = starts.length ? Math.min(...starts) : ms(today);
  const hi = ends.length ? Math.max(...ends, lo + 86_400_000) : lo + 86_400_000;
  const pad = Math.max(30 * 86_400_000, (hi - lo) * 0.03);
  const [d0, d1] = [lo - pad, hi + pad];
  const sx = (t: number) => left + ((t - d0) / (d1 - d0)) * (right - left);

  const axis: El[] = [];
  const firstYear = new Date(d0).getUTCFullYear() + 1;
  const lastYear = new Date(d1).getUTCFullYear();
  const step = Math.max(1, Math.ceil((lastYear - firstYear + 1) / 12));
  for (let yr = firstYear; yr <= lastYear; yr += step) {
    const x = sx(Date.UTC(yr, 0, 1));
    axis.push(`<line x1="${n2(x)}" x2="${n2(x)}" y1="${n2(top)}" y2="${n2(bottom)}" stroke="${GRID}" stroke-dasharray="3 3"/>`);
    axis.push(text(x, bottom + 17, String(yr), { 'font-size': 11, fill: MUTED, 'text-anchor': 'middle' }));
  }
  axis.push(`<line x1="${left}" x2="${right}" y1="${n2(bottom)}" y2="${n2(bottom)}" stroke="${MUTED}"/>`);
  out.push(`<g data-role="x-axis">${axis.join('')}</g>`);

  const data: El[] = [];
  ranges.forEach((r, i) => {
    const rowY = top + i * RANGE_ROW;
    const color = c.series.find((s) => s.key === r.series)?.color ?? INK;
    const label = wrapText(r.label, 12, RANGE_LABEL_WIDTH - 12)[0] ?? '';
    const cut = label !== r.label ? '…' : '';
    const x1 = sx(ms(r.from));
    const x2 = Math.max(x1 + 3, sx(ms(r.to ?? today)));
    data.push(
      `<g data-designation="${escapeXml(r.key)}" data-series="${escapeXml(r.series)}" data-from="${escapeXml(r.from)}" data-to="${escapeXml(r.to ?? '')}">` +
        `<title>${escapeXml(`${r.label}: listed ${r.onOrBefore ? 'on or before ' : ''}${r.from}, ${r.to ? `lifted ${r.to}` : 'still listed'}`)}</title>` +
        text(24, rowY + 16, label + cut, { 'font-size': 12, fill: INK }) +
        `<rect x="${n2(x1)}" y="${n2(rowY + 4)}" width="${n2(x2 - x1)}" height="${RANGE_ROW - 8}" fill="${escapeXml(color)}" fill-opacity="${r.to ? 0.45 : 0.9}"/>` +
        '</g>',
    );
  });
  out.push(`<g data-role="data">${data.join('')}</g>`);
  const below = bottom + 38;
  out.push(text(left + (right - left) / 2, below, c.xLabel, { 'font-size': 12, fill: MUTED, 'text-anchor': 'middle' }));
  return below;
}
