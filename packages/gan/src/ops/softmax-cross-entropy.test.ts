import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { grad } from '../autograd.js';
import { createBackend, type Backend } from '../backend.js';
import { GanError } from '../errors.js';
import { Random } from '../random.js';
import {
  awayFromZero, checkGradients, weightedSum,
} from '../test/gradient-check.js';
import { tensor, tidy, variable } from '../tensor.js';
import { mul } from './binary.js';
import { sum } from './reduce.js';
import { softmax } from './softmax.js';
import { softmaxCrossEntropy } from './softmax-cross-entropy.js';

let backend: Backend;
beforeAll(async () => {
  backend = await createBackend();
});
afterAll(() => backend.dispose());

const random = new Random(11);

/** float64 reference: -sum_j t_j log softmax(l)_j for each row. */
function reference(logits: number[][], targets: number[][]): number[] {
  return logits.map((row, i) => {
    const largest = Math.max(...row);
    const lse = largest + Math.log(row.reduce((s, v) => s + Math.exp(v - largest), 0));
    return row.reduce((s, v, j) => s + targets[i][j] * (lse - v), 0);
  });
}

function rowsOf(values: Float32Array, columns: number): number[][] {
  return Array.from({ length: values.length / columns }, (_, i) =>
    Array.from(values.subarray(i * columns, (i + 1) * columns)));
}

describe('softmax', () => {
  it('matches a float64 reference, rows sum to 1, and large logits do not overflow', () => {
    const values = [1, 2, 3, 1000, 1000, 0, -5, 0, 5];
    const y = tidy(() => softmax(tensor(backend, values, [3, 3])).dataSync());
    const e = [1, Math.E, Math.E ** 2];
    const total = e[0] + e[1] + e[2];
    expect(y[0]).toBeCloseTo(e[0] / total, 6);
    expect(y[2]).toBeCloseTo(e[2] / total, 6);
    expect([y[3], y[4], y[5]]).toEqual([0.5, 0.5, 0]);
    for (const row of rowsOf(y, 3)) expect(row.reduce((s, v) => s + v)).toBeCloseTo(1, 6);
  });

  it('has gradients that match central differences (awkward sizes)', () => {
    for (const [rows, classes] of [[1, 1], [3, 5], [2, 17]]) {
      const reduce = weightedSum(backend, rows + classes);
      const values = awayFromZero(random, rows * classes);
      checkGradients(backend, ([x]) => reduce(softmax(x)), [values], [[rows, classes]]);
    }
  });

  it('refuses logits that are not [rows, classes]', () => {
    const action = () => tidy(() => softmax(tensor(backend, [1, 2], [2])));
    expect(action).toThrow('softmax: logits must be [rows, classes] with classes >= 1, got [2]');
  });
});

describe('softmaxCrossEntropy', () => {
  it('gives ln 2 for equal logits and stays finite for logits of 1000', () => {
    const logits = [0, 0, 1000, 0, 0, 1000];
    const targets = [1, 0, 0, 1, 1, 0];
    const loss = tidy(() => softmaxCrossEntropy(
      tensor(backend, logits, [3, 2]), tensor(backend, targets, [3, 2])).dataSync());
    expect(loss[0]).toBeCloseTo(Math.LN2, 6);
    expect(loss[1]).toBe(1000);
    expect(loss[2]).toBe(1000);
  });

  it('matches a float64 reference for soft targets on random logits', () => {
    const [rows, classes] = [4, 10];
    const logits = random.uniformArray(rows * classes, -6, 6);
    const targets = random.uniformArray(rows * classes, 0, 1);
    const loss = tidy(() => softmaxCrossEntropy(
      tensor(backend, logits, [rows, classes]),
      tensor(backend, targets, [rows, classes])).dataSync());
    const expected = reference(rowsOf(logits, classes), rowsOf(targets, classes));
    loss.forEach((value, i) => expect(value).toBeCloseTo(expected[i], 4));
  });

  it('has logit gradients that match central differences', () => {
    for (const [rows, classes] of [[1, 2], [3, 10], [5, 3]]) {
      const oneHot = new Float32Array(rows * classes);
      for (let row = 0; row < rows; row++) oneHot[row * classes + (row % classes)] = 1;
      const soft = random.uniformArray(rows * classes, 0, 1);
      for (const values of [oneHot, soft]) {
        const targets = tensor(backend, values, [rows, classes]);
        const reduce = weightedSum(backend, rows * classes);
        checkGradients(backend, ([l]) => reduce(softmaxCrossEntropy(l, targets)),
          [awayFromZero(random, rows * classes)], [[rows, classes]]);
        targets.dispose();
      }
    }
  });

  it('has second derivatives that match differences of the first', () => {
    // d/dl of sum(w * dLoss/dl): the gradient of a gradient, as the
    // gradient penalty takes it.
    const [rows, classes] = [2, 4];
    const targets = tensor(backend, [0, 1, 0, 0, 0.25, 0.25, 0.5, 0], [rows, classes]);
    const weights = tensor(backend, random.uniformArray(rows * classes, -1, 1),
      [rows, classes]);
    checkGradients(backend, ([l]) => {
      const [g] = grad(sum(softmaxCrossEntropy(l, targets)), [l], { createGraph: true });
      return sum(mul(g, weights));
    }, [awayFromZero(random, rows * classes)], [[rows, classes]]);
    targets.dispose();
    weights.dispose();
  });

  it('gives the targets no gradient', () => {
    const logits = variable(backend, [1, 2, 3], [1, 3]);
    const targets = variable(backend, [0, 0, 1], [1, 3]);
    const [g] = tidy(() => grad(sum(softmaxCrossEntropy(logits, targets)), [targets])
      .map((t) => t.dataSync()));
    expect(Array.from(g)).toEqual([0, 0, 0]);
    logits.dispose();
    targets.dispose();
  });

  it('refuses targets of another shape, naming both shapes', () => {
    let error: unknown;
    try {
      tidy(() => softmaxCrossEntropy(tensor(backend, [1, 2, 3, 4], [2, 2]),
        tensor(backend, [1, 0], [1, 2])));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(GanError);
    expect((error as GanError).code).toBe('SHAPE_MISMATCH');
    expect((error as GanError).message).toBe(
      'softmaxCrossEntropy: targets of shape [1,2] must match logits of shape [2,2]');
  });
});
