import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../engine.js';
import { BUILDS, download, expectClose, expectEngineError, upload } from '../test/helpers.js';
import { randomArray, seededRandom } from '../test/random.js';
import { CASE_VALUE, ELEMENTWISE } from '../test/tolerances.js';

const reference = (logit: number, target: number) =>
  Math.max(logit, 0) - (target === 0 ? 0 : logit * target) +
  Math.log1p(Math.exp(-Math.abs(logit)));

describe.each(BUILDS)('sigmoidCrossEntropy, %s build', (build) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine({ build });
  });

  const run = (logits: ArrayLike<number>, targets: ArrayLike<number>) => {
    const [l, t] = [upload(engine, logits), upload(engine, targets)];
    const y = engine.alloc(logits.length);
    engine.sigmoidCrossEntropy(l, t, y, logits.length, targets.length);
    const result = download(engine, y, logits.length);
    for (const pointer of [l, t, y]) engine.free(pointer);
    return result;
  };

  it('L1: stable at the extremes', () => {
    const [large, veryNegative, zero, minusInfinity, minusInfinityZero, ...plusInfinity] = run(
      [50, -100, 0, -Infinity, -Infinity, Infinity, Infinity],
      [0, 0, 0, 0.9, 0, 1, 0],
    );
    expect(large).toBe(50);
    expect(veryNegative).toBeGreaterThan(3.5e-44);
    expect(veryNegative).toBeLessThan(3.9e-44);
    expect(zero).toBe(Math.fround(Math.LN2));
    expect(minusInfinity).toBe(Infinity);
    expect(minusInfinityZero).toBe(0);
    expect(plusInfinity).toEqual([0, Infinity]);
  });

  it('L3: BCE(2, 0.9) = 0.326928 and BCE(-2, 0) = 0.126928', () => {
    expectClose(run([2, -2], [0.9, 0]), [0.326928, 0.126928], CASE_VALUE, 'L3');
  });

  it('matches float64 with per-element and shared targets, lengths 1, 3, 17, 1003', () => {
    const random = seededRandom(400);
    for (const length of [1, 3, 17, 1003]) {
      const logits = randomArray(random, length, -30, 30);
      const targets = randomArray(random, length, 0, 1);
      const want = logits.map((logit, i) => reference(logit, targets[i]));
      // The loss is a difference of terms up to |logit|: allow rounding relative to that.
      const tolerance = { absolute: 30 * ELEMENTWISE.relative, relative: ELEMENTWISE.relative };
      expectClose(run(logits, targets), want, tolerance, `length ${length}`);
      const shared = logits.map((logit) => reference(logit, targets[0]));
      expectClose(run(logits, [targets[0]]), shared, tolerance, `shared target, length ${length}`);
    }
  });

  it('rejects a target length that is neither length nor 1, with code and message', () => {
    const buffer = engine.alloc(8);
    expectEngineError(
      () => engine.sigmoidCrossEntropy(buffer, buffer, buffer, 4, 2),
      'SHAPE_MISMATCH',
      'sigmoidCrossEntropy: targetLength must be length 4 or 1, got 2',
    );
    engine.free(buffer);
  });
});
