import { afterAll, beforeAll, expect, it } from 'vitest';
import { createBackend, type Backend } from '../backend.js';
import { tensor, tidy } from '../tensor.js';
import { gradientNorm } from './gradient-norm.js';

let backend: Backend;
beforeAll(async () => {
  backend = await createBackend();
});
afterAll(() => backend.dispose());

it('is the L2 norm over all tensors together, and NaN if any value is', () => {
  tidy(() => {
    const a = tensor(backend, [3, 0], [2]);
    const b = tensor(backend, [0, 4, 0, 12], [2, 2]);
    expect(gradientNorm([a, b])).toBe(13);
    expect(gradientNorm([])).toBe(0);
    expect(gradientNorm([a, tensor(backend, [Number.NaN], [1])])).toBeNaN();
    expect(gradientNorm([tensor(backend, [Infinity], [1])])).toBe(Infinity);
  });
});
