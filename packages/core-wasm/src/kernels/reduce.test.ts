import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../engine.js';
import { BUILDS, download, expectClose, expectEngineError, upload } from '../test/helpers.js';
import { randomArray, seededRandom } from '../test/random.js';
import { ELEMENTWISE } from '../test/tolerances.js';

const SHAPES = [[1, 1], [3, 17], [17, 3], [5, 8], [33, 20], [7, 9], [200, 1], [1, 200]];

describe.each(BUILDS)('sums, %s build', (build) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine({ build });
  });

  it('sumAll matches float64 for lengths 0, 1, 3, 17, 1003 and 100003', () => {
    const random = seededRandom(300);
    for (const length of [0, 1, 3, 17, 1003, 100003]) {
      const x = randomArray(random, length);
      const [xPointer, y] = [upload(engine, x), engine.alloc(1)];
      engine.sumAll(xPointer, y, length);
      const want = x.reduce((sum, value) => sum + value, 0);
      expectClose(download(engine, y, 1), [want], ELEMENTWISE, `sumAll of ${length}`);
      engine.free(xPointer);
      engine.free(y);
    }
  });

  it('sumAll keeps small terms that float32 accumulation would drop', () => {
    const x = upload(engine, [1e8, ...new Array(1000).fill(1)]);
    const y = engine.alloc(1);
    engine.sumAll(x, y, 1001);
    expect(engine.read(y, 1)[0]).toBe(Math.fround(1e8 + 1000));
    engine.free(x);
    engine.free(y);
  });

  it.each(['sumRows', 'sumCols'] as const)('%s matches float64 on awkward shapes', (kind) => {
    const random = seededRandom(kind === 'sumRows' ? 301 : 302);
    for (const [rows, cols] of SHAPES) {
      const x = randomArray(random, rows * cols);
      const length = kind === 'sumRows' ? cols : rows;
      const want = new Float64Array(length);
      x.forEach((value, i) => {
        want[kind === 'sumRows' ? i % cols : Math.floor(i / cols)] += value;
      });
      const [xPointer, y] = [upload(engine, x), engine.alloc(length)];
      engine[kind](xPointer, y, rows, cols);
      expectClose(download(engine, y, length), want, ELEMENTWISE, `${kind} ${rows}x${cols}`);
      engine.free(xPointer);
      engine.free(y);
    }
  });

  it('rejects an output that overlaps the input, with code and message', () => {
    const x = engine.alloc(12);
    expectEngineError(
      () => engine.sumRows(x, x + 8, 2, 4),
      'ALIASING',
      /^sumRows: output y .* and input x .* must not overlap/,
    );
    engine.free(x);
  });
});
