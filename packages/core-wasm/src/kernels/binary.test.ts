import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../engine.js';
import { BUILDS, download, expectClose, expectEngineError, upload } from '../test/helpers.js';
import { randomArray, seededRandom } from '../test/random.js';
import { ELEMENTWISE } from '../test/tolerances.js';
import { BINARY_OPS, type BinaryOp, type BroadcastMode } from './binary.js';

const REFERENCE: Record<BinaryOp, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  maximum: Math.max,
  minimum: Math.min,
};

/** [bLength, rows, mode]: length = bLength * rows. Covers scalar, odd and vector-wide b. */
const LAYOUTS: [number, number, BroadcastMode][] = [
  [1, 1, 'cycle'], [1, 17, 'cycle'], [3, 17, 'cycle'], [4, 5, 'cycle'], [9, 3, 'cycle'],
  [17, 1, 'cycle'], [1003, 1, 'cycle'], [3, 11, 'block'], [5, 4, 'block'], [2, 33, 'block'],
];

describe.each(BUILDS)('binary, %s build', (build) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine({ build });
  });

  it.each(BINARY_OPS)('%s matches float64 for every broadcast layout', (op) => {
    const random = seededRandom(BINARY_OPS.indexOf(op) + 200);
    for (const [bLength, rows, mode] of LAYOUTS) {
      const length = bLength * rows;
      const a = randomArray(random, length);
      // Keep b away from 0 so that div stays well conditioned.
      const b = randomArray(random, bLength, 0.25, 2).map((v, i) => (i % 2 ? -v : v));
      const blockSize = length / bLength;
      const want = a.map((value, i) =>
        REFERENCE[op](value, b[mode === 'cycle' ? i % bLength : Math.floor(i / blockSize)]));
      const [aPointer, bPointer] = [upload(engine, a), upload(engine, b)];
      const y = engine.alloc(length);
      engine.binary(op, aPointer, bPointer, y, length, bLength, mode);
      const label = `${op} ${mode} ${bLength}x${rows}`;
      expectClose(download(engine, y, length), want, ELEMENTWISE, label);
      for (const pointer of [aPointer, bPointer, y]) engine.free(pointer);
    }
  });

  it('maximum and minimum propagate NaN; y may be a or b itself', () => {
    const a = upload(engine, [1, Number.NaN, 3, -4, 5]);
    const b = upload(engine, [2, 0, Number.NaN, -5, 5]);
    engine.binary('maximum', a, b, a, 5, 5);
    expect([...engine.read(a, 5)]).toEqual([2, Number.NaN, Number.NaN, -4, 5]);
    engine.binary('sub', a, b, b, 5, 5);
    expect([...engine.read(b, 5)]).toEqual([0, Number.NaN, Number.NaN, 1, 0]);
    engine.free(a);
    engine.free(b);
  });

  it('rejects unknown ops, bad broadcast lengths and overlap with codes and messages', () => {
    const a = engine.alloc(12);
    const b = engine.alloc(5);
    expectEngineError(
      () => engine.binary('pow' as BinaryOp, a, b, a, 12, 3),
      'UNKNOWN_OP',
      "binary: unknown op 'pow'; expected one of add, sub, mul, div, maximum, minimum",
    );
    expectEngineError(
      () => engine.binary('add', a, b, a, 12, 5, 'block'),
      'SHAPE_MISMATCH',
      'binary add: length 12 must be a positive multiple of bLength 5 (block broadcast)',
    );
    expectEngineError(
      () => engine.binary('add', a, b, a, 12, 3, 'rows' as BroadcastMode),
      'INVALID_ARGUMENT',
      "binary add: bMode must be 'cycle' or 'block', got 'rows'",
    );
    expectEngineError(
      () => engine.binary('add', a, a + 4, a, 8, 4),
      'ALIASING',
      /^binary add: output y .* and input b .* must be the same buffer or not overlap/,
    );
    engine.free(a);
    engine.free(b);
  });
});
