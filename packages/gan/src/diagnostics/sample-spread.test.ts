import { describe, expect, it } from 'vitest';

import { Random } from '../random.js';
import { sampleSpread } from './sample-spread.js';

/** sqrt(mean over ordered pairs of ||x_i - x_j||^2 / (2 d)), in float64. */
function pairwiseReference(samples: Float32Array, count: number): number {
  const features = samples.length / count;
  let total = 0;
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < count; j++) {
      for (let f = 0; f < features; f++) {
        total += (samples[i * features + f] - samples[j * features + f]) ** 2;
      }
    }
  }
  return Math.sqrt(total / (count * count * 2 * features));
}

describe('sampleSpread', () => {
  it('matches the mean pairwise squared distance in float64', () => {
    const random = new Random(3);
    for (const shape of [[1, 1, 1, 2], [3, 1, 1, 2], [17, 3, 5, 1], [8, 2, 2, 3]]) {
      const count = shape[0];
      const size = shape.reduce((a, b) => a * b, 1);
      const samples = random.uniformArray(size, -1, 1);
      expect(sampleSpread(samples, shape)).toBeCloseTo(
        pairwiseReference(samples, count), 10);
    }
  });

  it('is the per-feature standard deviation for known batches', () => {
    // Points (0, 0), (2, 0), (0, 2), (2, 2): variance 1 in x and in y.
    const points = Float32Array.from([0, 0, 2, 0, 0, 2, 2, 2]);
    expect(sampleSpread(points, [4, 1, 1, 2])).toBe(1);
    const same = new Float32Array(5 * 6).fill(0.25);
    expect(sampleSpread(same, [5, 2, 3, 1])).toBe(0);
  });

  it('names a shape that does not fit the values', () => {
    expect(() => sampleSpread(new Float32Array(7), [4, 1, 1, 2])).toThrow(
      'sampleSpread: shape [4, 1, 1, 2] needs 8 values, got 7');
    expect(() => sampleSpread(new Float32Array(0), [0, 2])).toThrow(
      expect.objectContaining({ code: 'BAD_ARGUMENT' }));
  });
});
