import { sub } from '../ops/binary.js';
import { mean } from '../ops/reduce.js';
import { neg } from '../ops/unary.js';
import type { Tensor } from '../tensor.js';
import type { GanLoss } from './gan-loss.js';

/**
 * The Wasserstein critic loss (Arjovsky et al., 2017, WGAN):
 * mean C(fake) - mean C(real), the negated estimate of the Earth Mover's
 * distance. It needs a Lipschitz critic: weight clipping
 * (weight-clipping.ts) or a gradient penalty (gradient-penalty.ts).
 */
export function wassersteinCriticLoss(
  realScores: Tensor,
  fakeScores: Tensor,
): Tensor {
  return sub(mean(fakeScores), mean(realScores));
}

/** The Wasserstein generator loss: -mean C(fake). */
export function wassersteinGeneratorLoss(fakeScores: Tensor): Tensor {
  return neg(mean(fakeScores));
}

/** WGAN with weight clipping (Arjovsky et al., 2017). */
export const wassersteinClipLoss: GanLoss = {
  name: 'wasserstein-clip',
  discriminator: wassersteinCriticLoss,
  generator: wassersteinGeneratorLoss,
  generatorNeedsReal: false,
  outputs: 'scores',
  smoothable: false,
  lipschitz: 'clip',
};

/** WGAN-GP (Gulrajani et al., 2017): the penalty is added by the trainer. */
export const wassersteinGpLoss: GanLoss = {
  ...wassersteinClipLoss,
  name: 'wasserstein-gp',
  lipschitz: 'penalty',
};
