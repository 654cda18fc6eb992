/**
 * The register-blocked matmul core: C = op(A) op(B) from packed panels (see pack.ts). Each
 * element of C is a sequential float32 sum over the depth (multiply, then add, in depth order),
 * in every build and in edge tiles alike, so scalar, SIMD and any thread count agree bitwise (the
 * relaxed build fuses each multiply-add, so it agrees with itself across thread counts).
 */
import { A_BLOCK_PANELS, COLUMN_PANEL, ROW_PANEL } from './pack';
import { floatBytes } from './share';
import { loadPartial, storePartial } from './vector';

/** Depth per pass, so one B micro-panel (DEPTH_BLOCK x COLUMN_PANEL floats) stays in L1. */
export const DEPTH_BLOCK: i32 = 256;

/**
 * Row panels of an A block up to which its tiles run row panel by row panel. Measured on a
 * grey 5x5 filter's gradients (7 panels): 11% faster on 2 threads; a 16-panel block of a
 * 1024 matmul is 5% slower that way.
 */
const FEW_ROW_PANELS: i32 = 8;


/**
 * Writes rows [panelBegin * ROW_PANEL, min(panelEnd * ROW_PANEL, rows)) of C [rows, columns]
 * from packed A panels and packed B panels of the given depth. Depth 0 writes zeros.
 */
export function multiplyPanels(
  packedA: usize,
  packedB: usize,
  c: usize,
  rows: i32,
  columns: i32,
  depth: i32,
  panelBegin: i32,
  panelEnd: i32,
): void {
  const columnPanels = (columns + COLUMN_PANEL - 1) / COLUMN_PANEL;
  multiplyDepthRange(packedA, packedB, c, rows, columns, depth, 0, depth, panelBegin, panelEnd,
    0, columnPanels, 0, 0);
}

/**
 * The part [depthBegin, depthEnd) of C = A B, where A holds only that part of the depth (panel
 * i at packedA + i * (depthEnd - depthBegin) * ROW_PANEL floats) and B all of it. C's sums
 * begin at depth `sumBegin`: it overwrites C when depthBegin is that and adds to it otherwise,
 * continuing each sum in depth order, so a product computed part by part has the bits of one
 * computed whole (when parts begin on a multiple of DEPTH_BLOCK). Only column panels
 * [columnBegin, columnEnd) of C are written (depth 0 writes zeros in every column of the
 * rows). With `bRowBytes` not 0, B is not packed but stored [depth, columns] with rows that
 * many bytes apart, `columns` a multiple of COLUMN_PANEL: each tile reads its 8 columns of a
 * row in place.
 */
export function multiplyDepthRange(
  packedA: usize,
  packedB: usize,
  c: usize,
  rows: i32,
  columns: i32,
  depth: i32,
  depthBegin: i32,
  depthEnd: i32,
  panelBegin: i32,
  panelEnd: i32,
  columnBegin: i32,
  columnEnd: i32,
  bRowBytes: usize,
  sumBegin: i32,
): void {
  const rowBytes = floatBytes(columns);
  const bStep: usize = bRowBytes ? bRowBytes : COLUMN_PANEL << 2;
  if (depth == 0) {
    const firstRow = panelBegin * ROW_PANEL;
    const endRow = min(rows, panelEnd * ROW_PANEL);
    if (endRow > firstRow) {
      memory.fill(c + floatBytes(firstRow * columns), 0, floatBytes((endRow - firstRow) * columns));
    }
    return;
  }
  const aDepth = depthEnd - depthBegin;
  for (let depthStart = depthBegin; depthStart < depthEnd; depthStart += DEPTH_BLOCK) {
    const blockDepth = min(DEPTH_BLOCK, depthEnd - depthStart);
    // Later passes continue the sums already stored in C: exact, since f32 stores are exact.
    const accumulate = depthStart > sumBegin;
    for (let blockStart = panelBegin; blockStart < panelEnd; blockStart += A_BLOCK_PANELS) {
      const blockEnd = min(blockStart + A_BLOCK_PANELS, panelEnd);
      // A last panel of one row (25 taps of a 5x5 filter) runs its own wide tiles below.
      const lastRow = ASC_FEATURE_SIMD && rows - (blockEnd - 1) * ROW_PANEL == 1;
      const fullEnd = lastRow ? blockEnd - 1 : blockEnd;
      // A block of few row panels (a filter's) runs panel by panel, each staying in L1 while
      // the B panels pass; a larger one column panel by column panel, as in Goto's loops.
      const rowsOuter = fullEnd - blockStart <= FEW_ROW_PANELS;
      const outerEnd = rowsOuter ? fullEnd : columnEnd;
      const innerBegin = rowsOuter ? columnBegin : blockStart;
      const innerEnd = rowsOuter ? columnEnd : fullEnd;
      for (let outer = rowsOuter ? blockStart : columnBegin; outer < outerEnd; outer++) {
        for (let inner = innerBegin; inner < innerEnd; inner++) {
          const i = rowsOuter ? outer : inner;
          const j = rowsOuter ? inner : outer;
          const firstColumn = j * COLUMN_PANEL;
          const width = min(COLUMN_PANEL, columns - firstColumn);
          const bPanel = bPanelAt(packedB, bRowBytes, depth, depthStart, j);
          const firstRow = i * ROW_PANEL;
          const aPanel = packedA + floatBytes((i * aDepth + depthStart - depthBegin) * ROW_PANEL);
          const tile = c + floatBytes(firstRow * columns + firstColumn);
          const height = min(ROW_PANEL, rows - firstRow);
          if (ASC_FEATURE_SIMD) {
            tileSimd(aPanel, bPanel, bStep, blockDepth, tile, rowBytes, height, width, accumulate);
          } else {
            tileScalar(aPanel, bPanel, bStep, blockDepth, tile, rowBytes, height, width,
              accumulate);
          }
        }
      }
      if (lastRow) {
        const aPanel = packedA +
          floatBytes((fullEnd * aDepth + depthStart - depthBegin) * ROW_PANEL);
        singleRow(aPanel, packedB, bStep, bRowBytes, c, rows - 1, columns, depth, depthStart,
          blockDepth, columnBegin, columnEnd, accumulate);
      }
    }
  }
}

/**
 * Where column panel j of B starts at depth `depthStart`: in its packed panel, or, with
 * `bRowBytes` not 0 (B read in place), at its first column of row depthStart.
 */
@inline
function bPanelAt(packedB: usize, bRowBytes: usize, depth: i32, depthStart: i32, j: i32): usize {
  return bRowBytes
    ? packedB + <usize>depthStart * bRowBytes + floatBytes(j * COLUMN_PANEL)
    : packedB + floatBytes((j * depth + depthStart) * COLUMN_PANEL);
}

/**
 * Column panels [columnBegin, columnEnd) of C's row `row`, the only row of A's last panel:
 * WIDE_PANELS full column panels at a time in tileRowSimd, the rest in tileSimd.
 */
function singleRow(
  aPanel: usize,
  packedB: usize,
  bStep: usize,
  bRowBytes: usize,
  c: usize,
  row: i32,
  columns: i32,
  depth: i32,
  depthStart: i32,
  blockDepth: i32,
  columnBegin: i32,
  columnEnd: i32,
  accumulate: bool,
): void {
  const panelBytes: usize = bRowBytes
    ? <usize>(COLUMN_PANEL << 2) : floatBytes(depth * COLUMN_PANEL);
  const wideEnd = min(columnEnd, columns / COLUMN_PANEL);
  const rowBytes = floatBytes(columns);
  for (let j = columnBegin; j < columnEnd; ) {
    const firstColumn = j * COLUMN_PANEL;
    const bPanel = bPanelAt(packedB, bRowBytes, depth, depthStart, j);
    const tile = c + floatBytes(row * columns + firstColumn);
    if (j + WIDE_PANELS <= wideEnd) {
      tileRowSimd(aPanel, bPanel, panelBytes, bStep, blockDepth, tile, accumulate);
      j += WIDE_PANELS;
    } else {
      const width = min(COLUMN_PANEL, columns - firstColumn);
      tileSimd(aPanel, bPanel, bStep, blockDepth, tile, rowBytes, 1, width, accumulate);
      j++;
    }
  }
}

/** Column panels one row's wide tile covers: eight accumulators, as many as the 4 x 8 tile. */
const WIDE_PANELS: i32 = 4;

/**
 * One row of C by WIDE_PANELS full column panels (`panelBytes` apart in B): per depth step one
 * broadcast A value and eight B vectors. Each element gets the same sequential sum as from
 * tileSimd, so the bits do not depend on which tile computed it.
 */
function tileRowSimd(
  aPanel: usize,
  b0: usize,
  panelBytes: usize,
  bStep: usize,
  depth: i32,
  c: usize,
  accumulate: bool,
): void {
  let s0 = f32x4.splat(0), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
  if (accumulate) {
    s0 = v128.load(c); s1 = v128.load(c, 16); s2 = v128.load(c, 32); s3 = v128.load(c, 48);
    s4 = v128.load(c, 64); s5 = v128.load(c, 80); s6 = v128.load(c, 96); s7 = v128.load(c, 112);
  }
  let b1 = b0 + panelBytes, b2 = b1 + panelBytes, b3 = b2 + panelBytes;
  for (let p = 0; p < depth; p++) {
    const a = v128.load32_splat(aPanel);
    s0 = multiplyAdd(a, v128.load(b0), s0);
    s1 = multiplyAdd(a, v128.load(b0, 16), s1);
    s2 = multiplyAdd(a, v128.load(b1), s2);
    s3 = multiplyAdd(a, v128.load(b1, 16), s3);
    s4 = multiplyAdd(a, v128.load(b2), s4);
    s5 = multiplyAdd(a, v128.load(b2, 16), s5);
    s6 = multiplyAdd(a, v128.load(b3), s6);
    s7 = multiplyAdd(a, v128.load(b3, 16), s7);
    aPanel += ROW_PANEL << 2;
    b0 += bStep; b1 += bStep; b2 += bStep; b3 += bStep;
  }
  v128.store(c, s0); v128.store(c, s1, 16); v128.store(c, s2, 32); v128.store(c, s3, 48);
  v128.store(c, s4, 64); v128.store(c, s5, 80); v128.store(c, s6, 96); v128.store(c, s7, 112);
}

/**
 * 4 x 8 tile in eight v128 accumulators: per depth step two B vectors (`bStep` bytes after the
 * last), four broadcast A values, eight multiplies and eight adds. Only `height` rows and
 * `width` columns are read or written.
 */
@inline
function tileSimd(
  aPanel: usize,
  bPanel: usize,
  bStep: usize,
  depth: i32,
  c: usize,
  rowBytes: usize,
  height: i32,
  width: i32,
  accumulate: bool,
): void {
  const zero = f32x4.splat(0);
  let c00 = zero, c01 = zero, c10 = zero, c11 = zero;
  let c20 = zero, c21 = zero, c30 = zero, c31 = zero;
  const full = height == ROW_PANEL && width == COLUMN_PANEL;
  const highWidth = width - 4;
  const c1 = c + rowBytes, c2 = c1 + rowBytes, c3 = c2 + rowBytes;
  if (accumulate) {
    if (full) {
      c00 = v128.load(c); c01 = v128.load(c, 16);
      c10 = v128.load(c1); c11 = v128.load(c1, 16);
      c20 = v128.load(c2); c21 = v128.load(c2, 16);
      c30 = v128.load(c3); c31 = v128.load(c3, 16);
    } else {
      c00 = loadPartial(c, width); c01 = loadPartial(c + 16, highWidth);
      if (height > 1) { c10 = loadPartial(c1, width); c11 = loadPartial(c1 + 16, highWidth); }
      if (height > 2) { c20 = loadPartial(c2, width); c21 = loadPartial(c2 + 16, highWidth); }
      if (height > 3) { c30 = loadPartial(c3, width); c31 = loadPartial(c3 + 16, highWidth); }
    }
  }
  for (let p = 0; p < depth; p++) {
    const b0 = v128.load(bPanel);
    const b1 = v128.load(bPanel, 16);
    let a = v128.load32_splat(aPanel);
    c00 = multiplyAdd(a, b0, c00);
    c01 = multiplyAdd(a, b1, c01);
    a = v128.load32_splat(aPanel, 4);
    c10 = multiplyAdd(a, b0, c10);
    c11 = multiplyAdd(a, b1, c11);
    a = v128.load32_splat(aPanel, 8);
    c20 = multiplyAdd(a, b0, c20);
    c21 = multiplyAdd(a, b1, c21);
    a = v128.load32_splat(aPanel, 12);
    c30 = multiplyAdd(a, b0, c30);
    c31 = multiplyAdd(a, b1, c31);
    aPanel += ROW_PANEL << 2;
    bPanel += bStep;
  }
  if (full) {
    v128.store(c, c00); v128.store(c, c01, 16);
    v128.store(c1, c10); v128.store(c1, c11, 16);
    v128.store(c2, c20); v128.store(c2, c21, 16);
    v128.store(c3, c30); v128.store(c3, c31, 16);
    return;
  }
  storePartial(c, c00, width); storePartial(c + 16, c01, highWidth);
  if (height > 1) { storePartial(c1, c10, width); storePartial(c1 + 16, c11, highWidth); }
  if (height > 2) { storePartial(c2, c20, width); storePartial(c2 + 16, c21, highWidth); }
  if (height > 3) { storePartial(c3, c30, width); storePartial(c3 + 16, c31, highWidth); }
}

/**
 * a * b + c. The relaxed build fuses it into one instruction where the CPU has FMA (one rounding
 * instead of two: results differ from the SIMD build within float32 rounding, and stay identical
 * across thread counts); the SIMD build multiplies, then adds.
 */
@inline
function multiplyAdd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

/** Scalar twin of tileSimd: one row at a time, eight float accumulators. */
function tileScalar(
  aPanel: usize,
  bPanel: usize,
  bStep: usize,
  depth: i32,
  c: usize,
  rowBytes: usize,
  height: i32,
  width: i32,
  accumulate: bool,
): void {
  for (let r = 0; r < height; r++) {
    const row = c + <usize>r * rowBytes;
    let s0: f32 = 0, s1: f32 = 0, s2: f32 = 0, s3: f32 = 0;
    let s4: f32 = 0, s5: f32 = 0, s6: f32 = 0, s7: f32 = 0;
    if (accumulate) {
      s0 = load<f32>(row);
      if (width > 1) s1 = load<f32>(row, 4);
      if (width > 2) s2 = load<f32>(row, 8);
      if (width > 3) s3 = load<f32>(row, 12);
      if (width > 4) s4 = load<f32>(row, 16);
      if (width > 5) s5 = load<f32>(row, 20);
      if (width > 6) s6 = load<f32>(row, 24);
      if (width > 7) s7 = load<f32>(row, 28);
    }
    let a = aPanel + (<usize>r << 2);
    let b = bPanel;
    for (let p = 0; p < depth; p++) {
      const value = load<f32>(a);
      s0 += value * load<f32>(b);
      s1 += value * load<f32>(b, 4);
      s2 += value * load<f32>(b, 8);
      s3 += value * load<f32>(b, 12);
      s4 += value * load<f32>(b, 16);
      s5 += value * load<f32>(b, 20);
      s6 += value * load<f32>(b, 24);
      s7 += value * load<f32>(b, 28);
      a += ROW_PANEL << 2;
      b += bStep;
    }
    store<f32>(row, s0);
    if (width > 1) store<f32>(row, s1, 4);
    if (width > 2) store<f32>(row, s2, 8);
    if (width > 3) store<f32>(row, s3, 12);
    if (width > 4) store<f32>(row, s4, 16);
    if (width > 5) store<f32>(row, s5, 20);
    if (width > 6) store<f32>(row, s6, 24);
    if (width > 7) store<f32>(row, s7, 28);
  }
}
