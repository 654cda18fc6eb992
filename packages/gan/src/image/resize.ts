import type { ImageDataset } from '../data/dataset.js';
import { DataError } from '../data/errors.js';

/**
 * A decoded picture: `pixels` is `[height, width, channels]`, row-major,
 * bytes 0..255. Channels: 1 gray, 2 gray and alpha, 3 RGB, 4 RGBA.
 */
export interface DecodedImage {
  width: number;
  height: number;
  channels: number;
  pixels: Uint8Array | Uint8ClampedArray;
}

/** The size and colour of a model's images. */
export interface ResizeOptions {
  /** Height and width of the square result. */
  size: number;
  /** 1 (gray) or 3 (RGB). */
  channels: number;
  /** Names the image in errors (a file path); default 'image'. */
  source?: string;
}

/** BT.601 luma weights for turning RGB into gray. */
const LUMA = [0.299, 0.587, 0.114];

/** Source taps and weights of each target index along one axis. */
interface AxisWeights {
  starts: Int32Array;
  counts: Int32Array;
  weights: Float64Array[];
}

/**
 * Weights that resample `sourceLength` samples to `targetLength`. Shrinking
 * averages areas: target pixel t covers [t s, (t + 1) s) of the source, with
 * s = sourceLength / targetLength, and each source pixel counts by how much
 * of it is covered (a box filter, so no source pixel is skipped). Enlarging
 * (and keeping the size) interpolates linearly between the two nearest source
 * centres, with pixel centres at half-integers (as TensorFlow's
 * half_pixel_centers), clamped at the edges.
 */
function axisWeights(sourceLength: number, targetLength: number): AxisWeights {
  const starts = new Int32Array(targetLength);
  const counts = new Int32Array(targetLength);
  const weights: Float64Array[] = [];
  const scale = sourceLength / targetLength;
  for (let t = 0; t < targetLength; t++) {
    if (scale > 1) {
      const low = t * scale;
      const high = (t + 1) * scale;
      const first = Math.floor(low);
      const last = Math.min(Math.ceil(high), sourceLength);
      const w = new Float64Array(last - first);
      for (let s = first; s < last; s++) {
        w[s - first] = (Math.min(high, s + 1) - Math.max(low, s)) / scale;
      }
      starts[t] = first;
      counts[t] = last - first;
      weights.push(w);
    } else {
      const centre = Math.min(Math.max((t + 0.5) * scale - 0.5, 0), sourceLength - 1);
      const first = Math.min(Math.floor(centre), sourceLength - 1);
      const fraction = centre - first;
      const last = Math.min(first + 1, sourceLength - 1);
      starts[t] = first;
      counts[t] = last === first ? 1 : 2;
      weights.push(last === first ? Float64Array.of(1) : Float64Array.of(1 - fraction, fraction));
    }
  }
  return { starts, counts, weights };
}

/** Throws DataError 'IMAGE_SHAPE' unless `image` holds what its sizes promise. */
function checkImage(image: DecodedImage, source: string): void {
  const { width, height, channels, pixels } = image;
  const whole = [width, height].every((n) => Number.isInteger(n) && n >= 1);
  if (!whole || ![1, 2, 3, 4].includes(channels)) {
    throw new DataError('IMAGE_SHAPE',
      `${source}: size ${width}x${height} with ${channels} channels is not an image ` +
      '(needs whole sizes >= 1 and 1 to 4 channels)');
  }
  if (pixels.length !== width * height * channels) {
    throw new DataError('IMAGE_SHAPE',
      `${source}: ${width}x${height}x${channels} needs ${width * height * channels} ` +
      `bytes but holds ${pixels.length}`);
  }
}

/** Checks the target size and channels, naming the rule and the values. */
function checkOptions(options: ResizeOptions): void {
  if (!Number.isInteger(options.size) || options.size < 1) {
    throw new DataError('IMAGE_SIZE',
      `resizeImage: size must be a whole number >= 1, got ${options.size}`);
  }
  if (options.channels !== 1 && options.channels !== 3) {
    throw new DataError('IMAGE_CHANNELS',
      `resizeImage: channels must be 1 (gray) or 3 (RGB), got ${options.channels}`);
  }
}

/**
 * Turns a decoded picture into a model input `[size, size, channels]` in
 * [-1, 1] (byte b becomes b / 127.5 - 1):
 * 1. the largest centred square is cut out, so shapes are not stretched;
 * 2. alpha is composited over black (transparent pixels become black);
 * 3. colour becomes gray by BT.601 luma (0.299 R + 0.587 G + 0.114 B), or
 *    gray is repeated into R, G and B;
 * 4. the square is resized: area averaging when shrinking, bilinear
 *    interpolation when enlarging (see axisWeights), one axis at a time.
 */
export function resizeImage(image: DecodedImage, options: ResizeOptions): Float32Array {
  const source = options.source ?? 'image';
  checkImage(image, source);
  checkOptions(options);

  const { width, height, channels: inChannels, pixels } = image;
  const { size, channels: outChannels } = options;
  const side = Math.min(width, height);
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);

  // The cropped square in the output channels, 0..255, as float64.
  const square = new Float64Array(side * side * outChannels);
  for (let row = 0; row < side; row++) {
    for (let column = 0; column < side; column++) {
      const from = ((top + row) * width + left + column) * inChannels;
      const to = (row * side + column) * outChannels;
      const hasAlpha = inChannels === 2 || inChannels === 4;
      const alpha = hasAlpha ? pixels[from + inChannels - 1] / 255 : 1;
      const colour = inChannels >= 3
        ? [pixels[from], pixels[from + 1], pixels[from + 2]]
        : [pixels[from], pixels[from], pixels[from]];
      if (outChannels === 1) {
        square[to] = alpha * (LUMA[0] * colour[0] + LUMA[1] * colour[1] + LUMA[2] * colour[2]);
      } else {
        for (let c = 0; c < 3; c++) square[to + c] = alpha * colour[c];
      }
    }
  }

  // Columns first ([side, size]), then rows ([size, size]).
  const weights = axisWeights(side, size);
  const wide = new Float64Array(side * size * outChannels);
  for (let row = 0; row < side; row++) {
    for (let t = 0; t < size; t++) {
      for (let k = 0; k < weights.counts[t]; k++) {
        const from = (row * side + weights.starts[t] + k) * outChannels;
        const to = (row * size + t) * outChannels;
        const w = weights.weights[t][k];
        for (let c = 0; c < outChannels; c++) wide[to + c] += w * square[from + c];
      }
    }
  }
  const result = new Float32Array(size * size * outChannels);
  for (let t = 0; t < size; t++) {
    for (let column = 0; column < size; column++) {
      for (let c = 0; c < outChannels; c++) {
        let value = 0;
        for (let k = 0; k < weights.counts[t]; k++) {
          const from = ((weights.starts[t] + k) * size + column) * outChannels + c;
          value += weights.weights[t][k] * wide[from];
        }
        result[(t * size + column) * outChannels + c] = value / 127.5 - 1;
      }
    }
  }
  return result;
}

/** What {@link imagesToDataset} makes. */
export interface ImagesToDatasetOptions extends ResizeOptions {
  /** The data set's name. */
  name: string;
  /** One class index per image, in [0, classCount). */
  labels?: Int32Array;
  classCount?: number;
  /** Names each image in errors; default `${name}[index]`. */
  sources?: string[];
}

/**
 * Resizes decoded pictures (see {@link resizeImage}) into one data set of
 * `[count, size, size, channels]` in [-1, 1], with the labels when given.
 */
export function imagesToDataset(
  images: DecodedImage[],
  options: ImagesToDatasetOptions,
): ImageDataset {
  const { name, size, channels, labels, classCount } = options;
  checkOptions(options);
  if (labels !== undefined && labels.length !== images.length) {
    throw new DataError('DATASET_SHAPE',
      `${name}: ${images.length} images but ${labels.length} labels`);
  }
  const pixels = size * size * channels;
  const data = new Float32Array(images.length * pixels);
  images.forEach((image, index) => {
    const source = options.sources?.[index] ?? `${name}[${index}]`;
    data.set(resizeImage(image, { size, channels, source }), index * pixels);
  });
  return {
    name, count: images.length, height: size, width: size, channels, images: data,
    ...(labels === undefined ? {} : { labels, classCount }),
  };
}
