// A supplier → recipient network laid out in columns (pure; unit-tested): each entity sits one column
// right of its furthest supplier, so goods flow left to right. Small curated networks (tens of nodes)
// need no force layout, and a deterministic layout keeps screenshots and tests stable.

export type NetworkInputNode = { id: string; name: string };
export type NetworkInputEdge = { id: string; supplierId: string; recipientId: string };
export type PlacedNode = { id: string; layer: number; row: number; x: number; y: number };
export type PlacedEdge = { id: string; path: string };

export const NODE_W = 190;
export const NODE_H = 40;
const COL_GAP = 90;
const ROW_GAP = 22;
const MARGIN = 12;

/** Column of every node: 0 for pure suppliers, else 1 + the furthest supplier's column (cycles are cut). */
export function assignLayers(nodes: NetworkInputNode[], edges: NetworkInputEdge[]): Map<string, number> {
  const layer = new Map(nodes.map((n) => [n.id, 0]));
  // Longest-path relaxation; at most |nodes| rounds, so a cycle cannot loop forever.
  for (let round = 0; round < nodes.length; round++) {
    let changed = false;
    for (const e of edges) {
      const from = layer.get(e.supplierId);
      const to = layer.get(e.recipientId);
      if (from === undefined || to === undefined || e.supplierId === e.recipientId) continue;
      if (to < from + 1 && from + 1 < nodes.length) {
        layer.set(e.recipientId, from + 1);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return layer;
}

export function layoutNetwork(nodes: NetworkInputNode[], edges: NetworkInputEdge[]): { nodes: PlacedNode[]; edges: PlacedEdge[]; width: number; height: number } {
  const layers = assignLayers(nodes, edges);
  const columns = new Map<number, NetworkInputNode[]>();
  for (const n of [...nodes].sort((a, b) => a.name.localeCompare(b.name))) {
    const l = layers.get(n.id) ?? 0;
    (columns.get(l) ?? columns.set(l, []).get(l)!).push(n);
  }
  const placed = new Map<string, PlacedNode>();
  for (const [layer, col] of columns) {
    col.forEach((n, row) => placed.set(n.id, { id: n.id, layer, row, x: MARGIN + layer * (NODE_W + COL_GAP), y: MARGIN + row * (NODE_H + ROW_GAP) }));
  }
  const placedEdges = edges.flatMap((e) => {
    const a = placed.get(e.supplierId);
    const b = placed.get(e.recipientId);
    if (!a || !b) return [];
    const x1 = a.x + NODE_W;
    const y1 = a.y + NODE_H / 2;
    const x2 = b.x;
    const y2 = b.y + NODE_H / 2;
    const bend = Math.max(40, Math.abs(x2 - x1) / 2);
    return [{ id: e.id, path: `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}` }];
  });
  const maxLayer = Math.max(0, ...[...columns.keys()]);
  const maxRows = Math.max(0, ...[...columns.values()].map((c) => c.length));
  return {
    nodes: [...placed.values()],
    edges: placedEdges,
    width: MARGIN * 2 + (maxLayer + 1) * NODE_W + maxLayer * COL_GAP,
    height: MARGIN * 2 + maxRows * NODE_H + Math.max(0, maxRows - 1) * ROW_GAP,
  };
}
