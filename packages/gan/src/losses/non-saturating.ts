import { fill } from '../ops/creation.js';
import { mean } from '../ops/reduce.js';
import { sigmoidCrossEntropy } from '../ops/sigmoid-cross-entropy.js';
import type { Tensor } from '../tensor.js';
import { discriminatorLoss } from './cross-entropy.js';
import type { GanLoss } from './gan-loss.js';

/**
 * The non-saturating generator loss (Goodfellow et al., 2014): mean
 * BCE(D(fake), 1) = mean softplus(-logit). It keeps a strong gradient when
 * the discriminator rejects the fakes, where log(1 - D(G(z))) saturates.
 * The target stays 1 whatever the label smoothing (CASES L3).
 */
export function generatorLoss(fakeLogits: Tensor): Tensor {
  const target = fill(fakeLogits.backend, [], 1);
  return mean(sigmoidCrossEntropy(fakeLogits, target));
}

/** The non-saturating objective: cross-entropy D, non-saturating G. */
export const nonSaturatingLoss: GanLoss = {
  name: 'non-saturating',
  discriminator: discriminatorLoss,
  generator: generatorLoss,
  generatorNeedsReal: false,
  outputs: 'logits',
  smoothable: true,
};
