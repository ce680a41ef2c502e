import { describe, expect, it } from 'vitest';
import { binKey, binLabel, binRange, binStart, binToRange, canPlace, cumulate, nextBin, pivotSeries } from './binning';

describe('bins', () => {
  it('keys dates by month, quarter and year', () => {
    expect(binKey('2022-11-15', 'month')).toBe('2022-11');
    expect(binKey('2022-11-15', 'quarter')).toBe('2022-Q4');
    expect(binKey('2022-01-01', 'quarter')).toBe('2022-Q1');
    expect(binKey('2022-03-31', 'quarter')).toBe('2022-Q1');
    expect(binKey('2022-04-01', 'quarter')).toBe('2022-Q2');
    expect(binKey('2022-11-15', 'year')).toBe('2022');
  });

  it('steps across year ends', () => {
    expect(nextBin('2022-12', 'month')).toBe('2023-01');
    expect(nextBin('2022-Q4', 'quarter')).toBe('2023-Q1');
    expect(binRange('2022-11', '2023-02', 'month')).toEqual(['2022-11', '2022-12', '2023-01', '2023-02']);
    expect(binRange('2022-Q3', '2023-Q1', 'quarter')).toEqual(['2022-Q3', '2022-Q4', '2023-Q1']);
    expect(binStart('2023-Q2', 'quarter').toISOString().slice(0, 10)).toBe('2023-04-01');
    expect(binLabel('2023-02', 'month')).toBe('Feb 2023');
    expect(binLabel('2023-Q2', 'quarter')).toBe('2023 Q2');
  });

  it('places a date only in bins its precision supports', () => {
    expect(canPlace('YEAR', 'month')).toBe(false);
    expect(canPlace('YEAR', 'quarter')).toBe(false);
    expect(canPlace('YEAR', 'year')).toBe(true);
    expect(canPlace('MONTH', 'month')).toBe(true);
    expect(canPlace('MONTH', 'quarter')).toBe(true);
    expect(canPlace('DAY', 'month')).toBe(true);
  });
});

describe('series shaping', () => {
  const rows = [
    { bin: '2022-09', series: 'US-OFAC', count: 5 },
    { bin: '2022-10', series: 'EU', count: 4 },
    { bin: '2022-10', series: 'UK', count: 4 },
    { bin: '2022-12', series: 'US-OFAC', count: 3 },
  ];

  it('pivots rows into zero-filled bins', () => {
    const points = pivotSeries(rows, ['US-OFAC', 'EU', 'UK'], ['2022-09', '2022-10', '2022-11', '2022-12']);
    expect(points).toEqual([
      { bin: '2022-09', 'US-OFAC': 5, EU: 0, UK: 0 },
      { bin: '2022-10', 'US-OFAC': 0, EU: 4, UK: 4 },
      { bin: '2022-11', 'US-OFAC': 0, EU: 0, UK: 0 },
      { bin: '2022-12', 'US-OFAC': 3, EU: 0, UK: 0 },
    ]);
  });

  it('drops rows outside the bins rather than inventing bins', () => {
    expect(pivotSeries(rows, ['US-OFAC'], ['2022-12'])).toEqual([{ bin: '2022-12', 'US-OFAC': 3 }]);
  });

  it('accumulates per series', () => {
    const points = pivotSeries(rows, ['US-OFAC', 'EU'], ['2022-09', '2022-10', '2022-11', '2022-12']);
    expect(cumulate(points, ['US-OFAC', 'EU']).map((p) => [p['US-OFAC'], p.EU])).toEqual([
      [5, 0],
      [5, 4],
      [5, 4],
      [8, 4],
    ]);
  });
});

describe('binToRange', () => {
  it('gives the partial dates a bin covers, for the URL', () => {
    expect(binToRange('2022-11', 'month')).toEqual({ from: '2022-11', to: '2022-11' });
    expect(binToRange('2022-Q4', 'quarter')).toEqual({ from: '2022-10', to: '2022-12' });
    expect(binToRange('2022-Q1', 'quarter')).toEqual({ from: '2022-01', to: '2022-03' });
    expect(binToRange('2022', 'year')).toEqual({ from: '2022', to: '2022' });
  });
});
