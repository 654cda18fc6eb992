import { binsCovered, histogram, klToUniform } from './histogram.js';

/** How the predicted classes of generated images spread over the classes. */
export interface ClassCoverage {
  /** Classes predicted for at least one sample. */
  classesCovered: number;
  /** KL (nats) between the predicted-class histogram and uniform. */
  classKl: number;
}

/**
 * Class coverage of generated digits (as in the mode-collapse literature,
 * e.g. Che et al., Mode Regularized GANs, 2017): the classes that a
 * classifier predicts at least once among `predicted` (class indices in
 * [0, classCount)), and KL(p || uniform) of the predicted-class histogram p,
 * 0 for perfectly even classes and log classCount for a single one.
 */
export function classCoverage(predicted: ArrayLike<number>, classCount: number): ClassCoverage {
  const counts = histogram(predicted, classCount);
  return { classesCovered: binsCovered(counts), classKl: klToUniform(counts) };
}
