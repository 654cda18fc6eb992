import { describe, expect, it } from 'vitest';

import { Random } from '../random.js';
import { inceptionScore } from './inception-score.js';

/** Rows of one-hot predictions for the given classes. */
function oneHot(classes: number[], classCount: number): Float32Array {
  const rows = new Float32Array(classes.length * classCount);
  classes.forEach((c, i) => (rows[i * classCount + c] = 1));
  return rows;
}

describe('inceptionScore', () => {
  it('equals the number of classes for confident predictions spread evenly', () => {
    const even = Array.from({ length: 100 }, (_, i) => i % 10);
    expect(inceptionScore(oneHot(even, 10), 10)).toBeCloseTo(10, 12);
    expect(inceptionScore(oneHot([0, 1, 2], 3), 3)).toBeCloseTo(3, 12);
  });

  it('is 1 for a single predicted class and for uninformative predictions', () => {
    expect(inceptionScore(oneHot([4, 4, 4, 4], 10), 10)).toBe(1);
    expect(inceptionScore(new Float32Array(50).fill(0.1), 10)).toBeCloseTo(1, 6);
  });

  it('equals exp(H(p(y)) - E H(p(y|x))) on random predictions (float64 reference)', () => {
    const random = new Random(3);
    const [count, classes] = [37, 10];
    const rows = new Float64Array(count * classes);
    for (let i = 0; i < count; i++) {
      const raw = Array.from({ length: classes }, () => random.nextFloat() ** 3);
      const total = raw.reduce((s, v) => s + v);
      raw.forEach((v, j) => (rows[i * classes + j] = v / total));
    }
    const entropy = (p: number[]) => -p.reduce((s, v) => s + (v > 0 ? v * Math.log(v) : 0), 0);
    const marginal = Array.from({ length: classes }, (_, j) =>
      Array.from({ length: count }, (_, i) => rows[i * classes + j]).reduce((s, v) => s + v) /
      count);
    let conditional = 0;
    for (let i = 0; i < count; i++) {
      conditional += entropy(Array.from(rows.subarray(i * classes, (i + 1) * classes))) / count;
    }
    const expected = Math.exp(entropy(marginal) - conditional);
    expect(inceptionScore(rows, classes)).toBeCloseTo(expected, 12);
  });

  it('refuses probabilities that do not form rows', () => {
    expect(() => inceptionScore(new Float32Array(15), 10)).toThrow(
      'inceptionScore: 15 probabilities do not form rows of 10 classes');
  });
});
