import { describe, expect, it } from 'vitest';
import { binKey, binLabel, binRange, binStart, binToRange, canPlace, nextBin } from './binning';

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

describe('binToRange', () => {
  it('gives the partial dates a bin covers, for the URL', () => {
    expect(binToRange('2022-11', 'month')).toEqual({ from: '2022-11', to: '2022-11' });
    expect(binToRange('2022-Q4', 'quarter')).toEqual({ from: '2022-10', to: '2022-12' });
    expect(binToRange('2022-Q1', 'quarter')).toEqual({ from: '2022-01', to: '2022-03' });
    expect(binToRange('2022', 'year')).toEqual({ from: '2022', to: '2022' });
  });
});
