import { mean } from '../ops/reduce.js';
import { neg, softplus } from '../ops/unary.js';
import type { Tensor } from '../tensor.js';
import { discriminatorLoss } from './cross-entropy.js';
import type { GanLoss } from './gan-loss.js';

/**
 * The generator's side of the original minimax game (Goodfellow et al.,
 * 2014): it minimises mean log(1 - D(G(z))) = mean -softplus(logit). Its
 * gradient vanishes when the discriminator rejects the fakes (CASES L2),
 * which is why the paper itself suggests the non-saturating form.
 */
export function saturatingGeneratorLoss(fakeLogits: Tensor): Tensor {
  return mean(neg(softplus(fakeLogits)));
}

/** The minimax (saturating) objective: cross-entropy D, saturating G. */
export const minimaxLoss: GanLoss = {
  name: 'minimax',
  discriminator: discriminatorLoss,
  generator: saturatingGeneratorLoss,
  generatorNeedsReal: false,
  outputs: 'logits',
  smoothable: true,
};
