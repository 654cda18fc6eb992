/** Shared test helpers: engines of both builds, moving data in and out, and comparisons. */
import { expect } from 'vitest';
import type { BuildKind } from '../builds.js';
import type { Engine } from '../engine.js';
import { EngineError } from '../errors.js';
import type { Tolerance } from './tolerances.js';

/** Every build: every kernel test runs on each (createEngine enables relaxed SIMD in Node). */
export const BUILDS: readonly BuildKind[] = ['scalar', 'simd', 'relaxed'];

/** Allocates a buffer holding `data` (rounded to float32); returns its pointer. */
export function upload(engine: Engine, data: ArrayLike<number>): number {
  const pointer = engine.alloc(data.length);
  engine.write(pointer, data);
  return pointer;
}

/** Reads `length` floats as float64. */
export function download(engine: Engine, pointer: number, length: number): Float64Array {
  return Float64Array.from(engine.read(pointer, length));
}

/** Asserts |got - want| <= absolute + relative |want| elementwise, naming the first failure. */
export function expectClose(
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  tolerance: Tolerance,
  label = 'value',
): void {
  expect(got.length, `${label}: length`).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const bound = tolerance.absolute + tolerance.relative * Math.abs(want[i]);
    const same = Object.is(got[i], want[i]) || Math.abs(got[i] - want[i]) <= bound;
    if (!same) {
      expect.fail(`${label}[${i}]: got ${got[i]}, want ${want[i]} (within ${bound})`);
    }
  }
}

/** Runs `body` with fresh buffers and checks that it freed everything it allocated. */
export function expectNoLeak(engine: Engine, body: () => void): void {
  const before = engine.bytesInUse();
  body();
  expect(engine.bytesInUse()).toBe(before);
}

/** Asserts that `body` throws an EngineError with `code` whose message matches `message`. */
export function expectEngineError(
  body: () => unknown,
  code: string,
  message: string | RegExp,
): void {
  let thrown: unknown;
  try {
    body();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'expected an EngineError').toBeInstanceOf(EngineError);
  expect((thrown as EngineError).code).toBe(code);
  if (typeof message === 'string') expect((thrown as EngineError).message).toContain(message);
  else expect((thrown as EngineError).message).toMatch(message);
}
