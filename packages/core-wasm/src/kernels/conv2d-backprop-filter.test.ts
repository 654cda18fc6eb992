import { beforeAll, describe, expect, it } from 'vitest';
import { conv2dGeometry, conv2dTransposeGeometry } from '../conv2d-geometry.js';
import { createEngine, type Engine } from '../engine.js';
import { referenceConv2dBackpropFilter } from '../reference/conv2d.js';
import { convSweep, describeGeometry, runConv, tensorSizes } from '../test/conv-cases.js';
import { BUILDS, expectClose, expectEngineError } from '../test/helpers.js';
import { randomArray, seededRandom } from '../test/random.js';
import { ACCUMULATED, CASE_VALUE } from '../test/tolerances.js';

describe.each(BUILDS)('conv2dBackpropFilter, %s build', (build) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine({ build });
  });

  it('K6: gradients of the stride-2 transposed convolution', () => {
    // The transposed conv of K6 is the input gradient of this forward conv (x 1x3, y 1x2).
    const g = conv2dTransposeGeometry([1, 1, 2, 1], [1, 1, 1, 1], undefined, { strides: 2 });
    const upstream = [1.5, 0, 0.7];
    const input = [-1.9954, -0.3385];
    // Gradient for the transposed conv's input: the forward conv of the upstream gradient.
    const inputGradient = runConv(engine, 'conv2d', upstream, [-0.7767], g);
    expectClose(inputGradient, [-1.165, -0.5437], CASE_VALUE, 'K6 input gradient');
    const filterGradient = runConv(engine, 'conv2dBackpropFilter', upstream, input, g);
    expectClose(filterGradient, [-3.2301], CASE_VALUE, 'K6 filter gradient');
  });

  it('matches the float64 reference over the geometry sweep', () => {
    const random = seededRandom(3);
    for (const g of convSweep()) {
      const sizes = tensorSizes(g);
      const x = randomArray(random, sizes.x);
      const dy = randomArray(random, sizes.y);
      const dfilter = runConv(engine, 'conv2dBackpropFilter', x, dy, g);
      const want = referenceConv2dBackpropFilter(x, dy, g);
      expectClose(dfilter, want, ACCUMULATED, describeGeometry(g));
    }
  });

  it('matches the reference for one channel on a batch too large to copy padded', () => {
    // 17 images of 251 x 252 padded floats: past the 4 MiB staged for few channels.
    const g = conv2dGeometry([17, 250, 250, 1], [3, 3, 1, 2], { strides: 2, padding: 'same' });
    const random = seededRandom(4);
    const sizes = tensorSizes(g);
    const x = randomArray(random, sizes.x);
    const dy = randomArray(random, sizes.y);
    const dfilter = runConv(engine, 'conv2dBackpropFilter', x, dy, g);
    // Sums over 265,625 pixels: float32 partial sums of a few hundred, so 1e-4 relative.
    expectClose(dfilter, referenceConv2dBackpropFilter(x, dy, g),
      { absolute: 1e-3, relative: 1e-4 }, describeGeometry(g));
  });

  it('K11: an empty dy gives a zero filter gradient', () => {
    const g = conv2dGeometry([1, 5, 2, 3], [3, 3, 3, 2], { strides: 2 });
    const x = randomArray(seededRandom(4), 30);
    const dfilter = runConv(engine, 'conv2dBackpropFilter', x, [], g);
    expect(dfilter).toEqual(new Float64Array(54));
  });

  it('rejects a short dy with code and message', () => {
    const g = conv2dGeometry([1, 3, 3, 1], [2, 2, 1, 1]);
    const x = engine.alloc(9);
    const dy = engine.alloc(3);
    const dfilter = engine.alloc(4);
    expectEngineError(
      () => engine.conv2dBackpropFilter(x, dy, dfilter, g),
      'OUT_OF_BOUNDS',
      `conv2dBackpropFilter: dy needs 4 floats at ${dy}`,
    );
    for (const pointer of [x, dy, dfilter]) engine.free(pointer);
  });
});

describe.each(BUILDS)('conv2dBackpropFilter over many pixels, %s build', (build) => {
  // More output pixels than one block of the depth walk (256), not a multiple of it; output
  // channels that are whole column panels (dy read in place) and not. Few filter rows cut the
  // sum over pixels in chunks: 257 pixels (a last chunk of one), 16,641 (65 blocks: chunks of
  // two blocks, the last of one).
  it('matches the reference and gives the same bits on 1, 2 and 3 threads', async () => {
    const engines = await Promise.all([1, 2, 3].map((threads) =>
      createEngine({ build, threads, onWarning: () => {} })));
    try {
      const random = seededRandom(21);
      const geometries = [
        conv2dGeometry([3, 14, 14, 4], [3, 3, 4, 5], { padding: 'same' }),
        conv2dGeometry([5, 28, 28, 1], [5, 5, 1, 6], { strides: 2, padding: 'same' }),
        conv2dGeometry([2, 20, 17, 3], [2, 3, 3, 2], { dilations: 2, padding: 'valid' }),
        conv2dGeometry([5, 28, 28, 1], [5, 5, 1, 16], { strides: 2, padding: 'same' }),
        conv2dGeometry([3, 13, 11, 8], [3, 3, 8, 8], { strides: [2, 1], padding: 'same' }),
        conv2dGeometry([1, 1, 257, 1], [1, 1, 1, 8]),
        conv2dGeometry([1, 129, 129, 1], [3, 3, 1, 10], { padding: 'same' }),
      ];
      for (const g of geometries) {
        const sizes = tensorSizes(g);
        const x = randomArray(random, sizes.x);
        const dy = randomArray(random, sizes.y);
        const [one, two, three] = engines.map((engine) =>
          runConv(engine, 'conv2dBackpropFilter', x, dy, g));
        expect(two, describeGeometry(g)).toEqual(one);
        expect(three, describeGeometry(g)).toEqual(one);
        expectClose(one, referenceConv2dBackpropFilter(x, dy, g), ACCUMULATED,
          describeGeometry(g));
      }
    } finally {
      for (const engine of engines) engine.dispose();
    }
  });
});
