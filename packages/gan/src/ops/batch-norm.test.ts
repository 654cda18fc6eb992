import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { grad } from '../autograd.js';
import { createBackend, type Backend } from '../backend.js';
import { Random } from '../random.js';
import { checkGradients, expectClose, weightedSum } from '../test/gradient-check.js';
import { tidy, variable, type Tensor } from '../tensor.js';
import { batchNormTraining, composedBatchNorm } from './batch-norm.js';
import { mul } from './binary.js';
import { sum } from './reduce.js';
import { square } from './unary.js';

let backend: Backend;
beforeAll(async () => {
  backend = await createBackend();
});
afterAll(() => backend.dispose());

const random = new Random(11);

/** Float64 batch normalisation of rows x channels values. */
function reference(x: Float32Array, gamma: Float32Array, beta: Float32Array, epsilon: number) {
  const channels = gamma.length;
  const rows = x.length / channels;
  const output = new Float64Array(x.length);
  const means = new Float64Array(channels);
  const variances = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    let total = 0;
    for (let r = 0; r < rows; r++) total += x[r * channels + c];
    const mean = total / rows;
    let squares = 0;
    for (let r = 0; r < rows; r++) squares += (x[r * channels + c] - mean) ** 2;
    const variance = squares / rows;
    means[c] = mean;
    variances[c] = variance;
    for (let r = 0; r < rows; r++) {
      const i = r * channels + c;
      output[i] = ((x[i] - mean) / Math.sqrt(variance + epsilon)) * gamma[c] + beta[c];
    }
  }
  return { output, means, variances };
}

function inputs(shape: number[]) {
  const channels = shape[shape.length - 1];
  const size = shape.reduce((n, d) => n * d, 1);
  // An offset and a spread per channel, as real activations have.
  const x = random.normalArray(size).map((v, i) => v * (1 + (i % channels)) + 0.5 * (i % 3));
  return {
    x,
    gamma: random.uniformArray(channels, 0.5, 1.5),
    beta: random.uniformArray(channels, -0.5, 0.5),
  };
}

describe('batchNormTraining', () => {
  it('matches a float64 reference, and its statistics, on an awkward shape', () => {
    const shape = [7, 3, 5];
    const { x, gamma, beta } = inputs(shape);
    const expected = reference(x, gamma, beta, 1e-5);
    const [xt, gt, bt] = [variable(backend, x, shape), variable(backend, gamma, [5]),
      variable(backend, beta, [5])];
    const got = tidy(() => {
      const { output, mean, variance } = batchNormTraining(xt, gt, bt, 1e-5);
      return { output: output.dataSync(), mean: mean.dataSync(), variance: variance.dataSync() };
    });
    expectClose(got.output, Float32Array.from(expected.output), 'output', 1e-5, 1e-4);
    expectClose(got.mean, Float32Array.from(expected.means), 'mean', 1e-5, 1e-5);
    expectClose(got.variance, Float32Array.from(expected.variances), 'variance', 1e-5, 1e-4);
    [xt, gt, bt].forEach((t) => t.dispose());
  });

  it('gives the composed form forward bit for bit', () => {
    const shape = [37, 13];
    const { x, gamma, beta } = inputs(shape);
    const [xt, gt, bt] = [variable(backend, x, shape), variable(backend, gamma, [13]),
      variable(backend, beta, [13])];
    const [fused, composed] = tidy(() => [
      batchNormTraining(xt, gt, bt, 1e-3).output.dataSync(),
      composedBatchNorm(xt, gt, bt, 1e-3).dataSync(),
    ]);
    expect(fused).toEqual(composed);
    [xt, gt, bt].forEach((t) => t.dispose());
  });

  it('has gradients for x, gamma and beta that match central differences', () => {
    for (const shape of [[6, 5], [2, 3, 3, 4]]) {
      const { x, gamma, beta } = inputs(shape);
      const channels = shape[shape.length - 1];
      const reduce = weightedSum(backend, 3);
      checkGradients(backend, ([a, g, b]) => reduce(batchNormTraining(a, g, b, 1e-3).output),
        [x, gamma, beta], [shape, [channels], [channels]]);
    }
  });

  it('has the gradients of the composed form on a larger batch', () => {
    const shape = [64, 7, 7, 6];
    const { x, gamma, beta } = inputs(shape);
    const weights = random.normalArray(x.length);
    const [xt, gt, bt, wt] = [variable(backend, x, shape), variable(backend, gamma, [6]),
      variable(backend, beta, [6]), variable(backend, weights, shape)];
    const gradients = (norm: (a: Tensor, g: Tensor, b: Tensor) => Tensor) => tidy(() =>
      grad(sum(mul(norm(xt, gt, bt), wt)), [xt, gt, bt]).map((g) => g.dataSync()));
    const fused = gradients((a, g, b) => batchNormTraining(a, g, b, 1e-5).output);
    const composed = gradients((a, g, b) => composedBatchNorm(a, g, b, 1e-5));
    expectClose(fused[0], composed[0], 'dx', 1e-4, 1e-3);
    expectClose(fused[1], composed[1], 'dgamma', 1e-3, 1e-4);
    expectClose(fused[2], composed[2], 'dbeta', 1e-3, 1e-4);
    [xt, gt, bt, wt].forEach((t) => t.dispose());
  });

  it('differentiates its gradient again (createGraph) like the composed form', () => {
    const shape = [9, 4];
    const { x, gamma, beta } = inputs(shape);
    const weights = random.normalArray(x.length);
    const [xt, gt, bt, wt] = [variable(backend, x, shape), variable(backend, gamma, [4]),
      variable(backend, beta, [4]), variable(backend, weights, shape)];
    // d/d(x, gamma) of |d/dx sum(w * bn(x))|^2.
    const second = (norm: (a: Tensor, g: Tensor, b: Tensor) => Tensor) => tidy(() => {
      const [dx] = grad(sum(mul(norm(xt, gt, bt), wt)), [xt], { createGraph: true });
      return grad(sum(square(dx)), [xt, gt]).map((g) => g.dataSync());
    });
    const fused = second((a, g, b) => batchNormTraining(a, g, b, 1e-3).output);
    const composed = second((a, g, b) => composedBatchNorm(a, g, b, 1e-3));
    expectClose(fused[0], composed[0], 'd2/dx', 1e-4, 1e-4);
    expectClose(fused[1], composed[1], 'd2/dgamma', 1e-4, 1e-4);
    expect(fused[0].some((v) => v !== 0)).toBe(true);
    [xt, gt, bt, wt].forEach((t) => t.dispose());
  });

  it('names the mismatch of gamma and the channels', () => {
    const xt = variable(backend, new Float32Array(12), [3, 4]);
    const gt = variable(backend, new Float32Array(3), [3]);
    expect(() => tidy(() => batchNormTraining(xt, gt, gt, 1e-5)))
      .toThrow('batchNorm: gamma and beta need 4 values (the last axis of [3,4]), got 3 and 3');
    xt.dispose();
    gt.dispose();
  });
});
