import type { Backend } from '../backend.js';
import { empty, type Tensor } from '../tensor.js';

/** A tensor of the given shape with every value equal to `value`. */
export function fill(
  backend: Backend,
  shape: readonly number[],
  value: number,
): Tensor {
  const result = empty(backend, shape);
  backend.unary('fill', result.dataId, result.dataId, result.size, value);
  return result;
}

/** A tensor of zeros. */
export function zeros(backend: Backend, shape: readonly number[]): Tensor {
  return fill(backend, shape, 0);
}

/** A tensor of ones. */
export function ones(backend: Backend, shape: readonly number[]): Tensor {
  return fill(backend, shape, 1);
}

/** Zeros shaped like `like`, on its backend. */
export function zerosLike(like: Tensor): Tensor {
  return fill(like.backend, like.shape, 0);
}

/** Ones shaped like `like`, on its backend. */
export function onesLike(like: Tensor): Tensor {
  return fill(like.backend, like.shape, 1);
}
