import { describe, expect, it } from 'vitest';

import { GRID_MIXTURE, gridMixture, RING_MIXTURE, ringMixture } from '../data/mixtures.js';
import { modeCoverage, MODE_COVERAGE_SAMPLES } from './mode-coverage.js';

/** `count` points cycling over the given modes of a mixture, exactly on them. */
function onModes(modes: Float64Array, chosen: number[], count: number): Float32Array {
  const points = new Float32Array(2 * count);
  for (let i = 0; i < count; i++) {
    const mode = chosen[i % chosen.length];
    points.set([modes[2 * mode], modes[2 * mode + 1]], 2 * i);
  }
  return points;
}

describe('modeCoverage', () => {
  it('counts 1 mode, 100% high quality and KL log 8 when every sample sits on one mode', () => {
    const points = onModes(RING_MIXTURE.modes, [3], MODE_COVERAGE_SAMPLES);
    expect(modeCoverage(points, RING_MIXTURE)).toEqual({
      modesCovered: 1, modeCount: 8, highQualityPercent: 100, modeKl: Math.log(8),
    });
  });

  it('gives KL 0 for samples spread evenly over all 25 grid modes', () => {
    const all = Array.from({ length: 25 }, (_, m) => m);
    const result = modeCoverage(onModes(GRID_MIXTURE.modes, all, 2500), GRID_MIXTURE);
    expect(result).toEqual({
      modesCovered: 25, modeCount: 25, highQualityPercent: 100, modeKl: 0,
    });
  });

  it('draws the high-quality line at 3 deviations, and counts only those samples', () => {
    // Ring deviation 0.01: 0.0299 from mode 0 is in, 0.0301 is out.
    const inside = [1 + 0.0299, 0];
    const outside = [1, 0.0301];
    const far = [0, 0];
    const result = modeCoverage([...inside, ...outside, ...far, 0, 1], RING_MIXTURE);
    expect(result.modesCovered).toBe(2);
    expect(result.highQualityPercent).toBe(50);
    // Two high-quality samples on two modes of 8: KL = log(8 / 2).
    expect(result.modeKl).toBeCloseTo(Math.log(4), 15);
  });

  it('reports KL NaN when no sample is of high quality, and NaN points as low quality', () => {
    const result = modeCoverage([0, 0, NaN, 1, 10, 10], RING_MIXTURE);
    expect(result.modesCovered).toBe(0);
    expect(result.highQualityPercent).toBe(0);
    expect(result.modeKl).toBeNaN();
  });

  it('finds every mode of real data with about 98.9% high quality', () => {
    // For an isotropic 2-D Gaussian, P(r <= 3 sigma) = 1 - e^(-4.5) = 0.98889.
    for (const [data, mixture] of [
      [ringMixture(MODE_COVERAGE_SAMPLES, 1), RING_MIXTURE],
      [gridMixture(MODE_COVERAGE_SAMPLES, 2), GRID_MIXTURE],
    ] as const) {
      const result = modeCoverage(data.images, mixture);
      expect(result.modesCovered).toBe(mixture.modes.length / 2);
      expect(Math.abs(result.highQualityPercent - 98.889)).toBeLessThan(0.7);
      expect(result.modeKl).toBeLessThan(0.02);
    }
  });

  it('refuses an odd number of coordinates', () => {
    expect(() => modeCoverage([1, 2, 3], RING_MIXTURE)).toThrow(
      'modeCoverage: points must hold x, y pairs, at least one; got 3 values');
  });
});
