import { beforeAll, describe, expect, it } from 'vitest';
import { conv2dGeometry, conv2dTransposeGeometry } from '../conv2d-geometry.js';
import { createEngine, type Engine } from '../engine.js';
import { referenceConv2dBackpropInput } from '../reference/conv2d.js';
import { convSweep, describeGeometry, runConv, tensorSizes } from '../test/conv-cases.js';
import { BUILDS, expectClose, expectEngineError } from '../test/helpers.js';
import { randomArray, seededRandom } from '../test/random.js';
import { ACCUMULATED, CASE_VALUE } from '../test/tolerances.js';

describe.each(BUILDS)('conv2dBackpropInput (transposed convolution), %s build', (build) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine({ build });
  });

  it('K5: stride 2, 2x2 ones, "same": each value fills a 2x2 block', () => {
    const g = conv2dTransposeGeometry([1, 2, 2, 1], [2, 2, 1, 1], undefined, {
      strides: 2,
      padding: 'same',
    });
    expect([...runConv(engine, 'conv2dBackpropInput', [1, 2, 3, 4], [1, 1, 1, 1], g)]).toEqual([
      1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4,
    ]);
  });

  it('K5: stride 1, 2x2 ones, "same" on ones is the adjoint [[1, 2], [2, 4]]', () => {
    const g = conv2dTransposeGeometry([1, 2, 2, 1], [2, 2, 1, 1], undefined, { padding: 'same' });
    expect([g.inHeight, g.padTop, g.padLeft]).toEqual([2, 0, 0]);
    expect([...runConv(engine, 'conv2dBackpropInput', [1, 1, 1, 1], [1, 1, 1, 1], g)]).toEqual([
      1, 2, 2, 4,
    ]);
  });

  it('K6: 1x1 filter -0.7767, stride 2 on [-1.9954, -0.3385] gives [1.5498, 0, 0.2629]', () => {
    const g = conv2dTransposeGeometry([1, 1, 2, 1], [1, 1, 1, 1], undefined, { strides: 2 });
    const output = runConv(engine, 'conv2dBackpropInput', [-1.9954, -0.3385], [-0.7767], g);
    expectClose(output, [1.5498, 0, 0.2629], CASE_VALUE, 'K6 output');
    expect(output[1]).toBe(0);
  });

  // One thread runs every geometry image by image (the narrow way below 4 input channels);
  // the default threads compute the small batches' columns whole.
  it('matches the float64 reference over the geometry sweep, on 1 and on the default threads',
    async () => {
      const oneThread = await createEngine({ build, threads: 1 });
      const random = seededRandom(2);
      for (const g of convSweep()) {
        const sizes = tensorSizes(g);
        const dy = randomArray(random, sizes.y);
        const filter = randomArray(random, sizes.filter);
        const want = referenceConv2dBackpropInput(dy, filter, g);
        for (const [label, e] of [['default', engine], ['1 thread', oneThread]] as const) {
          const dx = runConv(e, 'conv2dBackpropInput', dy, filter, g);
          expectClose(dx, want, ACCUMULATED, `${label}: ${describeGeometry(g)}`);
        }
      }
      oneThread.dispose();
    });

  it('K11: an empty dy gives dx of zeros', () => {
    const g = conv2dGeometry([1, 5, 2, 3], [3, 3, 3, 2], { strides: 2 });
    const dx = runConv(engine, 'conv2dBackpropInput', [], randomArray(seededRandom(3), 54), g);
    expect(dx).toEqual(new Float64Array(30));
  });

  it('rejects a dx that overlaps dy, with code and message', () => {
    const g = conv2dGeometry([1, 3, 3, 1], [1, 1, 1, 1]);
    const buffer = engine.alloc(18);
    const filter = engine.alloc(1);
    expectEngineError(
      () => engine.conv2dBackpropInput(buffer, filter, buffer + 16, g),
      'ALIASING',
      /^conv2dBackpropInput: output dx .* and input dy .* must not overlap/,
    );
    engine.free(buffer);
    engine.free(filter);
  });
});

describe.each(BUILDS)('conv2dBackpropInput image by image, %s build', (build) => {
  // 1 thread and 2 threads with 9 images run image by image (2 threads split them 4 + 5; the
  // narrow way for 1 and 3 input channels); 3 threads with 9 images compute the whole batch's
  // columns: all must give the same bits. Grey at stride 2 across scatters taps in pairs, an odd
  // filter width's last tap paired with zeros, on rows wide enough for whole vectors.
  it('gives the bits of the whole-batch way and matches the reference, batch 9', async () => {
    const engines = await Promise.all([1, 2, 3].map((threads) =>
      createEngine({ build, threads, onWarning: () => {} })));
    try {
      const random = seededRandom(9);
      const geometries = [
        conv2dGeometry([9, 14, 14, 8], [5, 5, 8, 12], { strides: 2, padding: 'same' }),
        conv2dGeometry([9, 7, 5, 1], [3, 2, 1, 3], { strides: [2, 1], padding: 'valid' }),
        conv2dGeometry([9, 6, 6, 3], [3, 3, 3, 4], { dilations: 2, padding: 'same' }),
        conv2dGeometry([9, 28, 28, 1], [5, 5, 1, 8], { strides: 2, padding: 'same' }),
        conv2dGeometry([9, 27, 31, 1], [3, 5, 1, 5], { strides: 2, padding: [[1, 2], [3, 0]] }),
        conv2dGeometry([9, 30, 25, 1], [3, 3, 1, 4], { strides: 2, padding: 'valid' }),
        conv2dGeometry([9, 23, 26, 1], [4, 5, 1, 3],
          { strides: [3, 2], dilations: [2, 1], padding: [[5, 1], [2, 4]] }),
        ...convSweep(12).map((g) => ({ ...g, batch: 9 })),
      ];
      for (const g of geometries) {
        const sizes = tensorSizes(g);
        const dy = randomArray(random, sizes.y);
        const filter = randomArray(random, sizes.filter);
        const [one, two, three] = engines.map((engine) =>
          runConv(engine, 'conv2dBackpropInput', dy, filter, g));
        expect(two, describeGeometry(g)).toEqual(one);
        expect(three, describeGeometry(g)).toEqual(one);
        expectClose(one, referenceConv2dBackpropInput(dy, filter, g), ACCUMULATED,
          describeGeometry(g));
      }
    } finally {
      for (const engine of engines) engine.dispose();
    }
  });
});
