import { describe, expect, it } from 'vitest';

import { checkDataset } from './dataset.js';
import { loadMnist } from './mnist.js';

describe('loadMnist', () => {
  it('loads the 10,000 bundled digits as [10000, 28, 28, 1] in [-1, 1]', async () => {
    const ds = await loadMnist();
    expect(ds).toMatchObject({ name: 'mnist', height: 28, width: 28, channels: 1 });
    expect(ds.count).toBe(10_000);
    expect(ds.images.length).toBe(10_000 * 784);
    checkDataset(ds);

    let low = Infinity;
    let high = -Infinity;
    for (const value of ds.images) {
      low = Math.min(low, value);
      high = Math.max(high, value);
    }
    expect(low).toBe(-1);
    expect(high).toBe(1);
    // Backgrounds are black: most pixels of a digit are -1.
    const background = ds.images.subarray(0, 784).filter((v) => v === -1).length;
    expect(background).toBeGreaterThan(400);
  });

  it('labels 0..9 in class order, with the counts of the package files', async () => {
    const ds = await loadMnist();
    expect(ds.classCount).toBe(10);
    const perClass = new Array(10).fill(0);
    ds.labels!.forEach((label, i) => {
      perClass[label]++;
      if (i > 0) expect(label).toBeGreaterThanOrEqual(ds.labels![i - 1]);
    });
    expect(perClass).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
  });
});
