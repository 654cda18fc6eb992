import type { GaussianMixture } from '../data/mixtures.js';
import { GanError } from '../errors.js';
import { binsCovered, histogram, klToUniform } from './histogram.js';

/** Samples the 2-D protocol draws from a generator. */
export const MODE_COVERAGE_SAMPLES = 2500;

/** How a generator's 2-D samples cover the modes of a Gaussian mixture. */
export interface ModeCoverage {
  /** Modes with at least one high-quality sample. */
  modesCovered: number;
  /** The mixture's modes: 8 for the ring, 25 for the grid. */
  modeCount: number;
  /** Percentage (0..100) of samples within 3 deviations of their nearest mode. */
  highQualityPercent: number;
  /**
   * KL (nats) between the histogram of high-quality samples over the modes
   * and the uniform distribution; NaN when no sample is of high quality.
   */
  modeKl: number;
}

/**
 * The mode-collapse protocol of the 2-D mixtures (Metz et al., Unrolled GANs,
 * 2017; Srivastava et al., VEEGAN, 2017): each sample goes to its nearest
 * mode and is of high quality when it lies within 3 standard deviations
 * (Euclidean distance) of it; a mode is covered when it has at least one
 * high-quality sample. The protocol draws {@link MODE_COVERAGE_SAMPLES}
 * samples; any count is accepted here. `points` is `[count, 2]` (or
 * `[count, 1, 1, 2]`): x, y pairs. A sample with a NaN coordinate is never
 * of high quality.
 */
export function modeCoverage(points: ArrayLike<number>, mixture: GaussianMixture): ModeCoverage {
  const count = points.length / 2;
  if (!Number.isInteger(count) || count < 1) {
    throw new GanError('BAD_ARGUMENT',
      `modeCoverage: points must hold x, y pairs, at least one; got ${points.length} values`);
  }

  const modeCount = mixture.modes.length / 2;
  const limit = 3 * mixture.deviation;
  const nearest = new Int32Array(count).fill(-1);
  let highQuality = 0;
  for (let i = 0; i < count; i++) {
    const x = points[2 * i];
    const y = points[2 * i + 1];
    let best = Infinity;
    let bestMode = -1;
    for (let mode = 0; mode < modeCount; mode++) {
      const distance = Math.hypot(x - mixture.modes[2 * mode], y - mixture.modes[2 * mode + 1]);
      if (distance < best) {
        best = distance;
        bestMode = mode;
      }
    }
    if (best <= limit) {
      nearest[i] = bestMode;
      highQuality++;
    }
  }

  const counts = histogram(nearest, modeCount);
  return {
    modesCovered: binsCovered(counts),
    modeCount,
    highQualityPercent: (100 * highQuality) / count,
    modeKl: klToUniform(counts),
  };
}
