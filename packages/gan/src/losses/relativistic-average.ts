import { check } from '../errors.js';
import { add, sub } from '../ops/binary.js';
import { fill } from '../ops/creation.js';
import { mean } from '../ops/reduce.js';
import { sigmoidCrossEntropy } from '../ops/sigmoid-cross-entropy.js';
import type { Tensor } from '../tensor.js';
import type { DiscriminatorLossOptions, GanLoss } from './gan-loss.js';

/** mean BCE(logits, target) for a constant target. */
function crossEntropy(logits: Tensor, target: number): Tensor {
  return mean(sigmoidCrossEntropy(logits, fill(logits.backend, [], target)));
}

/**
 * The relativistic average discriminator loss (Jolicoeur-Martineau, 2018,
 * RaSGAN): D judges whether real data is more realistic than the average
 * fake and the reverse, mean BCE(C(real) - mean C(fake), 1 - smoothing) +
 * mean BCE(C(fake) - mean C(real), 0), C the raw output.
 */
export function relativisticDiscriminatorLoss(
  realLogits: Tensor,
  fakeLogits: Tensor,
  options: DiscriminatorLossOptions = {},
): Tensor {
  const smoothing = options.labelSmoothing ?? 0;
  return add(
    crossEntropy(sub(realLogits, mean(fakeLogits)), 1 - smoothing),
    crossEntropy(sub(fakeLogits, mean(realLogits)), 0),
  );
}

/**
 * The relativistic average generator loss, the same game with the roles
 * swapped: mean BCE(C(fake) - mean C(real), 1) +
 * mean BCE(C(real) - mean C(fake), 0). Both terms depend on the fakes.
 */
export function relativisticGeneratorLoss(
  fakeLogits: Tensor,
  realLogits?: Tensor,
): Tensor {
  check(realLogits !== undefined, 'BAD_ARGUMENT', () =>
    'relativisticGeneratorLoss: the real logits are required; the ' +
    'relativistic generator loss compares the fakes with the real batch');
  return add(
    crossEntropy(sub(fakeLogits, mean(realLogits)), 1),
    crossEntropy(sub(realLogits, mean(fakeLogits)), 0),
  );
}

/** RaSGAN (Jolicoeur-Martineau, 2018). */
export const relativisticAverageLoss: GanLoss = {
  name: 'relativistic-average',
  discriminator: relativisticDiscriminatorLoss,
  generator: relativisticGeneratorLoss,
  generatorNeedsReal: true,
  outputs: 'logits',
  smoothable: true,
};
