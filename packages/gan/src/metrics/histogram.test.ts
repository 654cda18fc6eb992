import { describe, expect, it } from 'vitest';

import { binsCovered, histogram, klToUniform } from './histogram.js';

describe('klToUniform', () => {
  it('is 0 for an even histogram and log K when all mass is in one bin', () => {
    expect(klToUniform([5, 5, 5, 5])).toBe(0);
    expect(klToUniform([0, 12, 0, 0, 0, 0, 0, 0])).toBeCloseTo(Math.log(8), 15);
    expect(klToUniform(new Float64Array(1000).fill(1))).toBe(0);
  });

  it('matches sum p log(p K) for an uneven histogram, and is NaN with no counts', () => {
    // p = [1/2, 1/4, 1/4, 0]: 1/2 log 2 + 2 (1/4 log 1) = 0.3466.
    expect(klToUniform([2, 1, 1, 0])).toBeCloseTo(0.5 * Math.log(2), 15);
    expect(klToUniform([0, 0, 0])).toBeNaN();
    expect(() => klToUniform([])).toThrow('klToUniform: needs at least one bin');
  });
});

describe('histogram and binsCovered', () => {
  it('count indices in range and ignore the rest (-1 marks "none")', () => {
    const counts = histogram([0, 2, 2, -1, 7, 1.5], 3);
    expect(Array.from(counts)).toEqual([1, 0, 2]);
    expect(binsCovered(counts)).toBe(2);
  });
});
