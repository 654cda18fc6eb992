import { Random } from '../random.js';
import type { ImageDataset } from './dataset.js';
import { DataError } from './errors.js';

/**
 * A mixture of equally weighted isotropic Gaussians in the plane: the toy
 * data on which GAN papers show mode collapse (Metz et al., Unrolled GANs,
 * 2017; Srivastava et al., VEEGAN, 2017; Lin et al., PacGAN, 2018).
 */
export interface GaussianMixture {
  /** 'ring' or 'grid'. */
  name: 'ring' | 'grid';
  /** The centres, `[x0, y0, x1, y1, ...]`, one pair per mode. */
  modes: Float64Array;
  /** The standard deviation of every component, on each axis. */
  deviation: number;
}

/** Eight Gaussians on a circle of radius 1, deviation 0.01. */
export const RING_MIXTURE: GaussianMixture = {
  name: 'ring',
  modes: Float64Array.from({ length: 16 }, (_, i) => {
    const angle = (2 * Math.PI * Math.floor(i / 2)) / 8;
    return i % 2 === 0 ? Math.cos(angle) : Math.sin(angle);
  }),
  deviation: 0.01,
};

/** Twenty-five Gaussians on the grid {-4, -2, 0, 2, 4}^2, deviation 0.05. */
export const GRID_MIXTURE: GaussianMixture = {
  name: 'grid',
  modes: Float64Array.from({ length: 50 }, (_, i) => {
    const mode = Math.floor(i / 2);
    const index = i % 2 === 0 ? Math.floor(mode / 5) : mode % 5;
    return -4 + 2 * index;
  }),
  deviation: 0.05,
};

/** The mixture of a data set name: `ring` or `grid`. */
export function mixtureNamed(name: string): GaussianMixture {
  if (name === 'ring') return RING_MIXTURE;
  if (name === 'grid') return GRID_MIXTURE;
  throw new DataError('UNKNOWN_MIXTURE',
    `mixture: unknown name '${name}'; expected ring or grid`);
}

/**
 * `count` points drawn from `mixture` with `seed`: each picks a mode
 * uniformly, then adds normal noise of the mixture's deviation. The result
 * is an ImageDataset of shape [count, 1, 1, 2] (height 1, width 1, the two
 * coordinates as channels) whose `labels` are the modes drawn. Points keep
 * their coordinates: they are not mapped to [-1, 1].
 */
export function sampleMixture(
  mixture: GaussianMixture,
  count: number,
  seed: number,
): ImageDataset {
  if (!Number.isInteger(count) || count < 1) {
    throw new DataError('BAD_COUNT',
      `${mixture.name}Mixture: count must be a whole number >= 1, got ${count}`);
  }
  const random = new Random(seed);
  const modeCount = mixture.modes.length / 2;
  const images = new Float32Array(2 * count);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const mode = random.nextInt(modeCount);
    labels[i] = mode;
    images[2 * i] = mixture.modes[2 * mode] + mixture.deviation * random.normal();
    images[2 * i + 1] = mixture.modes[2 * mode + 1] + mixture.deviation * random.normal();
  }
  return {
    name: mixture.name, count, height: 1, width: 1, channels: 2,
    images, labels, classCount: modeCount,
  };
}

/** `count` points of the ring of eight Gaussians ({@link RING_MIXTURE}). */
export function ringMixture(count: number, seed: number): ImageDataset {
  return sampleMixture(RING_MIXTURE, count, seed);
}

/** `count` points of the grid of 25 Gaussians ({@link GRID_MIXTURE}). */
export function gridMixture(count: number, seed: number): ImageDataset {
  return sampleMixture(GRID_MIXTURE, count, seed);
}
