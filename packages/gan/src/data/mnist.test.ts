import { describe, expect, it } from 'vitest';

import { checkDataset } from './dataset.js';
import { decodeMnistDigits, loadMnist } from './mnist.js';

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

describe('decodeMnistDigits', () => {
  it('gives exactly the values of the mnist package JSON, class by class', async () => {
    const ds = await loadMnist();
    const { readFileSync } = await import('node:fs');
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    let row = 0;
    for (const label of [0, 5, 9]) {
      const { data } = JSON.parse(readFileSync(
        require.resolve(`mnist/src/digits/${label}.json`), 'utf8')) as { data: number[] };
      row = ds.labels!.indexOf(label);
      const images = ds.images.subarray(row * 784, row * 784 + data.length);
      const expected = Float32Array.from(data, (v) => v * 2 - 1);
      expect(images).toEqual(expected);
    }
  });

  it('refuses a short, foreign or truncated file, naming it', async () => {
    const good = new Uint8Array(44 + 784);
    const view = new DataView(good.buffer);
    view.setUint32(0, 0x4e4d4753, true);
    view.setUint32(4 + 4 * 3, 1, true);
    const ds = decodeMnistDigits(good, 'digits.bin');
    expect(ds.count).toBe(1);
    expect([...ds.labels!]).toEqual([3]);
    expect(() => decodeMnistDigits(good.subarray(0, 10), 'digits.bin'))
      .toThrow('digits.bin: 10 bytes is too short');
    const foreign = good.slice();
    foreign[0] = 0;
    expect(() => decodeMnistDigits(foreign, 'digits.bin')).toThrow('not a packed MNIST file');
    expect(() => decodeMnistDigits(good.subarray(0, 44 + 700), 'digits.bin'))
      .toThrow('expected 828 bytes for 1 digits, got 744');
  });
});
