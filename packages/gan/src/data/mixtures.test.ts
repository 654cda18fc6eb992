import { describe, expect, it } from 'vitest';

import { checkDataset } from './dataset.js';
import { DataError } from './errors.js';
import {
  GRID_MIXTURE, gridMixture, mixtureNamed, RING_MIXTURE, ringMixture,
} from './mixtures.js';

describe('the 2-D mixtures', () => {
  it('put eight modes on the unit circle and 25 on {-4, -2, 0, 2, 4}^2', () => {
    expect(RING_MIXTURE.modes.length).toBe(16);
    expect(RING_MIXTURE.deviation).toBe(0.01);
    for (let m = 0; m < 8; m++) {
      const [x, y] = [RING_MIXTURE.modes[2 * m], RING_MIXTURE.modes[2 * m + 1]];
      expect(Math.hypot(x, y)).toBeCloseTo(1, 12);
      expect(Math.atan2(y, x)).toBeCloseTo(((m <= 4 ? m : m - 8) * Math.PI) / 4, 12);
    }
    expect(GRID_MIXTURE.deviation).toBe(0.05);
    const grid = new Set<string>();
    for (let m = 0; m < 25; m++) {
      grid.add(`${GRID_MIXTURE.modes[2 * m]},${GRID_MIXTURE.modes[2 * m + 1]}`);
    }
    const expected = [-4, -2, 0, 2, 4].flatMap((x) => [-4, -2, 0, 2, 4].map((y) => `${x},${y}`));
    expect([...grid].sort()).toEqual(expected.sort());
  });

  it('draw [count, 1, 1, 2] points near their labelled modes, seeded', () => {
    for (const [make, mixture] of [
      [ringMixture, RING_MIXTURE], [gridMixture, GRID_MIXTURE],
    ] as const) {
      const data = make(4000, 3);
      checkDataset(data);
      expect(data).toMatchObject({
        name: mixture.name, count: 4000, height: 1, width: 1, channels: 2,
        classCount: mixture.modes.length / 2,
      });
      const counts = new Array(mixture.modes.length / 2).fill(0);
      let squares = 0;
      for (let i = 0; i < data.count; i++) {
        const mode = data.labels![i];
        counts[mode]++;
        const dx = data.images[2 * i] - mixture.modes[2 * mode];
        const dy = data.images[2 * i + 1] - mixture.modes[2 * mode + 1];
        squares += dx * dx + dy * dy;
      }
      // The deviation per axis, estimated from 8,000 squared offsets: within 3%.
      const deviation = Math.sqrt(squares / (2 * data.count));
      expect(Math.abs(deviation / mixture.deviation - 1)).toBeLessThan(0.03);
      // Each mode is drawn with probability 1/K: every one appears.
      expect(Math.min(...counts)).toBeGreaterThan(0);
      expect(make(4000, 3).images).toEqual(data.images);
      expect(make(4000, 4).images).not.toEqual(data.images);
    }
  });

  it('refuse a count that is not a whole number >= 1, and unknown names', () => {
    expect(() => ringMixture(0, 1)).toThrow(
      'ringMixture: count must be a whole number >= 1, got 0');
    expect(() => mixtureNamed('spiral')).toThrow(DataError);
    expect(() => mixtureNamed('spiral')).toThrow(
      "mixture: unknown name 'spiral'; expected ring or grid");
    expect(mixtureNamed('grid')).toBe(GRID_MIXTURE);
  });
});
