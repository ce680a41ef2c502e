import { describe, expect, it } from 'vitest';
import { addDays, dayNumber, isoDay, monthStart, nextMonthStart } from './days';

describe('days', () => {
  it('counts whole days since 1970-01-01 and back', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2022-02-24')).toBe(19047);
    expect(isoDay(19047)).toBe('2022-02-24');
    expect(isoDay(-1)).toBe('1969-12-31');
  });

  it('steps across month, year and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2022-12-31', 1)).toBe('2023-01-01');
    expect(addDays('2022-02-24', -90)).toBe('2021-11-26');
  });

  it('finds month starts', () => {
    expect(monthStart('2022-01-31')).toBe('2022-01-01');
    expect(nextMonthStart('2022-01-31')).toBe('2022-02-01');
    expect(nextMonthStart('2022-12-15')).toBe('2023-01-01');
    expect(nextMonthStart('2024-02-29')).toBe('2024-03-01');
  });

  it('refuses what is not a day', () => {
    for (const bad of ['2022', '2022-02', '2023-02-29', '24.02.2022', '']) expect(() => dayNumber(bad)).toThrow(RangeError);
    expect(() => isoDay(1.5)).toThrow(RangeError);
  });
});
