// The supplier network of a weapons program: supplier → recipient, nodes filled when the entity is
// designated by at least one authority and hollow (dashed) when by none, with a dot per authority.
// Plain SVG laid out by lib/charts/network.ts; every node is a link (keyboard: Tab, Enter).
import { layoutNetwork, NODE_H, NODE_W } from '@/lib/charts/network';
import { seriesColor } from '@/lib/charts/colors';

export type SupplyNetworkNode = { id: string; name: string; authorities: string[] };
export type SupplyNetworkEdge = { id: string; supplierId: string; recipientId: string; componentCategory: string; isUncertain: boolean };

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function SupplyNetwork({ nodes, edges, authorityLabel }: { nodes: SupplyNetworkNode[]; edges: SupplyNetworkEdge[]; authorityLabel: Record<string, string> }) {
  const layout = layoutNetwork(nodes, edges);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edgeById = new Map(edges.map((e) => [e.id, e]));
  return (
    <figure style={{ margin: 0, overflowX: 'auto' }}>
      <svg className="network" viewBox={`0 0 ${layout.width} ${layout.height}`} width={layout.width} height={layout.height} role="group" aria-label="Supplier network: suppliers on the left, recipients to their right" data-testid="supply-network">
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="var(--muted)" />
          </marker>
        </defs>
        {layout.edges.map((pe) => {
          const e = edgeById.get(pe.id)!;
          return (
            <path key={pe.id} d={pe.path} fill="none" stroke="var(--muted)" strokeWidth={1.5} strokeDasharray={e.isUncertain ? '4 3' : undefined} markerEnd="url(#arrow)">
              <title>{`${byId.get(e.supplierId)?.name ?? ''} → ${byId.get(e.recipientId)?.name ?? ''}: ${e.componentCategory.toLowerCase().replace(/_/g, ' ')}${e.isUncertain ? ' (uncertain)' : ''}`}</title>
            </path>
          );
        })}
        {layout.nodes.map((p) => {
          const n = byId.get(p.id)!;
          const designated = n.authorities.length > 0;
          const status = designated ? `designated by ${n.authorities.map((a) => authorityLabel[a] ?? a).join(', ')}` : 'not designated by any authority';
          return (
            <a key={p.id} href={`/entities/${p.id}`} aria-label={`${n.name}, ${status}`} data-designated={designated ? 'yes' : 'no'}>
              <title>{`${n.name} — ${status}`}</title>
              <rect x={p.x} y={p.y} width={NODE_W} height={NODE_H} rx={6} fill={designated ? 'var(--ink)' : 'var(--panel)'} stroke={designated ? 'var(--ink)' : 'var(--muted)'} strokeDasharray={designated ? undefined : '4 3'} strokeWidth={1.5} />
              <text x={p.x + 8} y={p.y + 16} fontSize={12} fill={designated ? 'var(--panel)' : 'var(--ink)'}>
                {clip(n.name, 26)}
              </text>
              {n.authorities.map((a, i) => (
                <circle key={a} cx={p.x + 12 + i * 14} cy={p.y + 29} r={5} fill={seriesColor(a, i)} stroke="var(--panel)" />
              ))}
              {!designated ? (
                <text x={p.x + 8} y={p.y + 33} fontSize={11} fill="var(--muted)">
                  not designated
                </text>
              ) : null}
            </a>
          );
        })}
      </svg>
      <figcaption className="small muted">
        Filled: designated by at least one authority (dots: which). Hollow, dashed: designated by none. Dashed arrows: links the sources leave uncertain. Hover an arrow for the components.
      </figcaption>
    </figure>
  );
}
