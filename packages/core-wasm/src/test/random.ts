/** Seeded random inputs for tests: the same numbers on every run and every build. */

/** mulberry32: a small 32-bit generator, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `length` values uniform in [low, high), already rounded to float32 so that the float64
 * reference sees exactly what the kernel sees.
 */
export function randomArray(
  random: () => number,
  length: number,
  low = -1,
  high = 1,
): Float64Array {
  const values = new Float64Array(length);
  for (let i = 0; i < length; i++) values[i] = Math.fround(low + (high - low) * random());
  return values;
}
