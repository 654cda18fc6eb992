import { describe, expect, it } from 'vitest';

import { Random } from '../random.js';
import { BatchSampler, checkDataset, sliceDataset, splitDataset } from './dataset.js';
import type { ImageDataset } from './dataset.js';
import { DataError } from './errors.js';

/** `count` images of 2x1x1 whose pixels are [i, -i] scaled, labelled i % 3. */
function toyDataset(count: number): ImageDataset {
  const images = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) images.set([i / count, -i / count], 2 * i);
  const labels = Int32Array.from({ length: count }, (_, i) => i % 3);
  return { name: 'toy', count, height: 2, width: 1, channels: 1, images, labels, classCount: 3 };
}

/** Which image each row of a toy batch holds (read back from its first pixel). */
function indicesOf(images: Float32Array, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < images.length; i += 2) out.push(Math.round(images[i] * count));
  return out;
}

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return (error as DataError).code;
  }
  return undefined;
}

describe('checkDataset', () => {
  it('rejects arrays that disagree with the sizes, with the numbers', () => {
    const ds = { ...toyDataset(3), images: new Float32Array(5) };
    expect(() => checkDataset(ds)).toThrow(
      'toy: 3 images of 2x1x1 need 6 values but the image array holds 5',
    );
    const labels = { ...toyDataset(3), labels: Int32Array.of(0, 5, 1) };
    expect(() => checkDataset(labels)).toThrow('toy: label 5 of image 1 is outside [0, 3)');
  });
});

describe('sliceDataset', () => {
  it('shares memory and keeps labels in step', () => {
    const ds = toyDataset(10);
    const part = sliceDataset(ds, 3, 4);
    expect(part.count).toBe(4);
    expect(indicesOf(part.images, 10)).toEqual([3, 4, 5, 6]);
    expect(Array.from(part.labels!)).toEqual([0, 1, 2, 0]);
    expect(part.images.buffer).toBe(ds.images.buffer);
  });

  it('rejects a range outside the dataset', () => {
    expect(codeOf(() => sliceDataset(toyDataset(10), 8, 3))).toBe('DATASET_RANGE');
    expect(() => sliceDataset(toyDataset(10), -1, 2)).toThrow(
      'sliceDataset: range [-1, 1) is not inside the 10 images of toy',
    );
  });
});

describe('splitDataset', () => {
  it('splits deterministically into disjoint parts that cover the dataset', () => {
    const ds = toyDataset(17);
    const first = splitDataset(ds, 0.25, new Random(5));
    const again = splitDataset(ds, 0.25, new Random(5));
    expect(first.heldOut.count).toBe(4);
    expect(first.train.count).toBe(13);
    expect(again.heldOut.images).toEqual(first.heldOut.images);
    const held = indicesOf(first.heldOut.images, 17);
    const train = indicesOf(first.train.images, 17);
    expect([...held, ...train].sort((a, b) => a - b)).toEqual([...Array(17).keys()]);
    expect(Array.from(first.heldOut.labels!)).toEqual(held.map((i) => i % 3));
    const other = splitDataset(ds, 0.25, new Random(6));
    expect(indicesOf(other.heldOut.images, 17)).not.toEqual(held);
  });

  it('rejects a fraction outside [0, 1)', () => {
    expect(codeOf(() => splitDataset(toyDataset(4), 1, new Random(0)))).toBe('DATASET_SPLIT');
    expect(codeOf(() => splitDataset(toyDataset(4), NaN, new Random(0)))).toBe(
      'DATASET_SPLIT',
    );
  });
});

describe('BatchSampler', () => {
  it('draws every image once per epoch, in full batches, skipping the remainder', () => {
    const sampler = new BatchSampler(toyDataset(10), 3, new Random(1));
    expect(sampler.batchesPerEpoch).toBe(3);
    for (let epoch = 1; epoch <= 4; epoch++) {
      const seen: number[] = [];
      for (let b = 0; b < 3; b++) {
        const batch = sampler.next();
        expect(batch.images.length).toBe(6);
        const indices = indicesOf(batch.images, 10);
        expect(Array.from(batch.labels!)).toEqual(indices.map((i) => i % 3));
        seen.push(...indices);
      }
      expect(sampler.epoch).toBe(epoch);
      expect(new Set(seen).size).toBe(9);
    }
  });

  it('gives the same batches for the same seed and different ones otherwise', () => {
    const draw = (seed: number) => {
      const sampler = new BatchSampler(toyDataset(50), 7, new Random(seed));
      return Array.from({ length: 10 }, () => indicesOf(sampler.next().images, 50));
    };
    expect(draw(3)).toEqual(draw(3));
    expect(draw(3)).not.toEqual(draw(4));
  });

  it('uses only nextUint32 of the random source it is given', () => {
    let state = 7;
    const counter = { nextUint32: () => (state = (state * 1103515245 + 12345) >>> 0) };
    const sampler = new BatchSampler(toyDataset(4), 4, counter);
    expect(indicesOf(sampler.next().images, 4).sort()).toEqual([0, 1, 2, 3]);
  });

  it('leaves labels out when the dataset has none', () => {
    const ds = { ...toyDataset(4), labels: undefined, classCount: undefined };
    const batch = new BatchSampler(ds, 2, new Random(0)).next();
    expect('labels' in batch).toBe(false);
  });

  it('continues exactly from a saved state', () => {
    const ds = toyDataset(11);
    const sampler = new BatchSampler(ds, 4, new Random(9));
    sampler.next();
    sampler.next();
    const state = sampler.getState();
    const expected = [sampler.next(), sampler.next(), sampler.next()];
    const restored = new BatchSampler(ds, 4, new Random(9));
    restored.next();
    restored.next();
    restored.setState(state);
    expect([restored.next(), restored.next(), restored.next()]).toEqual(expected);
    expect(codeOf(() => restored.setState({ ...state, order: [0, 0, 1] }))).toBe(
      'SAMPLER_STATE',
    );
  });

  it('rejects a batch size that does not fit the dataset', () => {
    expect(() => new BatchSampler(toyDataset(5), 6, new Random(0))).toThrow(
      'BatchSampler: batch size must be a whole number in [1, 5] (the images in toy), got 6',
    );
    expect(codeOf(() => new BatchSampler(toyDataset(5), 0, new Random(0)))).toBe(
      'SAMPLER_BATCH_SIZE',
    );
  });
});
