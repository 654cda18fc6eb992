import { DataError } from './errors.js';
import { shuffleInPlace, type Uint32Random } from './random-index.js';

/**
 * A set of images held in memory.
 *
 * `images` is `[count, height, width, channels]` (NHWC), values in [-1, 1].
 * `labels`, when present, is `[count]` with class indices in [0, classCount).
 */
export interface ImageDataset {
  name: string;
  count: number;
  height: number;
  width: number;
  channels: number;
  images: Float32Array;
  labels?: Int32Array;
  classCount?: number;
}

/** Pixels per image: height * width * channels. */
export function imageSize(ds: ImageDataset): number {
  return ds.height * ds.width * ds.channels;
}

/**
 * Throws a DataError ('DATASET_SHAPE') unless the arrays of `ds` have the
 * lengths its sizes promise and every label lies in [0, classCount).
 */
export function checkDataset(ds: ImageDataset): void {
  const sizes = [ds.count, ds.height, ds.width, ds.channels];
  if (!sizes.every((size) => Number.isInteger(size) && size >= 0)) {
    throw new DataError(
      'DATASET_SHAPE',
      `${ds.name}: sizes must be whole numbers, got ${sizes.join('x')}`,
    );
  }
  const expected = ds.count * imageSize(ds);
  if (ds.images.length !== expected) {
    throw new DataError(
      'DATASET_SHAPE',
      `${ds.name}: ${ds.count} images of ${ds.height}x${ds.width}x${ds.channels} need ` +
        `${expected} values but the image array holds ${ds.images.length}`,
    );
  }
  if (ds.labels === undefined) return;
  if (ds.labels.length !== ds.count) {
    throw new DataError(
      'DATASET_SHAPE',
      `${ds.name}: ${ds.count} images but ${ds.labels.length} labels`,
    );
  }
  const classCount = ds.classCount ?? Infinity;
  const bad = ds.labels.findIndex((label) => label < 0 || label >= classCount);
  if (bad >= 0) {
    throw new DataError(
      'DATASET_SHAPE',
      `${ds.name}: label ${ds.labels[bad]} of image ${bad} is outside [0, ${classCount})`,
    );
  }
}

/**
 * The images `[start, start + count)` of `ds` as a new dataset. The arrays
 * are views that share memory with `ds`, so nothing is copied.
 */
export function sliceDataset(ds: ImageDataset, start: number, count: number): ImageDataset {
  const valid =
    Number.isInteger(start) && Number.isInteger(count) && start >= 0 && count >= 0;
  if (!valid || start + count > ds.count) {
    throw new DataError(
      'DATASET_RANGE',
      `sliceDataset: range [${start}, ${start + count}) is not inside ` +
        `the ${ds.count} images of ${ds.name}`,
    );
  }
  const size = imageSize(ds);
  return {
    ...ds,
    count,
    images: ds.images.subarray(start * size, (start + count) * size),
    labels: ds.labels?.subarray(start, start + count),
  };
}

/** Copies the images (and labels) at `indices` of `ds` into a new dataset. */
function gatherDataset(ds: ImageDataset, indices: Int32Array, name: string): ImageDataset {
  const size = imageSize(ds);
  const images = new Float32Array(indices.length * size);
  const labels = ds.labels === undefined ? undefined : new Int32Array(indices.length);
  indices.forEach((index, row) => {
    images.set(ds.images.subarray(index * size, (index + 1) * size), row * size);
    if (labels !== undefined) labels[row] = ds.labels![index];
  });
  return { ...ds, name, count: indices.length, images, labels };
}

/**
 * Splits `ds` at random into a training part and a held-out part holding
 * `round(count * heldOutFraction)` images. The same `random` state gives the
 * same split. Both parts are copies and keep the original order of images.
 */
export function splitDataset(
  ds: ImageDataset,
  heldOutFraction: number,
  random: Uint32Random,
): { train: ImageDataset; heldOut: ImageDataset } {
  if (!(heldOutFraction >= 0 && heldOutFraction < 1)) {
    throw new DataError(
      'DATASET_SPLIT',
      `splitDataset: held-out fraction must be in [0, 1), got ${heldOutFraction}`,
    );
  }
  const heldOutCount = Math.round(ds.count * heldOutFraction);
  const order = Int32Array.from({ length: ds.count }, (_, i) => i);
  shuffleInPlace(order, random);
  const heldOut = order.slice(0, heldOutCount).sort();
  const train = order.slice(heldOutCount).sort();
  return {
    train: gatherDataset(ds, train, `${ds.name}:train`),
    heldOut: gatherDataset(ds, heldOut, `${ds.name}:held-out`),
  };
}

/** Where a BatchSampler stands, for checkpoints: restore it with `setState`. */
export interface BatchSamplerState {
  epoch: number;
  position: number;
  order: number[];
}

/**
 * Draws minibatches of `batchSize` images without replacement: each epoch is
 * a fresh Fisher-Yates permutation made with `random`, cut into full batches.
 * The last `count % batchSize` images of each permutation are skipped (they
 * are as likely as any others to be drawn in the next epoch), so every batch
 * has exactly `batchSize` images.
 */
export class BatchSampler {
  /** How many epochs have begun; the first batch begins epoch 1. */
  epoch = 0;
  private readonly order: Int32Array;
  private position: number;

  constructor(
    private readonly ds: ImageDataset,
    readonly batchSize: number,
    private readonly random: Uint32Random,
  ) {
    checkDataset(ds);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > ds.count) {
      throw new DataError(
        'SAMPLER_BATCH_SIZE',
        `BatchSampler: batch size must be a whole number in [1, ${ds.count}] ` +
          `(the images in ${ds.name}), got ${batchSize}`,
      );
    }
    this.order = Int32Array.from({ length: ds.count }, (_, i) => i);
    this.position = ds.count;
  }

  /** Full batches in one epoch: floor(count / batchSize). */
  get batchesPerEpoch(): number {
    return Math.floor(this.ds.count / this.batchSize);
  }

  /**
   * The next batch: images `[batchSize, height, width, channels]` and, when
   * the dataset has them, labels `[batchSize]`. Both are new arrays.
   */
  next(): { images: Float32Array; labels?: Int32Array } {
    if (this.position + this.batchSize > this.ds.count) {
      shuffleInPlace(this.order, this.random);
      this.position = 0;
      this.epoch++;
    }
    const size = imageSize(this.ds);
    const images = new Float32Array(this.batchSize * size);
    const labels = this.ds.labels && new Int32Array(this.batchSize);
    for (let row = 0; row < this.batchSize; row++) {
      const index = this.order[this.position + row];
      images.set(this.ds.images.subarray(index * size, (index + 1) * size), row * size);
      if (labels) labels[row] = this.ds.labels![index];
    }
    this.position += this.batchSize;
    return labels ? { images, labels } : { images };
  }

  /** The epoch, the position in it and its permutation (a copy). */
  getState(): BatchSamplerState {
    return { epoch: this.epoch, position: this.position, order: Array.from(this.order) };
  }

  /** Restores a state taken by `getState` on a sampler of the same dataset. */
  setState(state: BatchSamplerState): void {
    const count = this.ds.count;
    const seen = new Uint8Array(count);
    const isPermutation =
      state.order.length === count &&
      state.order.every((i) => Number.isInteger(i) && i >= 0 && i < count && !seen[i]++);
    if (!isPermutation || !(state.position >= 0 && state.position <= count)) {
      throw new DataError(
        'SAMPLER_STATE',
        `BatchSampler: state does not fit the ${count} images of ${this.ds.name}`,
      );
    }
    this.order.set(state.order);
    this.position = state.position;
    this.epoch = state.epoch;
  }
}
