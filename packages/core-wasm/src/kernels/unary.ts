/** Host side of the elementwise unary operations. */
import { EngineError } from '../errors.js';
import { checkBuffers, type KernelContext } from './context.js';

/**
 * Unary operations. scale: alpha * x; addScalar: x + alpha; leakyRelu: x > 0 ? x : alpha * x;
 * step: x > 0 ? 1 : 0; leakyStep: x > 0 ? 1 : alpha; clip: min(max(x, alpha), beta); fill: alpha
 * (x ignored); sign: -1, 1, or x itself for 0, -0 and NaN; softplus: max(x, 0) + log1p(exp(-|x|)).
 */
export type UnaryOp =
  | 'copy' | 'neg' | 'scale' | 'addScalar' | 'exp' | 'log' | 'sqrt' | 'square' | 'abs' | 'sign'
  | 'reciprocal' | 'relu' | 'leakyRelu' | 'tanh' | 'sigmoid' | 'softplus' | 'step' | 'leakyStep'
  | 'clip' | 'fill';

/** Every unary op; its index is the op code of assembly/unary.ts. */
export const UNARY_OPS: readonly UnaryOp[] = [
  'copy', 'neg', 'scale', 'addScalar', 'exp', 'log', 'sqrt', 'square', 'abs', 'sign',
  'reciprocal', 'relu', 'leakyRelu', 'tanh', 'sigmoid', 'softplus', 'step', 'leakyStep', 'clip',
  'fill',
];

/** Slope of leakyRelu and leakyStep when alpha is omitted (TensorFlow's default). */
export const DEFAULT_LEAKY_SLOPE = 0.2;

/** Ops that have no sensible default for alpha (and clip for beta). */
const NEEDS_ALPHA: readonly UnaryOp[] = ['scale', 'addScalar', 'clip', 'fill'];

/** y[i] = op(x[i]) for `length` floats; y may be x itself but must not partly overlap it. */
export function unary(
  context: KernelContext,
  op: UnaryOp,
  x: number,
  y: number,
  length: number,
  alpha?: number,
  beta?: number,
): void {
  const name = 'unary';
  const code = UNARY_OPS.indexOf(op);
  if (code < 0) {
    throw new EngineError(
      'UNKNOWN_OP',
      `${name}: unknown op '${String(op)}'; expected one of ${UNARY_OPS.join(', ')}`,
    );
  }
  const where = `${name} ${op}`;
  if (alpha === undefined && NEEDS_ALPHA.includes(op)) {
    throw new EngineError('INVALID_ARGUMENT', `${where}: alpha is required`);
  }
  if (beta === undefined && op === 'clip') {
    throw new EngineError('INVALID_ARGUMENT', `${where}: beta (the upper bound) is required`);
  }
  const slope = alpha ?? DEFAULT_LEAKY_SLOPE;
  for (const [label, value] of [['alpha', slope], ['beta', beta ?? 0]] as const) {
    if (typeof value !== 'number') {
      throw new EngineError(
        'INVALID_ARGUMENT',
        `${where}: ${label} must be a number, got ${value}`,
      );
    }
  }
  // fill ignores x: read y instead, so no pointer is needed for it.
  const input = op === 'fill' ? y : x;
  const output = { name: 'y', pointer: y, length };
  checkBuffers(context, where, output, [{ name: 'x', pointer: input, length }], true);
  if (length === 0) return;

  context.parallel('unary', [code, input, y, length, slope, beta ?? 0], length);
}
