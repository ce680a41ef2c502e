// A supplier network: supplier → recipient, laid out by lib/charts/supply-network-layout.ts (dagre,
// left to right). Each node is a link (keyboard: Tab, Enter) whose accessible name says the entity's
// full name and who designated it; the box shows the full name (wrapped), and a mark per designating
// authority with its name in text beside its colour. Filled: designated by at least one authority;
// hollow and dashed: by none. A role-only supplier points at its weapons program (no recipient recorded).
// Plain SVG, rendered on the server: the layout runs there, no script reaches the browser.
import { FONT_SIZE, LINE_HEIGHT, MARK_FONT_SIZE, MARK_HEIGHT, MARK_SWATCH, PADDING, layoutSupplyNetwork, wrapLabel } from '@/lib/charts/supply-network-layout';
import { seriesColor } from '@/lib/charts/colors';

export type SupplyNetworkNode = { id: string; name: string; authorities: string[]; kind?: 'entity' | 'program'; href?: string };
export type SupplyNetworkEdge = { id: string; supplierId: string; recipientId: string; componentCategory: string; isUncertain: boolean };

const words = (s: string) => s.toLowerCase().replace(/_/g, ' ');
const components = (c: string) => (c === 'UNSPECIFIED' ? 'components not specified' : words(c));

// NOTE: a name the box cannot hold (more than MAX_LINES lines) shows whole on hover and on keyboard
// focus; the <title> gives the hover tooltip, the aria-label the name screen readers read.
const STYLE = `
.sn-tip { display: none; pointer-events: none; }
.sn-node:hover .sn-tip, .sn-node:focus .sn-tip, .sn-node:focus-visible .sn-tip { display: inline; }
.sn-node:focus-visible .sn-box { stroke: var(--focus); stroke-width: 4; }
`;

export function SupplyNetwork({
  nodes,
  edges,
  authorityLabel,
  label = 'Supplier network: suppliers on the left, the entities or programs they supply to their right',
}: {
  nodes: readonly SupplyNetworkNode[];
  edges: readonly SupplyNetworkEdge[];
  authorityLabel: Readonly<Record<string, string>>;
  label?: string;
}) {
  const name = (a: string) => authorityLabel[a] ?? a;
  const layout = layoutSupplyNetwork(
    nodes.map((n) => ({ id: n.id, name: n.name, marks: n.authorities.map(name) })),
    edges,
  );
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edgeById = new Map(edges.map((e) => [e.id, e]));
  const present = [...new Set(nodes.flatMap((n) => n.authorities))].sort((a, b) => name(a).localeCompare(name(b)));
  return (
    <figure style={{ margin: 0 }}>
      <svg className="network" viewBox={`0 0 ${layout.width} ${layout.height}`} width={layout.width} height={layout.height} role="group" aria-label={label} data-testid="supply-network">
        <style>{STYLE}</style>
        <defs>
          <marker id="sn-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="var(--muted)" />
          </marker>
        </defs>
        {layout.edges.map((pe) => {
          const e = edgeById.get(pe.id)!;
          const to = byId.get(e.recipientId);
          const recipient = to?.kind === 'program' ? `${to.name} (weapons program; recipient not recorded)` : (to?.name ?? '');
          return (
            <path key={pe.id} d={pe.path} fill="none" stroke="var(--muted)" strokeWidth={1.5} strokeDasharray={e.isUncertain ? '4 3' : undefined} markerEnd="url(#sn-arrow)" data-edge={pe.id}>
              <title>{`${byId.get(e.supplierId)?.name ?? ''} → ${recipient}: ${components(e.componentCategory)}${e.isUncertain ? ' (uncertain)' : ''}`}</title>
            </path>
          );
        })}
        {layout.nodes.map((p) => {
          const n = byId.get(p.id)!;
          const isProgram = n.kind === 'program';
          const designated = n.authorities.length > 0;
          const status = isProgram
            ? 'weapons program, supplied by suppliers whose recipient is not recorded'
            : designated
              ? `designated by ${n.authorities.map(name).join(', ')}`
              : 'not designated by any authority';
          const ink = designated ? 'var(--panel)' : 'var(--ink)';
          const statusY = p.y + PADDING + p.lines.length * LINE_HEIGHT + 6;
          const full = p.isClipped ? wrapLabel(n.name, p.width - PADDING * 2, FONT_SIZE, Number.POSITIVE_INFINITY).lines : [];
          const tipHeight = full.length * LINE_HEIGHT + PADDING * 2;
          // Above the box, or below it when the box is at the top of the drawing.
          const tipY = p.y - tipHeight >= 0 ? p.y - tipHeight : p.y + p.height;
          return (
            <a key={p.id} href={n.href ?? `/entities/${n.id}`} className="sn-node" aria-label={`${n.name}, ${status}`} data-designated={isProgram ? undefined : designated ? 'yes' : 'no'} data-node={p.id}>
              <title>{`${n.name} — ${status}`}</title>
              <rect
                className="sn-box"
                x={p.x}
                y={p.y}
                width={p.width}
                height={p.height}
                rx={isProgram ? 16 : 6}
                fill={designated ? 'var(--ink)' : 'var(--panel)'}
                stroke={designated ? 'var(--ink)' : 'var(--muted)'}
                strokeDasharray={designated || isProgram ? undefined : '4 3'}
                strokeWidth={1.5}
              />
              <text fontSize={FONT_SIZE} fill={ink} fontWeight={isProgram ? 600 : undefined}>
                {p.lines.map((line, i) => (
                  <tspan key={i} x={p.x + PADDING} y={p.y + PADDING + (i + 1) * LINE_HEIGHT - 3}>
                    {line}
                  </tspan>
                ))}
              </text>
              {p.marks.map((m, i) => {
                const a = n.authorities[i]!;
                const x = p.x + PADDING + m.x;
                const y = statusY + m.y;
                return (
                  <g key={a} data-authority={a}>
                    <rect x={x} y={y} width={m.width} height={MARK_HEIGHT} rx={MARK_HEIGHT / 2} fill="var(--panel)" stroke={seriesColor(a, 0)} strokeWidth={2} />
                    <rect x={x + 8} y={y + (MARK_HEIGHT - MARK_SWATCH) / 2} width={MARK_SWATCH} height={MARK_SWATCH} fill={seriesColor(a, 0)} />
                    <text x={x + 8 + MARK_SWATCH + 4} y={y + MARK_HEIGHT - 5} fontSize={MARK_FONT_SIZE} fill="var(--ink)">
                      {m.text}
                    </text>
                  </g>
                );
              })}
              {!designated ? (
                <text x={p.x + PADDING} y={statusY + MARK_HEIGHT - 5} fontSize={MARK_FONT_SIZE} fill="var(--muted)" fontStyle="italic">
                  {isProgram ? 'weapons program · recipient not recorded' : 'not designated by any authority'}
                </text>
              ) : null}
              {full.length ? (
                <g className="sn-tip" aria-hidden="true">
                  <rect x={p.x} y={tipY} width={p.width} height={tipHeight} rx={4} fill="var(--panel)" stroke="var(--ink)" />
                  <text fontSize={FONT_SIZE} fill="var(--ink)">
                    {full.map((line, i) => (
                      <tspan key={i} x={p.x + PADDING} y={tipY + PADDING + (i + 1) * LINE_HEIGHT - 3}>
                        {line}
                      </tspan>
                    ))}
                  </text>
                </g>
              ) : null}
            </a>
          );
        })}
      </svg>
      <figcaption className="small muted">
        {present.length ? (
          <ul className="legend-inline" aria-label="Authorities">
            {present.map((a) => (
              <li key={a}>
                <span className="swatch" style={{ background: seriesColor(a, 0), display: 'inline-block', width: '.7rem', height: '.7rem', marginRight: '.3rem' }} aria-hidden="true" />
                {name(a)}
              </li>
            ))}
          </ul>
        ) : null}
        Filled boxes: designated by at least one authority, named in the marks. Hollow, dashed: designated by none. Rounded: a weapons program, for suppliers whose recipient the sources do not name. Dashed arrows: links the sources leave uncertain. Hover an arrow for
        the components; hover or focus a box for its status.
      </figcaption>
    </figure>
  );
}
