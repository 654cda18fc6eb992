import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../backend.js';
import { Random } from '../random.js';
import { checkGradients, weightedSum } from '../test/gradient-check.js';
import { tensor, tidy } from '../tensor.js';
import { buildMinibatchStdDev } from './minibatch-std-dev.js';

let backend: Backend;
beforeAll(async () => {
  backend = await createBackend();
});
afterAll(() => backend.dispose());

/** Float64 reference: the mean over features of the biased batch std. */
function reference(values: Float32Array, batch: number, epsilon = 1e-8): number {
  const features = values.length / batch;
  let total = 0;
  for (let f = 0; f < features; f++) {
    let mean = 0;
    for (let b = 0; b < batch; b++) mean += values[b * features + f] / batch;
    let variance = 0;
    for (let b = 0; b < batch; b++) variance += (values[b * features + f] - mean) ** 2 / batch;
    total += Math.sqrt(variance + epsilon);
  }
  return total / features;
}

describe('minibatch standard deviation (Karras et al., 2017)', () => {
  it('appends one feature to [batch, features]', () => {
    const layer = buildMinibatchStdDev({ type: 'minibatchStdDev' },
      { backend, random: new Random(0), inputShape: [3] });
    expect(layer.outputShape).toEqual([4]);
    tidy(() => {
      const values = Float32Array.from([1, 2, 3, 3, 2, 5]);
      const y = layer.apply(tensor(backend, values, [2, 3]), true).dataSync();
      // Per-feature deviations 1, 0 (+eps), 1: mean 2/3 (+eps).
      const expected = reference(values, 2);
      expect(expected).toBeCloseTo(2 / 3, 4);
      expect([...y.slice(0, 3)]).toEqual([1, 2, 3]);
      expect(y[3]).toBeCloseTo(expected, 6);
      expect(y[7]).toBe(y[3]);
    });
  });

  it('appends one constant channel to [batch, height, width, channels]', () => {
    const layer = buildMinibatchStdDev({ type: 'minibatchStdDev' },
      { backend, random: new Random(0), inputShape: [2, 3, 5] });
    expect(layer.outputShape).toEqual([2, 3, 6]);
    const values = new Random(1).normalArray(4 * 2 * 3 * 5);
    tidy(() => {
      const y = layer.apply(tensor(backend, values, [4, 2, 3, 5]), true);
      expect(y.shape).toEqual([4, 2, 3, 6]);
      const data = y.dataSync();
      const expected = reference(values, 4);
      for (let position = 0; position < 4 * 2 * 3; position++) {
        expect(data[position * 6 + 5]).toBeCloseTo(expected, 5);
        expect(data[position * 6]).toBe(values[position * 5]);
      }
    });
  });

  it('has the gradients of central differences', () => {
    const layer = buildMinibatchStdDev({ type: 'minibatchStdDev' },
      { backend, random: new Random(0), inputShape: [2, 2, 2] });
    const reduce = weightedSum(backend, 5);
    checkGradients(backend, ([x]) => reduce(layer.apply(x, true)),
      [new Random(6).normalArray(3 * 8)], [[3, 2, 2, 2]]);
  });
});
