import { noGrad } from '../autograd.js';
import { sum } from '../ops/reduce.js';
import { square } from '../ops/unary.js';
import { tidy, type Tensor } from '../tensor.js';

/**
 * The L2 norm over all of a network's parameter gradients,
 * sqrt(sum over tensors of sum g^2), each tensor's sum taken by the
 * backend and the total in float64. NaN or infinity in any gradient makes
 * the norm NaN or infinite.
 */
export function gradientNorm(gradients: Tensor[]): number {
  let total = 0;
  tidy(() => noGrad(() => {
    for (const gradient of gradients) total += sum(square(gradient)).item();
  }));
  return Math.sqrt(total);
}
