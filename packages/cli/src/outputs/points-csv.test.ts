import { describe, expect, it } from 'vitest';

import { pointsCsv } from './points-csv.js';

describe('pointsCsv', () => {
  it('writes x,y per point with values that read back exactly as float32', () => {
    const images = Float32Array.from([0.1, -2, 1 / 3, 1e-8, NaN, -Infinity]);
    const csv = pointsCsv({ images, shape: [3, 1, 1, 2] });
    expect(csv).toBe(
      'x,y\n0.10000000149011612,-2\n0.3333333432674408,9.99999993922529e-9\nNaN,-Infinity\n');
    const values = csv.trim().split('\n').slice(1).flatMap((line) => line.split(','));
    expect(Float32Array.from(values.map(Number))).toEqual(images);
  });

  it('adds a label column for conditional generators', () => {
    const csv = pointsCsv({ images: Float32Array.from([1, 2, 3, 4]), shape: [2, 1, 1, 2],
      labels: Int32Array.from([7, 0]) });
    expect(csv).toBe('x,y,label\n1,2,7\n3,4,0\n');
  });
});
