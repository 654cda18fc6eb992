import type { ImageDataset } from './dataset.js';
import { readAsset } from '../assets.js';
import { DataError } from './errors.js';

/** Rows and columns of one MNIST digit. */
const SIDE = 28;

/**
 * The digits of the `mnist` package packed one byte per pixel by
 * scripts/pack-mnist.mjs at build time (7.8 MB instead of 21 MB of JSON that
 * a JSON import would keep alive for the life of the process). The
 * `new URL(..., import.meta.url)` form lets bundlers see and ship the file.
 */
const DIGITS_URL = new URL('../generated/mnist-digits.bin', import.meta.url);

/** "SGMN" read as a little-endian uint32. */
const MAGIC = 0x4e4d4753;

/** Header bytes: the magic and ten uint32 counts. */
const HEADER_BYTES = 4 + 4 * 10;

/**
 * Loads the 10,000 MNIST digits bundled with the `mnist` package as a
 * dataset of `[10000, 28, 28, 1]` images in [-1, 1] with labels 0..9.
 *
 * The images come ordered by class (all zeros, then all ones, ...): shuffling
 * is the sampler's job. The package's own helpers are not used because they
 * draw with the unseeded Math.random.
 */
export async function loadMnist(): Promise<ImageDataset> {
  let bytes: Uint8Array;
  try {
    bytes = await readAsset(DIGITS_URL);
  } catch (error) {
    throw new DataError('MNIST_BAD_DIGITS', `${DIGITS_URL.pathname}: cannot read the ` +
      `bundled digits (${(error as Error).message}); rebuild with \`npm run build\``);
  }
  return decodeMnistDigits(bytes, DIGITS_URL.pathname);
}

/**
 * Decodes the packed digits (see scripts/pack-mnist.mjs). Pixel byte p
 * becomes 2 * round(p / 255, 3) - 1, the package's own values mapped to
 * [-1, 1]. Exported for tests.
 */
export function decodeMnistDigits(bytes: Uint8Array, source: string): ImageDataset {
  const size = SIDE * SIDE;
  const bad = (reason: string) => new DataError('MNIST_BAD_DIGITS',
    `${source}: ${reason}; rebuild with \`npm run build\``);
  if (bytes.length < HEADER_BYTES) throw bad(`${bytes.length} bytes is too short`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw bad('not a packed MNIST file');
  const perClass = Array.from({ length: 10 }, (_, label) => view.getUint32(4 + 4 * label, true));
  const count = perClass.reduce((sum, n) => sum + n, 0);
  if (bytes.length !== HEADER_BYTES + count * size) {
    throw bad(`expected ${HEADER_BYTES + count * size} bytes for ${count} digits, ` +
      `got ${bytes.length}`);
  }

  const table = new Float32Array(256);
  for (let p = 0; p < 256; p++) table[p] = (Math.round((p / 255) * 1000) / 1000) * 2 - 1;
  const images = new Float32Array(count * size);
  for (let i = 0; i < images.length; i++) images[i] = table[bytes[HEADER_BYTES + i]];
  const labels = new Int32Array(count);
  let row = 0;
  perClass.forEach((n, label) => {
    labels.fill(label, row, row + n);
    row += n;
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
