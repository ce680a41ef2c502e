// Marker labels that never hide one another (issue 26). Milestone markers sit at bins; at coarse bins
// several fall in one bin, or so near that their labels would be drawn over each other (the JCPOA
// collapse under the next protest's marker). Pure geometry in pixels, shared by the app chart (which
// knows its x scale only in the browser) and the SVG/PNG export (server-side), so both lay out alike:
// markers of one bin share one label listing every code; the labels are stacked in lanes above the
// plot; a label that fits in no lane joins its left neighbour's label rather than covering it.

export type MarkerLabelInput = {
  id: string;
  /** The marker's x (px): a line's bin centre, a band's middle. */
  x: number;
  /** The width (px) of this marker's own text (its code). */
  width: number;
};

export type LabelLayoutOptions = {
  /** At most this many lanes; beyond them labels are merged, never overlapped. */
  maxLanes: number;
  /** Free space (px) kept between two labels in one lane. */
  gap: number;
  /** Space (px) between two codes inside one label. */
  spacing: number;
  /** Space (px) inside a label's box on each side of its text. */
  padding: number;
  /** Markers at most this far apart (px) share one label: in practice, one bin. */
  sameX: number;
  /** Labels are kept within [min, max] (px), e.g. the chart's width. */
  bounds?: { min: number; max: number };
};

export type LabelMember = {
  id: string;
  /** Where the marker is (px): the label's leader goes there. */
  x: number;
  /** The centre of this member's text inside the label. */
  textX: number;
};

export type LabelBox = {
  /** 0: the lane next to the plot, then outwards. */
  lane: number;
  left: number;
  right: number;
  /** In x order, then in input order (the caller passes them in code order). */
  members: LabelMember[];
};

export type LabelLayout = { labels: LabelBox[]; lanes: number };

export const DEFAULT_LABEL_LAYOUT: LabelLayoutOptions = { maxLanes: 3, gap: 4, spacing: 5, padding: 5, sameX: 1 };

/**
 * A width estimate (px) for short codes such as "M07" in the sans-serif stacks we draw with: capitals
 * are wider than digits. It errs wide, so a real glyph run fits inside the box that is laid out.
 */
export function estimateTextWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of Array.from(text)) em += /[A-Z@%&mw]/.test(ch) ? 0.86 : /[a-z0-9]/.test(ch) ? 0.62 : 0.5;
  return Math.ceil(em * fontSize);
}

type Marker = MarkerLabelInput & { order: number };

function boxOf(group: Marker[], o: LabelLayoutOptions): { left: number; right: number; members: LabelMember[] } {
  const text = group.reduce((s, m) => s + m.width, 0) + (group.length - 1) * o.spacing;
  const width = text + 2 * o.padding;
  const centre = (group[0]!.x + group[group.length - 1]!.x) / 2;
  let left = centre - width / 2;
  if (o.bounds) left = Math.max(o.bounds.min, Math.min(left, o.bounds.max - width));
  let cursor = left + o.padding;
  const members = group.map((m) => {
    const textX = cursor + m.width / 2;
    cursor += m.width + o.spacing;
    return { id: m.id, x: m.x, textX };
  });
  return { left, right: left + width, members };
}

/**
 * Lays out one label per marker group so that no two labels overlap: same-bin markers share a label;
 * labels go into the lowest lane where they clear the previous label by `gap`; when every lane is
 * taken, the label merges with its left neighbour (one label listing both) and the layout starts again.
 */
export function layoutMarkerLabels(markers: readonly MarkerLabelInput[], options: Partial<LabelLayoutOptions> = {}): LabelLayout {
  const o: LabelLayoutOptions = { ...DEFAULT_LABEL_LAYOUT, ...options };
  const maxLanes = Math.max(1, Math.floor(o.maxLanes));
  const sorted: Marker[] = markers.map((m, order) => ({ ...m, order })).sort((a, b) => a.x - b.x || a.order - b.order);
  const groups: Marker[][] = [];
  for (const m of sorted) {
    const last = groups[groups.length - 1];
    if (last && m.x - last[0]!.x <= o.sameX) last.push(m);
    else groups.push([m]);
  }
  for (;;) {
    const boxes = groups.map((g) => boxOf(g, o));
    const laneRight: number[] = [];
    const labels: LabelBox[] = [];
    let failed = -1;
    for (let k = 0; k < boxes.length; k++) {
      const box = boxes[k]!;
      let lane = laneRight.findIndex((right) => right + o.gap <= box.left);
      if (lane < 0 && laneRight.length < maxLanes) lane = laneRight.length;
      if (lane < 0) {
        failed = k;
        break;
      }
      laneRight[lane] = box.right;
      labels.push({ lane, ...box });
    }
    if (failed < 0) return { labels, lanes: laneRight.length };
    // The first label always finds a lane, so a failed one has a left neighbour to join.
    groups.splice(failed - 1, 2, [...groups[failed - 1]!, ...groups[failed]!]);
  }
}
