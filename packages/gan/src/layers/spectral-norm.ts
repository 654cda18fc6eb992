import { noGrad } from '../autograd.js';
import type { Backend } from '../backend.js';
import { div, mul } from '../ops/binary.js';
import { matmul } from '../ops/matmul.js';
import { sum } from '../ops/reduce.js';
import { reshape } from '../ops/reshape.js';
import { addScalar, reciprocal, sqrt, square } from '../ops/unary.js';
import type { Random } from '../random.js';
import { keep, tensor, tidy, type Tensor } from '../tensor.js';
import type { NamedTensor } from './layer.js';

/** Power iterations when a layer is built, so that sigma starts close. */
const INITIAL_ITERATIONS = 15;
const EPSILON = 1e-12;

/**
 * Spectral normalisation (Miyato et al., 2018) of one weight: the layer
 * uses W / sigma(W), sigma the largest singular value of W seen as a
 * [rows, columns] matrix (a dense weight [inFeatures, units]; a filter
 * [kernelHeight * kernelWidth * inChannels, outChannels]).
 *
 * sigma is estimated as v^T W u from persistent vectors u [columns, 1] and
 * v [rows, 1], refined by one power iteration per training step (call
 * {@link SpectralNorm.powerIteration}); gradients treat u and v as
 * constants, as in the paper. u and v are buffers: saved in checkpoints.
 */
export interface SpectralNorm {
  /** W / sigma for the current u and v; differentiable in W. */
  normalise(weight: Tensor): Tensor;
  /** v = normalise(W u), then u = normalise(W^T v), in place. */
  powerIteration(weight: Tensor): void;
  /** The current estimate v^T W u, as a number. */
  sigma(weight: Tensor): number;
  /** u and v, named 'u' and 'v'. */
  buffers(): NamedTensor[];
}

/** Makes the u and v of a [rows, columns] weight: u drawn from `random`. */
export function spectralNorm(
  backend: Backend,
  random: Random,
  rows: number,
  columns: number,
): SpectralNorm {
  const u = keep(tensor(backend, random.normalArray(columns), [columns, 1]));
  const v = keep(tensor(backend, new Float32Array(rows), [rows, 1]));
  const matrix = (weight: Tensor) =>
    weight.rank === 2 ? weight : reshape(weight, [rows, columns]);
  const estimate = (weight: Tensor) =>
    matmul(v, matmul(matrix(weight), u), true, false);

  const iterate = (weight: Tensor) => tidy(() => noGrad(() => {
    const m = matrix(weight);
    const nextV = unit(matmul(m, u));
    backend.unary('copy', nextV.dataId, v.dataId, rows);
    const nextU = unit(matmul(m, v, true, false));
    backend.unary('copy', nextU.dataId, u.dataId, columns);
  }));

  return {
    normalise: (weight) => div(weight, estimate(weight)),
    powerIteration: iterate,
    sigma: (weight) => tidy(() => noGrad(() => estimate(weight).item())),
    buffers: () => [{ name: 'u', tensor: u }, { name: 'v', tensor: v }],
  };
}

/** Runs the first power iterations of a freshly built layer. */
export function warmUp(norm: SpectralNorm, weight: Tensor): void {
  for (let i = 0; i < INITIAL_ITERATIONS; i++) norm.powerIteration(weight);
}

/** x / (||x|| + epsilon). */
function unit(x: Tensor): Tensor {
  return mul(x, reciprocal(addScalar(sqrt(sum(square(x))), EPSILON)));
}
