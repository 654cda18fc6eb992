/**
 * Small v128 helpers shared by the SIMD paths. Only reachable from `if (ASC_FEATURE_SIMD)`
 * branches, so the scalar build never emits them.
 */

/** Loads the first `count` (0..4) floats at `pointer` into the low lanes; the rest are 0. */
@inline
export function loadPartial(pointer: usize, count: i32): v128 {
  let value = f32x4.splat(0);
  if (count > 0) value = f32x4.replace_lane(value, 0, load<f32>(pointer));
  if (count > 1) value = f32x4.replace_lane(value, 1, load<f32>(pointer, 4));
  if (count > 2) value = f32x4.replace_lane(value, 2, load<f32>(pointer, 8));
  if (count > 3) value = f32x4.replace_lane(value, 3, load<f32>(pointer, 12));
  return value;
}

/** Stores the low `count` lanes (any count; at most 4 are written) of `value` at `pointer`. */
@inline
export function storePartial(pointer: usize, value: v128, count: i32): void {
  if (count >= 4) {
    v128.store(pointer, value);
    return;
  }
  if (count > 0) store<f32>(pointer, f32x4.extract_lane(value, 0));
  if (count > 1) store<f32>(pointer, f32x4.extract_lane(value, 1), 4);
  if (count > 2) store<f32>(pointer, f32x4.extract_lane(value, 2), 8);
}

/**
 * Transposes the 4x4 block whose rows are r0..r3 and stores its rows (the input's columns) as
 * 16 contiguous floats at `pointer`: [r0[0], r1[0], r2[0], r3[0], r0[1], ...].
 */
@inline
export function storeTransposed4x4(pointer: usize, r0: v128, r1: v128, r2: v128, r3: v128): void {
  const low01 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
  const high01 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
  const low23 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
  const high23 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
  v128.store(pointer, v128.shuffle<f32>(low01, low23, 0, 1, 4, 5));
  v128.store(pointer, v128.shuffle<f32>(low01, low23, 2, 3, 6, 7), 16);
  v128.store(pointer, v128.shuffle<f32>(high01, high23, 0, 1, 4, 5), 32);
  v128.store(pointer, v128.shuffle<f32>(high01, high23, 2, 3, 6, 7), 48);
}

/**
 * Transposes two 4x4 blocks side by side (rows r0..r3 and s0..s3, four depths of eight
 * columns) into four rows of eight: [r0[0], r1[0], r2[0], r3[0], s0[0], ..., s3[0]], then
 * depth 1, ... as 32 contiguous floats at `pointer`: a B column panel of 8 at four depths.
 */
@inline
export function storeTransposed4x8(
  pointer: usize,
  r0: v128, r1: v128, r2: v128, r3: v128,
  s0: v128, s1: v128, s2: v128, s3: v128,
): void {
  const rLow01 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
  const rHigh01 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
  const rLow23 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
  const rHigh23 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
  const sLow01 = v128.shuffle<f32>(s0, s1, 0, 4, 1, 5);
  const sHigh01 = v128.shuffle<f32>(s0, s1, 2, 6, 3, 7);
  const sLow23 = v128.shuffle<f32>(s2, s3, 0, 4, 1, 5);
  const sHigh23 = v128.shuffle<f32>(s2, s3, 2, 6, 3, 7);
  v128.store(pointer, v128.shuffle<f32>(rLow01, rLow23, 0, 1, 4, 5));
  v128.store(pointer, v128.shuffle<f32>(sLow01, sLow23, 0, 1, 4, 5), 16);
  v128.store(pointer, v128.shuffle<f32>(rLow01, rLow23, 2, 3, 6, 7), 32);
  v128.store(pointer, v128.shuffle<f32>(sLow01, sLow23, 2, 3, 6, 7), 48);
  v128.store(pointer, v128.shuffle<f32>(rHigh01, rHigh23, 0, 1, 4, 5), 64);
  v128.store(pointer, v128.shuffle<f32>(sHigh01, sHigh23, 0, 1, 4, 5), 80);
  v128.store(pointer, v128.shuffle<f32>(rHigh01, rHigh23, 2, 3, 6, 7), 96);
  v128.store(pointer, v128.shuffle<f32>(sHigh01, sHigh23, 2, 3, 6, 7), 112);
}
