/** The engine: one instance of a build on its own shared memory, with its allocator. */
import { type BuildKind, compileBuild, resolveBuild, supportedBuilds } from './builds.js';
import type { Conv2dGeometry } from './conv2d-geometry.js';
import { EngineError } from './errors.js';
import { Heap, MAX_PAGES } from './heap.js';
import { adam } from './kernels/adam.js';
import { type BinaryOp, binary, type BroadcastMode } from './kernels/binary.js';
import type { KernelContext, KernelExports, KernelName } from './kernels/context.js';
import { conv2d } from './kernels/conv2d.js';
import { conv2dBackpropFilter } from './kernels/conv2d-backprop-filter.js';
import { conv2dBackpropInput } from './kernels/conv2d-backprop-input.js';
import { sumAll, sumCols, sumRows } from './kernels/reduce.js';
import { sigmoidCrossEntropy } from './kernels/sigmoid-cross-entropy.js';
import { unary, type UnaryOp } from './kernels/unary.js';
import { matmul } from './kernels/matmul.js';
import { availableCores, enableRelaxedSimd, mayBlock } from './platform.js';
import { type Scheduler, singleThread, startThreadPool } from './thread-pool.js';

/** Options of createEngine. build: 'auto' (default) loads the best build this engine runs. */
export interface EngineOptions {
  build?: 'auto' | BuildKind;
  /**
   * Threads that run each kernel, the calling thread included; default: the cores available.
   * More than the cores is honoured, with a warning. On a browser page's main thread, which
   * may not block, it is 1 (with a warning if more was asked): run the engine in a worker.
   */
  threads?: number;
  /**
   * Let 'auto' pick the relaxed-SIMD build where the engine validates it (default true). In
   * Node 20 this sets V8's --experimental-wasm-relaxed-simd flag for the process; false leaves
   * V8's flags alone, and 'auto' then picks the plain SIMD build.
   */
  relaxedSimd?: boolean;
  /** Receives warnings (thread count clamped or above the cores); the library never prints. */
  onWarning?: (message: string) => void;
}

/**
 * Kernels on one shared WebAssembly memory. Buffers are float32 arrays addressed by byte
 * offsets from `alloc`; tensors are NHWC. Every method checks its arguments and throws an
 * EngineError before any kernel runs.
 */
export interface Engine {
  /** The build that was loaded. */
  readonly build: BuildKind;
  /** Threads that run each kernel, the calling thread included. */
  readonly threadCount: number;
  /** The memory every buffer lives in (shared: true). Its buffer is replaced when it grows. */
  readonly memory: WebAssembly.Memory;
  /** Allocates `length` floats (0 allowed); returns a 16-byte aligned byte offset. */
  alloc(length: number): number;
  /** Releases a buffer from alloc for reuse by a later alloc of the same size. */
  free(pointer: number): void;
  /** A live view of `length` floats; invalid after the memory grows (any alloc may grow it). */
  view(pointer: number, length: number): Float32Array;
  /** A copy of `length` floats. */
  read(pointer: number, length: number): Float32Array;
  /** Copies `data` to the floats at `pointer`. */
  write(pointer: number, data: ArrayLike<number>): void;
  /** Bytes held by live buffers. */
  bytesInUse(): number;
  /**
   * C[m, n] = op(A) op(B); A stored [m, k] (or [k, m] if transposeA), B stored [k, n] (or
   * [n, k] if transposeB). Overwrites C, which must not overlap A or B.
   */
  matmul(
    a: number, b: number, c: number, m: number, n: number, k: number,
    transposeA: boolean, transposeB: boolean,
  ): void;
  /** y = conv(x, filter) for the forward geometry g, overwriting y. */
  conv2d(x: number, filter: number, y: number, g: Conv2dGeometry): void;
  /** dx = the adjoint of conv2d (the transposed convolution) of dy; g is the FORWARD geometry. */
  conv2dBackpropInput(dy: number, filter: number, dx: number, g: Conv2dGeometry): void;
  /** dfilter = gradient of conv2d with respect to the filter, given x and dy; overwrites. */
  conv2dBackpropFilter(x: number, dy: number, dfilter: number, g: Conv2dGeometry): void;
  /** y[i] = op(x[i]) with parameters alpha and beta (see UnaryOp); y may equal x. */
  unary(op: UnaryOp, x: number, y: number, length: number, alpha?: number, beta?: number): void;
  /**
   * y[i] = a[i] op b[j]; bMode 'cycle': j = i % bLength (bias or channel broadcast; bLength 1
   * is a scalar); 'block': j = floor(i / (length / bLength)) (one value per sample).
   */
  binary(
    op: BinaryOp, a: number, b: number, y: number, length: number, bLength: number,
    bMode?: BroadcastMode,
  ): void;
  /** y[0] = sum of x[0..length), accumulated in float64. */
  sumAll(x: number, y: number, length: number): void;
  /** y[c] = sum over r of x[r, c]. */
  sumRows(x: number, y: number, rows: number, cols: number): void;
  /** y[r] = sum over c of x[r, c]. */
  sumCols(x: number, y: number, rows: number, cols: number): void;
  /**
   * y[i] = max(l, 0) - l t + log1p(exp(-|l|)) with t = targets[i] (targetLength = length) or
   * targets[0] (targetLength 1); the l t term is 0 when t is 0, even for l = -inf, and
   * (+inf, 1) gives 0 as well. y may be logits itself.
   */
  sigmoidCrossEntropy(
    logits: number, targets: number, y: number, length: number, targetLength: number,
  ): void;
  /**
   * PyTorch's Adam, in place: m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
   * p -= lr (m / c1) / (sqrt(v / c2) + eps), c1 = 1 - b1^step, c2 = 1 - b2^step in float64.
   */
  adam(
    param: number, grad: number, m: number, v: number, length: number, lr: number,
    beta1: number, beta2: number, eps: number, step: number,
  ): void;
  /** Releases the engine: every later call throws DISPOSED. */
  dispose(): void;
}

/** Makes the scheduler of an engine once its module is instantiated. */
export type SchedulerFactory = (
  exports: KernelExports, module: WebAssembly.Module, memory: WebAssembly.Memory,
) => Promise<Scheduler>;

/** Loads a build (see EngineOptions) on a fresh shared memory. Throws BUILD_UNSUPPORTED. */
export async function createEngine(options: EngineOptions = {}): Promise<Engine> {
  const threads = await resolveThreads(options);
  return loadEngine(options, (exports, module, memory) =>
    threads === 1
      ? Promise.resolve(singleThread(exports))
      : startThreadPool(module, memory, exports, threads));
}

/** The thread count to use for `options`, warning where it differs from the cores. */
async function resolveThreads(options: EngineOptions): Promise<number> {
  const warn = options.onWarning ?? (() => {});
  const cores = await availableCores();
  const requested = options.threads ?? cores;
  if (!Number.isInteger(requested) || requested < 1 || requested > 256) {
    throw new EngineError('INVALID_ARGUMENT',
      `createEngine: threads must be a whole number from 1 to 256, got ${requested}`);
  }
  if (requested > 1 && !mayBlock()) {
    warn(`createEngine: ${requested} threads asked on a page's main thread, which may not ` +
      'block; using 1 (run the engine in a worker for more)');
    return 1;
  }
  if (requested > cores) {
    warn(`createEngine: ${requested} threads asked but ${cores} cores are available; ` +
      'threads will share cores');
  }
  return requested;
}

/**
 * createEngine with a given scheduler. Internal: tests pass one that runs the shares of several
 * threads one after another, to check that results do not depend on the thread count.
 */
export async function loadEngine(
  options: EngineOptions,
  makeScheduler: SchedulerFactory,
): Promise<Engine> {
  const requested = options.build ?? 'auto';
  if (requested === 'relaxed' || (requested === 'auto' && options.relaxedSimd !== false)) {
    await enableRelaxedSimd();
  }
  const build = resolveBuild(requested === 'auto' && options.relaxedSimd === false
    ? (supportedBuilds().find((kind) => kind !== 'relaxed') ?? 'auto')
    : requested);
  const module = await compileBuild(build);
  const memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
  const abort = (): never => {
    throw new EngineError('KERNEL_ABORT', `a kernel of the ${build} build aborted`);
  };
  const instance = await WebAssembly.instantiate(module, { env: { memory, abort } });
  const exports = instance.exports as unknown as KernelExports;
  const scheduler = await makeScheduler(exports, module, memory);
  return new WasmEngine(build, memory, exports, scheduler);
}

class WasmEngine implements Engine, KernelContext {
  readonly heap: Heap;
  readonly rowPanel: number;
  readonly columnPanel: number;
  readonly rowBlockPanels: number;
  readonly geometryBlock: number;
  private disposed = false;

  constructor(
    readonly build: BuildKind,
    readonly memory: WebAssembly.Memory,
    readonly exports: KernelExports,
    private readonly scheduler: Scheduler,
  ) {
    // The conv geometry block sits just above the static data, below every buffer.
    this.geometryBlock = Math.ceil(exports.heapBase() / 16) * 16;
    this.heap = new Heap(memory, this.geometryBlock + 64);
    this.rowPanel = exports.matmulRowPanel();
    this.columnPanel = exports.matmulColumnPanel();
    this.rowBlockPanels = exports.matmulRowBlockPanels();
  }

  get threadCount(): number {
    return this.scheduler.threadCount;
  }

  parallel(kernel: KernelName, args: number[], work?: number): void {
    this.scheduler.run(kernel, args, work);
  }

  private live(): this {
    if (this.disposed) {
      throw new EngineError('DISPOSED', 'engine: this engine was disposed; create a new one');
    }
    return this;
  }

  alloc(length: number): number {
    return this.live().heap.alloc(length);
  }

  free(pointer: number): void {
    this.live().heap.free(pointer);
  }

  view(pointer: number, length: number): Float32Array {
    this.live().heap.checkRange('view', 'pointer', pointer, length);
    return new Float32Array(this.memory.buffer, pointer, length);
  }

  read(pointer: number, length: number): Float32Array {
    this.live().heap.checkRange('read', 'pointer', pointer, length);
    return new Float32Array(this.memory.buffer, pointer, length).slice();
  }

  write(pointer: number, data: ArrayLike<number>): void {
    this.live().heap.checkRange('write', 'pointer', pointer, data.length);
    new Float32Array(this.memory.buffer, pointer, data.length).set(data);
  }

  bytesInUse(): number {
    return this.live().heap.bytesInUse();
  }

  matmul(
    a: number, b: number, c: number, m: number, n: number, k: number,
    transposeA: boolean, transposeB: boolean,
  ): void {
    matmul(this.live(), a, b, c, m, n, k, transposeA, transposeB);
  }

  conv2d(x: number, filter: number, y: number, g: Conv2dGeometry): void {
    conv2d(this.live(), x, filter, y, g);
  }

  conv2dBackpropInput(dy: number, filter: number, dx: number, g: Conv2dGeometry): void {
    conv2dBackpropInput(this.live(), dy, filter, dx, g);
  }

  conv2dBackpropFilter(x: number, dy: number, dfilter: number, g: Conv2dGeometry): void {
    conv2dBackpropFilter(this.live(), x, dy, dfilter, g);
  }

  unary(op: UnaryOp, x: number, y: number, length: number, alpha?: number, beta?: number): void {
    unary(this.live(), op, x, y, length, alpha, beta);
  }

  binary(
    op: BinaryOp, a: number, b: number, y: number, length: number, bLength: number,
    bMode?: BroadcastMode,
  ): void {
    binary(this.live(), op, a, b, y, length, bLength, bMode);
  }

  sumAll(x: number, y: number, length: number): void {
    sumAll(this.live(), x, y, length);
  }

  sumRows(x: number, y: number, rows: number, cols: number): void {
    sumRows(this.live(), x, y, rows, cols);
  }

  sumCols(x: number, y: number, rows: number, cols: number): void {
    sumCols(this.live(), x, y, rows, cols);
  }

  sigmoidCrossEntropy(
    logits: number, targets: number, y: number, length: number, targetLength: number,
  ): void {
    sigmoidCrossEntropy(this.live(), logits, targets, y, length, targetLength);
  }

  adam(
    param: number, grad: number, m: number, v: number, length: number, lr: number,
    beta1: number, beta2: number, eps: number, step: number,
  ): void {
    adam(this.live(), param, grad, m, v, length, lr, beta1, beta2, eps, step);
  }

  dispose(): void {
    this.disposed = true;
    this.scheduler.dispose();
  }
}
