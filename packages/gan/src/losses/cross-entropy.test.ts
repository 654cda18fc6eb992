import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grad } from '../autograd.js';
import { createBackend, type Backend } from '../backend.js';
import { sigmoidCrossEntropy } from '../ops/sigmoid-cross-entropy.js';
import { tensor, tidy, variable } from '../tensor.js';
import { discriminatorLoss } from './cross-entropy.js';
import { saturatingGeneratorLoss } from './minimax.js';
import { generatorLoss } from './non-saturating.js';

let backend: Backend;
beforeAll(async () => {
  backend = await createBackend();
});
afterAll(() => backend.dispose());

/** Loss value and its gradient with respect to one logit. */
function valueAndSlope(
  loss: (logit: ReturnType<typeof variable>) => ReturnType<typeof variable>,
  logit: number,
): [number, number] {
  const x = variable(backend, [logit], [1]);
  try {
    return tidy(() => {
      const value = loss(x);
      return [value.item(), grad(value, [x])[0].item()];
    });
  } finally {
    x.dispose();
  }
}

describe('L1: binary cross-entropy on logits is stable', () => {
  const bce = (logit: number, target: number) => valueAndSlope(
    (x) => sigmoidCrossEntropy(x, tensor(backend, [target], [1])), logit);

  it('(50, 0) gives 50 with gradient 1, not a clamped 16.12 or 36.04', () => {
    expect(bce(50, 0)).toEqual([50, 1]);
  });
  it('(-100, 0) gives about 3.7e-44, not 0 or infinity', () => {
    const [value] = bce(-100, 0);
    expect(value).toBeGreaterThan(3.6e-44);
    expect(value).toBeLessThan(3.9e-44);
  });
  it('(0, 0) gives ln 2 with gradient exactly 0.5', () => {
    const [value, slope] = bce(0, 0);
    expect(value).toBeCloseTo(0.693147, 6);
    expect(slope).toBe(0.5);
  });
  it('(-inf, 0.9) gives +inf, not NaN', () => {
    expect(bce(-Infinity, 0.9)[0]).toBe(Infinity);
  });
  it('(-inf, 0) gives 0 and (+inf, 1) gives 0', () => {
    expect(bce(-Infinity, 0)[0]).toBe(0);
    expect(bce(Infinity, 1)[0]).toBe(0);
  });
});

describe('L2: the saturating generator loss starves the generator', () => {
  it('at logit -10 the non-saturating gradient is about 22,000 times larger', () => {
    const [value, slope] = valueAndSlope(generatorLoss, -10);
    expect(value).toBeCloseTo(10.000045, 4);
    expect(slope).toBeCloseTo(-0.99995, 5);
    const [, saturating] = valueAndSlope(saturatingGeneratorLoss, -10);
    expect(saturating).toBeCloseTo(-4.54e-5, 7);
    expect(slope / saturating).toBeGreaterThan(21000);
  });
  it('both slopes are -0.5 at logit 0; at 3 they are -0.0474 and -0.9526', () => {
    expect(valueAndSlope(generatorLoss, 0)[1]).toBeCloseTo(-0.5, 6);
    expect(valueAndSlope(saturatingGeneratorLoss, 0)[1]).toBeCloseTo(-0.5, 6);
    expect(valueAndSlope(generatorLoss, 3)[1]).toBeCloseTo(-0.0474, 4);
    expect(valueAndSlope(saturatingGeneratorLoss, 3)[1]).toBeCloseTo(-0.9526, 4);
  });
});

describe('L3: one-sided label smoothing', () => {
  const real = () => tensor(backend, [2], [1]);
  const fake = () => tensor(backend, [-2], [1]);

  it('smooths the real target only', () => {
    tidy(() => {
      const smoothed = discriminatorLoss(real(), fake(), { labelSmoothing: 0.1 });
      // BCE(2, 0.9) + BCE(-2, 0) = 0.326928 + 0.126928
      expect(smoothed.item()).toBeCloseTo(0.326928 + 0.126928, 5);
      const realOnly = sigmoidCrossEntropy(real(), tensor(backend, [0.9], [1]));
      expect(realOnly.item()).toBeCloseTo(0.326928, 5);
      const fakeOnly = sigmoidCrossEntropy(fake(), tensor(backend, [0], [1]));
      expect(fakeOnly.item()).toBeCloseTo(0.126928, 5);
    });
  });
  it('keeps the generator target at 1', () => {
    tidy(() => {
      // BCE(-2, 1) = softplus(2) = 2.126928, whatever the smoothing.
      expect(generatorLoss(fake()).item()).toBeCloseTo(2.126928, 5);
    });
  });
  it('smoothing 0 is bit-identical to plain BCE', () => {
    tidy(() => {
      const withZero = discriminatorLoss(real(), fake(), { labelSmoothing: 0 });
      const plain = discriminatorLoss(real(), fake());
      expect(withZero.item()).toBe(plain.item());
    });
  });
});
