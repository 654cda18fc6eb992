import type { ImageDataset } from '../data/dataset.js';
import { Random } from '../random.js';

/**
 * `count` random images of size x size x channels in [-1, 1] with labels
 * 0..classCount-1 in turn: data for quick trainer tests.
 */
export function tinyImages(
  count: number,
  size: number,
  channels: number,
  classCount = 3,
  seed = 1,
): ImageDataset {
  const random = new Random(seed);
  return {
    name: `tiny-${size}x${size}x${channels}`,
    count, height: size, width: size, channels,
    images: random.uniformArray(count * size * size * channels, -1, 1),
    labels: Int32Array.from({ length: count }, (_, i) => i % classCount),
    classCount,
  };
}

/**
 * `count` 2-D points [count, 1, 1, 2] near the corners of a square, the
 * corner as the label (4 classes).
 */
export function tinyPoints(count: number, seed = 2): ImageDataset {
  const random = new Random(seed);
  const images = new Float32Array(count * 2);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    labels[i] = i % 4;
    images[2 * i] = (labels[i] % 2 === 0 ? -1 : 1) + 0.05 * random.normal();
    images[2 * i + 1] = (labels[i] < 2 ? -1 : 1) + 0.05 * random.normal();
  }
  return { name: 'tiny-points', count, height: 1, width: 1, channels: 2,
    images, labels, classCount: 4 };
}
