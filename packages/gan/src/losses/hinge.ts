import { add } from '../ops/binary.js';
import { mean } from '../ops/reduce.js';
import { addScalar, neg, relu } from '../ops/unary.js';
import type { Tensor } from '../tensor.js';
import type { GanLoss } from './gan-loss.js';

/**
 * The hinge discriminator loss (Lim and Ye, 2017, "Geometric GAN"; used by
 * Miyato et al., 2018 with spectral normalisation):
 * mean relu(1 - D(real)) + mean relu(1 + D(fake)).
 */
export function hingeDiscriminatorLoss(
  realLogits: Tensor,
  fakeLogits: Tensor,
): Tensor {
  return add(
    mean(relu(addScalar(neg(realLogits), 1))),
    mean(relu(addScalar(fakeLogits, 1))),
  );
}

/** The hinge generator loss: -mean D(fake). */
export function hingeGeneratorLoss(fakeLogits: Tensor): Tensor {
  return neg(mean(fakeLogits));
}

/** The hinge objective. Label smoothing has no meaning for it. */
export const hingeLoss: GanLoss = {
  name: 'hinge',
  discriminator: hingeDiscriminatorLoss,
  generator: hingeGeneratorLoss,
  generatorNeedsReal: false,
  outputs: 'scores',
  smoothable: false,
};
