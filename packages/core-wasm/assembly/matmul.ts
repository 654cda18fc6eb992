/**
 * Matrix product C[m, n] = op(A) op(B), in two calls: `matmulPackB` packs B into column panels
 * (shared by all threads), then `matmul` packs each thread's rows of A and multiplies them.
 */
import { multiplyPanels } from './micro-kernel';
import { A_BLOCK_PANELS, COLUMN_PANEL, packColumnPanels, packRowPanels, ROW_PANEL } from './pack';
import { shareStart } from './share';

/** Rows per A panel: packed A needs ceil(m / matmulRowPanel()) * matmulRowPanel() * k floats. */
export function matmulRowPanel(): i32 {
  return ROW_PANEL;
}

/** Row panels per packed A block: each thread's packed A region holds this many panels. */
export function matmulRowBlockPanels(): i32 {
  return A_BLOCK_PANELS;
}

/** Columns per B panel: packed B needs ceil(n / matmulColumnPanel()) * matmulColumnPanel() * k. */
export function matmulColumnPanel(): i32 {
  return COLUMN_PANEL;
}

/**
 * Packs B, stored [k, n] (or [n, k] when transposeB), into `packedB`. Threads split the column
 * panels; every thread must finish before any thread calls `matmul`.
 */
export function matmulPackB(
  b: usize,
  packedB: usize,
  n: i32,
  k: i32,
  transposeB: bool,
  threadIndex: i32,
  threadCount: i32,
): void {
  packColumnPanels(b, packedB, k, n, transposeB, threadIndex, threadCount);
}

/**
 * C[m, n] = op(A) op(B) with A stored [m, k] (or [k, m] when transposeA) and B already packed
 * by `matmulPackB`. Threads split the row panels of C; each packs all its panels of A into
 * `packedA` (full size, so shares never overlap; an operand of a matrix product is not the
 * tens of megabytes an im2col matrix is), then overwrites its rows of C, so that a block of B
 * stays in cache while every row block of the thread passes over it.
 */
export function matmul(
  a: usize,
  packedB: usize,
  c: usize,
  packedA: usize,
  m: i32,
  n: i32,
  k: i32,
  transposeA: bool,
  threadIndex: i32,
  threadCount: i32,
): void {
  const panels = (m + ROW_PANEL - 1) / ROW_PANEL;
  const panelBegin = shareStart(panels, threadIndex, threadCount);
  const panelEnd = shareStart(panels, threadIndex + 1, threadCount);
  packRowPanels(a, packedA, m, k, transposeA, panelBegin, panelEnd);
  multiplyPanels(packedA, packedB, c, m, n, k, panelBegin, panelEnd);
}
