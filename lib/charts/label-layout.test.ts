import { describe, expect, it } from 'vitest';
import { estimateTextWidth, layoutMarkerLabels, type LabelLayout, type MarkerLabelInput } from './label-layout';

const OPTS = { maxLanes: 3, gap: 4, spacing: 5, padding: 5, sameX: 1 };

/** Every pair of labels in one lane is separated by at least the gap. */
function overlaps(layout: LabelLayout, gap = OPTS.gap): Array<[string, string]> {
  const bad: Array<[string, string]> = [];
  const { labels } = layout;
  for (let i = 0; i < labels.length; i++)
    for (let j = i + 1; j < labels.length; j++) {
      const [a, b] = [labels[i]!, labels[j]!];
      if (a.lane === b.lane && a.left < b.right + gap && b.left < a.right + gap) bad.push([a.members.map((m) => m.id).join('+'), b.members.map((m) => m.id).join('+')]);
    }
  return bad;
}

const ids = (layout: LabelLayout) => layout.labels.map((l) => l.members.map((m) => m.id));

describe('layoutMarkerLabels', () => {
  it('keeps far-apart markers in the first lane, each centred on its marker', () => {
    const layout = layoutMarkerLabels([{ id: 'M01', x: 100, width: 20 }, { id: 'M02', x: 300, width: 20 }], OPTS);
    expect(layout.lanes).toBe(1);
    expect(layout.labels.map((l) => [l.lane, l.left, l.right])).toEqual([
      [0, 85, 115],
      [0, 285, 315],
    ]);
    expect(layout.labels[0]!.members[0]).toEqual({ id: 'M01', x: 100, textX: 100 });
  });

  it('gives markers of one bin one label listing every code, side by side', () => {
    const layout = layoutMarkerLabels([{ id: 'M09', x: 250, width: 20 }, { id: 'M10', x: 250, width: 20 }], OPTS);
    expect(ids(layout)).toEqual([['M09', 'M10']]);
    const [label] = layout.labels;
    expect(label!.right - label!.left).toBe(20 + 5 + 20 + 2 * 5);
    const [a, b] = label!.members;
    expect(b!.textX - a!.textX).toBe(25);
    expect((a!.textX + b!.textX) / 2).toBe(250);
  });

  it('stacks close markers in lanes instead of drawing one over the other', () => {
    const layout = layoutMarkerLabels([{ id: 'M08', x: 100, width: 20 }, { id: 'M09', x: 110, width: 20 }, { id: 'M10', x: 160, width: 20 }], OPTS);
    expect(layout.labels.map((l) => [l.members[0]!.id, l.lane])).toEqual([
      ['M08', 0],
      ['M09', 1],
      ['M10', 0],
    ]);
    expect(overlaps(layout)).toEqual([]);
  });

  it('merges a label into its left neighbour when every lane is taken', () => {
    const markers: MarkerLabelInput[] = [0, 6, 12, 18].map((dx, i) => ({ id: `M0${i + 1}`, x: 100 + dx, width: 20 }));
    const layout = layoutMarkerLabels(markers, { ...OPTS, maxLanes: 2 });
    expect(layout.lanes).toBeLessThanOrEqual(2);
    expect(overlaps(layout)).toEqual([]);
    expect(ids(layout).flat().sort()).toEqual(['M01', 'M02', 'M03', 'M04']);
    expect(layout.labels.some((l) => l.members.length > 1)).toBe(true);
    // A merged label keeps every member's own position for its leader.
    for (const l of layout.labels) for (const m of l.members) expect(m.x).toBe(markers.find((x) => x.id === m.id)!.x);
  });

  it('keeps labels inside the bounds', () => {
    const layout = layoutMarkerLabels([{ id: 'M01', x: 2, width: 20 }, { id: 'M02', x: 499, width: 20 }], { ...OPTS, bounds: { min: 0, max: 500 } });
    expect(layout.labels[0]!.left).toBe(0);
    expect(layout.labels[1]!.right).toBe(500);
  });

  it('never overlaps, keeps every marker once and stays within the lanes, for any markers', () => {
    // A deterministic pseudo-random series of layouts: dense, sparse, same-bin and edge cases.
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let run = 0; run < 300; run++) {
      const n = 1 + Math.floor(rand() * 25);
      const bins = 1 + Math.floor(rand() * 40);
      const width = 200 + rand() * 1000;
      const markers = Array.from({ length: n }, (_, i) => ({ id: `M${String(i + 1).padStart(2, '0')}`, x: ((Math.floor(rand() * bins) + 0.5) * width) / bins, width: 18 + Math.floor(rand() * 10) }));
      const maxLanes = 1 + Math.floor(rand() * 4);
      const layout = layoutMarkerLabels(markers, { ...OPTS, maxLanes, bounds: { min: 0, max: width } });
      expect(overlaps(layout)).toEqual([]);
      expect(layout.lanes).toBeLessThanOrEqual(maxLanes);
      expect(ids(layout).flat().sort()).toEqual(markers.map((m) => m.id).sort());
      // Same-bin markers always share a label.
      for (const a of markers) for (const b of markers) if (a.x === b.x) expect(layout.labels.find((l) => l.members.some((m) => m.id === a.id))!.members.some((m) => m.id === b.id)).toBe(true);
    }
  });

  it('lays out nothing for no markers', () => {
    expect(layoutMarkerLabels([], OPTS)).toEqual({ labels: [], lanes: 0 });
  });
});

describe('estimateTextWidth', () => {
  it('errs wide for codes: capitals wider than digits', () => {
    expect(estimateTextWidth('M07', 10)).toBeGreaterThanOrEqual(20);
    expect(estimateTextWidth('M07', 10)).toBeLessThan(estimateTextWidth('MM07', 10));
    expect(estimateTextWidth('', 10)).toBe(0);
  });
});
