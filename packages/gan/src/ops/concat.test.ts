import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grad } from '../autograd.js';
import { createBackend, type Backend } from '../backend.js';
import { Random } from '../random.js';
import { checkGradients, weightedSum } from '../test/gradient-check.js';
import { tensor, tidy, variable } from '../tensor.js';
import { concatLast, sliceLast } from './concat.js';
import { sum } from './reduce.js';
import { square } from './unary.js';

let backend: Backend;
beforeAll(async () => {
  backend = await createBackend();
});
afterAll(() => backend.dispose());

describe('concatLast and sliceLast', () => {
  it('joins [2, 2, 1] and [2, 2, 3] into [2, 2, 4] row by row', () => {
    tidy(() => {
      const a = tensor(backend, [1, 2, 3, 4], [2, 2, 1]);
      const b = tensor(backend, Array.from({ length: 12 }, (_, i) => 10 + i), [2, 2, 3]);
      const y = concatLast([a, b]);
      expect(y.shape).toEqual([2, 2, 4]);
      expect([...y.dataSync()]).toEqual([
        1, 10, 11, 12, 2, 13, 14, 15, 3, 16, 17, 18, 4, 19, 20, 21]);
      expect([...sliceLast(y, 1, 3).dataSync()]).toEqual(
        [10, 11, 13, 14, 16, 17, 19, 20]);
    });
  });

  it('refuses parts whose leading dimensions differ', () => {
    tidy(() => {
      const a = tensor(backend, [1, 2], [2, 1]);
      const b = tensor(backend, [1, 2, 3], [3, 1]);
      expect(() => concatLast([a, b])).toThrow(
        'concatLast: shapes [2,1] and [3,1] differ before the last dimension');
      expect(() => sliceLast(a, 0, 2)).toThrow(
        'sliceLast: range [0, 2) is not inside the last dimension 1 of shape [2,1]');
    });
  });

  it('has the gradients of central differences', () => {
    const random = new Random(2);
    const reduce = weightedSum(backend, 3);
    checkGradients(backend, ([a, b, c]) => reduce(concatLast([a, b, c])),
      [random.normalArray(6), random.normalArray(9), random.normalArray(3)],
      [[3, 2], [3, 3], [3, 1]]);
    const reduceSlice = weightedSum(backend, 4);
    checkGradients(backend, ([x]) => reduceSlice(sliceLast(x, 1, 3)),
      [random.normalArray(12)], [[3, 4]]);
  });

  it('can be differentiated twice (slice and concat are each other\'s adjoint)', () => {
    const x = variable(backend, [1, 2, 3, 4, 5, 6], [2, 3]);
    tidy(() => {
      // f = sum(slice(x)^2)^... : d/dx of sum(dx^2) where dx = grad of
      // sum(slice(x, 1, 3)^2) is 2 x on columns 1-2 and 0 elsewhere.
      const [dx] = grad(sum(square(sliceLast(x, 1, 3))), [x], { createGraph: true });
      expect([...dx.dataSync()]).toEqual([0, 4, 6, 0, 10, 12]);
      const [ddx] = grad(sum(square(dx)), [x]);
      expect([...ddx.dataSync()]).toEqual([0, 16, 24, 0, 40, 48]);
    });
    x.dispose();
  });
});
