import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../engine.js';
import { BUILDS, download, expectClose, expectEngineError, upload } from '../test/helpers.js';
import { randomArray, seededRandom } from '../test/random.js';
import { ELEMENTWISE } from '../test/tolerances.js';
import { UNARY_OPS, type UnaryOp } from './unary.js';

/** Float64 definitions of every op (alpha and beta already rounded to float32). */
const REFERENCE: Record<UnaryOp, (x: number, alpha: number, beta: number) => number> = {
  copy: (x) => x,
  neg: (x) => -x,
  scale: (x, alpha) => alpha * x,
  addScalar: (x, alpha) => x + alpha,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  square: (x) => x * x,
  abs: Math.abs,
  sign: Math.sign,
  reciprocal: (x) => 1 / x,
  relu: (x) => (x > 0 ? x : 0),
  leakyRelu: (x, alpha) => (x > 0 ? x : alpha * x),
  tanh: Math.tanh,
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  softplus: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),
  step: (x) => (x > 0 ? 1 : 0),
  leakyStep: (x, alpha) => (x > 0 ? 1 : alpha),
  clip: (x, alpha, beta) => Math.min(Math.max(x, alpha), beta),
  fill: (_x, alpha) => alpha,
};

/** Inputs inside each op's domain: positive for log and sqrt, away from 0 for reciprocal. */
function inputs(op: UnaryOp, random: () => number, length: number): Float64Array {
  const values = randomArray(random, length, -4, 4);
  if (op === 'log' || op === 'sqrt') return values.map((x) => Math.fround(Math.abs(x) + 0.01));
  if (op === 'reciprocal') return values.map((x) => Math.fround(x + Math.sign(x) * 0.1));
  return values;
}

const ALPHA = -0.375;
const BETA = 0.75;
const SPECIAL = [0, -0, Number.NaN, Infinity, -Infinity, 1e-40, -1e-40, 90, -90];

describe.each(BUILDS)('unary, %s build', (build) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine({ build });
  });

  /** Runs op on a copy of x; `parameters` are passed as given (none: the op's defaults). */
  const run = (op: UnaryOp, x: ArrayLike<number>, ...parameters: number[]) => {
    const pointer = upload(engine, x);
    const y = engine.alloc(x.length);
    engine.unary(op, pointer, y, x.length, ...parameters);
    const result = download(engine, y, x.length);
    engine.free(pointer);
    engine.free(y);
    return result;
  };

  it.each(UNARY_OPS)('%s matches float64 on random inputs of lengths 1, 3, 17, 1003', (op) => {
    const random = seededRandom(UNARY_OPS.indexOf(op) + 100);
    for (const length of [1, 3, 17, 1003]) {
      const x = inputs(op, random, length);
      const want = x.map((value) => REFERENCE[op](value, ALPHA, BETA));
      expectClose(run(op, x, ALPHA, BETA), want, ELEMENTWISE, `${op} length ${length}`);
    }
  });

  it.each(UNARY_OPS)('%s handles 0, -0, NaN, infinities, denormals and +-90', (op) => {
    const want = SPECIAL.map((x) => Math.fround(REFERENCE[op](Math.fround(x), ALPHA, BETA)));
    expectClose(run(op, SPECIAL, ALPHA, BETA), want, ELEMENTWISE, op);
  });

  it('works in place and leaves the rest of the buffer alone', () => {
    const x = upload(engine, [-2, -1, 0, 1, 2, 3]);
    engine.unary('relu', x + 4, x + 4, 4);
    expect([...engine.read(x, 6)]).toEqual([-2, 0, 0, 1, 2, 3]);
    engine.unary('fill', x, x, 2, 7);
    expect([...engine.read(x, 3)]).toEqual([7, 7, 0]);
    engine.free(x);
  });

  it('leakyRelu and leakyStep default to slope 0.2', () => {
    expect([...run('leakyRelu', [-1, 2])]).toEqual([Math.fround(-0.2), 2]);
    expect([...run('leakyStep', [-1, 2])]).toEqual([Math.fround(0.2), 1]);
  });

  it('L1: softplus(-100) is a denormal about 3.7e-44, softplus(50) is 50', () => {
    const [low, high] = run('softplus', [-100, 50]);
    expect(low).toBeGreaterThan(3.5e-44);
    expect(low).toBeLessThan(3.9e-44);
    expect(high).toBe(50);
  });

  it('L1: sigmoid(0) is exactly 0.5 and sigmoid(50) is 1 (the BCE gradients plus target)', () => {
    expect([...run('sigmoid', [0, 50, -200])]).toEqual([0.5, 1, 0]);
  });

  it('rejects unknown ops, missing parameters and partial overlap with codes and messages', () => {
    const x = engine.alloc(8);
    expectEngineError(
      () => engine.unary('cube' as UnaryOp, x, x, 8),
      'UNKNOWN_OP',
      "unary: unknown op 'cube'; expected one of copy, neg, scale",
    );
    expectEngineError(
      () => engine.unary('scale', x, x, 8),
      'INVALID_ARGUMENT',
      'unary scale: alpha is required',
    );
    expectEngineError(
      () => engine.unary('clip', x, x, 8, 0),
      'INVALID_ARGUMENT',
      'unary clip: beta (the upper bound) is required',
    );
    expectEngineError(
      () => engine.unary('exp', x, x + 4, 4),
      'ALIASING',
      /^unary exp: output y .* and input x .* must be the same buffer or not overlap/,
    );
    engine.free(x);
  });
});
