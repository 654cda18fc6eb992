/**
 * Elementwise binary operations with broadcasting of the second operand: y[i] = a[i] op b[j].
 * Op codes are the positions in `BINARY_OPS` of src/kernels/binary.ts.
 */
import { blockShareStart, floatBytes } from './share';

const ADD = 0, SUB = 1, MUL = 2, DIV = 3, MAXIMUM = 4, MINIMUM = 5;

@inline
function binaryScalar(op: i32, a: f32, b: f32): f32 {
  switch (op) {
    case ADD: return a + b;
    case SUB: return a - b;
    case MUL: return a * b;
    case DIV: return a / b;
    case MAXIMUM: return max<f32>(a, b);
    default: return min<f32>(a, b);
  }
}

@inline
function binaryVector(op: i32, a: v128, b: v128): v128 {
  switch (op) {
    case ADD: return f32x4.add(a, b);
    case SUB: return f32x4.sub(a, b);
    case MUL: return f32x4.mul(a, b);
    case DIV: return f32x4.div(a, b);
    case MAXIMUM: return f32x4.max(a, b);
    default: return f32x4.min(a, b);
  }
}

/** y[i] = a[i] op b[i] for i in [0, count). */
@inline
function applyElementwise(op: i32, a: usize, b: usize, y: usize, count: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= count; i += 4) {
      const offset = floatBytes(i);
      v128.store(y + offset, binaryVector(op, v128.load(a + offset), v128.load(b + offset)));
    }
  }
  for (; i < count; i++) {
    const offset = floatBytes(i);
    store<f32>(y + offset, binaryScalar(op, load<f32>(a + offset), load<f32>(b + offset)));
  }
}

/** y[i] = a[i] op b for i in [0, count). */
@inline
function applyBroadcast(op: i32, a: usize, b: f32, y: usize, count: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const bs = f32x4.splat(b);
    for (; i + 4 <= count; i += 4) {
      const offset = floatBytes(i);
      v128.store(y + offset, binaryVector(op, v128.load(a + offset), bs));
    }
  }
  for (; i < count; i++) {
    const offset = floatBytes(i);
    store<f32>(y + offset, binaryScalar(op, load<f32>(a + offset), b));
  }
}

@inline
function binaryRange(
  op: i32,
  a: usize,
  b: usize,
  y: usize,
  begin: i32,
  end: i32,
  blockSize: i32,
  bLength: i32,
): void {
  let i = begin;
  if (blockSize > 0) {
    // Per-block broadcast: one value of b for each run of blockSize elements.
    while (i < end) {
      const j = i / blockSize;
      const runEnd = min(end, (j + 1) * blockSize);
      const offset = floatBytes(i);
      applyBroadcast(op, a + offset, load<f32>(b + floatBytes(j)), y + offset, runEnd - i);
      i = runEnd;
    }
    return;
  }
  // Cycle: runs along b from j = i % bLength to its end, then from 0 again.
  let j = i % bLength;
  while (i < end) {
    const run = min(end - i, bLength - j);
    const offset = floatBytes(i);
    applyElementwise(op, a + offset, b + floatBytes(j), y + offset, run);
    i += run;
    j = 0;
  }
}

/**
 * y[i] = a[i] op b[j] for i in [0, length): j = i % bLength when `block` is false (cycle: bias or
 * channel broadcast), j = floor(i / (length / bLength)) when true (one value per block). y may
 * equal a (or b when bLength = length). Threads split the elements in blocks of 16.
 */
export function binary(
  op: i32,
  a: usize,
  b: usize,
  y: usize,
  length: i32,
  bLength: i32,
  block: bool,
  threadIndex: i32,
  threadCount: i32,
): void {
  const begin = blockShareStart(length, 16, threadIndex, threadCount);
  const end = blockShareStart(length, 16, threadIndex + 1, threadCount);
  // A single value of b is a broadcast in either mode; use the splat path for it.
  const blockSize = block || bLength == 1 ? length / bLength : 0;
  switch (op) {
    case ADD: binaryRange(ADD, a, b, y, begin, end, blockSize, bLength); break;
    case SUB: binaryRange(SUB, a, b, y, begin, end, blockSize, bLength); break;
    case MUL: binaryRange(MUL, a, b, y, begin, end, blockSize, bLength); break;
    case DIV: binaryRange(DIV, a, b, y, begin, end, blockSize, bLength); break;
    case MAXIMUM: binaryRange(MAXIMUM, a, b, y, begin, end, blockSize, bLength); break;
    default: binaryRange(MINIMUM, a, b, y, begin, end, blockSize, bLength);
  }
}
