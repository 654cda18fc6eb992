import { add } from '../ops/binary.js';
import { fill } from '../ops/creation.js';
import { mean } from '../ops/reduce.js';
import { sigmoidCrossEntropy } from '../ops/sigmoid-cross-entropy.js';
import type { Tensor } from '../tensor.js';
import type { DiscriminatorLossOptions } from './gan-loss.js';

/** Options of the cross-entropy discriminator loss. */
export type CrossEntropyOptions = DiscriminatorLossOptions;

/**
 * The discriminator's loss of the original GAN (Goodfellow et al., 2014):
 * mean BCE(D(real), 1 - smoothing) + mean BCE(D(fake), 0), computed from
 * logits so that it neither overflows nor saturates (CASES L1, L3). Both
 * the minimax and the non-saturating objectives train D with it.
 */
export function discriminatorLoss(
  realLogits: Tensor,
  fakeLogits: Tensor,
  options: CrossEntropyOptions = {},
): Tensor {
  const smoothing = options.labelSmoothing ?? 0;
  const realTarget = fill(realLogits.backend, [], 1 - smoothing);
  const fakeTarget = fill(fakeLogits.backend, [], 0);
  return add(
    mean(sigmoidCrossEntropy(realLogits, realTarget)),
    mean(sigmoidCrossEntropy(fakeLogits, fakeTarget)),
  );
}
