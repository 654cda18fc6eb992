/**
 * Elementwise unary operations y[i] = f(x[i]), with two scalar parameters alpha and beta.
 * Op codes are the positions in `UNARY_OPS` of src/kernels/unary.ts. Exponentials, logarithms
 * and everything built on them run through Mathf per element in both builds (there is no
 * vector exp in wasm); the rest use v128 in the SIMD build. All are bitwise equal across builds.
 */
import { blockShareStart, floatBytes } from './share';

const COPY = 0, NEG = 1, SCALE = 2, ADD_SCALAR = 3, EXP = 4, LOG = 5, SQRT = 6, SQUARE = 7;
const ABS = 8, SIGN = 9, RECIPROCAL = 10, RELU = 11, LEAKY_RELU = 12, TANH = 13, SIGMOID = 14;
const SOFTPLUS = 15, STEP = 16, LEAKY_STEP = 17, CLIP = 18, FILL = 19;

/** Logistic sigmoid, evaluated so that exp never overflows. */
@inline
export function sigmoid(x: f32): f32 {
  if (x >= 0) return 1 / (1 + Mathf.exp(-x));
  const e = Mathf.exp(x);
  return e / (1 + e);
}

/** log(1 + exp(x)) without overflow: max(x, 0) + log1p(exp(-|x|)); keeps denormal results. */
@inline
export function softplus(x: f32): f32 {
  return max<f32>(x, 0) + Mathf.log1p(Mathf.exp(-Mathf.abs(x)));
}

@inline
function unaryScalar(op: i32, x: f32, alpha: f32, beta: f32): f32 {
  switch (op) {
    case COPY: return x;
    case NEG: return -x;
    case SCALE: return alpha * x;
    case ADD_SCALAR: return x + alpha;
    case EXP: return Mathf.exp(x);
    case LOG: return Mathf.log(x);
    case SQRT: return Mathf.sqrt(x);
    case SQUARE: return x * x;
    case ABS: return Mathf.abs(x);
    case SIGN: return x > 0 ? 1 : x < 0 ? -1 : x;
    case RECIPROCAL: return 1 / x;
    case RELU: return x > 0 ? x : 0;
    case LEAKY_RELU: return x > 0 ? x : alpha * x;
    case TANH: return Mathf.tanh(x);
    case SIGMOID: return sigmoid(x);
    case SOFTPLUS: return softplus(x);
    case STEP: return x > 0 ? 1 : 0;
    case LEAKY_STEP: return x > 0 ? 1 : alpha;
    case CLIP: return min<f32>(max<f32>(x, alpha), beta);
    default: return alpha; // FILL
  }
}

/** Whether `op` has a v128 form (folded at compile time: `op` is always a constant here). */
@inline
function isVectorOp(op: i32): bool {
  return op != EXP && op != LOG && op != TANH && op != SIGMOID && op != SOFTPLUS;
}

@inline
function unaryVector(op: i32, x: v128, alpha: v128, beta: v128): v128 {
  const zero = f32x4.splat(0);
  const one = f32x4.splat(1);
  switch (op) {
    case COPY: return x;
    case NEG: return f32x4.neg(x);
    case SCALE: return f32x4.mul(alpha, x);
    case ADD_SCALAR: return f32x4.add(x, alpha);
    case SQRT: return f32x4.sqrt(x);
    case SQUARE: return f32x4.mul(x, x);
    case ABS: return f32x4.abs(x);
    case SIGN: {
      const negative = v128.bitselect(f32x4.splat(-1), x, f32x4.lt(x, zero));
      return v128.bitselect(one, negative, f32x4.gt(x, zero));
    }
    case RECIPROCAL: return f32x4.div(one, x);
    case RELU: return v128.and(x, f32x4.gt(x, zero));
    case LEAKY_RELU: return v128.bitselect(x, f32x4.mul(alpha, x), f32x4.gt(x, zero));
    case STEP: return v128.and(one, f32x4.gt(x, zero));
    case LEAKY_STEP: return v128.bitselect(one, alpha, f32x4.gt(x, zero));
    case CLIP: return f32x4.min(f32x4.max(x, alpha), beta);
    default: return alpha; // FILL
  }
}

@inline
function unaryRange(
  op: i32,
  x: usize,
  y: usize,
  begin: i32,
  end: i32,
  alpha: f32,
  beta: f32,
): void {
  let i = begin;
  if (ASC_FEATURE_SIMD && isVectorOp(op)) {
    const alphas = f32x4.splat(alpha);
    const betas = f32x4.splat(beta);
    for (; i + 4 <= end; i += 4) {
      const offset = floatBytes(i);
      v128.store(y + offset, unaryVector(op, v128.load(x + offset), alphas, betas));
    }
  }
  for (; i < end; i++) {
    const offset = floatBytes(i);
    store<f32>(y + offset, unaryScalar(op, load<f32>(x + offset), alpha, beta));
  }
}

/**
 * y[i] = op(x[i]) for i in [0, length); y may equal x. Threads split the elements in blocks of
 * 16. Unknown op codes behave as FILL (the host only sends known codes).
 */
export function unary(
  op: i32,
  x: usize,
  y: usize,
  length: i32,
  alpha: f32,
  beta: f32,
  threadIndex: i32,
  threadCount: i32,
): void {
  const begin = blockShareStart(length, 16, threadIndex, threadCount);
  const end = blockShareStart(length, 16, threadIndex + 1, threadCount);
  switch (op) {
    case COPY: unaryRange(COPY, x, y, begin, end, alpha, beta); break;
    case NEG: unaryRange(NEG, x, y, begin, end, alpha, beta); break;
    case SCALE: unaryRange(SCALE, x, y, begin, end, alpha, beta); break;
    case ADD_SCALAR: unaryRange(ADD_SCALAR, x, y, begin, end, alpha, beta); break;
    case EXP: unaryRange(EXP, x, y, begin, end, alpha, beta); break;
    case LOG: unaryRange(LOG, x, y, begin, end, alpha, beta); break;
    case SQRT: unaryRange(SQRT, x, y, begin, end, alpha, beta); break;
    case SQUARE: unaryRange(SQUARE, x, y, begin, end, alpha, beta); break;
    case ABS: unaryRange(ABS, x, y, begin, end, alpha, beta); break;
    case SIGN: unaryRange(SIGN, x, y, begin, end, alpha, beta); break;
    case RECIPROCAL: unaryRange(RECIPROCAL, x, y, begin, end, alpha, beta); break;
    case RELU: unaryRange(RELU, x, y, begin, end, alpha, beta); break;
    case LEAKY_RELU: unaryRange(LEAKY_RELU, x, y, begin, end, alpha, beta); break;
    case TANH: unaryRange(TANH, x, y, begin, end, alpha, beta); break;
    case SIGMOID: unaryRange(SIGMOID, x, y, begin, end, alpha, beta); break;
    case SOFTPLUS: unaryRange(SOFTPLUS, x, y, begin, end, alpha, beta); break;
    case STEP: unaryRange(STEP, x, y, begin, end, alpha, beta); break;
    case LEAKY_STEP: unaryRange(LEAKY_STEP, x, y, begin, end, alpha, beta); break;
    case CLIP: unaryRange(CLIP, x, y, begin, end, alpha, beta); break;
    default: unaryRange(FILL, x, y, begin, end, alpha, beta);
  }
}
