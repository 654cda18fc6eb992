import { type Uint32Random } from './random-index.js';
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
export declare function imageSize(ds: ImageDataset): number;
/**
 * Throws a DataError ('DATASET_SHAPE') unless the arrays of `ds` have the
 * lengths its sizes promise and every label lies in [0, classCount).
 */
export declare function checkDataset(ds: ImageDataset): void;
/**
 * The images `[start, start + count)` of `ds` as a new dataset. The arrays
 * are views that share memory with `ds`, so nothing is copied.
 */
export declare function sliceDataset(ds: ImageDataset, start: number, count: number): ImageDataset;
/**
 * Splits `ds` at random into a training part and a held-out part holding
 * `round(count * heldOutFraction)` images. The same `random` state gives the
 * same split. Both parts are copies and keep the original order of images.
 */
export declare function splitDataset(ds: ImageDataset, heldOutFraction: number, random: Uint32Random): {
    train: ImageDataset;
    heldOut: ImageDataset;
};
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
export declare class BatchSampler {
    private readonly ds;
    readonly batchSize: number;
    private readonly random;
    /** How many epochs have begun; the first batch begins epoch 1. */
    epoch: number;
    private readonly order;
    private position;
    constructor(ds: ImageDataset, batchSize: number, random: Uint32Random);
    /** Full batches in one epoch: floor(count / batchSize). */
    get batchesPerEpoch(): number;
    /**
     * The next batch: images `[batchSize, height, width, channels]` and, when
     * the dataset has them, labels `[batchSize]`. Both are new arrays.
     */
    next(): {
        images: Float32Array;
        labels?: Int32Array;
    };
    /** The epoch, the position in it and its permutation (a copy). */
    getState(): BatchSamplerState;
    /** Restores a state taken by `getState` on a sampler of the same dataset. */
    setState(state: BatchSamplerState): void;
}
