import { add } from '../ops/binary.js';
import { mean } from '../ops/reduce.js';
import { addScalar, scale, square } from '../ops/unary.js';
import type { Tensor } from '../tensor.js';
import type { DiscriminatorLossOptions, GanLoss } from './gan-loss.js';

/**
 * The least-squares discriminator loss (Mao et al., 2017, LSGAN) with the
 * 0-1 coding a = 0 (fake), b = 1 (real): 0.5 mean (D(real) - b)^2 +
 * 0.5 mean D(fake)^2 on raw outputs. One-sided smoothing sets b = 1 - s.
 */
export function leastSquaresDiscriminatorLoss(
  realLogits: Tensor,
  fakeLogits: Tensor,
  options: DiscriminatorLossOptions = {},
): Tensor {
  const realTarget = 1 - (options.labelSmoothing ?? 0);
  return scale(add(
    mean(square(addScalar(realLogits, -realTarget))),
    mean(square(fakeLogits)),
  ), 0.5);
}

/** The least-squares generator loss with c = 1: 0.5 mean (D(fake) - 1)^2. */
export function leastSquaresGeneratorLoss(fakeLogits: Tensor): Tensor {
  return scale(mean(square(addScalar(fakeLogits, -1))), 0.5);
}

/** LSGAN (Mao et al., 2017). */
export const leastSquaresLoss: GanLoss = {
  name: 'least-squares',
  discriminator: leastSquaresDiscriminatorLoss,
  generator: leastSquaresGeneratorLoss,
  generatorNeedsReal: false,
  outputs: 'scores',
  smoothable: true,
};
