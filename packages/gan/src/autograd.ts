import { check } from './errors.js';
import { Tensor, type TapeNode } from './tensor.js';
import { add } from './ops/binary.js';
import { onesLike, zerosLike } from './ops/creation.js';

let recording = true;

/**
 * Records how `output` was made when taping is on and an input needs a
 * gradient. Operations call this after computing their result.
 */
export function record(
  output: Tensor,
  operation: string,
  inputs: Tensor[],
  backward: TapeNode['backward'],
): Tensor {
  if (recording && inputs.some((input) => input.requiresGrad)) {
    output.requiresGrad = true;
    output.node = { operation, inputs, backward };
  }
  return output;
}

/** Runs `fn` without recording any operation on the tape. */
export function noGrad<T>(fn: () => T): T {
  const previous = recording;
  recording = false;
  try {
    return fn();
  } finally {
    recording = previous;
  }
}

/** Options for {@link grad}. */
export interface GradOptions {
  /**
   * Record the gradient computation itself, so that the gradients can be
   * differentiated again (needed by the Wasserstein gradient penalty).
   */
  createGraph?: boolean;
}

/**
 * Reverse-mode gradients of a scalar `output` with respect to `inputs`.
 * An input that `output` does not depend on gets a zero gradient.
 */
export function grad(
  output: Tensor,
  inputs: Tensor[],
  options: GradOptions = {},
): Tensor[] {
  check(output.size === 1, 'SHAPE_MISMATCH', () =>
    `grad: output must be a scalar, got shape [${output.shape}]`);
  output.assertAlive('grad');

  const order = topologicalOrder(output);
  // Only tensors on a path to a requested input need a gradient: the
  // generator's step, say, never computes the discriminator's filter
  // gradients.
  const wanted = new Set<Tensor>(inputs);
  for (const current of order) {
    if (current.node?.inputs.some((input) => wanted.has(input))) {
      wanted.add(current);
    }
  }
  const gradients = new Map<Tensor, Tensor>();
  const previous = recording;
  recording = options.createGraph === true;
  try {
    gradients.set(output, onesLike(output));
    for (let i = order.length - 1; i >= 0; i--) {
      const current = order[i];
      const upstream = gradients.get(current);
      const node = current.node;
      if (!upstream || !node || !wanted.has(current)) continue;
      const needed = node.inputs.map((input) => wanted.has(input));
      const inputGradients = node.backward(upstream, needed);
      node.inputs.forEach((input, index) => {
        const gradient = inputGradients[index];
        if (!gradient || !needed[index]) return;
        check(sameShape(gradient.shape, input.shape), 'GRADIENT_SHAPE', () =>
          `grad: ${node.operation} gave a gradient of shape ` +
          `[${gradient.shape}] for an input of shape [${input.shape}]`);
        const sum = gradients.get(input);
        gradients.set(input, sum ? add(sum, gradient) : gradient);
      });
    }
  } finally {
    recording = previous;
  }
  return inputs.map((input) => gradients.get(input) ?? zerosLike(input));
}

/** Tensors reachable from `output` through the tape, inputs first. */
function topologicalOrder(output: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>();
  // Iterative depth-first search: deep models would overflow recursion.
  const stack: [Tensor, boolean][] = [[output, false]];
  while (stack.length > 0) {
    const [current, expanded] = stack.pop()!;
    if (expanded) {
      order.push(current);
      continue;
    }
    if (visited.has(current)) continue;
    visited.add(current);
    stack.push([current, true]);
    for (const input of current.node?.inputs ?? []) {
      if (input.requiresGrad && !visited.has(input)) {
        stack.push([input, false]);
      }
    }
  }
  return order;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
