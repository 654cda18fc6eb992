import { describe, expect, it } from 'vitest';

import { toPixelBytes } from './pixel-bytes.js';

describe('toPixelBytes', () => {
  it('maps [-1, 1] to 0..255, rounding to nearest, ties to even, clamping', () => {
    const values = Float32Array.from([-1, 1, 0, -0.5, 2, -3, NaN, Infinity, -Infinity]);
    // 0 -> 127.5 -> 128 (even); -0.5 -> 63.75 -> 64.
    expect(Array.from(toPixelBytes(values))).toEqual([0, 255, 128, 64, 255, 0, 0, 255, 0]);
  });

  it('gives back every byte that the loaders map to p / 127.5 - 1 (CASES D1)', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, p) => p);
    const values = Float32Array.from(bytes, (p) => p / 127.5 - 1);
    expect(toPixelBytes(values)).toEqual(bytes);
  });
});
