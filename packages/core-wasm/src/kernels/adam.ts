/** Host side of the Adam update. */
import { checkCount, checkDisjoint, checkFinite, type Range } from '../checks.js';
import { EngineError } from '../errors.js';
import type { KernelContext } from './context.js';

/**
 * One Adam step (Kingma and Ba, 2015) in PyTorch's form over `length` parameters, in place:
 * m = beta1 m + (1 - beta1) g; v = beta2 v + (1 - beta2) g^2;
 * param -= lr (m / c1) / (sqrt(v / c2) + eps) with c1 = 1 - beta1^step, c2 = 1 - beta2^step
 * computed here in float64. `step` counts updates, starting at 1.
 */
export function adam(
  context: KernelContext,
  param: number,
  grad: number,
  m: number,
  v: number,
  length: number,
  lr: number,
  beta1: number,
  beta2: number,
  eps: number,
  step: number,
): void {
  const op = 'adam';
  checkCount(op, 'length', length);
  for (const [name, value] of [['lr', lr], ['eps', eps]] as const) checkFinite(op, name, value);
  for (const [name, value] of [['beta1', beta1], ['beta2', beta2]] as const) {
    if (!(value >= 0 && value < 1)) {
      throw new EngineError('INVALID_ARGUMENT', `${op}: ${name} must be in [0, 1), got ${value}`);
    }
  }
  if (!Number.isInteger(step) || step < 1) {
    throw new EngineError(
      'INVALID_ARGUMENT',
      `${op}: step must be an integer >= 1 (the number of updates so far, this one included), ` +
        `got ${step}`,
    );
  }
  const ranges: Range[] = [
    { name: 'param', pointer: param, length },
    { name: 'grad', pointer: grad, length },
    { name: 'm', pointer: m, length },
    { name: 'v', pointer: v, length },
  ];
  for (const range of ranges) context.heap.checkRange(op, range.name, range.pointer, length);
  for (let i = 0; i < ranges.length; i++) {
    for (let j = i + 1; j < ranges.length; j++) checkDisjoint(op, ranges[i], ranges[j], false);
  }
  if (length === 0) return;

  const correction1 = 1 - beta1 ** step;
  const correction2 = 1 - beta2 ** step;
  context.parallel('adam', [
    param, grad, m, v, length, lr, beta1, beta2, 1 - beta1, 1 - beta2, correction1,
    correction2, eps,
  ], length);
}
