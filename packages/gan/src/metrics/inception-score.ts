import { GanError } from '../errors.js';

/**
 * The inception score (Salimans et al., Improved Techniques for Training
 * GANs, 2016) with a classifier's predictions in place of Inception's:
 *   IS = exp(E_x KL(p(y|x) || p(y))),  p(y) = E_x p(y|x),
 * over all `probabilities` `[count, classes]` (rows of p(y|x)) at once, in
 * float64, with 0 log 0 = 0. It lies in [1, classes]: 1 when every sample
 * gets the same prediction, `classes` when predictions are confident and
 * spread evenly. (Salimans et al. average over 10 splits of 5,000; one split
 * of all samples is used here.)
 */
export function inceptionScore(probabilities: ArrayLike<number>, classes: number): number {
  const count = probabilities.length / classes;
  if (!Number.isInteger(classes) || classes < 1 || !Number.isInteger(count) || count < 1) {
    throw new GanError('BAD_ARGUMENT',
      `inceptionScore: ${probabilities.length} probabilities do not form rows of ` +
      `${classes} classes`);
  }

  const marginal = new Float64Array(classes);
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < classes; j++) marginal[j] += probabilities[i * classes + j] / count;
  }
  let meanKl = 0;
  for (let i = 0; i < count; i++) {
    let kl = 0;
    for (let j = 0; j < classes; j++) {
      const p = probabilities[i * classes + j];
      if (p > 0) kl += p * (Math.log(p) - Math.log(marginal[j]));
    }
    meanKl += kl / count;
  }
  return Math.exp(meanKl);
}
