import { afterAll, beforeAll, expect, it } from 'vitest';
import { createBackend, type Backend } from '../backend.js';
import { variable } from '../tensor.js';
import { clipWeights } from './weight-clipping.js';

let backend: Backend;
beforeAll(async () => {
  backend = await createBackend();
});
afterAll(() => backend.dispose());

it('clamps every parameter in place to [-c, c]', () => {
  const a = variable(backend, [-0.5, -0.01, 0, 0.004, 0.02], [5]);
  const b = variable(backend, [3, -3], [2, 1]);
  clipWeights([a, b], 0.01);
  expect([...a.dataSync()]).toEqual([-0.01, -0.01, 0, 0.004, 0.01].map(Math.fround));
  expect([...b.dataSync()]).toEqual([0.01, -0.01].map(Math.fround));
  a.dispose();
  b.dispose();
});
