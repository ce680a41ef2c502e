import { describe, expect, it } from 'vitest';
import { assignLayers, layoutNetwork, NODE_H, NODE_W } from './network';

const n = (id: string) => ({ id, name: id });
const e = (supplierId: string, recipientId: string) => ({ id: `${supplierId}>${recipientId}`, supplierId, recipientId });

describe('assignLayers', () => {
  it('puts each entity one column right of its furthest supplier', () => {
    // a → b → c, a → c, d → c: c must sit right of b (column 2), not next to a.
    const layers = assignLayers([n('a'), n('b'), n('c'), n('d')], [e('a', 'b'), e('b', 'c'), e('a', 'c'), e('d', 'c')]);
    expect(Object.fromEntries(layers)).toEqual({ a: 0, b: 1, c: 2, d: 0 });
  });

  it('terminates on a cycle and ignores self-loops and unknown nodes', () => {
    const layers = assignLayers([n('a'), n('b')], [e('a', 'b'), e('b', 'a'), e('a', 'a'), e('x', 'a')]);
    expect([...layers.values()].every((l) => l >= 0 && l < 2)).toBe(true);
  });
});

describe('layoutNetwork', () => {
  it('places columns left to right, rows by name, and draws edges from right edge to left edge', () => {
    const l = layoutNetwork([n('z-supplier'), n('a-supplier'), n('maker')], [e('z-supplier', 'maker'), e('a-supplier', 'maker')]);
    const byId = Object.fromEntries(l.nodes.map((p) => [p.id, p]));
    expect(byId['a-supplier']).toMatchObject({ layer: 0, row: 0 });
    expect(byId['z-supplier']).toMatchObject({ layer: 0, row: 1 });
    expect(byId.maker).toMatchObject({ layer: 1, row: 0 });
    expect(byId.maker!.x).toBeGreaterThan(byId['a-supplier']!.x + NODE_W);
    const edge = l.edges.find((x) => x.id === 'a-supplier>maker')!;
    expect(edge.path.startsWith(`M${byId['a-supplier']!.x + NODE_W},${byId['a-supplier']!.y + NODE_H / 2} `)).toBe(true);
    expect(l.height).toBe(12 * 2 + 2 * NODE_H + 22);
  });

  it('is empty without nodes', () => {
    expect(layoutNetwork([], [])).toMatchObject({ nodes: [], edges: [] });
  });
});
