import { describe, expect, it } from 'vitest';
import { FONT_SIZE, MAX_LINES, NODE_WIDTH, PADDING, estimateTextWidth, layoutSupplyNetwork, placeMarks, wrapLabel } from './supply-network-layout';

const INNER = NODE_WIDTH - PADDING * 2;

describe('wrapLabel', () => {
  it('keeps the whole name: its lines, joined, are the name, each within the width', () => {
    for (const name of ['ANKA PORT IC VE DIS TICARET INSAAT LOJISTIK SANAYI LIMITED SIRKETI', 'JOINT STOCK COMPANY SCIENTIFIC PRODUCTION ENTERPRISE AEROSILA', 'HESA', 'شرکت صنایع هواپیماسازى ایران']) {
      const { lines, isClipped } = wrapLabel(name, INNER);
      expect(isClipped).toBe(false);
      expect(lines.join(' ')).toBe(name);
      for (const line of lines) expect(estimateTextWidth(line, FONT_SIZE)).toBeLessThanOrEqual(INNER);
    }
    // The 26-character cut of the old network would have shown "ANKA PORT IC VE DIS TICAR…".
    expect(wrapLabel('ANKA PORT IC VE DIS TICARET INSAAT LOJISTIK SANAYI LIMITED SIRKETI', INNER).lines).toHaveLength(3);
  });

  it('breaks a word wider than the line inside it, and loses no character', () => {
    const word = 'X'.repeat(60);
    const { lines } = wrapLabel(word, 200);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe(word);
    for (const line of lines) expect(estimateTextWidth(line, FONT_SIZE)).toBeLessThanOrEqual(200);
  });

  it('clips only past MAX_LINES lines, and says so', () => {
    const long = Array.from({ length: 40 }, (_, i) => `WORD${i}`).join(' ');
    const { lines, isClipped } = wrapLabel(long, INNER);
    expect(isClipped).toBe(true);
    expect(lines).toHaveLength(MAX_LINES);
    expect(lines.at(-1)).toMatch(/…$/);
    expect(wrapLabel(long, INNER, FONT_SIZE, Number.POSITIVE_INFINITY).lines.join(' ')).toBe(long);
  });
});

describe('placeMarks', () => {
  it('lays the authority marks out in rows within the width, wide enough for their text', () => {
    const { marks, rows } = placeMarks(['US (OFAC)', 'EU', 'UK', 'UN', 'Switzerland', 'Australia'], INNER);
    expect(rows).toBe(2);
    for (const m of marks) {
      expect(m.x + m.width).toBeLessThanOrEqual(INNER);
      expect(m.width).toBeGreaterThan(estimateTextWidth(m.text, 11));
    }
    expect(placeMarks([], INNER)).toEqual({ marks: [], rows: 0 });
  });
});

describe('layoutSupplyNetwork', () => {
  const nodes = [
    { id: 'hesa', name: 'IRAN AIRCRAFT MANUFACTURING INDUSTRIAL COMPANY', marks: ['EU', 'UK', 'US (OFAC)'] },
    { id: 'koto', name: 'HANGZHOU FUYANG KOTO MACHINERY CO., LTD', marks: ['US (OFAC)'] },
    { id: 'raven', name: 'RAVEN INTERNATIONAL TRADE LIMITED', marks: ['US (OFAC)'] },
    { id: 'dal', name: 'DAL ENERJI MADENCILIK TURIZM SANAYI VE TICARET ANONIM SIRKETI', marks: [] },
    { id: 'program:shahed-136', name: 'Shahed-136', marks: [] },
  ];
  const edges = [
    { id: 'e1', supplierId: 'koto', recipientId: 'hesa' },
    { id: 'e2', supplierId: 'raven', recipientId: 'hesa' },
    { id: 'e3', supplierId: 'koto', recipientId: 'hesa' },
    { id: 'e4', supplierId: 'dal', recipientId: 'program:shahed-136' },
    { id: 'dangling', supplierId: 'raven', recipientId: 'nobody' },
  ];
  const layout = layoutSupplyNetwork(nodes, edges);
  const at = (id: string) => layout.nodes.find((n) => n.id === id)!;

  it('places every node once, inside the drawing, none overlapping another', () => {
    expect(layout.nodes.map((n) => n.id).sort()).toEqual(nodes.map((n) => n.id).sort());
    for (const a of layout.nodes) {
      expect(a.x).toBeGreaterThanOrEqual(0);
      expect(a.y).toBeGreaterThanOrEqual(0);
      expect(a.x + a.width).toBeLessThanOrEqual(layout.width);
      expect(a.y + a.height).toBeLessThanOrEqual(layout.height);
      for (const b of layout.nodes) {
        if (a === b) continue;
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `${a.id} / ${b.id}`).toBe(true);
      }
    }
  });

  it('puts suppliers left of what they supply, and every edge from its supplier’s right side to its recipient’s left', () => {
    for (const [s, r] of [['koto', 'hesa'], ['raven', 'hesa'], ['dal', 'program:shahed-136']] as const) expect(at(s).x + at(s).width).toBeLessThan(at(r).x);
    const e1 = layout.edges.find((e) => e.id === 'e1')!;
    const [, x1, y1] = /^M([\d.]+),([\d.]+)/.exec(e1.path)!.map(Number);
    const [x2, y2] = e1.path.split(' ').at(-1)!.split(',').map(Number);
    expect(x1).toBe(at('koto').x + at('koto').width);
    expect(y1).toBeGreaterThan(at('koto').y);
    expect(y1).toBeLessThan(at('koto').y + at('koto').height);
    expect(x2).toBe(at('hesa').x);
    expect(y2).toBeGreaterThan(at('hesa').y);
    expect(y2).toBeLessThan(at('hesa').y + at('hesa').height);
  });

  it('draws each link, two between one pair apart, and leaves out an edge to a node it does not have', () => {
    expect(layout.edges.map((e) => e.id).sort()).toEqual(['e1', 'e2', 'e3', 'e4']);
    const end = (id: string) => layout.edges.find((e) => e.id === id)!.path.split(' ').at(-1);
    expect(end('e1')).not.toBe(end('e3'));
  });

  it('sizes a box to its whole name and its marks, and is the same whatever the input order', () => {
    expect(at('dal').lines.join(' ')).toBe(nodes[3]!.name);
    expect(at('dal').height).toBeGreaterThan(at('raven').height);
    expect(at('hesa').marks.map((m) => m.text)).toEqual(['EU', 'UK', 'US (OFAC)']);
    expect(layoutSupplyNetwork([...nodes].reverse(), [...edges].reverse())).toEqual(layout);
  });
});
