import { describe, expect, it } from 'vitest';
import { evaluate, renderEvaluationMarkdown, wilson, type LabelledPair, type Prediction } from './evaluation';

describe('wilson', () => {
  it('matches the textbook interval', () => {
    // 8 of 10: 95% Wilson interval 0.490–0.943.
    const w = wilson(8, 10)!;
    expect(w.value).toBe(0.8);
    expect(w.low).toBeCloseTo(0.49, 2);
    expect(w.high).toBeCloseTo(0.943, 2);
    expect(wilson(0, 0)).toBeNull();
    expect(wilson(10, 10)!.high).toBe(1);
    expect(wilson(0, 10)!.low).toBe(0);
  });
});

describe('evaluate', () => {
  const label = (a: string, b: string, same: boolean, listPair = 'OFAC-EU', schema = 'Person', source = 'admin'): LabelledPair => ({ a, b, same, listPair, schema, source });
  const labels = [
    label('a1', 'b1', true),
    label('a2', 'b2', true),
    label('a3', 'b3', true, 'OFAC-UK', 'Company'),
    label('a4', 'b4', false, 'OFAC-UK', 'Company', 'opensanctions'),
    label('a5', 'b5', false),
    label('b1', 'a1', false), // a second label of one pair: the first counts
  ];
  const predictions: Prediction[] = [
    { a: 'a1', b: 'b1', decision: 'merge' },
    { a: 'b2', b: 'a2', decision: 'review' },
    { a: 'a4', b: 'b4', decision: 'merge' },
    { a: 'a5', b: 'b5', decision: 'no' },
    // a3–b3 was never blocked: 'no'.
  ];
  const report = evaluate(labels, predictions);

  it('counts merges alone and merges + review', () => {
    expect(report.automatic.overall).toMatchObject({ labelled: 5, positives: 3, tp: 1, fp: 1, fn: 2, tn: 1 });
    expect(report.automatic.overall.precision?.value).toBe(0.5);
    expect(report.automatic.overall.recall?.value).toBeCloseTo(1 / 3);
    expect(report.withReview.overall).toMatchObject({ tp: 2, fp: 1, fn: 1 });
    expect(report.withReview.overall.f1?.value).toBeCloseTo(2 / 3);
  });

  it('breaks down by list pair, schema and label source', () => {
    expect(Object.keys(report.automatic.byListPair)).toEqual(['OFAC-EU', 'OFAC-UK']);
    expect(report.automatic.byListPair['OFAC-UK']).toMatchObject({ tp: 0, fp: 1, fn: 1 });
    expect(report.automatic.bySchema['Company']!.precision?.value).toBe(0);
    expect(report.automatic.bySource['opensanctions']).toMatchObject({ labelled: 1, fp: 1, recall: null });
  });

  it('renders markdown tables', () => {
    const md = renderEvaluationMarkdown(report);
    expect(md).toContain('| Group | Mode | Labelled | Same | TP | FP | FN | Precision (95% CI) | Recall (95% CI) | F1 (range) |');
    expect(md).toContain('| all | merge | 5 | 3 | 1 | 1 | 2 | 50.0% (');
    expect(md).toContain('### By list pair');
    expect(md).toContain('| OFAC-UK | merge + review |');
  });
});
