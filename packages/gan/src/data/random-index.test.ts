import { describe, expect, it } from 'vitest';

import { Random } from '../random.js';
import { randomBelow, shuffleInPlace } from './random-index.js';

describe('randomBelow', () => {
  it('rejects the draws of the incomplete last block instead of biasing', () => {
    // bound 3: 2^32 % 3 = 1, so the single draw 2^32 - 1 must be redrawn.
    const draws = [0xffffffff, 5];
    const random = { nextUint32: () => draws.shift()! };
    expect(randomBelow(random, 3)).toBe(2);
    expect(draws).toEqual([]);
  });

  it('covers [0, bound) evenly for a small bound', () => {
    const random = new Random(11);
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 50_000; i++) counts[randomBelow(random, 5)]++;
    // Each count is binomial(50000, 0.2): deviation about 89, so 600 is 6.7 sigma.
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(600);
  });
});

describe('shuffleInPlace', () => {
  it('gives a permutation, every one of the 6 orders of 3 about equally often', () => {
    const random = new Random(2);
    const seen = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const order = Int32Array.of(0, 1, 2);
      shuffleInPlace(order, random);
      const key = order.join('');
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    expect([...seen.keys()].sort()).toEqual(['012', '021', '102', '120', '201', '210']);
    // Binomial(6000, 1/6): deviation about 29, so 200 is 6.9 sigma.
    for (const count of seen.values()) expect(Math.abs(count - 1000)).toBeLessThan(200);
  });
});
