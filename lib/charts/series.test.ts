import { describe, expect, it } from 'vitest';
import { buildPoints, cumulatePoints, foldCells, netSeries, rankCells, rankSeries, type AggregateRow } from './series';

// Hand-made fixture: three months, two series kept + Other; one designation in March is under both
// NPWMD and IFSR, so March's distinct total (4) is less than the sum of its series (5).
const bins = ['2023-01', '2023-02', '2023-03'];
const listed: AggregateRow[] = [
  { bin: '2023-01', series: null, count: 3 },
  { bin: '2023-01', series: 'NPWMD', count: 2 },
  { bin: '2023-01', series: '__other__', count: 1 },
  { bin: '2023-03', series: null, count: 4 },
  { bin: '2023-03', series: 'NPWMD', count: 2 },
  { bin: '2023-03', series: 'IFSR', count: 3 },
  // outside the bins shown: ignored, never a bin of its own
  { bin: '2023-04', series: 'IFSR', count: 9 },
  { bin: '2023-04', series: null, count: 9 },
];
const lifted: AggregateRow[] = [
  { bin: '2023-02', series: null, count: 2 },
  { bin: '2023-02', series: 'IFSR', count: 2 },
  { bin: '2023-03', series: null, count: 1 },
  { bin: '2023-03', series: 'NPWMD', count: 1 },
];

describe('rankSeries', () => {
  it('keeps the largest series, ties broken by key, and says when the rest is folded into Other', () => {
    const counts = [
      { key: 'b', count: 5 },
      { key: 'a', count: 5 },
      { key: 'c', count: 9 },
      { key: 'd', count: 1 },
    ];
    expect(rankSeries(counts, 3)).toEqual({ keys: ['c', 'a', 'b'], hasOther: true });
    expect(rankSeries(counts, 4)).toEqual({ keys: ['c', 'a', 'b', 'd'], hasOther: false });
  });

  it('adds the counts of a key that appears twice (listed and lifted) and drops empty keys', () => {
    expect(
      rankSeries(
        [
          { key: 'x', count: 1 },
          { key: 'y', count: 2 },
          { key: 'x', count: 2 },
          { key: 'z', count: 0 },
        ],
        2,
      ),
    ).toEqual({ keys: ['x', 'y'], hasOther: false });
  });
});

describe('buildPoints', () => {
  it('zero-fills every bin and keeps the distinct total apart from the series', () => {
    const points = buildPoints(bins, ['NPWMD', 'IFSR', '__other__'], listed);
    expect(points).toEqual([
      { bin: '2023-01', values: { NPWMD: 2, IFSR: 0, __other__: 1 }, total: 3, lifted: { NPWMD: 0, IFSR: 0, __other__: 0 }, liftedTotal: 0, net: 3 },
      { bin: '2023-02', values: { NPWMD: 0, IFSR: 0, __other__: 0 }, total: 0, lifted: { NPWMD: 0, IFSR: 0, __other__: 0 }, liftedTotal: 0, net: 0 },
      { bin: '2023-03', values: { NPWMD: 2, IFSR: 3, __other__: 0 }, total: 4, lifted: { NPWMD: 0, IFSR: 0, __other__: 0 }, liftedTotal: 0, net: 4 },
    ]);
  });

  it('puts liftings beside listings and nets them', () => {
    const points = buildPoints(bins, ['NPWMD', 'IFSR', '__other__'], listed, lifted);
    expect(points.map((p) => [p.bin, p.total, p.liftedTotal, p.net, p.lifted.IFSR, p.lifted.NPWMD])).toEqual([
      ['2023-01', 3, 0, 3, 0, 0],
      ['2023-02', 0, 2, -2, 2, 0],
      ['2023-03', 4, 1, 3, 0, 1],
    ]);
  });
});

describe('cumulatePoints', () => {
  it('runs totals per series and overall from the first bin', () => {
    const points = cumulatePoints(buildPoints(bins, ['NPWMD', 'IFSR', '__other__'], listed, lifted));
    expect(points.map((p) => [p.bin, p.values.NPWMD, p.values.IFSR, p.values.__other__, p.total])).toEqual([
      ['2023-01', 2, 0, 1, 3],
      ['2023-02', 2, 0, 1, 3],
      ['2023-03', 4, 3, 1, 7],
    ]);
    expect(points.map((p) => [p.liftedTotal, p.net])).toEqual([
      [0, 3],
      [2, 1],
      [3, 4],
    ]);
  });

  it('does not change its input', () => {
    const input = buildPoints(bins, ['NPWMD'], listed);
    const copy = structuredClone(input);
    cumulatePoints(input);
    expect(input).toEqual(copy);
  });
});

describe('netSeries', () => {
  it('is listings minus liftings per series, and a running net of active designations', () => {
    const net = netSeries(buildPoints(bins, ['NPWMD', 'IFSR'], listed, lifted));
    expect(net).toEqual([
      { bin: '2023-01', net: { NPWMD: 2, IFSR: 0 }, netTotal: 3, runningNet: 3 },
      { bin: '2023-02', net: { NPWMD: 0, IFSR: -2 }, netTotal: -2, runningNet: 1 },
      { bin: '2023-03', net: { NPWMD: 1, IFSR: 3 }, netTotal: 3, runningNet: 4 },
    ]);
  });
});

describe('foldCells', () => {
  it('sums kept keys, folds the rest into Other, totals each bin, and orders as SQL does', () => {
    const cells = [
      { bin: '2023', keys: ['UK'], count: 2 },
      { bin: '2022', keys: ['US-OFAC'], count: 5 },
      { bin: '2022', keys: ['EU'], count: 1 },
      { bin: '2022', keys: ['CA'], count: 3 },
      { bin: '2022', keys: ['AU'], count: 4 },
      { bin: '2023', keys: ['AU'], count: 0 },
    ];
    expect(foldCells(cells, ['US-OFAC', 'UK'], '__other__')).toEqual([
      { bin: '2022', series: null, count: 13 },
      { bin: '2022', series: 'US-OFAC', count: 5 },
      { bin: '2022', series: '__other__', count: 8 },
      { bin: '2023', series: null, count: 2 },
      { bin: '2023', series: 'UK', count: 2 },
    ]);
    expect(foldCells([], ['UK'], '__other__')).toEqual([]);
  });

  it('counts a designation with several values once in each series, once in Other and once in the total', () => {
    const cells = [
      { bin: '2022', keys: ['IRAN', 'NPWMD'], count: 3 }, // both kept
      { bin: '2022', keys: ['IRAN', 'RUSSIA', 'SDGT'], count: 2 }, // one kept, two folded into Other
      { bin: '2022', keys: ['RUSSIA'], count: 1 },
      { bin: '2022', keys: ['__none__'], count: 4 },
    ];
    const ranking = rankCells(cells, 2);
    expect(ranking).toEqual({ keys: ['IRAN', '__none__'], hasOther: true }); // IRAN 5, __none__ 4, NPWMD 3, RUSSIA 3, SDGT 2
    expect(foldCells(cells, ranking.keys, '__other__')).toEqual([
      { bin: '2022', series: null, count: 10 },
      { bin: '2022', series: 'IRAN', count: 5 },
      { bin: '2022', series: '__none__', count: 4 },
      { bin: '2022', series: '__other__', count: 6 },
    ]);
  });
});
