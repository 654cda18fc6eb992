/** Binary cross-entropy on logits, the numerically stable form. */
import { floatBytes, blockShareStart } from './share';

/**
 * y[i] = max(l, 0) - l * t + log1p(exp(-|l|)) with l = logits[i] and t = targets[i] (or
 * targets[0] when targetLength is 1), evaluated as l (1 - t) for l >= 0 and -l t for l < 0 (no
 * cancellation), where a zero factor makes the term 0 even for an infinite logit: (-inf, 0) and
 * (+inf, 1) give 0, (-inf, 0.9) gives +inf, never NaN. Threads split the elements.
 */
export function sigmoidCrossEntropy(
  logits: usize,
  targets: usize,
  y: usize,
  length: i32,
  targetLength: i32,
  threadIndex: i32,
  threadCount: i32,
): void {
  const end = blockShareStart(length, 16, threadIndex + 1, threadCount);
  const sharedTarget = targetLength == 1;
  for (let i = blockShareStart(length, 16, threadIndex, threadCount); i < end; i++) {
    const offset = floatBytes(i);
    const logit = load<f32>(logits + offset);
    const target = sharedTarget ? load<f32>(targets) : load<f32>(targets + offset);
    // max(l, 0) - l t: the side of the logit that the target does not explain.
    const weight: f32 = logit >= 0 ? 1 - target : target;
    const linear: f32 = weight == 0 ? 0 : Mathf.abs(logit) * weight;
    const loss = linear + Mathf.log1p(Mathf.exp(-Mathf.abs(logit)));
    store<f32>(y + offset, loss);
  }
}
