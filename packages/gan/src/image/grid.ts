import { DataError } from '../data/errors.js';

/** Layout of an image grid. */
export interface GridOptions {
  /** Images per row; default ceil(sqrt(count)). */
  columns?: number;
  /** Pixels of background around and between images; default 2. */
  padding?: number;
  /** Gray level 0..255 of the background; default 0 (black). */
  background?: number;
}

/** An RGBA picture: `rgba` is `[height, width, 4]`, row-major, bytes. */
export interface RgbaImage {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
}

function checkWhole(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new DataError(
      'GRID_ARGUMENT',
      `imageGrid: ${name} must be a whole number >= ${min}, got ${value}`,
    );
  }
}

/**
 * Lays `images` `[count, height, width, channels]` (values in [-1, 1]) out in
 * a grid, row by row, for showing or saving. A value v becomes the byte
 * (v + 1) * 127.5, rounded and clamped to 0..255 (NaN becomes 0). One channel
 * is drawn as gray, three as RGB; alpha is always 255.
 */
export function imageGrid(
  images: Float32Array,
  shape: [number, number, number, number],
  options: GridOptions = {},
): RgbaImage {
  const [count, height, width, channels] = shape;
  shape.forEach((size, i) => checkWhole(`shape[${i}]`, size, 1));
  if (channels !== 1 && channels !== 3) {
    throw new DataError(
      'GRID_CHANNELS',
      `imageGrid: images need 1 (gray) or 3 (RGB) channels, got ${channels}`,
    );
  }
  if (images.length !== count * height * width * channels) {
    throw new DataError(
      'GRID_SHAPE',
      `imageGrid: shape [${shape.join(', ')}] needs ` +
        `${count * height * width * channels} values but images has ${images.length}`,
    );
  }
  const columns = options.columns ?? Math.ceil(Math.sqrt(count));
  const padding = options.padding ?? 2;
  const background = options.background ?? 0;
  checkWhole('columns', columns, 1);
  checkWhole('padding', padding, 0);
  if (!(background >= 0 && background <= 255)) {
    throw new DataError(
      'GRID_ARGUMENT',
      `imageGrid: background must be a gray level in 0..255, got ${background}`,
    );
  }

  const rows = Math.ceil(count / columns);
  const gridWidth = columns * width + (columns + 1) * padding;
  const gridHeight = rows * height + (rows + 1) * padding;
  const rgba = new Uint8ClampedArray(gridWidth * gridHeight * 4);
  for (let i = 0; i < rgba.length; i += 4) {
    rgba.fill(background, i, i + 3);
    rgba[i + 3] = 255;
  }

  // Uint8ClampedArray rounds and clamps on assignment, and stores NaN as 0.
  for (let n = 0; n < count; n++) {
    const top = padding + Math.floor(n / columns) * (height + padding);
    const left = padding + (n % columns) * (width + padding);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const source = ((n * height + y) * width + x) * channels;
        const target = ((top + y) * gridWidth + left + x) * 4;
        for (let c = 0; c < 3; c++) {
          rgba[target + c] = (images[source + (channels === 3 ? c : 0)] + 1) * 127.5;
        }
      }
    }
  }
  return { width: gridWidth, height: gridHeight, rgba };
}
