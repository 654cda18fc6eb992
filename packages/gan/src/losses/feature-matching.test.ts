import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grad } from '../autograd.js';
import { createBackend, type Backend } from '../backend.js';
import { Random } from '../random.js';
import { checkGradients } from '../test/gradient-check.js';
import { tidy, variable } from '../tensor.js';
import { featureMatchingLoss } from './feature-matching.js';

let backend: Backend;
beforeAll(async () => {
  backend = await createBackend();
});
afterAll(() => backend.dispose());

describe('L4: feature matching', () => {
  it('is ||mean(real) - mean(fake)||^2 = 5.0, not 2.5 or 9.0', () => {
    const real = variable(backend, [1, 2, 3, 4], [2, 2]);
    const fake = variable(backend, [2, 0, 0, 2], [2, 2]);
    tidy(() => {
      const loss = featureMatchingLoss(real, fake);
      expect(loss.item()).toBe(5);
      const [realGradient, fakeGradient] = grad(loss, [real, fake]);
      // 2 (mean fake - mean real) / batch for every fake sample; the real
      // side is a constant, so the discriminator gets nothing through it.
      expect([...fakeGradient.dataSync()]).toEqual([-1, -2, -1, -2]);
      expect([...realGradient.dataSync()]).toEqual([0, 0, 0, 0]);
    });
    real.dispose();
    fake.dispose();
  });

  it('flattens image features and matches central differences', () => {
    const random = new Random(4);
    const real = variable(backend, random.normalArray(3 * 2 * 2 * 3), [3, 2, 2, 3]);
    checkGradients(backend, ([fake]) => featureMatchingLoss(real, fake),
      [random.normalArray(3 * 12)], [[3, 2, 2, 3]]);
    real.dispose();
  });

  it('refuses features of different sizes, naming both shapes', () => {
    tidy(() => {
      const real = variable(backend, [1, 2, 3, 4], [2, 2]);
      const fake = variable(backend, [1, 2, 3], [1, 3]);
      expect(() => featureMatchingLoss(real, fake)).toThrow(
        'featureMatchingLoss: real features [2,2] and fake features [1,3] ' +
        'differ per sample');
      real.dispose();
      fake.dispose();
    });
  });
});
