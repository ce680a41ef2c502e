// Layout of a supplier → recipient network (pure; unit-tested): dagre's layered layout, left to
// right, so goods flow from suppliers to the entities (or programs) they supply. Node labels carry
// the FULL name, wrapped over lines (never cut in the middle of a box), and a row of authority marks
// whose text is laid out here too, so the component only draws. Dagre is deterministic for one
// input order, and the input is sorted first: screenshots and tests stay stable.
import dagre from '@dagrejs/dagre';

export type LayoutNodeInput = { id: string; name: string; marks: readonly string[] };
export type LayoutEdgeInput = { id: string; supplierId: string; recipientId: string };

export type PlacedMark = { text: string; x: number; y: number; width: number };
export type PlacedNetworkNode = {
  id: string;
  /** Top-left corner and size. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The name, wrapped; the lines joined by spaces give the whole name unless isClipped. */
  lines: string[];
  /** Only for a name longer than MAX_LINES lines: the last line ends with "…" (hover and focus show it all). */
  isClipped: boolean;
  marks: PlacedMark[];
};
export type PlacedNetworkEdge = { id: string; path: string };
export type NetworkLayout = { nodes: PlacedNetworkNode[]; edges: PlacedNetworkEdge[]; width: number; height: number };

export const FONT_SIZE = 12;
export const LINE_HEIGHT = 15;
export const MARK_FONT_SIZE = 11;
export const MARK_HEIGHT = 18;
export const NODE_WIDTH = 250;
export const PADDING = 8;
export const MAX_LINES = 4;
const MARK_GAP = 4;
const MARK_PAD = 8;
/** The swatch at a mark's start (its colour), before its text. */
export const MARK_SWATCH = 8;

// Advance widths of a system sans-serif, in em, on the wide side so an estimate never falls short
// of the drawn text (the server cannot measure it; names are mostly capitals).
const NARROW = new Set([...'iIjlt.,;:!|\'’ ()[]-/']);
const WIDE = new Set([...'MWmw@%&']);
function charWidth(c: string): number {
  if (c === ' ') return 0.3;
  if (NARROW.has(c)) return 0.36;
  if (WIDE.has(c)) return 0.95;
  if (/\p{Lu}|\d/u.test(c)) return 0.72;
  if (/\p{Ll}/u.test(c)) return 0.58;
  // Other scripts (Persian, Cyrillic capitals fall above), symbols: a full em.
  return 1;
}

/** The width a text takes at this font size, estimated from the character classes above. */
export function estimateTextWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const c of text) em += charWidth(c);
  return em * fontSize;
}

/**
 * The text in lines no wider than maxWidth: broken between words, a word longer than a line broken
 * inside; at most maxLines lines, the last ending with "…" when the text does not fit in them.
 */
export function wrapLabel(text: string, maxWidth: number, fontSize = FONT_SIZE, maxLines = MAX_LINES): { lines: string[]; isClipped: boolean } {
  const fits = (s: string) => estimateTextWidth(s, fontSize) <= maxWidth;
  const lines: string[] = [];
  let line = '';
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const joined = line ? `${line} ${word}` : word;
    if (fits(joined)) {
      line = joined;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    let rest = word;
    // A word wider than the line: as many characters as fit, then the rest on the next line.
    while (!fits(rest)) {
      let cut = 1;
      const chars = [...rest];
      while (cut < chars.length && fits(chars.slice(0, cut + 1).join(''))) cut++;
      lines.push(chars.slice(0, cut).join(''));
      rest = chars.slice(cut).join('');
    }
    line = rest;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return { lines, isClipped: false };
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!;
  while (last && !fits(`${last}…`)) last = [...last].slice(0, -1).join('');
  kept[maxLines - 1] = `${last.trimEnd()}…`;
  return { lines: kept, isClipped: true };
}

/** The marks in rows within the width, each as wide as its text (plus the swatch and padding). */
export function placeMarks(marks: readonly string[], maxWidth: number): { marks: PlacedMark[]; rows: number } {
  const placed: PlacedMark[] = [];
  let x = 0;
  let row = 0;
  for (const text of marks) {
    const width = Math.ceil(MARK_PAD * 2 + MARK_SWATCH + 4 + estimateTextWidth(text, MARK_FONT_SIZE));
    if (x > 0 && x + width > maxWidth) {
      row++;
      x = 0;
    }
    placed.push({ text, x, y: row * (MARK_HEIGHT + MARK_GAP), width });
    x += width + MARK_GAP;
  }
  return { marks: placed, rows: marks.length ? row + 1 : 0 };
}

const round = (n: number) => Math.round(n * 10) / 10;

/** A smooth path through dagre's edge points (a cubic Bézier per segment, tangent along x). */
function edgePath(points: ReadonlyArray<{ x: number; y: number }>): string {
  const [first, ...rest] = points;
  if (!first) return '';
  let d = `M${round(first.x)},${round(first.y)}`;
  let prev = first;
  for (const p of rest) {
    const mx = (prev.x + p.x) / 2;
    d += ` C${round(mx)},${round(prev.y)} ${round(mx)},${round(p.y)} ${round(p.x)},${round(p.y)}`;
    prev = p;
  }
  return d;
}

/**
 * Places every node (its size from its wrapped name and its marks; a status row even without marks,
 * which the component fills with "not designated") and routes every edge. Edges whose ends are not
 * both nodes are left out; several edges between one pair are kept (a multigraph: one per link).
 */
export function layoutSupplyNetwork(nodes: readonly LayoutNodeInput[], edges: readonly LayoutEdgeInput[], opts: { nodeWidth?: number; rankSep?: number; nodeSep?: number } = {}): NetworkLayout {
  const nodeWidth = opts.nodeWidth ?? NODE_WIDTH;
  const inner = nodeWidth - PADDING * 2;
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', ranksep: opts.rankSep ?? 90, nodesep: opts.nodeSep ?? 14, edgesep: 6, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  const shapes = new Map<string, Omit<PlacedNetworkNode, 'x' | 'y'>>();
  for (const n of [...nodes].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))) {
    if (shapes.has(n.id)) continue;
    const { lines, isClipped } = wrapLabel(n.name, inner);
    const m = placeMarks(n.marks, inner);
    const statusRows = Math.max(1, m.rows);
    const height = PADDING * 2 + lines.length * LINE_HEIGHT + 6 + statusRows * MARK_HEIGHT + (statusRows - 1) * MARK_GAP;
    shapes.set(n.id, { id: n.id, width: nodeWidth, height, lines, isClipped, marks: m.marks });
    g.setNode(n.id, { width: nodeWidth, height });
  }
  const kept = [...edges].filter((e) => shapes.has(e.supplierId) && shapes.has(e.recipientId) && e.supplierId !== e.recipientId).sort((a, b) => a.id.localeCompare(b.id));
  for (const e of kept) g.setEdge({ v: e.supplierId, w: e.recipientId, name: e.id }, {});
  dagre.layout(g);
  const placed: PlacedNetworkNode[] = [];
  for (const shape of shapes.values()) {
    const pos = g.node(shape.id) as { x: number; y: number };
    placed.push({ ...shape, x: round(pos.x - shape.width / 2), y: round(pos.y - shape.height / 2) });
  }
  const byId = new Map(placed.map((n) => [n.id, n]));
  const centre = (id: string) => byId.get(id)!.y + byId.get(id)!.height / 2;
  // Each node's edges on one side, ordered by where their other end is (then by id: stable).
  const sides = (end: 'supplierId' | 'recipientId', other: 'supplierId' | 'recipientId') => {
    const m = new Map<string, string[]>();
    for (const e of [...kept].sort((a, b) => centre(a[other]) - centre(b[other]) || a.id.localeCompare(b.id))) (m.get(e[end]) ?? m.set(e[end], []).get(e[end])!).push(e.id);
    return m;
  };
  const outgoing = sides('supplierId', 'recipientId');
  const incoming = sides('recipientId', 'supplierId');
  const port = (side: Map<string, string[]>, nodeId: string, edgeId: string, n: PlacedNetworkNode) => {
    const list = side.get(nodeId)!;
    if (list.length === 1) return n.y + n.height / 2;
    const span = Math.min(n.height - 12, list.length * 8);
    return round(n.y + n.height / 2 - span / 2 + (list.indexOf(edgeId) * span) / (list.length - 1));
  };
  const graph = g.graph() as { width?: number; height?: number };
  return {
    nodes: placed,
    edges: kept.map((e) => {
      const points = (g.edge({ v: e.supplierId, w: e.recipientId, name: e.id }) as { points?: Array<{ x: number; y: number }> }).points ?? [];
      const from = byId.get(e.supplierId)!;
      const to = byId.get(e.recipientId)!;
      // NOTE: dagre ends an edge where it meets the box, often its top or bottom; goods flow left to
      // right, so each edge leaves its supplier's right side and enters its recipient's left side,
      // the edges of one side spread over its height in the order of their other ends (no crossing there).
      const start = { x: from.x + from.width, y: port(outgoing, e.supplierId, e.id, from) };
      const end = { x: to.x, y: port(incoming, e.recipientId, e.id, to) };
      return { id: e.id, path: edgePath([start, ...points.slice(1, -1), end]) };
    }),
    width: Math.ceil(graph.width ?? 0),
    height: Math.ceil(graph.height ?? 0),
  };
}
