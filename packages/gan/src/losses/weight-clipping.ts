import type { Tensor } from '../tensor.js';

/**
 * WGAN's weight clipping (Arjovsky et al., 2017): after each critic step,
 * every critic parameter is clamped in place to [-clipValue, clipValue], a
 * crude way to keep the critic Lipschitz.
 */
export function clipWeights(parameters: Tensor[], clipValue: number): void {
  for (const parameter of parameters) {
    parameter.assertAlive('clipWeights');
    parameter.backend.unary('clip', parameter.dataId, parameter.dataId,
      parameter.size, -clipValue, clipValue);
  }
}
