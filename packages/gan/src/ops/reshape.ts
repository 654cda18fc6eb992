import { record } from '../autograd.js';
import { check } from '../errors.js';
import { empty, sizeOf, type Tensor } from '../tensor.js';

/**
 * The same values in a new shape (row-major order is kept). One dimension
 * may be -1 and is then inferred. The values are copied.
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  x.assertAlive('reshape');
  const target = inferShape(x, shape);
  const y = empty(x.backend, target);
  x.backend.unary('copy', x.dataId, y.dataId, x.size);
  return record(y, 'reshape', [x], (dy) => [reshape(dy, x.shape)]);
}

/** Flattens every dimension after the first: [batch, ...] to [batch, n]. */
export function flatten(x: Tensor): Tensor {
  return reshape(x, [x.shape[0], -1]);
}

function inferShape(x: Tensor, shape: readonly number[]): number[] {
  const unknown = shape.indexOf(-1);
  const known = sizeOf(shape.filter((d) => d !== -1));
  const target = [...shape];
  if (unknown >= 0) {
    check(known > 0 && x.size % known === 0, 'SHAPE_MISMATCH', () =>
      `reshape: cannot infer -1 in [${shape}] for ${x.size} values`);
    target[unknown] = x.size / known;
  }
  check(sizeOf(target) === x.size, 'SHAPE_MISMATCH', () =>
    `reshape: shape [${shape}] holds ${sizeOf(target)} values, ` +
    `tensor of shape [${x.shape}] has ${x.size}`);
  return target;
}
