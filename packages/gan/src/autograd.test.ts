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

  it('frees each gradient once used, so a deep chain holds only its frontier', () => {
    // 40 tanh layers on 10,000 floats: the forward pass keeps 40 outputs; a
    // backward pass that kept every gradient and temporary would add 120 more;
    // one that frees them holds the upstream gradient, a backward's few
    // temporaries and its result.
    const x = variable(backend, new Float32Array(10_000).fill(0.1), [10_000]);
    const floats = 10_000 * 4;
    const result = tidy(() => {
      let y = x;
      for (let i = 0; i < 40; i++) y = tanh(y);
      const loss = sum(y);
      const before = backend.bytesInUse();
      let peak = before;
      const alloc = backend.alloc.bind(backend);
      backend.alloc = (length: number) => {
        const pointer = alloc(length);
        peak = Math.max(peak, backend.bytesInUse());
        return pointer;
      };
      try {
        const [g] = grad(loss, [x]);
        return { extra: (peak - before) / floats, value: g.dataSync()[0] };
      } finally {
        backend.alloc = alloc;
      }
    });
    expect(result.extra).toBeLessThanOrEqual(6);
    // d/dx of 40 nested tanh at 0.1, by the chain rule in float64.
    let value = 0.1;
    let derivative = 1;
    for (let i = 0; i < 40; i++) {
      value = Math.tanh(value);
      derivative *= 1 - value * value;
    }
    expect(result.value).toBeCloseTo(derivative, 5);
    x.dispose();
  });

  it('keeps gradients alive with createGraph, for a second differentiation', () => {
    const x = variable(backend, [0.5], [1]);
    // d2/dx2 tanh(tanh(x)) by finite differences of the first derivative.
    const first = (v: number) => {
      const t = Math.tanh(v);
      return (1 - Math.tanh(t) ** 2) * (1 - t * t);
    };
    const second = tidy(() => {
      const [g] = grad(sum(tanh(tanh(x))), [x], { createGraph: true });
      return grad(sum(g), [x])[0].item();
    });
    expect(second).toBeCloseTo((first(0.5 + 1e-4) - first(0.5 - 1e-4)) / 2e-4, 3);
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
