import type { BinaryOp } from '@simdgan/core-wasm';
import { record } from '../autograd.js';
import { check, GanError } from '../errors.js';
import { empty, type Tensor } from '../tensor.js';
import { reshape } from './reshape.js';
import { sumLeading, sumTrailing } from './reduce.js';
import { neg, square } from './unary.js';

/**
 * How the second operand lines up with the first. `same`: equal sizes.
 * `cycle`: b's shape is a suffix of a's (a bias of shape [channels] against
 * [batch, height, width, channels]; a scalar is the empty suffix). `block`:
 * b's shape is a prefix of a's, padded with ones (a per-sample [batch] or
 * [batch, 1, 1, 1] against [batch, height, width, channels]).
 */
export type Broadcast = 'same' | 'cycle' | 'block';

function broadcastOf(operation: string, a: Tensor, b: Tensor): Broadcast {
  if (a.size === b.size && sameShapeIgnoringOnes(a.shape, b.shape)) {
    return 'same';
  }
  const bDims = trimLeadingOnes(b.shape);
  const suffix = a.shape.slice(a.rank - bDims.length);
  if (bDims.length <= a.rank && bDims.every((d, i) => d === suffix[i])) {
    return 'cycle';
  }
  const prefixDims = trimTrailingOnes(b.shape);
  const prefix = a.shape.slice(0, prefixDims.length);
  if (prefixDims.length <= a.rank && prefixDims.every((d, i) => d === prefix[i])) {
    return 'block';
  }
  throw new GanError('SHAPE_MISMATCH',
    `${operation}: cannot broadcast shape [${b.shape}] against [${a.shape}]; ` +
    'the second operand must match the first, its trailing dimensions, ' +
    'or its leading dimensions');
}

function compute(op: BinaryOp, a: Tensor, b: Tensor, mode: Broadcast) {
  a.assertAlive(op);
  b.assertAlive(op);
  const y = empty(a.backend, a.shape);
  a.backend.binary(op, a.dataId, b.dataId, y.dataId, a.size,
    b.size, mode === 'block' ? 'block' : 'cycle');
  return y;
}

/** Sums a gradient of a's shape down to b's shape. */
function reduceTo(gradient: Tensor, a: Tensor, b: Tensor, mode: Broadcast) {
  if (mode === 'same') return reshape(gradient, b.shape);
  const reduced = mode === 'cycle'
    ? sumLeading(reshape(gradient, [a.size / b.size, b.size]))
    : sumTrailing(reshape(gradient, [b.size, a.size / b.size]));
  return reshape(reduced, b.shape);
}

/**
 * a op b with an explicit broadcast of b (see {@link Broadcast}); the
 * public operations infer it from the shapes, preferring `cycle`.
 */
export function binary(
  op: 'add' | 'sub' | 'mul' | 'div',
  a: Tensor,
  b: Tensor,
  mode: Broadcast = broadcastOf(op, a, b),
): Tensor {
  const y = compute(op, a, b, mode);
  return record(y, op, [a, b], (dy) => {
    switch (op) {
      case 'add':
        return [dy, reduceTo(dy, a, b, mode)];
      case 'sub':
        return [dy, neg(reduceTo(dy, a, b, mode))];
      case 'mul':
        return [binary('mul', dy, b, mode), reduceTo(mul(dy, a), a, b, mode)];
      case 'div': {
        const bSquared = square(b);
        return [
          binary('div', dy, b, mode),
          neg(reduceTo(binary('div', mul(dy, a), bSquared, mode), a, b, mode)),
        ];
      }
    }
  });
}

/** a + b, broadcasting b. */
export function add(a: Tensor, b: Tensor): Tensor {
  return binary('add', a, b);
}

/** a - b, broadcasting b. */
export function sub(a: Tensor, b: Tensor): Tensor {
  return binary('sub', a, b);
}

/** a * b, broadcasting b. */
export function mul(a: Tensor, b: Tensor): Tensor {
  return binary('mul', a, b);
}

/** a / b, broadcasting b. */
export function div(a: Tensor, b: Tensor): Tensor {
  return binary('div', a, b);
}

/** Multiplies each sample of a (first dimension) by its own factor in b. */
export function mulPerSample(a: Tensor, b: Tensor): Tensor {
  check(b.size === a.shape[0], 'SHAPE_MISMATCH', () =>
    `mulPerSample: ${b.size} factors for a batch of ${a.shape[0]}`);
  return binary('mul', a, b, 'block');
}

function trimLeadingOnes(shape: readonly number[]): number[] {
  let start = 0;
  while (start < shape.length && shape[start] === 1) start++;
  return shape.slice(start);
}

function trimTrailingOnes(shape: readonly number[]): number[] {
  let end = shape.length;
  while (end > 0 && shape[end - 1] === 1) end--;
  return shape.slice(0, end);
}

function sameShapeIgnoringOnes(a: readonly number[], b: readonly number[]) {
  const x = a.filter((d) => d !== 1);
  const y = b.filter((d) => d !== 1);
  return x.length === y.length && x.every((d, i) => d === y[i]);
}
