import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grad } from '../autograd.js';
import { createBackend, type Backend } from '../backend.js';
import { Sequential } from '../layers/sequential.js';
import { matmul } from '../ops/matmul.js';
import { flatten } from '../ops/reshape.js';
import { tanh } from '../ops/unary.js';
import { Adam } from '../optimizers/adam.js';
import { Random } from '../random.js';
import { checkGradients } from '../test/gradient-check.js';
import { tensor, tidy, type Tensor } from '../tensor.js';
import {
  gradientPenalty,
  interpolate,
  penaltyFromNorms,
  perSampleNorms,
} from './gradient-penalty.js';

let backend: Backend;
beforeAll(async () => {
  backend = await createBackend();
});
afterAll(() => backend.dispose());

/** The linear critic D(x) = sum(w * x) over samples of 1x2x2, as a dense layer. */
function linearCritic(weight: number) {
  const critic = new Sequential(backend,
    [{ type: 'flatten' }, { type: 'dense', units: 1, useBias: false }],
    [1, 2, 2], new Random(0));
  const w = critic.parameters()[0].tensor;
  backend.write(w.dataId, new Float32Array(4).fill(weight));
  return { critic, w };
}

/** The penalty for a batch of random real and fake samples. */
function penaltyOf(critic: Sequential, batch: number, seed: number): Tensor {
  const random = new Random(seed);
  const sample = () => tensor(backend, random.normalArray(batch * 4), [batch, 1, 2, 2]);
  return gradientPenalty((x) => critic.apply(x, true), sample(), sample(),
    random.uniformArray(batch), 10);
}

describe('L5: the gradient penalty is per sample', () => {
  it('is 10.0 for batch 2 and batch 4 (not 0.0, 33.43 or 90.0)', () => {
    const { critic } = linearCritic(1);
    tidy(() => {
      expect(penaltyOf(critic, 2, 1).item()).toBeCloseTo(10, 5);
      expect(penaltyOf(critic, 4, 2).item()).toBeCloseTo(10, 5);
    });
    critic.dispose();
  });

  it('gives norms [1, 2] and penalty 5.0 for gradients 0.5 and 1.0', () => {
    tidy(() => {
      const values = [...new Array(4).fill(0.5), ...new Array(4).fill(1)];
      const norms = perSampleNorms(tensor(backend, values, [2, 1, 2, 2]));
      expect([...norms.dataSync()]).toEqual([1, 2]);
      expect(penaltyFromNorms(norms, 10).item()).toBeCloseTo(5, 6);
    });
  });

  it('draws one weight per sample, constant across its values', () => {
    tidy(() => {
      const real = tensor(backend, new Float32Array(8).fill(1), [2, 1, 2, 2]);
      const fake = tensor(backend, new Float32Array(8), [2, 1, 2, 2]);
      const mixed = interpolate(real, fake, tensor(backend, [0.25, 0.75], [2]));
      expect([...mixed.dataSync()]).toEqual(
        [0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75]);
    });
  });

  it('differentiates through the input gradient (central differences)', () => {
    // A nonlinear critic tanh(x W1) W2: the penalty's gradient in W1 and W2
    // needs the second derivative of the network.
    const random = new Random(9);
    const real = tensor(backend, random.normalArray(3 * 4), [3, 1, 2, 2]);
    const fake = tensor(backend, random.normalArray(3 * 4), [3, 1, 2, 2]);
    const weights = random.uniformArray(3);
    checkGradients(backend, ([w1, w2]) => gradientPenalty(
      (x) => matmul(tanh(matmul(flatten(x), w1)), w2), real, fake, weights, 10),
    [random.uniformArray(4 * 3, -1, 1), random.uniformArray(3, -1, 1)],
    [[4, 3], [3, 1]]);
    real.dispose();
    fake.dispose();
  });
});

describe('L6: the gradient penalty at a zero gradient', () => {
  it('is 10 with a finite (zero) gradient, and Adam leaves no NaN', () => {
    const { critic, w } = linearCritic(0);
    const adam = new Adam({ learningRate: 1e-3 });
    tidy(() => {
      const penalty = penaltyOf(critic, 2, 3);
      expect(penalty.item()).toBeCloseTo(10, 4);
      const [gradient] = grad(penalty, [w]);
      expect([...gradient.dataSync()]).toEqual([0, 0, 0, 0]);
      adam.update([w], [gradient]);
    });
    expect(w.dataSync().every(Number.isFinite)).toBe(true);
    adam.dispose();
    critic.dispose();
  });
});
