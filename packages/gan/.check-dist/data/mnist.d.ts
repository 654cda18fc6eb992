import type { ImageDataset } from './dataset.js';
/**
 * Loads the 10,000 MNIST digits bundled with the `mnist` package as a
 * dataset of `[10000, 28, 28, 1]` images in [-1, 1] with labels 0..9.
 *
 * The images come ordered by class (all zeros, then all ones, ...): shuffling
 * is the sampler's job. The package's own helpers are not used because they
 * draw with the unseeded Math.random.
 */
export declare function loadMnist(): Promise<ImageDataset>;
