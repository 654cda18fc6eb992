import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../backend.js';
import { Random } from '../random.js';
import {
  checkGradients,
  expectClose,
  finiteDifference,
  weightedSum,
} from '../test/gradient-check.js';
import { grad } from '../autograd.js';
import { tensor, tidy, variable } from '../tensor.js';
import { buildConv2d } from './conv2d.js';
import { buildDense } from './dense.js';
import { spectralNorm } from './spectral-norm.js';

let backend: Backend;
beforeAll(async () => {
  backend = await createBackend();
});
afterAll(() => backend.dispose());

/** Float64 largest singular value of a [rows, columns] matrix, by 500 iterations. */
function largestSingularValue(values: Float32Array, rows: number, columns: number) {
  let u = new Float64Array(columns).fill(1);
  let sigma = 0;
  for (let iteration = 0; iteration < 500; iteration++) {
    const v = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < columns; c++) v[r] += values[r * columns + c] * u[c];
    }
    const next = new Float64Array(columns);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < columns; c++) next[c] += values[r * columns + c] * v[r];
    }
    const norm = Math.hypot(...next);
    sigma = Math.sqrt(norm);
    u = next.map((x) => x / norm);
  }
  return sigma;
}

describe('spectral normalisation (Miyato et al., 2018)', () => {
  it('estimates the largest singular value by power iteration', () => {
    const random = new Random(3);
    const values = random.normalArray(7 * 5);
    const weight = variable(backend, values, [7, 5]);
    const norm = spectralNorm(backend, random, 7, 5);
    for (let i = 0; i < 30; i++) norm.powerIteration(weight);
    expect(norm.sigma(weight)).toBeCloseTo(largestSingularValue(values, 7, 5), 4);
    tidy(() => {
      // W / sigma has spectral norm 1.
      const normalised = norm.normalise(weight).dataSync();
      expect(largestSingularValue(normalised, 7, 5)).toBeCloseTo(1, 4);
    });
    weight.dispose();
    for (const { tensor: t } of norm.buffers()) t.dispose();
  });

  it('W / sigma has the gradients of central differences with u fixed', () => {
    const random = new Random(4);
    const norm = spectralNorm(backend, random, 4, 3);
    const start = random.normalArray(12);
    const weight = variable(backend, start, [4, 3]);
    norm.powerIteration(weight);
    weight.dispose();
    const reduce = weightedSum(backend, 8);
    checkGradients(backend, ([w]) => reduce(norm.normalise(w)), [start], [[4, 3]]);
  });

  it('a spectrally normalised dense layer trains through the normalised weight', () => {
    const context = { backend, random: new Random(5), inputShape: [4] };
    const layer = buildDense({ type: 'dense', units: 3, spectralNorm: true }, context);
    expect(layer.buffers().map((b) => b.name)).toEqual(['u', 'v']);
    expect(layer.powerIteration).toBeDefined();
    const weight = layer.parameters()[0].tensor;
    const x = tensor(backend, new Random(6).normalArray(8), [2, 4]);
    const reduce = weightedSum(backend, 9);
    const loss = () => reduce(layer.apply(x, true));
    const analytic = tidy(() => grad(loss(), [weight])[0].dataSync());
    const base = weight.dataSync();
    const h = finiteDifference.step;
    const numeric = base.map((_, i) => {
      const at = (delta: number) => {
        const moved = base.slice();
        moved[i] += delta;
        backend.write(weight.dataId, moved);
        const value = tidy(() => loss().item());
        backend.write(weight.dataId, base);
        return value;
      };
      return (at(h) - at(-h)) / (2 * h);
    });
    expectClose(analytic, numeric, 'dense weight');
    x.dispose();
  });

  it('normalises a conv2d filter seen as [k * k * inChannels, filters]', () => {
    const context = { backend, random: new Random(7), inputShape: [5, 5, 2] };
    const layer = buildConv2d({ type: 'conv2d', filters: 3, kernelSize: 3,
      spectralNorm: true }, context);
    const filter = layer.parameters()[0].tensor;
    for (let i = 0; i < 30; i++) layer.powerIteration!();
    const [u, v] = layer.buffers().map((b) => b.tensor);
    expect(u.shape).toEqual([3, 1]);
    expect(v.shape).toEqual([18, 1]);
    // u and v are unit vectors and v^T W u is W's largest singular value.
    const sigma = largestSingularValue(filter.dataSync(), 18, 3);
    const w = filter.dataSync();
    const uValues = u.dataSync();
    const vValues = v.dataSync();
    let estimate = 0;
    for (let r = 0; r < 18; r++) {
      for (let c = 0; c < 3; c++) estimate += vValues[r] * w[r * 3 + c] * uValues[c];
    }
    expect(estimate).toBeCloseTo(sigma, 4);
  });
});
