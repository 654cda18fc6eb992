import { describe, expect, it } from 'vitest';

import { pointsCsv, shortestFloat32 } from './points-csv.js';

describe('pointsCsv', () => {
  it('writes x,y per point with values that read back exactly as float32', () => {
    const images = Float32Array.from([0.1, -2, 1 / 3, 1e-8, NaN, -Infinity]);
    const csv = pointsCsv({ images, shape: [3, 1, 1, 2] });
    expect(csv).toBe(
      'x,y\n0.1,-2\n0.33333334,1e-8\nNaN,-Infinity\n');
    const values = csv.trim().split('\n').slice(1).flatMap((line) => line.split(','));
    expect(Float32Array.from(values.map(Number))).toEqual(images);
  });

  it('writes the shortest decimal of each float32 (0.69001925, not its float64 digits)', () => {
    const value = Math.fround(0.6900192499160767);
    expect(shortestFloat32(value)).toBe('0.69001925');
    const random = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 10 ** (i % 7 - 3));
    for (const x of random) expect(Math.fround(Number(shortestFloat32(x)))).toBe(x);
  });

  it('adds a label column for conditional generators', () => {
    const csv = pointsCsv({ images: Float32Array.from([1, 2, 3, 4]), shape: [2, 1, 1, 2],
      labels: Int32Array.from([7, 0]) });
    expect(csv).toBe('x,y,label\n1,2,7\n3,4,0\n');
  });
});
