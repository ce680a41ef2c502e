import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from './multiple';

describe('benjaminiHochberg', () => {
  it("matches R's p.adjust(p, 'BH')", () => {
    expect(benjaminiHochberg([0.01, 0.02, 0.03, 0.04, 0.05])).toEqual([0.05, 0.05, 0.05, 0.05, 0.05].map((x) => expect.closeTo(x, 12)));
    // m = 6: 6p/rank = 0.03, 0.027, 0.1, 0.15, 0.24, 0.3, then the running minimum from the top.
    expect(benjaminiHochberg([0.2, 0.005, 0.3, 0.009, 0.1, 0.05])).toEqual([0.24, 0.027, 0.3, 0.027, 0.15, 0.1].map((x) => expect.closeTo(x, 12)));
  });

  it('keeps order, ties and the cap at 1', () => {
    expect(benjaminiHochberg([0.9, 0.5, 0.5])).toEqual([0.9, 0.75, 0.75].map((x) => expect.closeTo(x, 12)));
    expect(benjaminiHochberg([1, 1])).toEqual([1, 1]);
    expect(benjaminiHochberg([0.04])).toEqual([0.04]);
    expect(benjaminiHochberg([])).toEqual([]);
    expect(() => benjaminiHochberg([0.1, Number.NaN])).toThrow(RangeError);
  });
});
