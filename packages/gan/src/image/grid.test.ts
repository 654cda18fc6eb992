import { describe, expect, it } from 'vitest';

import { DataError } from '../data/errors.js';
import { imageGrid } from './grid.js';

/** The RGBA bytes of pixel (x, y) of a grid. */
function pixel(grid: ReturnType<typeof imageGrid>, x: number, y: number): number[] {
  const at = (y * grid.width + x) * 4;
  return Array.from(grid.rgba.subarray(at, at + 4));
}

describe('imageGrid', () => {
  it('maps [-1, 1] to 0..255, clamped, gray to equal RGB, NaN to 0', () => {
    const images = Float32Array.of(-1, 0, 1, 2, -3, NaN);
    const grid = imageGrid(images, [1, 1, 6, 1], { padding: 0 });
    expect([grid.width, grid.height]).toEqual([6, 1]);
    const values = [0, 1, 2, 3, 4, 5].map((x) => pixel(grid, x, 0));
    expect(values).toEqual([
      [0, 0, 0, 255],
      [128, 128, 128, 255],
      [255, 255, 255, 255],
      [255, 255, 255, 255],
      [0, 0, 0, 255],
      [0, 0, 0, 255],
    ]);
  });

  it('keeps the three channels of RGB images apart', () => {
    const grid = imageGrid(Float32Array.of(1, -1, 0), [1, 1, 1, 3], { padding: 0 });
    expect(pixel(grid, 0, 0)).toEqual([255, 0, 128, 255]);
  });

  it('lays 5 images of 2x1 in ceil(sqrt(5)) = 3 columns with padding 2', () => {
    // Image n is all (n / 5) so each tile can be recognised by its gray level.
    const images = Float32Array.from({ length: 10 }, (_, i) => Math.floor(i / 2) / 5);
    const grid = imageGrid(images, [5, 2, 1, 1]);
    // 3 columns of width 1 and 4 gaps of 2; 2 rows of height 2 and 3 gaps of 2.
    expect([grid.width, grid.height]).toEqual([3 + 8, 4 + 6]);
    const tile = (n: number) => Math.round((n / 5 + 1) * 127.5);
    expect(pixel(grid, 2, 2)[0]).toBe(tile(0));
    expect(pixel(grid, 2, 3)[0]).toBe(tile(0));
    expect(pixel(grid, 5, 2)[0]).toBe(tile(1));
    expect(pixel(grid, 8, 2)[0]).toBe(tile(2));
    expect(pixel(grid, 2, 6)[0]).toBe(tile(3));
    expect(pixel(grid, 5, 7)[0]).toBe(tile(4));
    // The empty sixth slot, the gaps and the border are background (black).
    expect(pixel(grid, 8, 6)).toEqual([0, 0, 0, 255]);
    expect(pixel(grid, 0, 0)).toEqual([0, 0, 0, 255]);
    expect(pixel(grid, 3, 2)).toEqual([0, 0, 0, 255]);
  });

  it('follows columns, padding and background options', () => {
    const grid = imageGrid(new Float32Array(4).fill(1), [4, 1, 1, 1], {
      columns: 4,
      padding: 1,
      background: 100,
    });
    expect([grid.width, grid.height]).toEqual([9, 3]);
    expect(pixel(grid, 0, 0)).toEqual([100, 100, 100, 255]);
    expect(pixel(grid, 7, 1)).toEqual([255, 255, 255, 255]);
  });

  it('rejects a shape that does not match the data, or 2 channels', () => {
    const shape = () => imageGrid(new Float32Array(5), [2, 1, 3, 1]);
    expect(shape).toThrow(DataError);
    expect(shape).toThrow('imageGrid: shape [2, 1, 3, 1] needs 6 values but images has 5');
    const channels = () => imageGrid(new Float32Array(4), [1, 1, 2, 2]);
    expect(channels).toThrow('imageGrid: images need 1 (gray) or 3 (RGB) channels, got 2');
    expect(() => imageGrid(new Float32Array(1), [1, 1, 1, 1], { columns: 0 })).toThrow(
      'imageGrid: columns must be a whole number >= 1, got 0',
    );
  });
});
