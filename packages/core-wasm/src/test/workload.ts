/**
 * A small run through every kernel on awkward sizes, used to compare engines that must agree:
 * the scalar and SIMD builds (CASES K9) and different thread counts.
 */
import { conv2dGeometry } from '../conv2d-geometry.js';
import type { Engine } from '../engine.js';
import { runConv, tensorSizes } from './conv-cases.js';
import { download, upload } from './helpers.js';
import { randomArray, seededRandom } from './random.js';

/** Runs every kernel once (Adam twice) and returns each output by name. */
export function runWorkload(engine: Engine): Record<string, Float64Array> {
  const random = seededRandom(9);
  const results: Record<string, Float64Array> = {};
  // Vector channels; one grey channel on 9 images (image by image on 1 and 2 threads, the whole
  // batch's columns on 3 and 7); the filter gradient's sum cut in 2 and 13 chunks of pixels;
  // three channels with dilation on an uneven padding.
  const convs = {
    '': conv2dGeometry([2, 9, 7, 4], [3, 3, 4, 6], { strides: 2, padding: 'same' }),
    ' grey': conv2dGeometry([9, 11, 10, 1], [5, 5, 1, 9], { strides: 2, padding: 'same' }),
    ' grey, 13 chunks': conv2dGeometry([21, 12, 13, 1], [3, 3, 1, 8], { padding: 'same' }),
    ' colour': conv2dGeometry([9, 8, 9, 3], [3, 2, 3, 5],
      { strides: [1, 2], dilations: [2, 1], padding: [[2, 1], [0, 1]] }),
  };
  for (const [name, g] of Object.entries(convs)) {
    const sizes = tensorSizes(g);
    const x = randomArray(random, sizes.x);
    const filter = randomArray(random, sizes.filter);
    const dy = randomArray(random, sizes.y);
    results[`conv2d${name}`] = runConv(engine, 'conv2d', x, filter, g);
    results[`conv2dBackpropInput${name}`] = runConv(engine, 'conv2dBackpropInput', dy, filter, g);
    results[`conv2dBackpropFilter${name}`] = runConv(engine, 'conv2dBackpropFilter', x, dy, g);
  }

  const [m, n, k] = [37, 21, 19];
  const a = upload(engine, randomArray(random, m * k));
  const b = upload(engine, randomArray(random, k * n));
  const c = engine.alloc(m * n);
  for (const [ta, tb] of [[false, false], [true, true]]) {
    engine.matmul(a, b, c, m, n, k, ta, tb);
    results[`matmul ${ta} ${tb}`] = download(engine, c, m * n);
  }

  const length = m * n;
  engine.unary('tanh', c, c, length);
  results.tanh = download(engine, c, length);
  engine.unary('leakyRelu', c, c, length, 0.2);
  engine.unary('softplus', c, c, length);
  results.softplus = download(engine, c, length);
  engine.binary('sub', c, b, c, length, 21, 'cycle');
  engine.binary('mul', c, a, c, length, 37, 'block');
  results.binary = download(engine, c, length);

  const sums = engine.alloc(m);
  engine.sumRows(c, sums, m, n);
  results.sumRows = download(engine, sums, n);
  engine.sumCols(c, sums, m, n);
  results.sumCols = download(engine, sums, m);
  engine.sumAll(c, sums, length);
  results.sumAll = download(engine, sums, 1);

  const loss = engine.alloc(length);
  engine.sigmoidCrossEntropy(c, a, loss, length, 1);
  results.sigmoidCrossEntropy = download(engine, loss, length);

  const moment1 = upload(engine, new Float32Array(length));
  const moment2 = upload(engine, new Float32Array(length));
  for (let step = 1; step <= 2; step++) {
    engine.adam(c, loss, moment1, moment2, length, 1e-3, 0.5, 0.999, 1e-8, step);
  }
  results.adam = download(engine, c, length);
  for (const pointer of [a, b, c, sums, loss, moment1, moment2]) engine.free(pointer);
  return results;
}
