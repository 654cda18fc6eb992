/** What every host kernel wrapper works with: the module's exports, the heap and the threads. */
import { checkDisjoint, type Range } from '../checks.js';
import type { Heap } from '../heap.js';

/** The raw exports of either build (assembly/index.ts). Pointers are byte offsets. */
export interface KernelExports {
  heapBase(): number;
  matmulRowPanel(): number;
  matmulRowBlockPanels(): number;
  filterGradientRegion(taps: number, outChannels: number, threadCount: number): number;
  filterGradientPartials(geometry: number): number;
  im2colStagingFloats(geometry: number): number;
  narrowInputGradientRegion(geometry: number): number;
  stagedBatchFloats(geometry: number): number;
  matmulColumnPanel(): number;
  matmulPackB(
    b: number, packedB: number, n: number, k: number, transposeB: number,
    threadIndex: number, threadCount: number,
  ): void;
  matmul(
    a: number, packedB: number, c: number, packedA: number, m: number, n: number, k: number,
    transposeA: number, threadIndex: number, threadCount: number,
  ): void;
  conv2d(
    x: number, packedFilter: number, y: number, packedA: number, staging: number, geometry: number,
    threadIndex: number, threadCount: number,
  ): void;
  conv2dBackpropFilter(
    x: number, dyOperand: number, dyRowBytes: number, dfilter: number, packedA: number,
    staged: number, partials: number, geometry: number,
    threadIndex: number, threadCount: number,
  ): void;
  sumFilterChunks(
    dfilter: number, partials: number, geometry: number, threadIndex: number, threadCount: number,
  ): void;
  conv2dBackpropInput(
    columns: number, dx: number, geometry: number, threadIndex: number, threadCount: number,
  ): void;
  conv2dBackpropInputByImage(
    dy: number, packedFilter: number, dx: number, packedA: number, columns: number,
    geometry: number, threadIndex: number, threadCount: number,
  ): void;
  stageImages(
    x: number, staged: number, geometry: number, threadIndex: number, threadCount: number,
  ): void;
  conv2dBackpropInputNarrow(
    dy: number, filter: number, dx: number, work: number, geometry: number,
    threadIndex: number, threadCount: number,
  ): void;
  unary(
    op: number, x: number, y: number, length: number, alpha: number, beta: number,
    threadIndex: number, threadCount: number,
  ): void;
  binary(
    op: number, a: number, b: number, y: number, length: number, bLength: number, block: number,
    threadIndex: number, threadCount: number,
  ): void;
  sumAll(x: number, y: number, length: number, threadIndex: number, threadCount: number): void;
  sumRows(
    x: number, y: number, rows: number, cols: number, threadIndex: number, threadCount: number,
  ): void;
  sumCols(
    x: number, y: number, rows: number, cols: number, threadIndex: number, threadCount: number,
  ): void;
  sigmoidCrossEntropy(
    logits: number, targets: number, y: number, length: number, targetLength: number,
    threadIndex: number, threadCount: number,
  ): void;
  adam(
    param: number, grad: number, m: number, v: number, length: number, lr: number,
    beta1: number, beta2: number, oneMinusBeta1: number, oneMinusBeta2: number,
    correction1: number, correction2: number, eps: number,
    threadIndex: number, threadCount: number,
  ): void;
}

/** The exports that take `threadIndex, threadCount` as their last two arguments. */
export type KernelName = Exclude<
  keyof KernelExports,
  | 'heapBase' | 'matmulRowPanel' | 'matmulRowBlockPanels' | 'matmulColumnPanel'
  | 'filterGradientRegion' | 'filterGradientPartials' | 'im2colStagingFloats'
  | 'narrowInputGradientRegion'
  | 'stagedBatchFloats'
>;

/** The engine as its kernel wrappers see it. */
export interface KernelContext {
  readonly exports: KernelExports;
  readonly heap: Heap;
  /** Rows per packed A panel and columns per packed B panel of the matmul micro-kernel. */
  readonly rowPanel: number;
  readonly columnPanel: number;
  /** Row panels of one packed A block (see packedALength). */
  readonly rowBlockPanels: number;
  /** Threads that may run a kernel's shares: packed A needs a region for each. */
  readonly threadCount: number;
  /** Byte offset of the 16-int block that conv kernels read their geometry from. */
  readonly geometryBlock: number;
  readonly memory: WebAssembly.Memory;
  /**
   * Runs `kernel(...args, threadIndex, threadCount)` on every thread and returns when all
   * shares are done. `work` (elements touched; omitted for large kernels) lets a small call
   * run on the calling thread alone, where waking the workers would cost more than it saves.
   */
  parallel(kernel: KernelName, args: number[], work?: number): void;
}

/**
 * Checks that each input and then the output lies inside a live allocation, and that the output
 * overlaps no input (or is exactly an input, where `identicalAllowed`). Throws naming `op`.
 */
export function checkBuffers(
  context: KernelContext,
  op: string,
  output: Range,
  inputs: Range[],
  identicalAllowed = false,
): void {
  for (const range of [...inputs, output]) {
    context.heap.checkRange(op, range.name, range.pointer, range.length);
  }
  for (const input of inputs) checkDisjoint(op, output, input, identicalAllowed);
}

/**
 * Floats of packed A for a product with `rows` rows of depth `depth`: one region per thread,
 * each holding one block of row panels (the kernels pack and multiply a block at a time).
 */
export function packedALength(context: KernelContext, rows: number, depth: number): number {
  const panels = Math.ceil(rows / context.rowPanel);
  return context.threadCount * Math.min(context.rowBlockPanels, panels) * context.rowPanel *
    depth;
}

/** Rounds `count` up to a whole number of panels of `panel`. */
export function roundUp(count: number, panel: number): number {
  return Math.ceil(count / panel) * panel;
}

/** Allocates scratch buffers of the given float lengths, runs `body`, and frees them. */
export function withScratch(
  context: KernelContext,
  lengths: number[],
  body: (pointers: number[]) => void,
): void {
  const pointers: number[] = [];
  try {
    for (const length of lengths) pointers.push(context.heap.alloc(length));
    body(pointers);
  } finally {
    for (const pointer of pointers) context.heap.free(pointer);
  }
}
