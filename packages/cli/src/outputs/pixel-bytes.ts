/**
 * Maps sample values in [-1, 1] to bytes 0..255: v becomes (v + 1) * 127.5
 * rounded to the nearest whole number (ties to even, the rounding that
 * Uint8ClampedArray does), clamped to 0..255, with NaN as 0. These are the
 * bytes of the PNG grid, and the inverse of the loaders' p / 127.5 - 1:
 * every byte p survives the round trip p -> p / 127.5 - 1 -> p.
 */
export function toPixelBytes(values: Float32Array): Uint8Array {
  const clamped = new Uint8ClampedArray(values.length);
  for (let i = 0; i < values.length; i++) clamped[i] = (values[i] + 1) * 127.5;
  return new Uint8Array(clamped.buffer);
}
