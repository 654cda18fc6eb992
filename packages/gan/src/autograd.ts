import { check } from './errors.js';
import { Tensor, tensorIdWatermark, tidy, type TapeNode } from './tensor.js';
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

/**
 * Whether operations are being recorded now: true outside noGrad and inside
 * a grad call with createGraph (a backward pass can then tell that its
 * gradients will be differentiated again).
 */
export function isRecording(): boolean {
  return recording;
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
  // Without createGraph no gradient is part of a graph, so each one made
  // here is freed as soon as no tensor still waits on it: a backward pass
  // then holds the gradients of its frontier, not of the whole network.
  const holds = options.createGraph ? null : new GradientHolds(inputs);
  const previous = recording;
  recording = options.createGraph === true;
  try {
    const seed = onesLike(output);
    gradients.set(output, seed);
    holds?.hold(seed);
    for (let i = order.length - 1; i >= 0; i--) {
      const current = order[i];
      const upstream = gradients.get(current);
      const node = current.node;
      if (!upstream || !node || !wanted.has(current)) continue;
      const needed = node.inputs.map((input) => wanted.has(input));
      // A backward's own temporaries go as soon as it returns (tidy), unless
      // they are part of a graph to differentiate again.
      const inputGradients = holds
        ? tidy(() => node.backward(upstream, needed))
        : node.backward(upstream, needed);
      node.inputs.forEach((input, index) => {
        const gradient = inputGradients[index];
        if (!gradient || !needed[index]) return;
        check(sameShape(gradient.shape, input.shape), 'GRADIENT_SHAPE', () =>
          `grad: ${node.operation} gave a gradient of shape ` +
          `[${gradient.shape}] for an input of shape [${input.shape}]`);
        const sum = gradients.get(input);
        const total = sum ? add(sum, gradient) : gradient;
        gradients.set(input, total);
        holds?.hold(total);
        if (sum) holds?.release(sum);
      });
      if (holds && !holds.isResult(current)) {
        gradients.delete(current);
        holds.release(upstream);
      }
      for (const gradient of inputGradients) if (gradient) holds?.freeIfUnheld(gradient);
    }
  } finally {
    recording = previous;
  }
  return inputs.map((input) => gradients.get(input) ?? zerosLike(input));
}

/**
 * Which gradients made during one `grad` call are still waited on: held by
 * the map of pending gradients (a tensor may be held twice when a backward
 * hands the same one to two inputs), or the gradient of a requested input.
 * Tensors that existed before the call (a backward may hand back one of its
 * saved tensors) are never freed here.
 */
class GradientHolds {
  private readonly firstId = tensorIdWatermark();
  private readonly counts = new Map<Tensor, number>();
  private readonly results: Set<Tensor>;

  constructor(inputs: Tensor[]) {
    this.results = new Set(inputs);
  }

  isResult(tensor: Tensor): boolean {
    return this.results.has(tensor);
  }

  hold(gradient: Tensor): void {
    this.counts.set(gradient, (this.counts.get(gradient) ?? 0) + 1);
  }

  release(gradient: Tensor): void {
    const count = (this.counts.get(gradient) ?? 0) - 1;
    if (count > 0) {
      this.counts.set(gradient, count);
      return;
    }
    this.counts.delete(gradient);
    this.freeIfUnheld(gradient);
  }

  freeIfUnheld(gradient: Tensor): void {
    if (gradient.id >= this.firstId && !this.counts.has(gradient)) gradient.dispose();
  }
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
