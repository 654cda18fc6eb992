import { beforeAll, describe, expect, it } from 'vitest';
import { conv2dGeometry } from '../conv2d-geometry.js';
import { createEngine, type Engine } from '../engine.js';
import { referenceConv2d } from '../reference/conv2d.js';
import { convSweep, describeGeometry, runConv, tensorSizes } from '../test/conv-cases.js';
import { BUILDS, expectClose, expectEngineError } from '../test/helpers.js';
import { randomArray, seededRandom } from '../test/random.js';
import { ACCUMULATED } from '../test/tolerances.js';

const range = (length: number, start: number) => Array.from({ length }, (_, i) => start + i);

describe.each(BUILDS)('conv2d, %s build', (build) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine({ build });
  });

  it('K1: 3x3 filter 0..8, stride 2, "same", on inputs of ones', () => {
    const filter = range(9, 0);
    const options = { strides: 2, padding: 'same' as const };
    const conv = (size: number) =>
      [...runConv(engine, 'conv2d', new Array(size * size).fill(1), filter,
        conv2dGeometry([1, size, size, 1], [3, 3, 1, 1], options))];
    expect(conv(1)).toEqual([4]);
    expect(conv(2)).toEqual([8]);
    expect(conv(3)).toEqual([24, 20, 12, 8]);
  });

  it('K2: stride [5, 2] larger than the input gives [41, 63], not zeros', () => {
    const g = conv2dGeometry([1, 3, 3, 1], [2, 1, 1, 1], { strides: [5, 2], padding: 'same' });
    expect([...runConv(engine, 'conv2d', range(9, 1), [1, 10], g)]).toEqual([41, 63]);
  });

  it('K3: dilation 2 on 0..99 gives y[0, 0] = 198 and y[5, 5] = 693', () => {
    const g = conv2dGeometry([1, 10, 10, 1], [3, 3, 1, 1], { dilations: 2 });
    const y = runConv(engine, 'conv2d', range(100, 0), new Array(9).fill(1), g);
    expect([y.length, y[0], y[35]]).toEqual([36, 198, 693]);
  });

  it('K4: 1x3 filter [1, 10, 100], stride 2, "same" on 1..12', () => {
    const g = conv2dGeometry([1, 4, 3, 1], [1, 3, 1, 1], { strides: 2, padding: 'same' });
    expect([...runConv(engine, 'conv2d', range(12, 1), [1, 10, 100], g)]).toEqual([
      210, 32, 870, 98,
    ]);
  });

  it('matches the float64 reference over the geometry sweep', () => {
    const random = seededRandom(1);
    for (const g of convSweep()) {
      const sizes = tensorSizes(g);
      const x = randomArray(random, sizes.x);
      const filter = randomArray(random, sizes.filter);
      const y = runConv(engine, 'conv2d', x, filter, g);
      expectClose(y, referenceConv2d(x, filter, g), ACCUMULATED, describeGeometry(g));
    }
  });

  it('matches the reference on images too large to copy padded (packed straight from x)', () => {
    // 262 x 262 x 4 floats per padded image: past the 2 MiB a thread may stage.
    const g = conv2dGeometry([2, 260, 260, 4], [3, 3, 4, 5], { padding: 'same' });
    const random = seededRandom(3);
    const sizes = tensorSizes(g);
    const x = randomArray(random, sizes.x);
    const filter = randomArray(random, sizes.filter);
    const y = runConv(engine, 'conv2d', x, filter, g);
    expectClose(y, referenceConv2d(x, filter, g), ACCUMULATED, describeGeometry(g));
  });

  it('reads the padding as zeros under a stride of 2^27, whose padded row overflows an i32', () => {
    // The second output column lies in the right padding; a padded row of (2^27 + 1) x 64
    // floats computed in i32 wrapped to 64 and copied the first column there.
    const big = 2 ** 27;
    const g = conv2dGeometry([1, 4, 1, 64], [1, 1, 64, 2],
      { strides: [1, big], padding: [[0, 0], [0, big]] });
    expect([g.outHeight, g.outWidth]).toEqual([4, 2]);
    const x = Array.from({ length: 256 }, (_, i) => 1 + (i % 7));
    const y = runConv(engine, 'conv2d', x, new Array(128).fill(1), g);
    expect([...y]).toEqual([253, 253, 0, 0, 254, 254, 0, 0, 255, 255, 0, 0, 256, 256, 0, 0]);
  });

  it('K11: a zero-width output is empty and touches nothing', () => {
    const g = conv2dGeometry([1, 5, 2, 3], [3, 3, 3, 2], { strides: 2 });
    const x = engine.alloc(30);
    const filter = engine.alloc(54);
    const y = engine.alloc(0);
    const before = engine.bytesInUse();
    engine.conv2d(x, filter, y, g);
    expect(engine.bytesInUse()).toBe(before);
    for (const pointer of [x, filter, y]) engine.free(pointer);
  });

  it('rejects bad geometry, short buffers and aliasing with codes and messages', () => {
    const g = conv2dGeometry([1, 4, 4, 2], [3, 3, 2, 3], { padding: 'same' });
    const x = engine.alloc(32);
    const filter = engine.alloc(54);
    const y = engine.alloc(48);
    expectEngineError(
      () => engine.conv2d(x, filter, y, { ...g, strideWidth: 0 }),
      'INVALID_ARGUMENT',
      'conv2d: geometry.strideWidth must be an integer >= 1, got 0',
    );
    expectEngineError(
      () => engine.conv2d(x, filter, y, { ...g, outChannels: 4 }),
      'OUT_OF_BOUNDS',
      'conv2d: filter needs 72 floats',
    );
    expectEngineError(
      () => engine.conv2d(x, filter, x, { ...g, outChannels: 2 }),
      'ALIASING',
      /^conv2d: output y .* and input x .* must not overlap/,
    );
    for (const pointer of [x, filter, y]) engine.free(pointer);
  });
});
