import { expect } from 'vitest';
import { grad } from '../autograd.js';
import type { Backend } from '../backend.js';
import { mul as mulOf } from '../ops/binary.js';
import { sum as sumOf } from '../ops/reduce.js';
import { Random } from '../random.js';
import { tensor, tidy, variable, type Tensor } from '../tensor.js';

/**
 * Tolerances for float32 central differences with step 1e-2: truncation
 * error is O(h^2 f''') ~ 1e-4 and rounding O(ulp(f) / h) ~ 1e-4 for f ~ 10;
 * a wrong gradient rule is off by O(1).
 */
export const finiteDifference = { step: 1e-2, absolute: 2e-2, relative: 2e-2 };

/** Random values away from 0 by at least `margin`, so kinks are avoided. */
export function awayFromZero(random: Random, length: number, margin = 0.1) {
  const values = random.uniformArray(length, -1, 1);
  return values.map((v) => (v >= 0 ? v + margin : v - margin));
}

/**
 * Checks grad(f) against central differences of f for every input value.
 * f must return a scalar; it is reduced as sum(f(x) * weights) by the
 * caller when the operation's output is not one.
 */
export function checkGradients(
  backend: Backend,
  f: (inputs: Tensor[]) => Tensor,
  values: Float32Array[],
  shapes: number[][],
): void {
  const inputs = values.map((v, i) => variable(backend, v, shapes[i]));
  try {
    const analytic = tidy(() =>
      grad(f(inputs), inputs).map((g) => g.dataSync()));
    inputs.forEach((input, which) => {
      const base = values[which];
      const numeric = new Float32Array(base.length);
      for (let i = 0; i < base.length; i++) {
        numeric[i] = centralDifference(backend, f, inputs, which, base, i);
      }
      expectClose(analytic[which], numeric, `input ${which}`);
    });
  } finally {
    for (const input of inputs) input.dispose();
  }
}

function centralDifference(
  backend: Backend,
  f: (inputs: Tensor[]) => Tensor,
  inputs: Tensor[],
  which: number,
  base: Float32Array,
  index: number,
): number {
  const h = finiteDifference.step;
  const evaluate = (delta: number) => {
    const moved = base.slice();
    moved[index] += delta;
    backend.write(inputs[which].dataId, moved);
    const value = tidy(() => f(inputs).item());
    backend.write(inputs[which].dataId, base);
    return value;
  };
  return (evaluate(h) - evaluate(-h)) / (2 * h);
}

/**
 * Elementwise |actual - expected| <= absolute + relative * |expected|, with
 * the finite-difference tolerances unless others are given.
 */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  label: string,
  absolute = finiteDifference.absolute,
  relative = finiteDifference.relative,
): void {
  expect(actual.length, label).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    const bound = absolute + relative * Math.abs(expected[i]);
    if (!(Math.abs(actual[i] - expected[i]) <= bound)) {
      throw new Error(`${label}[${i}]: analytic ${actual[i]} vs numeric ` +
        `${expected[i]} (bound ${bound})`);
    }
  }
}

/** sum(y * w) for fixed random weights w: a scalar that sees every value. */
export function weightedSum(
  backend: Backend,
  seed: number,
): (y: Tensor) => Tensor {
  let weights: Float32Array | null = null;
  return (y: Tensor) => {
    weights ??= new Random(seed).uniformArray(y.size, -1, 1);
    return sumOf(mulOf(y, tensor(backend, weights, y.shape)));
  };
}
