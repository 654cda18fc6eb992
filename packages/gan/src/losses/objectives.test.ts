import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../backend.js';
import { checkGradients } from '../test/gradient-check.js';
import { tensor, tidy } from '../tensor.js';
import { LOSS_NAMES, type LossName } from './gan-loss.js';
import { ganLoss } from './registry.js';

let backend: Backend;
beforeAll(async () => {
  backend = await createBackend();
});
afterAll(() => backend.dispose());

// Raw discriminator outputs kept 0.2 or more from the hinge's kinks at +-1.
const real = [1.7, -0.4, 0.3, 2.6];
const fake = [-1.5, 0.45, -2.3, 0.0];

// ---- float64 references, written from the papers' formulas ----
const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const softplus = (x: number) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
const bce = (logit: number, target: number) => softplus(logit) - logit * target;
const meanBce = (xs: number[], target: number) => meanOf(xs.map((x) => bce(x, target)));
const shifted = (xs: number[], by: number) => xs.map((x) => x - by);

type Reference = {
  discriminator: (r: number[], f: number[], smoothing: number) => number;
  generator: (r: number[], f: number[]) => number;
};
const references: Record<LossName, Reference> = {
  'minimax': {
    discriminator: (r, f, s) => meanBce(r, 1 - s) + meanBce(f, 0),
    generator: (_, f) => meanOf(f.map((x) => -softplus(x))),
  },
  'non-saturating': {
    discriminator: (r, f, s) => meanBce(r, 1 - s) + meanBce(f, 0),
    generator: (_, f) => meanOf(f.map((x) => softplus(-x))),
  },
  'least-squares': {
    discriminator: (r, f, s) => 0.5 * meanOf(r.map((x) => (x - (1 - s)) ** 2)) +
      0.5 * meanOf(f.map((x) => x * x)),
    generator: (_, f) => 0.5 * meanOf(f.map((x) => (x - 1) ** 2)),
  },
  'hinge': {
    discriminator: (r, f) => meanOf(r.map((x) => Math.max(0, 1 - x))) +
      meanOf(f.map((x) => Math.max(0, 1 + x))),
    generator: (_, f) => -meanOf(f),
  },
  'wasserstein-clip': {
    discriminator: (r, f) => meanOf(f) - meanOf(r),
    generator: (_, f) => -meanOf(f),
  },
  'wasserstein-gp': {
    discriminator: (r, f) => meanOf(f) - meanOf(r),
    generator: (_, f) => -meanOf(f),
  },
  'relativistic-average': {
    discriminator: (r, f, s) =>
      meanBce(shifted(r, meanOf(f)), 1 - s) + meanBce(shifted(f, meanOf(r)), 0),
    generator: (r, f) =>
      meanBce(shifted(f, meanOf(r)), 1) + meanBce(shifted(r, meanOf(f)), 0),
  },
};

describe.each(LOSS_NAMES.map((name) => [name]))('the %s loss', (name) => {
  const loss = ganLoss(name);
  const reference = references[name];
  const logits = (values: number[]) => tensor(backend, values, [values.length, 1]);

  it('gives the float64 reference value on both sides', () => {
    tidy(() => {
      const d = loss.discriminator(logits(real), logits(fake)).item();
      expect(d).toBeCloseTo(reference.discriminator(real, fake, 0), 5);
      const g = loss.generator(logits(fake), logits(real)).item();
      expect(g).toBeCloseTo(reference.generator(real, fake), 5);
    });
  });

  if (loss.smoothable) it('smooths the real target only', () => {
    tidy(() => {
      const options = { labelSmoothing: 0.1 };
      const d = loss.discriminator(logits(real), logits(fake), options).item();
      expect(d).toBeCloseTo(reference.discriminator(real, fake, 0.1), 5);
    });
  });

  it('has the gradients of central differences, in D(real) and D(fake)', () => {
    const shapes = [[4, 1], [4, 1]];
    const values = [Float32Array.from(real), Float32Array.from(fake)];
    checkGradients(backend, ([r, f]) => loss.discriminator(r, f), values, shapes);
    checkGradients(backend, ([r, f]) => loss.generator(f, r), values, shapes);
  });
});

it('names the known losses when asked for an unknown one', () => {
  expect(() => ganLoss('vanilla' as LossName)).toThrow(
    'loss: unknown loss "vanilla"; expected one of minimax, non-saturating, ' +
    'least-squares, hinge, wasserstein-clip, wasserstein-gp, relativistic-average');
});

it('refuses a relativistic generator loss without the real logits', () => {
  tidy(() => {
    const fakeLogits = tensor(backend, fake, [4, 1]);
    expect(() => ganLoss('relativistic-average').generator(fakeLogits))
      .toThrow(/relativisticGeneratorLoss: the real logits are required/);
  });
});
