import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../engine.js';
import { referenceMatmul } from '../reference/matmul.js';
import { BUILDS, download, expectClose, expectEngineError, upload } from '../test/helpers.js';
import { randomArray, seededRandom } from '../test/random.js';
import { ACCUMULATED } from '../test/tolerances.js';

/** CASES K8: sizes that are not multiples of the vector width (4) or the tile (4 x 8). */
const SIZES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 31, 33];
const GUARD = 16;
const SENTINEL = 12345.5;

const range = (length: number, start = 1) => Array.from({ length }, (_, i) => start + i);

describe.each(BUILDS)('matmul, %s build', (build) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine({ build });
  });

  /** Runs one product with guard floats around C; returns C and checks the guards. */
  function run(
    a: ArrayLike<number>, b: ArrayLike<number>, m: number, n: number, k: number,
    transposeA = false, transposeB = false,
  ): Float64Array {
    const aPointer = upload(engine, a);
    const bPointer = upload(engine, b);
    const guarded = upload(engine, new Array(m * n + 2 * GUARD).fill(SENTINEL));
    engine.matmul(aPointer, bPointer, guarded + 4 * GUARD, m, n, k, transposeA, transposeB);
    const all = download(engine, guarded, m * n + 2 * GUARD);
    const guards = [...all.subarray(0, GUARD), ...all.subarray(GUARD + m * n)];
    expect(guards.every((value) => value === SENTINEL), `${m}x${n}x${k} guards`).toBe(true);
    expect(download(engine, aPointer, a.length)).toEqual(Float64Array.from(a));
    for (const pointer of [aPointer, bPointer, guarded]) engine.free(pointer);
    return all.subarray(GUARD, GUARD + m * n);
  }

  it('K8: A = 1..15 as 5x3 times B = 1..21 as 3x7', () => {
    const c = run(range(15), range(21), 5, 7, 3);
    expect([...c.subarray(0, 7)]).toEqual([62, 68, 74, 80, 86, 92, 98]);
    expect(c[4 * 7 + 6]).toBe(602);
    expect(c.reduce((sum, value) => sum + value, 0)).toBe(9730);
  });

  it('K8: 1x9 by 9x1 of 1..9 and ones is 45', () => {
    expect([...run(range(9), new Array(9).fill(1), 1, 1, 9)]).toEqual([45]);
  });

  it.each([
    { ta: false, tb: false },
    { ta: true, tb: false },
    { ta: false, tb: true },
    { ta: true, tb: true },
  ])('K8 sweep of every m, n, k against float64, transposeA $ta, transposeB $tb', ({ ta, tb }) => {
    const random = seededRandom(8 + (ta ? 1 : 0) + (tb ? 2 : 0));
    for (const m of SIZES) {
      for (const n of SIZES) {
        for (const k of SIZES) {
          const a = randomArray(random, m * k);
          const b = randomArray(random, k * n);
          const got = run(a, b, m, n, k, ta, tb);
          expectClose(got, referenceMatmul(a, b, m, n, k, ta, tb), ACCUMULATED, `${m}x${n}x${k}`);
        }
      }
    }
  });

  it('crosses the depth block (k = 600) and the row block (m = 70) exactly like one pass', () => {
    const random = seededRandom(600);
    const [m, n, k] = [70, 19, 600];
    const a = randomArray(random, m * k);
    const b = randomArray(random, k * n);
    const got = run(a, b, m, n, k);
    // Sums over 600 products: allow sqrt(6) times the default.
    expectClose(got, referenceMatmul(a, b, m, n, k), { absolute: 5e-5, relative: 2.5e-5 }, 'C');
    // Each element is a sequential float32 sum: recompute element (69, 18) that way.
    let sum = 0;
    for (let p = 0; p < k; p++) sum = Math.fround(sum + Math.fround(a[69 * k + p] * b[p * n + 18]));
    expect(got[69 * n + 18]).toBe(sum);
  });

  it('crosses 512 columns (n = 531) and the depth block (k = 300) in depth order', () => {
    const random = seededRandom(531);
    const [m, n, k] = [9, 531, 300];
    const a = randomArray(random, m * k);
    const b = randomArray(random, k * n);
    const got = run(a, b, m, n, k);
    expectClose(got, referenceMatmul(a, b, m, n, k), { absolute: 5e-5, relative: 2.5e-5 }, 'C');
    // Columns past 512 are sequential float32 sums like the rest
    // (the relaxed build fuses each step, so only the other builds are checked exactly).
    if (build !== 'relaxed') {
      for (const column of [3, 515, 530]) {
        let sum = 0;
        for (let p = 0; p < k; p++) {
          sum = Math.fround(sum + Math.fround(a[8 * k + p] * b[p * n + column]));
        }
        expect(got[8 * n + column], `column ${column}`).toBe(sum);
      }
    }
  });

  it('k = 0 writes zeros and m = 0 or n = 0 writes nothing', () => {
    expect([...run([], [], 2, 3, 0)]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(run([], [1, 2], 0, 2, 1).length).toBe(0);
    expect(run([1, 2], [], 2, 0, 1).length).toBe(0);
  });

  it('frees its scratch buffers', () => {
    const a = upload(engine, range(12));
    const c = engine.alloc(9);
    const before = engine.bytesInUse();
    engine.matmul(a, a, c, 3, 3, 4, false, true);
    expect(engine.bytesInUse()).toBe(before);
    expect([...engine.read(c, 3)]).toEqual([30, 70, 110]);
    engine.free(a);
    engine.free(c);
  });

  it('rejects bad sizes, pointers and overlapping output with codes and messages', () => {
    const a = engine.alloc(6);
    const c = engine.alloc(4);
    expectEngineError(
      () => engine.matmul(a, a, c, 2, 2, 1.5, false, false),
      'INVALID_ARGUMENT',
      'matmul: k must be an integer in [0, 2^29], got 1.5',
    );
    expectEngineError(
      () => engine.matmul(a, a, c, 2, 2, 4, false, false),
      'OUT_OF_BOUNDS',
      `matmul: a needs 8 floats at ${a}, but its allocation at ${a} ends after 6 floats`,
    );
    expectEngineError(
      () => engine.matmul(a, a, 3, 2, 2, 3, false, false),
      'INVALID_POINTER',
      'matmul: c pointer 3 is not a 4-byte aligned offset into a live allocation',
    );
    expectEngineError(
      () => engine.matmul(a, c, a + 4, 2, 2, 1, false, false),
      'ALIASING',
      /^matmul: output c .* and input a .* must not overlap/,
    );
    engine.free(a);
    engine.free(c);
  });
});
