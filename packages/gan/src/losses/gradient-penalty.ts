import { grad } from '../autograd.js';
import { check } from '../errors.js';
import { add, mulPerSample, sub } from '../ops/binary.js';
import { mean, sum, sumTrailing } from '../ops/reduce.js';
import { addScalar, scale, sqrt, square } from '../ops/unary.js';
import { tensor, type Tensor } from '../tensor.js';

/**
 * Added under the square root of each norm: at a zero gradient the norm is
 * sqrt(epsilon), not 0, so that its derivative stays finite (CASES L6).
 */
export const NORM_EPSILON = 1e-12;

/**
 * Random points between real and fake samples, one weight per sample:
 * fake + weight * (real - fake), weight constant across that sample's
 * values (CASES L5). real, fake: [batch, ...]; weights: [batch].
 */
export function interpolate(real: Tensor, fake: Tensor, weights: Tensor): Tensor {
  check(real.size === fake.size && weights.size === real.shape[0],
    'SHAPE_MISMATCH', () =>
      `interpolate: real [${real.shape}], fake [${fake.shape}] and ` +
      `weights [${weights.shape}] must share the batch`);
  return add(fake, mulPerSample(sub(real, fake), weights));
}

/** The L2 norm of each sample of a gradient [batch, ...]: [batch]. */
export function perSampleNorms(gradients: Tensor): Tensor {
  return sqrt(addScalar(sumTrailing(square(gradients)), NORM_EPSILON));
}

/** lambda * mean over samples of (norm - 1)^2, from per-sample norms. */
export function penaltyFromNorms(norms: Tensor, lambda: number): Tensor {
  return scale(mean(square(addScalar(norms, -1))), lambda);
}

/**
 * The gradient penalty of WGAN-GP (Gulrajani et al., 2017):
 * lambda * mean_i (||grad_x C(x_i)|| - 1)^2 at interpolates x_i of real
 * and fake samples, with `weights` one U(0, 1) draw per sample. The input
 * gradient is a true gradient, recorded (createGraph) so that the penalty
 * can be differentiated with respect to the critic's weights.
 */
export function gradientPenalty(
  critic: (x: Tensor) => Tensor,
  real: Tensor,
  fake: Tensor,
  weights: Float32Array,
  lambda: number,
): Tensor {
  const batch = real.shape[0];
  const mixed = interpolate(real, fake, tensor(real.backend, weights, [batch]));
  // The interpolates are the leaf the input gradient is taken against.
  mixed.requiresGrad = true;
  const [inputGradient] = grad(sum(critic(mixed)), [mixed], { createGraph: true });
  return penaltyFromNorms(perSampleNorms(inputGradient), lambda);
}
