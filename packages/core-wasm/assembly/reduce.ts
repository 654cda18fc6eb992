/**
 * Sums in float64. Whole-array and per-row sums use four running lanes combined as
 * (l0 + l2) + (l1 + l3) then the tail, the same order in both builds, so they agree bitwise.
 */
import { blockShareStart, floatBytes, shareStart } from './share';

/** Sum of `count` floats at `x`, accumulated in float64. */
@inline
function sumRange(x: usize, count: i32): f64 {
  let i = 0;
  let total: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    let low = f64x2.splat(0);
    let high = f64x2.splat(0);
    for (; i + 4 <= count; i += 4) {
      const value = v128.load(x + floatBytes(i));
      low = f64x2.add(low, f64x2.promote_low_f32x4(value));
      high = f64x2.add(high, f64x2.promote_low_f32x4(v128.shuffle<f32>(value, value, 2, 3, 0, 1)));
    }
    const pairs = f64x2.add(low, high);
    total = f64x2.extract_lane(pairs, 0) + f64x2.extract_lane(pairs, 1);
  } else {
    let l0: f64 = 0, l1: f64 = 0, l2: f64 = 0, l3: f64 = 0;
    for (; i + 4 <= count; i += 4) {
      const offset = x + floatBytes(i);
      l0 += <f64>load<f32>(offset);
      l1 += <f64>load<f32>(offset, 4);
      l2 += <f64>load<f32>(offset, 8);
      l3 += <f64>load<f32>(offset, 12);
    }
    total = (l0 + l2) + (l1 + l3);
  }
  for (; i < count; i++) total += <f64>load<f32>(x + floatBytes(i));
  return total;
}

/** Rounds two f64x2 to float32 and joins them into one f32x4: [low0, low1, high0, high1]. */
@inline
function demotePairs(low: v128, high: v128): v128 {
  return v128.shuffle<f32>(f32x4.demote_f64x2_zero(low), f32x4.demote_f64x2_zero(high), 0, 1, 4, 5);
}

/** y[0] = sum of x[0..length). One output: thread 0 computes it, the others return. */
export function sumAll(x: usize, y: usize, length: i32, threadIndex: i32, threadCount: i32): void {
  if (threadIndex != 0 || threadCount < 1) return;
  store<f32>(y, <f32>sumRange(x, length));
}

/** y[r] = sum over c of x[r, c] for x [rows, cols]. Threads split the rows. */
export function sumCols(
  x: usize,
  y: usize,
  rows: i32,
  cols: i32,
  threadIndex: i32,
  threadCount: i32,
): void {
  const end = shareStart(rows, threadIndex + 1, threadCount);
  for (let r = shareStart(rows, threadIndex, threadCount); r < end; r++) {
    store<f32>(y + floatBytes(r), <f32>sumRange(x + floatBytes(r * cols), cols));
  }
}

/**
 * y[c] = sum over r of x[r, c] for x [rows, cols], each column summed in row order in float64.
 * Threads split the columns in blocks of 8; the SIMD build keeps 8 columns in 4 f64x2 lanes.
 */
export function sumRows(
  x: usize,
  y: usize,
  rows: i32,
  cols: i32,
  threadIndex: i32,
  threadCount: i32,
): void {
  let c = blockShareStart(cols, 8, threadIndex, threadCount);
  const end = blockShareStart(cols, 8, threadIndex + 1, threadCount);
  const rowBytes = floatBytes(cols);
  if (ASC_FEATURE_SIMD) {
    for (; c + 8 <= end; c += 8) {
      let s0 = f64x2.splat(0), s1 = f64x2.splat(0), s2 = f64x2.splat(0), s3 = f64x2.splat(0);
      let source = x + floatBytes(c);
      for (let r = 0; r < rows; r++) {
        const low = v128.load(source);
        const high = v128.load(source, 16);
        s0 = f64x2.add(s0, f64x2.promote_low_f32x4(low));
        s1 = f64x2.add(s1, f64x2.promote_low_f32x4(v128.shuffle<f32>(low, low, 2, 3, 0, 1)));
        s2 = f64x2.add(s2, f64x2.promote_low_f32x4(high));
        s3 = f64x2.add(s3, f64x2.promote_low_f32x4(v128.shuffle<f32>(high, high, 2, 3, 0, 1)));
        source += rowBytes;
      }
      const out = y + floatBytes(c);
      v128.store(out, demotePairs(s0, s1));
      v128.store(out, demotePairs(s2, s3), 16);
    }
  }
  for (; c < end; c++) {
    let total: f64 = 0;
    let source = x + floatBytes(c);
    for (let r = 0; r < rows; r++) {
      total += <f64>load<f32>(source);
      source += rowBytes;
    }
    store<f32>(y + floatBytes(c), <f32>total);
  }
}
