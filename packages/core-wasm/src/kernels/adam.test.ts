import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../engine.js';
import { BUILDS, download, expectClose, expectEngineError, upload } from '../test/helpers.js';
import { randomArray, seededRandom } from '../test/random.js';
import { CASE_VALUE } from '../test/tolerances.js';

describe.each(BUILDS)('adam, %s build', (build) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine({ build });
  });

  /** Steps of one parameter starting at 0 under the given gradients. */
  const steps = (gradients: number[], lr: number, beta1: number) => {
    const [param, grad, m, v] = [0, 0, 0, 0].map(() => upload(engine, [0]));
    const deltas: number[] = [];
    gradients.forEach((gradient, index) => {
      const before = engine.read(param, 1)[0];
      engine.write(grad, [gradient]);
      engine.adam(param, grad, m, v, 1, lr, beta1, 0.999, 1e-8, index + 1);
      deltas.push(engine.read(param, 1)[0] - before);
    });
    for (const pointer of [param, grad, m, v]) engine.free(pointer);
    return deltas;
  };

  it('L7: the first step divides by the bias correction', () => {
    const [first] = steps([0.5], 0.01, 0.9);
    expectClose([first], [-0.0099999998], CASE_VALUE, 'first step');
  });

  it('L7: lr 2e-4, gradients +1, -1, +1 with beta1 0.5 and 0.9', () => {
    expectClose(steps([1, -1, 1], 2e-4, 0.5), [-2e-4, 6.6667e-5, -8.5714e-5], CASE_VALUE, 'b1 .5');
    expectClose(steps([1, -1, 1], 2e-4, 0.9), [-2e-4, 1.0526e-5, -6.7159e-5], CASE_VALUE, 'b1 .9');
  });

  it('matches float64 over three steps on 1003 parameters', () => {
    const random = seededRandom(500);
    const length = 1003;
    const param = randomArray(random, length);
    const pointers = [param, new Float64Array(length), new Float64Array(length)].map((values) =>
      upload(engine, values));
    const [p, m, v] = pointers;
    const want = {
      p: Float64Array.from(param),
      m: new Float64Array(length),
      v: new Float64Array(length),
    };
    const [lr, beta1, beta2, eps] = [1e-3, 0.5, 0.999, 1e-8];
    for (let step = 1; step <= 3; step++) {
      const gradient = randomArray(random, length);
      const g = upload(engine, gradient);
      engine.adam(p, g, m, v, length, lr, beta1, beta2, eps, step);
      engine.free(g);
      for (let i = 0; i < length; i++) {
        want.m[i] = beta1 * want.m[i] + (1 - beta1) * gradient[i];
        want.v[i] = beta2 * want.v[i] + (1 - beta2) * gradient[i] ** 2;
        const mHat = want.m[i] / (1 - beta1 ** step);
        const vHat = want.v[i] / (1 - beta2 ** step);
        want.p[i] -= (lr * mHat) / (Math.sqrt(vHat) + eps);
      }
    }
    // A few float32 roundings of values of order 1 per step: 1e-6 absolute.
    const tolerance = { absolute: 1e-6, relative: 1e-6 };
    expectClose(download(engine, p, length), want.p, tolerance, 'param');
    expectClose(download(engine, m, length), want.m, tolerance, 'm');
    expectClose(download(engine, v, length), want.v, tolerance, 'v');
    for (const pointer of pointers) engine.free(pointer);
  });

  it('rejects step 0 and overlapping state, with codes and messages', () => {
    const buffer = engine.alloc(16);
    const [grad, m, v] = [buffer + 16, buffer + 32, buffer + 48];
    expectEngineError(
      () => engine.adam(buffer, grad, m, v, 4, 1e-3, 0.9, 0.999, 1e-8, 0),
      'INVALID_ARGUMENT',
      'adam: step must be an integer >= 1',
    );
    expectEngineError(
      () => engine.adam(buffer, buffer + 8, m, v, 4, 1e-3, 0.9, 0.999, 1e-8, 1),
      'ALIASING',
      /^adam: output param .* and input grad .* must not overlap/,
    );
    engine.free(buffer);
  });
});
