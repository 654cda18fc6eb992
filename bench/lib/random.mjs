/**
 * Deterministic inputs, so every implementation of a case multiplies the
 * same numbers and their outputs can be compared.
 */

/**
 * `length` floats uniform in [-1, 1) from mulberry32 (Tommy Ettinger, 2017),
 * a 32-bit generator that is plenty for benchmark inputs.
 * @param {number} length
 * @param {number} seed
 * @returns {Float32Array}
 */
export function uniformArray(length, seed) {
  const values = new Float32Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    values[i] = ((t ^ (t >>> 14)) >>> 0) / 2 ** 31 - 1;
  }
  return values;
}
