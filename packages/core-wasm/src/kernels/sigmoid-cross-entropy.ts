/** Host side of binary cross-entropy on logits. */
import { checkCount } from '../checks.js';
import { EngineError } from '../errors.js';
import { checkBuffers, type KernelContext } from './context.js';

/**
 * y[i] = max(l, 0) - l t + log1p(exp(-|l|)), l = logits[i], t = targets[i] (targetLength =
 * length) or targets[0] (targetLength 1); the l t term is 0 when t is 0, even for l = -inf, and
 * (+inf, 1) gives 0 too (the kernel computes l (1 - t) or -l t, whichever side l is on).
 * y may be logits itself (or targets itself when targetLength = length).
 */
export function sigmoidCrossEntropy(
  context: KernelContext,
  logits: number,
  targets: number,
  y: number,
  length: number,
  targetLength: number,
): void {
  const op = 'sigmoidCrossEntropy';
  checkCount(op, 'length', length);
  if (targetLength !== length && targetLength !== 1) {
    throw new EngineError(
      'SHAPE_MISMATCH',
      `${op}: targetLength must be length ${length} or 1, got ${targetLength}`,
    );
  }
  const inputs = [
    { name: 'logits', pointer: logits, length },
    { name: 'targets', pointer: targets, length: targetLength },
  ];
  checkBuffers(context, op, { name: 'y', pointer: y, length }, inputs, true);
  if (length === 0) return;

  context.parallel('sigmoidCrossEntropy', [logits, targets, y, length, targetLength], length);
}
