import { grad, isRecording, record } from '../autograd.js';
import { check } from '../errors.js';
import { empty, type Tensor } from '../tensor.js';
import { add, mul, sub } from './binary.js';
import { meanLeading, sum } from './reduce.js';
import { reshape } from './reshape.js';
import { addScalar, reciprocal, sqrt, square } from './unary.js';

/** The batch statistics of {@link batchNormTraining}, for running averages. */
export interface BatchNormResult {
  output: Tensor;
  /** Per-channel batch mean [channels]; not differentiable. */
  mean: Tensor;
  /** Per-channel biased batch variance [channels]; not differentiable. */
  variance: Tensor;
}

/**
 * Batch normalisation over the last axis in training mode, as one operation:
 * y = (x - mean) / sqrt(variance + epsilon) * gamma + beta with the batch's
 * mean and biased variance per channel. It keeps only the normalised input
 * and the inverse deviations for its backward pass (composed of elementwise
 * operations, it would keep seven tensors the size of x), and its backward
 * pass is the closed form
 *   dx = gamma / sigma * (dy - mean(dy) - xhat * mean(dy * xhat)),
 * dgamma = sum(dy * xhat), dbeta = sum(dy). Differentiated twice (createGraph),
 * it falls back to the composed form, so gradients of gradients stay exact.
 */
export function batchNormTraining(
  x: Tensor,
  gamma: Tensor,
  beta: Tensor,
  epsilon: number,
): BatchNormResult {
  x.assertAlive('batchNorm');
  const channels = x.shape[x.rank - 1];
  check(gamma.size === channels && beta.size === channels, 'SHAPE_MISMATCH', () =>
    `batchNorm: gamma and beta need ${channels} values (the last axis of [${x.shape}]), ` +
    `got ${gamma.size} and ${beta.size}`);
  const rows = x.size / channels;
  check(rows > 0, 'EMPTY', () => `batchNorm: tensor of shape [${x.shape}] is empty`);
  const backend = x.backend;

  const mean = empty(backend, [channels]);
  backend.sumRows(x.dataId, mean.dataId, rows, channels);
  backend.unary('scale', mean.dataId, mean.dataId, channels, channels / x.size);
  // normalised holds x - mean, then (x - mean) / sigma.
  const normalised = empty(backend, x.shape);
  backend.binary('sub', x.dataId, mean.dataId, normalised.dataId, x.size, channels, 'cycle');
  const squares = backend.alloc(x.size);
  backend.unary('square', normalised.dataId, squares, x.size);
  const variance = empty(backend, [channels]);
  backend.sumRows(squares, variance.dataId, rows, channels);
  backend.free(squares);
  backend.unary('scale', variance.dataId, variance.dataId, channels, channels / x.size);
  const inverseDeviation = empty(backend, [channels]);
  backend.unary('addScalar', variance.dataId, inverseDeviation.dataId, channels, epsilon);
  backend.unary('sqrt', inverseDeviation.dataId, inverseDeviation.dataId, channels);
  backend.unary('reciprocal', inverseDeviation.dataId, inverseDeviation.dataId, channels);
  backend.binary('mul', normalised.dataId, inverseDeviation.dataId, normalised.dataId,
    x.size, channels, 'cycle');
  const output = empty(backend, x.shape);
  backend.binary('mul', normalised.dataId, gamma.dataId, output.dataId, x.size, channels,
    'cycle');
  backend.binary('add', output.dataId, beta.dataId, output.dataId, x.size, channels, 'cycle');

  record(output, 'batchNorm', [x, gamma, beta], (dy, needed) => {
    if (isRecording()) return composedGradients(x, gamma, beta, epsilon, dy);
    const dyData = dy.dataId;
    const dbeta = empty(backend, [channels]);
    backend.sumRows(dyData, dbeta.dataId, rows, channels);
    const products = empty(backend, x.shape);
    backend.binary('mul', dyData, normalised.dataId, products.dataId, x.size, x.size, 'cycle');
    const dgamma = empty(backend, [channels]);
    backend.sumRows(products.dataId, dgamma.dataId, rows, channels);
    if (!needed[0]) return [null, dgamma, dbeta];
    // dx = gamma / sigma / rows * (rows * dy - dbeta - xhat * dgamma)
    const dx = empty(backend, x.shape);
    backend.binary('mul', normalised.dataId, dgamma.dataId, products.dataId, x.size,
      channels, 'cycle');
    backend.unary('scale', dyData, dx.dataId, x.size, rows);
    backend.binary('sub', dx.dataId, products.dataId, dx.dataId, x.size, x.size, 'cycle');
    backend.binary('sub', dx.dataId, dbeta.dataId, dx.dataId, x.size, channels, 'cycle');
    const factor = empty(backend, [channels]);
    backend.binary('mul', gamma.dataId, inverseDeviation.dataId, factor.dataId, channels,
      channels, 'cycle');
    backend.unary('scale', factor.dataId, factor.dataId, channels, 1 / rows);
    backend.binary('mul', dx.dataId, factor.dataId, dx.dataId, x.size, channels, 'cycle');
    return [dx, dgamma, dbeta];
  });
  return { output, mean, variance };
}

/**
 * Batch normalisation composed of differentiable operations, the reference
 * that {@link batchNormTraining} must match; its gradients can be
 * differentiated again.
 */
export function composedBatchNorm(
  x: Tensor,
  gamma: Tensor,
  beta: Tensor,
  epsilon: number,
): Tensor {
  const channels = x.shape[x.rank - 1];
  const rows = reshape(x, [-1, channels]);
  const centered = sub(rows, meanLeading(rows));
  const variance = meanLeading(square(centered));
  const inverseDeviation = reciprocal(sqrt(addScalar(variance, epsilon)));
  return reshape(add(mul(mul(centered, inverseDeviation), gamma), beta), x.shape);
}

/** Gradients of sum(dy * batchNorm(x)) by the composed form, recorded. */
function composedGradients(
  x: Tensor,
  gamma: Tensor,
  beta: Tensor,
  epsilon: number,
  dy: Tensor,
): Tensor[] {
  // No tidy: with createGraph every tensor made here is part of the graph.
  return grad(sum(mul(composedBatchNorm(x, gamma, beta, epsilon), dy)),
    [x, gamma, beta], { createGraph: true });
}
