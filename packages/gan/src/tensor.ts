import type { Backend } from './backend.js';
import { check, GanError } from './errors.js';

/** How a tensor was made, for reverse-mode differentiation. */
export interface TapeNode {
  /** The operation's name, for error messages. */
  operation: string;
  /** The tensors the operation read. */
  inputs: Tensor[];
  /**
   * Gradients of the inputs given the gradient of the output, written with
   * the same operations so that gradients of gradients can be taken. An
   * entry is null when that input gets no gradient; `needed[i]` is false
   * when nobody asked for input i's gradient, so it may be skipped.
   */
  backward: (outputGradient: Tensor, needed: boolean[]) => (Tensor | null)[];
}

let nextTensorId = 1;

/** The id the next tensor will get: every tensor made after this call has an id at least this. */
export function tensorIdWatermark(): number {
  return nextTensorId;
}

/**
 * An n-dimensional float32 array held by a backend. Images are NHWC:
 * `[batch, height, width, channels]`. Memory is released by `dispose`, or
 * by the scope it was made in (see {@link tidy}).
 */
export class Tensor {
  readonly id = nextTensorId++;
  readonly size: number;
  node: TapeNode | null = null;
  requiresGrad = false;
  private released = false;

  constructor(
    readonly backend: Backend,
    readonly dataId: number,
    readonly shape: readonly number[],
  ) {
    this.size = sizeOf(shape);
  }

  /** The rank: the number of dimensions. */
  get rank(): number {
    return this.shape.length;
  }

  /** Whether the memory has been released. */
  get isDisposed(): boolean {
    return this.released;
  }

  /** A copy of the values, in row-major order. */
  dataSync(): Float32Array {
    this.assertAlive('dataSync');
    return this.backend.read(this.dataId, this.size);
  }

  /** The single value of a tensor with one element. */
  item(): number {
    check(this.size === 1, 'SHAPE_MISMATCH', () =>
      `item: tensor of shape [${this.shape}] has ${this.size} values, not 1`);
    return this.dataSync()[0];
  }

  /** Releases the memory now. Disposing twice is harmless. */
  dispose(): void {
    if (this.released) return;
    this.released = true;
    this.node = null;
    this.backend.free(this.dataId);
  }

  /** Throws a clear error if the tensor was already released. */
  assertAlive(operation: string): void {
    if (this.released) {
      throw new GanError('TENSOR_DISPOSED',
        `${operation}: tensor ${this.id} of shape [${this.shape}] was disposed`);
    }
  }
}

/** The number of elements of a shape. */
export function sizeOf(shape: readonly number[]): number {
  let size = 1;
  for (const dimension of shape) size *= dimension;
  return size;
}

// ---- scopes: memory is released by scope, as tfjs does with tidy ----

const scopes: Set<Tensor>[] = [];
const kept = new WeakSet<Tensor>();

/** Registers a new tensor with the innermost scope, if any. */
export function track(tensor: Tensor): Tensor {
  const scope = scopes[scopes.length - 1];
  if (scope && !kept.has(tensor)) scope.add(tensor);
  return tensor;
}

/** Exempts a tensor from scope cleanup; the caller disposes it. */
export function keep<T extends Tensor>(tensor: T): T {
  kept.add(tensor);
  for (const scope of scopes) scope.delete(tensor);
  return tensor;
}

/**
 * Runs `fn`, then releases every tensor made inside it except those it
 * returns (a tensor, or tensors inside an array or plain object) and those
 * passed to {@link keep}. Returned tensors move to the enclosing scope.
 */
export function tidy<T>(fn: () => T): T {
  const scope = new Set<Tensor>();
  scopes.push(scope);
  let result: T;
  try {
    result = fn();
  } catch (error) {
    scopes.pop();
    for (const tensor of scope) tensor.dispose();
    throw error;
  }
  scopes.pop();
  const returned = new Set<Tensor>();
  collectTensors(result, returned, 0);
  for (const tensor of scope) {
    if (!returned.has(tensor)) tensor.dispose();
  }
  for (const tensor of returned) track(tensor);
  return result;
}

function collectTensors(value: unknown, into: Set<Tensor>, depth: number) {
  if (depth > 3 || value === null || typeof value !== 'object') return;
  if (value instanceof Tensor) {
    into.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectTensors(item, into, depth + 1);
  } else if (Object.getPrototypeOf(value) === Object.prototype) {
    for (const item of Object.values(value)) {
      collectTensors(item, into, depth + 1);
    }
  }
}

/** Makes a tensor on `backend` holding `values` (copied). */
export function tensor(
  backend: Backend,
  values: ArrayLike<number>,
  shape: readonly number[],
): Tensor {
  const size = sizeOf(shape);
  check(values.length === size, 'SHAPE_MISMATCH', () =>
    `tensor: ${values.length} values do not fill shape [${shape}] of size ${size}`);
  const result = empty(backend, shape);
  backend.write(result.dataId, values);
  return result;
}

/** Makes a tensor whose values are not yet written. */
export function empty(backend: Backend, shape: readonly number[]): Tensor {
  for (const dimension of shape) {
    check(Number.isInteger(dimension) && dimension >= 0, 'BAD_SHAPE', () =>
      `tensor: shape [${shape}] must hold non-negative integers`);
  }
  const dataId = backend.alloc(sizeOf(shape));
  return track(new Tensor(backend, dataId, [...shape]));
}

/** Makes a trainable tensor: kept out of scopes, with gradients wanted. */
export function variable(
  backend: Backend,
  values: ArrayLike<number>,
  shape: readonly number[],
): Tensor {
  const result = keep(tensor(backend, values, shape));
  result.requiresGrad = true;
  return result;
}
