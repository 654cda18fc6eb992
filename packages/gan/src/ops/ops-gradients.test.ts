import { afterAll, beforeAll, describe, it } from 'vitest';
import { createBackend, type Backend } from '../backend.js';
import { Random } from '../random.js';
import {
  awayFromZero,
  checkGradients,
  weightedSum,
} from '../test/gradient-check.js';
import type { Tensor } from '../tensor.js';
import { add, binary, div, mul, sub } from './binary.js';
import { conv2d, conv2dBackpropFilter, conv2dBackpropInput } from './conv2d.js';
import { conv2dTranspose } from './conv2d-transpose.js';
import { matmul } from './matmul.js';
import { mean, sumLeading, sumTrailing } from './reduce.js';
import { reshape } from './reshape.js';
import { sigmoidCrossEntropy } from './sigmoid-cross-entropy.js';
import * as unary from './unary.js';
import { conv2dGeometry } from '@simdgan/core-wasm';
import { tensor } from '../tensor.js';

let backend: Backend;
beforeAll(async () => {
  backend = await createBackend();
});
afterAll(() => backend.dispose());

const random = new Random(7);

/** Checks the gradient of sum(op(inputs) * w) for random w. */
function check(op: (inputs: Tensor[]) => Tensor, shapes: number[][], seed = 1) {
  const values = shapes.map((shape) =>
    awayFromZero(random, shape.reduce((n, d) => n * d, 1)));
  const reduce = weightedSum(backend, seed);
  checkGradients(backend, (inputs) => reduce(op(inputs)), values, shapes);
}

describe('unary gradients against central differences', () => {
  const cases: [string, (x: Tensor) => Tensor][] = [
    ['neg', unary.neg],
    ['scale', (x) => unary.scale(x, -1.7)],
    ['addScalar', (x) => unary.addScalar(x, 0.3)],
    ['exp', unary.exp],
    ['log', (x) => unary.log(unary.abs(x))],
    ['sqrt', (x) => unary.sqrt(unary.abs(x))],
    ['square', unary.square],
    ['reciprocal', unary.reciprocal],
    ['abs', unary.abs],
    ['relu', unary.relu],
    ['leakyRelu', (x) => unary.leakyRelu(x, 0.2)],
    ['tanh', unary.tanh],
    ['sigmoid', unary.sigmoid],
    ['softplus', unary.softplus],
  ];
  for (const [name, op] of cases) {
    it(`${name} on 17 values`, () => check(([x]) => op(x), [[17]]));
  }
});

it('clip passes the gradient inside the range only', () => {
  // Values kept 0.1 away from the bounds, so no difference straddles one.
  const values = Float32Array.from(
    [-1.3, -0.8, -0.61, -0.39, -0.2, 0.15, 0.33, 0.39, 0.62, 0.9, 1.2]);
  const reduce = weightedSum(backend, 4);
  checkGradients(backend, ([x]) => reduce(unary.clip(x, -0.5, 0.5)),
    [values], [[values.length]]);
});

describe('binary gradients with each broadcast', () => {
  const ops = { add, sub, mul, div } as const;
  for (const [name, op] of Object.entries(ops)) {
    it(`${name}, same shape [3, 5]`, () =>
      check(([a, b]) => op(a, b), [[3, 5], [3, 5]]));
    it(`${name}, channel broadcast [2, 3, 3] by [3]`, () =>
      check(([a, b]) => op(a, b), [[2, 3, 3], [3]]));
    it(`${name}, scalar broadcast`, () =>
      check(([a, b]) => op(a, b), [[7], []]));
    it(`${name}, per-sample broadcast [3, 3] by [3] (block)`, () =>
      check(([a, b]) => binary(name as 'add', a, b, 'block'), [[3, 3], [3]]));
  }
});

describe('matmul gradients for every transpose', () => {
  for (const transposeA of [false, true]) {
    for (const transposeB of [false, true]) {
      it(`transposeA ${transposeA}, transposeB ${transposeB}`, () => {
        const [m, k, n] = [3, 5, 2];
        const shapeA = transposeA ? [k, m] : [m, k];
        const shapeB = transposeB ? [n, k] : [k, n];
        check(([a, b]) => matmul(a, b, transposeA, transposeB),
          [shapeA, shapeB]);
      });
    }
  }
});

describe('convolution gradients', () => {
  const geometries = [
    { input: [2, 5, 5, 2], filter: [3, 3, 2, 3], strides: 2, padding: 'same' },
    { input: [1, 6, 4, 1], filter: [2, 3, 1, 2], strides: 1, padding: 'valid' },
    { input: [1, 7, 7, 2], filter: [3, 3, 2, 1], strides: 1, padding: 'same',
      dilations: 2 },
  ] as const;
  for (const g of geometries) {
    const options = { strides: g.strides, padding: g.padding,
      dilations: 'dilations' in g ? g.dilations : 1 };
    const label = `input [${g.input}], filter [${g.filter}], ` +
      `stride ${g.strides}, ${g.padding}`;
    it(`conv2d ${label}`, () =>
      check(([x, w]) => conv2d(x, w, options), [[...g.input], [...g.filter]]));
    const geometry = conv2dGeometry([...g.input], [...g.filter], options);
    const outShape = [geometry.batch, geometry.outHeight, geometry.outWidth,
      geometry.outChannels];
    it(`conv2dBackpropInput ${label}`, () =>
      check(([dy, w]) => conv2dBackpropInput(dy, w, geometry),
        [outShape, [...g.filter]]));
    it(`conv2dBackpropFilter ${label}`, () =>
      check(([x, dy]) => conv2dBackpropFilter(x, dy, geometry),
        [[...g.input], outShape]));
  }
  it('conv2dTranspose 2x2 to 4x4, stride 2, 3x3 filter', () =>
    check(([x, w]) => conv2dTranspose(x, w, { strides: 2, padding: 'same' }),
      [[1, 2, 2, 3], [3, 3, 2, 3]]));
});

describe('reductions, reshape and the cross-entropy', () => {
  it('mean', () => check(([x]) => mean(x), [[4, 3]]));
  it('sumLeading', () => check(([x]) => sumLeading(x), [[4, 3]]));
  it('sumTrailing', () => check(([x]) => sumTrailing(x), [[4, 3]]));
  it('reshape', () => check(([x]) => reshape(x, [3, 4]), [[2, 6]]));
  it('sigmoidCrossEntropy with per-element targets', () => {
    const targets = tensor(backend, random.uniformArray(6), [6]);
    check(([l]) => sigmoidCrossEntropy(l, targets), [[6]]);
  });
});
