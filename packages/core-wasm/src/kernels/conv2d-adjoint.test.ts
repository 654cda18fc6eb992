import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Conv2dGeometry,
  conv2dGeometry,
  conv2dTransposeGeometry,
} from '../conv2d-geometry.js';
import { createEngine, type Engine } from '../engine.js';
import { referenceConv2d, referenceConv2dBackpropInput } from '../reference/conv2d.js';
import { describeGeometry, runConv, tensorSizes } from '../test/conv-cases.js';
import { BUILDS } from '../test/helpers.js';
import { randomArray, seededRandom } from '../test/random.js';
import { ADJOINT_RELATIVE } from '../test/tolerances.js';

/** <a, b> and the sum of |a_i b_i| (the scale float32 rounding is relative to). */
function dot(a: ArrayLike<number>, b: ArrayLike<number>): { value: number; scale: number } {
  let value = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    value += a[i] * b[i];
    scale += Math.abs(a[i] * b[i]);
  }
  return { value, scale };
}

/** CASES K7: input 4..9, filter 1..5, stride 1..3, dilation 1 and 2, 'same' and 'valid'. */
function adjointSweep(): Conv2dGeometry[] {
  const geometries: Conv2dGeometry[] = [];
  for (const padding of ['same', 'valid'] as const) {
    for (let size = 4; size <= 9; size++) {
      for (let kernel = 1; kernel <= 5; kernel++) {
        for (let stride = 1; stride <= 3; stride++) {
          for (const dilation of [1, 2]) {
            const options = { strides: stride, dilations: dilation, padding };
            const g = conv2dGeometry([1, size, size, 2], [kernel, kernel, 2, 3], options);
            // The transposed convolution, given the forward input's shape, has this geometry.
            const output = [1, size, size, 2];
            const input = [1, g.outHeight, g.outWidth, 3];
            if (g.outHeight > 0) {
              expect(conv2dTransposeGeometry(input, [kernel, kernel, 2, 3], output, options))
                .toEqual(g);
            }
            geometries.push(g);
          }
        }
      }
    }
  }
  return geometries;
}

describe('K7: convolution and its transpose are adjoint', () => {
  it('in float64: 5x5 input, 3x3 filter, stride 2, "same"', () => {
    const random = seededRandom(7);
    const g = conv2dGeometry([1, 5, 5, 1], [3, 3, 1, 1], { strides: 2, padding: 'same' });
    const x = randomArray(random, 25);
    const y = randomArray(random, 9);
    const filter = randomArray(random, 9);
    const forward = dot(referenceConv2d(x, filter, g), y);
    const backward = dot(x, referenceConv2dBackpropInput(y, filter, g));
    expect(Math.abs(forward.value - backward.value)).toBeLessThan(1e-14);
  });

  describe.each(BUILDS)('%s build', (build) => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await createEngine({ build });
    });

    it('<conv(x), y> = <x, convTranspose(y)> over the sweep, within 1e-5 relative', () => {
      const random = seededRandom(77);
      for (const g of adjointSweep()) {
        const sizes = tensorSizes(g);
        const x = randomArray(random, sizes.x);
        const y = randomArray(random, sizes.y);
        const filter = randomArray(random, sizes.filter);
        const forward = dot(runConv(engine, 'conv2d', x, filter, g), y);
        const backward = dot(x, runConv(engine, 'conv2dBackpropInput', y, filter, g));
        const error = Math.abs(forward.value - backward.value);
        const bound = ADJOINT_RELATIVE * Math.max(forward.scale, backward.scale, 1e-30);
        expect(error, describeGeometry(g)).toBeLessThanOrEqual(bound);
      }
    });
  });
});
