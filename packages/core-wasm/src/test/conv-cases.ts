/** Convolution geometries shared by the conv tests, and a helper to run the conv kernels. */
import { type Conv2dGeometry, conv2dGeometry, type Padding } from '../conv2d-geometry.js';
import type { Engine } from '../engine.js';
import { download, upload } from './helpers.js';
import { seededRandom } from './random.js';

/** Float counts of x, filter and y of a geometry. */
export function tensorSizes(g: Conv2dGeometry): { x: number; filter: number; y: number } {
  return {
    x: g.batch * g.inHeight * g.inWidth * g.inChannels,
    filter: g.filterHeight * g.filterWidth * g.inChannels * g.outChannels,
    y: g.batch * g.outHeight * g.outWidth * g.outChannels,
  };
}

/** A readable name for test messages. */
export function describeGeometry(g: Conv2dGeometry): string {
  return `x ${g.batch}x${g.inHeight}x${g.inWidth}x${g.inChannels} ` +
    `f ${g.filterHeight}x${g.filterWidth}x${g.outChannels} ` +
    `s ${g.strideHeight},${g.strideWidth} d ${g.dilationHeight},${g.dilationWidth} ` +
    `pad ${g.padTop},${g.padLeft} -> ${g.outHeight}x${g.outWidth}`;
}

/**
 * A seeded sample of geometries: sizes 1..9 (odd, even, smaller than the filter), channels
 * 1, 3, 4 and 8 (the SIMD packing paths need multiples of 4), strides 1..3 (also different per
 * axis), dilations 1 and 2, 'same' (asymmetric when the total padding is odd), 'valid' and
 * explicit padding; plus the DCGAN-like 5x5 stride 2 'same' layer.
 */
export function convSweep(count = 120): Conv2dGeometry[] {
  const random = seededRandom(2024);
  const pick = <T>(options: readonly T[]): T => options[Math.floor(random() * options.length)];
  const paddings: Padding[] = ['same', 'valid', [[1, 0], [0, 2]], [[2, 1], [1, 1]]];
  const geometries: Conv2dGeometry[] = [
    conv2dGeometry([2, 7, 7, 8], [5, 5, 8, 12], { strides: 2, padding: 'same' }),
    conv2dGeometry([1, 6, 6, 4], [3, 3, 4, 5], { strides: 2, padding: 'same' }),
    conv2dGeometry([1, 5, 8, 3], [2, 3, 3, 2], { strides: [1, 3], padding: 'same' }),
  ];
  while (geometries.length < count) {
    const inChannels = pick([1, 3, 4, 8]);
    const filterHeight = pick([1, 2, 3, 5]);
    const filterWidth = pick([1, 2, 3]);
    const stride = pick([1, 2, 3]);
    geometries.push(
      conv2dGeometry(
        [pick([1, 2]), pick([1, 2, 3, 5, 6, 9]), pick([1, 3, 4, 7]), inChannels],
        [filterHeight, filterWidth, inChannels, pick([1, 3, 9])],
        {
          strides: random() < 0.8 ? stride : [stride, pick([1, 2])],
          dilations: pick([1, 1, 2]),
          padding: pick(paddings),
        },
      ),
    );
  }
  return geometries;
}

/** Which conv kernel to run. */
export type ConvKernel = 'conv2d' | 'conv2dBackpropInput' | 'conv2dBackpropFilter';

/**
 * Runs one conv kernel on float64 inputs: conv2d(x, filter), conv2dBackpropInput(dy, filter)
 * or conv2dBackpropFilter(x, dy); returns the output and frees every buffer.
 */
export function runConv(
  engine: Engine,
  kernel: ConvKernel,
  first: ArrayLike<number>,
  second: ArrayLike<number>,
  g: Conv2dGeometry,
): Float64Array {
  const sizes = tensorSizes(g);
  const outputLength = kernel === 'conv2d' ? sizes.y
    : kernel === 'conv2dBackpropInput' ? sizes.x : sizes.filter;
  const a = upload(engine, first);
  const b = upload(engine, second);
  const out = upload(engine, new Array(outputLength).fill(Number.NaN));
  engine[kernel](a, b, out, g);
  const result = download(engine, out, outputLength);
  for (const pointer of [a, b, out]) engine.free(pointer);
  return result;
}
