import { noGrad } from '../autograd.js';
import { check } from '../errors.js';
import { sub } from '../ops/binary.js';
import { meanLeading, sum } from '../ops/reduce.js';
import { flatten } from '../ops/reshape.js';
import { square } from '../ops/unary.js';
import type { Tensor } from '../tensor.js';

/**
 * Feature matching (Salimans et al., 2016): the generator matches the
 * batch mean of an intermediate discriminator layer on real data,
 * ||mean f(real) - mean f(fake)||^2, a squared distance summed over
 * features (CASES L4: 5.0 for real [[1,2],[3,4]] and fake [[2,0],[0,2]]).
 * features: [batch, ...]; each sample is flattened. The real side is a
 * constant: no gradient reaches the discriminator through it.
 */
export function featureMatchingLoss(
  realFeatures: Tensor,
  fakeFeatures: Tensor,
): Tensor {
  const realMean = noGrad(() => meanLeading(flatten(realFeatures)));
  const fakeMean = meanLeading(flatten(fakeFeatures));
  check(realMean.size === fakeMean.size, 'SHAPE_MISMATCH', () =>
    `featureMatchingLoss: real features [${realFeatures.shape}] and fake ` +
    `features [${fakeFeatures.shape}] differ per sample`);
  return sum(square(sub(fakeMean, realMean)));
}
