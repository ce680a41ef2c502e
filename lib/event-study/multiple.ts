// Many milestones × authorities are tested at once: Benjamini–Hochberg keeps the share of false
// "more/fewer than usual" among those reported at alpha.

/**
 * Benjamini–Hochberg adjusted p-values (q-values), in input order, as R's p.adjust(p, 'BH'):
 * q(i) = min over j ≥ i of m · p(j) / j on the sorted p-values, capped at 1.
 * NOTE: hand-written: the one npm package for it (@stdlib/stats-padjust, ~650 downloads a month)
 * brings eleven @stdlib packages for a sort and a running minimum.
 */
export function benjaminiHochberg(ps: number[]): number[] {
  for (const p of ps) if (!(p >= 0 && p <= 1)) throw new RangeError(`A p-value is in [0, 1], got ${p}`);
  const m = ps.length;
  const largestFirst = ps.map((_, i) => i).sort((a, b) => ps[b]! - ps[a]!);
  const q = new Array<number>(m);
  let running = 1;
  largestFirst.forEach((i, k) => {
    running = Math.min(running, (ps[i]! * m) / (m - k));
    q[i] = running;
  });
  return q;
}
