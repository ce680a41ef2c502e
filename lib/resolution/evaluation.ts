// How good is the matcher? Precision, recall and F1 on a labelled set of pairs, overall and per
// list pair, schema and label source, for the automatic merges alone and for merge + review (what
// an admin gets to see). Labelled sets are small (hundreds of pairs), so every rate carries a 95%
// Wilson interval: 9/10 and 900/1000 are not the same evidence.
import type { Decision } from './types';

export type LabelledPair = {
  a: string;
  b: string;
  same: boolean;
  /** e.g. 'OFAC-EU'. */
  listPair: string;
  schema: string;
  /** Where the label comes from: 'admin', 'opensanctions', 'hand-checked sample', … */
  source: string;
};

/** A prediction per pair (ScoredPair fits); a labelled pair with none was not blocked: 'no'. */
export type Prediction = { a: string; b: string; decision: Decision };

export type Interval = { value: number; low: number; high: number };

export type Metrics = {
  labelled: number;
  positives: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  /** null when there is nothing to divide by (no predicted positives, no labelled positives). */
  precision: Interval | null;
  recall: Interval | null;
  /** F1 of the point estimates; its range is the F1 of the interval bounds (conservative, not a confidence interval of its own). */
  f1: Interval | null;
};

export type Breakdown = {
  overall: Metrics;
  byListPair: Record<string, Metrics>;
  bySchema: Record<string, Metrics>;
  bySource: Record<string, Metrics>;
};

export type EvaluationReport = {
  /** Predicted positive = 'merge'. */
  automatic: Breakdown;
  /** Predicted positive = 'merge' or 'review'. */
  withReview: Breakdown;
};

/** Wilson score interval of a binomial proportion (default 95%). */
export function wilson(successes: number, trials: number, z = 1.959964): Interval | null {
  if (trials <= 0) return null;
  const p = successes / trials;
  const z2 = z * z;
  const denom = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denom;
  // NOTE: at 0/n and n/n the bound is exactly 0 or 1; floating point would give 0.9999999999999999.
  return { value: p, low: successes === 0 ? 0 : Math.max(0, centre - half), high: successes === trials ? 1 : Math.min(1, centre + half) };
}

const f1Of = (p: number, r: number) => (p + r > 0 ? (2 * p * r) / (p + r) : 0);

function metrics(rows: Array<{ same: boolean; predicted: boolean }>): Metrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const r of rows) {
    if (r.same && r.predicted) tp++;
    else if (!r.same && r.predicted) fp++;
    else if (r.same) fn++;
    else tn++;
  }
  const precision = wilson(tp, tp + fp);
  const recall = wilson(tp, tp + fn);
  const f1 = precision && recall ? { value: f1Of(precision.value, recall.value), low: f1Of(precision.low, recall.low), high: f1Of(precision.high, recall.high) } : null;
  return { labelled: rows.length, positives: tp + fn, tp, fp, fn, tn, precision, recall, f1 };
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

function breakdown(rows: Array<LabelledPair & { predicted: boolean }>): Breakdown {
  const group = (key: (r: LabelledPair) => string) => {
    const groups = new Map<string, typeof rows>();
    for (const r of rows) (groups.get(key(r)) ?? groups.set(key(r), []).get(key(r))!).push(r);
    return Object.fromEntries([...groups].sort((x, y) => x[0].localeCompare(y[0])).map(([k, v]) => [k, metrics(v)]));
  };
  return { overall: metrics(rows), byListPair: group((r) => r.listPair), bySchema: group((r) => r.schema), bySource: group((r) => r.source) };
}

/** Labels are per unordered pair; the first label of a pair counts. */
export function evaluate(labels: readonly LabelledPair[], predictions: readonly Prediction[]): EvaluationReport {
  const decided = new Map<string, Decision>();
  for (const p of predictions) decided.set(pairKey(p.a, p.b), p.decision);
  const seen = new Set<string>();
  const unique = labels.filter((l) => {
    const k = pairKey(l.a, l.b);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const decisionOf = (l: LabelledPair) => decided.get(pairKey(l.a, l.b)) ?? 'no';
  return {
    automatic: breakdown(unique.map((l) => ({ ...l, predicted: decisionOf(l) === 'merge' }))),
    withReview: breakdown(unique.map((l) => ({ ...l, predicted: decisionOf(l) !== 'no' }))),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const cell = (i: Interval | null) => (i ? `${pct(i.value)} (${pct(i.low)}–${pct(i.high)})` : '–');

/** Markdown: one table per breakdown, both modes side by side per group. */
export function renderEvaluationMarkdown(report: EvaluationReport, title = 'Resolution quality'): string {
  const header = '| Group | Mode | Labelled | Same | TP | FP | FN | Precision (95% CI) | Recall (95% CI) | F1 (range) |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|';
  const line = (group: string, mode: string, m: Metrics) =>
    `| ${group.replace(/\|/g, '\\|')} | ${mode} | ${m.labelled} | ${m.positives} | ${m.tp} | ${m.fp} | ${m.fn} | ${cell(m.precision)} | ${cell(m.recall)} | ${cell(m.f1)} |`;
  const table = (heading: string, pick: (b: Breakdown) => Record<string, Metrics>) => {
    const groups = Object.keys(pick(report.automatic));
    return [`### ${heading}`, '', header, ...groups.flatMap((g) => [line(g, 'merge', pick(report.automatic)[g]!), line(g, 'merge + review', pick(report.withReview)[g]!)]), ''];
  };
  return [
    `## ${title}`,
    '',
    '*merge*: pairs merged automatically; *merge + review*: pairs merged or put to an admin. Intervals: Wilson, 95%.',
    '',
    ...table('Overall', (b) => ({ all: b.overall })),
    ...table('By list pair', (b) => b.byListPair),
    ...table('By schema', (b) => b.bySchema),
    ...table('By label source', (b) => b.bySource),
  ].join('\n');
}
