import { record } from '../autograd.js';
import { check } from '../errors.js';
import { empty, type Tensor } from '../tensor.js';
import { binary, sub } from './binary.js';
import { sumTrailing } from './reduce.js';
import { softmax } from './softmax.js';

/**
 * Cross-entropy between the softmax of `logits` [rows, classes] and target
 * distributions `targets` [rows, classes] (one-hot labels or any rows of
 * non-negative weights), one loss per row, shape [rows]:
 *   loss_i = sum_j t_ij (logsumexp(l_i) - l_ij),
 * computed from the logits with the maximum subtracted, so it neither
 * overflows nor takes the log of 0. The forward pass runs on the host in
 * float64 (see softmax). Gradient with respect to the logits:
 * dy_i (softmax(l_i)_j sum_k t_ik - t_ij); targets are constants (labels)
 * and get no gradient.
 */
export function softmaxCrossEntropy(logits: Tensor, targets: Tensor): Tensor {
  logits.assertAlive('softmaxCrossEntropy');
  targets.assertAlive('softmaxCrossEntropy');
  check(logits.rank === 2 && logits.shape[1] > 0, 'SHAPE_MISMATCH', () =>
    `softmaxCrossEntropy: logits must be [rows, classes] with classes >= 1, ` +
    `got [${logits.shape}]`);
  check(targets.rank === 2 && targets.shape[0] === logits.shape[0] &&
    targets.shape[1] === logits.shape[1], 'SHAPE_MISMATCH', () =>
    `softmaxCrossEntropy: targets of shape [${targets.shape}] must match ` +
    `logits of shape [${logits.shape}]`);

  const [rows, classes] = logits.shape;
  const l = logits.dataSync();
  const t = targets.dataSync();
  const losses = new Float32Array(rows);
  for (let row = 0; row < rows; row++) {
    const offset = row * classes;
    let largest = -Infinity;
    for (let j = 0; j < classes; j++) largest = Math.max(largest, l[offset + j]);
    let total = 0;
    for (let j = 0; j < classes; j++) total += Math.exp(l[offset + j] - largest);
    const logSumExp = largest + Math.log(total);
    let loss = 0;
    for (let j = 0; j < classes; j++) {
      const weight = t[offset + j];
      if (weight !== 0) loss += weight * (logSumExp - l[offset + j]);
    }
    losses[row] = loss;
  }
  const y = empty(logits.backend, [rows]);
  logits.backend.write(y.dataId, losses);

  return record(y, 'softmaxCrossEntropy', [logits, targets], (dy) => {
    const targetMass = sumTrailing(targets);
    const predicted = binary('mul', softmax(logits), targetMass, 'block');
    return [binary('mul', sub(predicted, targets), dy, 'block'), null];
  });
}
