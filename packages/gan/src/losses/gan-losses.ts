import { mean } from '../ops/reduce.js';
import { sigmoidCrossEntropy } from '../ops/sigmoid-cross-entropy.js';
import { fill } from '../ops/creation.js';
import { add } from '../ops/binary.js';
import type { Tensor } from '../tensor.js';
import { neg, softplus } from '../ops/unary.js';

/** Options of the cross-entropy GAN losses. */
export interface CrossEntropyOptions {
  /**
   * One-sided label smoothing (Salimans et al., 2016): the target for real
   * samples becomes 1 - smoothing; fake targets stay 0.
   */
  labelSmoothing?: number;
}

/**
 * The discriminator's loss of the original GAN (Goodfellow et al., 2014):
 * mean BCE(D(real), 1) + mean BCE(D(fake), 0), computed from logits.
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

/**
 * The non-saturating generator loss: mean BCE(D(fake), 1) =
 * mean softplus(-logit). It keeps a strong gradient when the discriminator
 * rejects the fakes, where log(1 - D(G(z))) would saturate.
 */
export function generatorLoss(fakeLogits: Tensor): Tensor {
  const target = fill(fakeLogits.backend, [], 1);
  return mean(sigmoidCrossEntropy(fakeLogits, target));
}

/**
 * The generator's side of the original minimax game: it minimises
 * mean log(1 - D(G(z))) = mean -softplus(logit). Kept for comparison: its
 * gradient vanishes when the discriminator rejects the fakes (CASES L2).
 */
export function saturatingGeneratorLoss(fakeLogits: Tensor): Tensor {
  return mean(neg(softplus(fakeLogits)));
}
