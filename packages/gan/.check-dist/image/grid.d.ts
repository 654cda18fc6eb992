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
/**
 * Lays `images` `[count, height, width, channels]` (values in [-1, 1]) out in
 * a grid, row by row, for showing or saving. A value v becomes the byte
 * (v + 1) * 127.5, rounded and clamped to 0..255 (NaN becomes 0). One channel
 * is drawn as gray, three as RGB; alpha is always 255.
 */
export declare function imageGrid(images: Float32Array, shape: [number, number, number, number], options?: GridOptions): RgbaImage;
