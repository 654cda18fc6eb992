import type { UnaryOp } from '@simdgan/core-wasm';
import { record } from '../autograd.js';
import { empty, type Tensor } from '../tensor.js';
import { mul } from './binary.js';

/** Applies an elementwise kernel; the result has the input's shape. */
function apply(op: UnaryOp, x: Tensor, alpha = 0, beta = 0): Tensor {
  x.assertAlive(op);
  const y = empty(x.backend, x.shape);
  x.backend.unary(op, x.dataId, y.dataId, x.size, alpha, beta);
  return y;
}

/** -x */
export function neg(x: Tensor): Tensor {
  return record(apply('neg', x), 'neg', [x], (dy) => [neg(dy)]);
}

/** factor * x */
export function scale(x: Tensor, factor: number): Tensor {
  return record(apply('scale', x, factor), 'scale', [x],
    (dy) => [scale(dy, factor)]);
}

/** x + value */
export function addScalar(x: Tensor, value: number): Tensor {
  return record(apply('addScalar', x, value), 'addScalar', [x],
    (dy) => [dy]);
}

/** e^x */
export function exp(x: Tensor): Tensor {
  const y = apply('exp', x);
  return record(y, 'exp', [x], (dy) => [mul(dy, y)]);
}

/** Natural logarithm. */
export function log(x: Tensor): Tensor {
  return record(apply('log', x), 'log', [x],
    (dy) => [mul(dy, reciprocal(x))]);
}

/** Square root. */
export function sqrt(x: Tensor): Tensor {
  const y = apply('sqrt', x);
  return record(y, 'sqrt', [x],
    (dy) => [mul(dy, scale(reciprocal(y), 0.5))]);
}

/** x^2 */
export function square(x: Tensor): Tensor {
  return record(apply('square', x), 'square', [x],
    (dy) => [mul(dy, scale(x, 2))]);
}

/** 1 / x */
export function reciprocal(x: Tensor): Tensor {
  const y = apply('reciprocal', x);
  return record(y, 'reciprocal', [x],
    (dy) => [neg(mul(dy, square(y)))]);
}

/** |x|; its gradient at 0 is taken as 0. */
export function abs(x: Tensor): Tensor {
  return record(apply('abs', x), 'abs', [x], (dy) => [mul(dy, sign(x))]);
}

/** -1, 0 or 1; no gradient flows through it. */
export function sign(x: Tensor): Tensor {
  return apply('sign', x);
}

/** 1 where x > 0, else 0; no gradient flows through it. */
export function step(x: Tensor): Tensor {
  return apply('step', x);
}

/** max(x, 0) */
export function relu(x: Tensor): Tensor {
  return record(apply('relu', x), 'relu', [x], (dy) => [mul(dy, step(x))]);
}

/** x for x > 0, else alpha * x. */
export function leakyRelu(x: Tensor, alpha = 0.2): Tensor {
  return record(apply('leakyRelu', x, alpha), 'leakyRelu', [x],
    (dy) => [mul(dy, apply('leakyStep', x, alpha))]);
}

/** Hyperbolic tangent. */
export function tanh(x: Tensor): Tensor {
  const y = apply('tanh', x);
  // d tanh = 1 - tanh^2
  return record(y, 'tanh', [x],
    (dy) => [mul(dy, addScalar(neg(square(y)), 1))]);
}

/** The logistic function 1 / (1 + e^-x). */
export function sigmoid(x: Tensor): Tensor {
  const y = apply('sigmoid', x);
  // d sigmoid = y (1 - y)
  return record(y, 'sigmoid', [x],
    (dy) => [mul(dy, mul(y, addScalar(neg(y), 1)))]);
}

/** log(1 + e^x), computed without overflow for large |x|. */
export function softplus(x: Tensor): Tensor {
  return record(apply('softplus', x), 'softplus', [x],
    (dy) => [mul(dy, sigmoid(x))]);
}

/** Clamps to [low, high]; the gradient passes only inside the range. */
export function clip(x: Tensor, low: number, high: number): Tensor {
  return record(apply('clip', x, low, high), 'clip', [x], (dy) => {
    // Inside the range exactly when step(x - low) and step(high - x).
    const inside = mul(step(addScalar(x, -low)), step(addScalar(neg(x), high)));
    return [mul(dy, inside)];
  });
}
