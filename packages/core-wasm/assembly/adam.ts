/** The Adam update (Kingma and Ba, 2015), in PyTorch's form. */
import { blockShareStart, floatBytes } from './share';

/**
 * For each i: m = beta1 m + oneMinusBeta1 g; v = beta2 v + oneMinusBeta2 g^2;
 * param -= lr (m / correction1) / (sqrt(v / correction2) + eps), updating param, m and v in
 * place. The host computes 1 - beta and the bias corrections 1 - beta^step in float64.
 * Threads split the elements; both builds give the same bits.
 */
export function adam(
  param: usize,
  grad: usize,
  m: usize,
  v: usize,
  length: i32,
  lr: f32,
  beta1: f32,
  beta2: f32,
  oneMinusBeta1: f32,
  oneMinusBeta2: f32,
  correction1: f32,
  correction2: f32,
  eps: f32,
  threadIndex: i32,
  threadCount: i32,
): void {
  let i = blockShareStart(length, 16, threadIndex, threadCount);
  const end = blockShareStart(length, 16, threadIndex + 1, threadCount);
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= end; i += 4) {
      const offset = floatBytes(i);
      const g = v128.load(grad + offset);
      const first = f32x4.add(
        f32x4.mul(f32x4.splat(beta1), v128.load(m + offset)),
        f32x4.mul(f32x4.splat(oneMinusBeta1), g),
      );
      const second = f32x4.add(
        f32x4.mul(f32x4.splat(beta2), v128.load(v + offset)),
        f32x4.mul(f32x4.splat(oneMinusBeta2), f32x4.mul(g, g)),
      );
      const numerator = f32x4.mul(f32x4.splat(lr), f32x4.div(first, f32x4.splat(correction1)));
      const root = f32x4.sqrt(f32x4.div(second, f32x4.splat(correction2)));
      const denominator = f32x4.add(root, f32x4.splat(eps));
      const step = f32x4.div(numerator, denominator);
      v128.store(m + offset, first);
      v128.store(v + offset, second);
      v128.store(param + offset, f32x4.sub(v128.load(param + offset), step));
    }
  }
  for (; i < end; i++) {
    const offset = floatBytes(i);
    const g = load<f32>(grad + offset);
    const first = beta1 * load<f32>(m + offset) + oneMinusBeta1 * g;
    const second = beta2 * load<f32>(v + offset) + oneMinusBeta2 * (g * g);
    const numerator = lr * (first / correction1);
    const step = numerator / (Mathf.sqrt(second / correction2) + eps);
    store<f32>(m + offset, first);
    store<f32>(v + offset, second);
    store<f32>(param + offset, load<f32>(param + offset) - step);
  }
}
