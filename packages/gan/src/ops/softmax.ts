import { record } from '../autograd.js';
import { check } from '../errors.js';
import { empty, type Tensor } from '../tensor.js';
import { binary, mul } from './binary.js';
import { sumTrailing } from './reduce.js';

/**
 * Softmax over the last dimension of `logits` [rows, classes]:
 * e^(l_j - max l) / sum_k e^(l_k - max l), so that large logits never
 * overflow. The forward pass runs on the host in float64 (core-wasm has no
 * row-maximum kernel; the class counts of the metrics' classifier are small).
 * Gradient: dx = y * (dy - sum_k dy_k y_k), written with differentiable
 * operations, so gradients of gradients work.
 */
export function softmax(logits: Tensor): Tensor {
  logits.assertAlive('softmax');
  check(logits.rank === 2 && logits.shape[1] > 0, 'SHAPE_MISMATCH', () =>
    `softmax: logits must be [rows, classes] with classes >= 1, ` +
    `got [${logits.shape}]`);

  const [rows, classes] = logits.shape;
  const values = logits.dataSync();
  const result = new Float32Array(values.length);
  for (let row = 0; row < rows; row++) {
    const offset = row * classes;
    let largest = -Infinity;
    for (let j = 0; j < classes; j++) {
      largest = Math.max(largest, values[offset + j]);
    }
    let total = 0;
    for (let j = 0; j < classes; j++) {
      const e = Math.exp(values[offset + j] - largest);
      result[offset + j] = e;
      total += e;
    }
    for (let j = 0; j < classes; j++) result[offset + j] /= total;
  }
  const y = empty(logits.backend, logits.shape);
  logits.backend.write(y.dataId, result);

  return record(y, 'softmax', [logits], (dy) => {
    const weighted = sumTrailing(mul(dy, y));
    return [mul(y, binary('sub', dy, weighted, 'block'))];
  });
}
