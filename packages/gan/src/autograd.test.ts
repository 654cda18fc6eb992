import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grad } from './autograd.js';
import { createBackend, type Backend } from './backend.js';
import { mul } from './ops/binary.js';
import { conv2d } from './ops/conv2d.js';
import { sum } from './ops/reduce.js';
import { square, tanh } from './ops/unary.js';
import { Random } from './random.js';
import { expectClose, finiteDifference } from './test/gradient-check.js';
import { tensor, tidy, variable, type Tensor } from './tensor.js';

let backend: Backend;
beforeAll(async () => {
  backend = await createBackend();
});
afterAll(() => backend.dispose());

describe('autograd', () => {
  it('sums the gradients of a tensor used twice', () => {
    const x = variable(backend, [3], [1]);
    // d/dx (x * x) = 2x = 6
    const g = tidy(() => grad(sum(mul(x, x)), [x])[0].item());
    expect(g).toBe(6);
    x.dispose();
  });

  it('gives zeros for an input the output does not use', () => {
    const [x, y] = [variable(backend, [1, 2], [2]), variable(backend, [5], [1])];
    const g = tidy(() => grad(sum(square(x)), [x, y])[1].dataSync());
    expect([...g]).toEqual([0]);
    x.dispose();
    y.dispose();
  });

  it('refuses a non-scalar output, naming its shape', () => {
    const x = variable(backend, [1, 2], [2]);
    expect(() => tidy(() => grad(square(x), [x])))
      .toThrow('grad: output must be a scalar, got shape [2]');
    x.dispose();
  });

  it('differentiates a gradient norm through conv2d (gradient of gradient)', () => {
    // f(w) = || d/dx sum(tanh(conv(x, w))) ||^2, the shape of a gradient
    // penalty; its gradient in w is checked against central differences.
    const random = new Random(3);
    const xValues = random.uniformArray(1 * 5 * 5 * 2, -1, 1);
    const wValues = random.uniformArray(3 * 3 * 2 * 2, -0.5, 0.5);
    const w = variable(backend, wValues, [3, 3, 2, 2]);
    const x = variable(backend, xValues, [1, 5, 5, 2]);
    const penalty = (): Tensor => {
      const inner = sum(tanh(conv2d(x, w, { strides: 2, padding: 'same' })));
      const [dx] = grad(inner, [x], { createGraph: true });
      return sum(square(dx));
    };
    const analytic = tidy(() => grad(penalty(), [w])[0].dataSync());
    const numeric = wValues.map((_, i) => {
      const at = (delta: number) => {
        const moved = wValues.slice();
        moved[i] += delta;
        backend.write(w.dataId, moved);
        const value = tidy(() => penalty().item());
        backend.write(w.dataId, wValues);
        return value;
      };
      const h = finiteDifference.step;
      return (at(h) - at(-h)) / (2 * h);
    });
    expectClose(analytic, numeric, 'penalty gradient');
    expect(analytic.some((v) => Math.abs(v) > 1e-3)).toBe(true);
    w.dispose();
    x.dispose();
  });

  it('tidy releases everything made inside but what it returns', () => {
    const before = backend.bytesInUse();
    const kept = tidy(() => {
      const a = tensor(backend, [1, 2, 3], [3]);
      return square(mul(a, a));
    });
    expect([...kept.dataSync()]).toEqual([1, 16, 81]);
    kept.dispose();
    expect(backend.bytesInUse()).toBe(before);
  });
});
