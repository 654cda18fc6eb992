import { record } from '../autograd.js';
import { check } from '../errors.js';
import { empty, type Tensor } from '../tensor.js';
import { binary, sub } from './binary.js';
import { sigmoid } from './unary.js';

/**
 * Binary cross-entropy of sigmoid(logits) against targets, per element,
 * computed from the logits so that it neither overflows nor loses
 * precision: max(l, 0) - l t + log(1 + e^-|l|). `targets` has the logits'
 * shape or is a scalar. Gradient with respect to the logits: sigmoid(l) - t.
 */
export function sigmoidCrossEntropy(logits: Tensor, targets: Tensor): Tensor {
  logits.assertAlive('sigmoidCrossEntropy');
  targets.assertAlive('sigmoidCrossEntropy');
  check(targets.size === logits.size || targets.size === 1,
    'SHAPE_MISMATCH', () =>
      `sigmoidCrossEntropy: targets of shape [${targets.shape}] must match ` +
      `logits of shape [${logits.shape}] or be a scalar`);

  const y = empty(logits.backend, logits.shape);
  logits.backend.sigmoidCrossEntropy(logits.dataId, targets.dataId, y.dataId,
    logits.size, targets.size);

  // Targets are constants here (labels, smoothed labels): no gradient.
  return record(y, 'sigmoidCrossEntropy', [logits, targets], (dy) => [
    binary('mul', dy, sub(sigmoid(logits), targets), 'same'),
    null,
  ]);
}
