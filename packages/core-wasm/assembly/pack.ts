/**
 * Packing of matrix operands into the panels the matmul micro-kernel reads (the layout of
 * Goto and van de Geijn, "Anatomy of high-performance matrix multiplication", 2008).
 */
import { floatBytes, shareStart } from './share';
import { storeTransposed4x4, storeTransposed4x8 } from './vector';

/** Rows of C per micro-kernel tile; A is packed in panels of this many rows. */
export const ROW_PANEL: i32 = 4;

/** Columns of C per micro-kernel tile; B is packed in panels of this many columns. */
export const COLUMN_PANEL: i32 = 8;

/**
 * Row panels of A packed at a time, then multiplied while they are still in L2: each thread
 * needs a region of only this many panels, never the whole packed A (for a convolution's
 * im2col that would be tens of megabytes).
 */
export const A_BLOCK_PANELS: i32 = 16;

/** Floats of one thread's region for packed A blocks of `depth`, for `rows` rows in all. */
export function packedARegion(rows: i32, depth: i32): i32 {
  const panels = (rows + ROW_PANEL - 1) / ROW_PANEL;
  return min(A_BLOCK_PANELS, panels) * ROW_PANEL * depth;
}

/**
 * The origin that puts panel `first` at `region` for functions that address panel i at
 * origin + i panels (packRowPanels, multiplyPanels): region - first panels. The subtraction
 * may wrap below 0; the addresses computed from it wrap back, as wasm addresses are modulo
 * 2^32.
 */
@inline
export function panelOrigin(region: usize, first: i32, depth: i32): usize {
  return region - floatBytes(first * depth * ROW_PANEL);
}

/**
 * Packs B, stored [depth, columns] (or [columns, depth] when `transposed`), into column panels:
 * panel j holds columns [j * COLUMN_PANEL, (j + 1) * COLUMN_PANEL) as [depth][COLUMN_PANEL]
 * contiguous floats, zero past `columns`, so the micro-kernel reads B through one pointer that
 * advances COLUMN_PANEL floats per step of the sum. Threads split the panels.
 */
export function packColumnPanels(
  b: usize,
  packed: usize,
  depth: i32,
  columns: i32,
  transposed: bool,
  threadIndex: i32,
  threadCount: i32,
): void {
  const panels = (columns + COLUMN_PANEL - 1) / COLUMN_PANEL;
  const panelEnd = shareStart(panels, threadIndex + 1, threadCount);
  for (let j = shareStart(panels, threadIndex, threadCount); j < panelEnd; j++) {
    const firstColumn = j * COLUMN_PANEL;
    const width = min(COLUMN_PANEL, columns - firstColumn);
    let out = packed + floatBytes(j * depth * COLUMN_PANEL);
    if (ASC_FEATURE_SIMD && !transposed && width == COLUMN_PANEL) {
      let source = b + floatBytes(firstColumn);
      const rowBytes = floatBytes(columns);
      for (let p = 0; p < depth; p++) {
        v128.store(out, v128.load(source));
        v128.store(out, v128.load(source, 16), 16);
        source += rowBytes;
        out += COLUMN_PANEL << 2;
      }
      continue;
    }
    let p = 0;
    if (ASC_FEATURE_SIMD && transposed) {
      // Columns are rows of b here: 4 depths of each of the 8, transposed in registers. A
      // full panel passes the constant COLUMN_PANEL, so its loads keep no test once inlined.
      const column0 = b + floatBytes(firstColumn * depth);
      p = width == COLUMN_PANEL
        ? packTransposedSteps(column0, out, depth, COLUMN_PANEL)
        : packTransposedSteps(column0, out, depth, width);
      out += floatBytes(p * COLUMN_PANEL);
    }
    for (; p < depth; p++) {
      for (let c = 0; c < COLUMN_PANEL; c++) {
        let value: f32 = 0;
        if (c < width) {
          const index = transposed ? (firstColumn + c) * depth + p : p * columns + firstColumn + c;
          value = load<f32>(b + floatBytes(index));
        }
        store<f32>(out, value);
        out += 4;
      }
    }
  }
}

/**
 * The whole groups of 4 depths of one transposed column panel whose rows (b's columns, `depth`
 * floats each) start at `column0`: rows below `rows` read, the others zeros. Returns the depth
 * packed.
 */
@inline
function packTransposedSteps(column0: usize, out: usize, depth: i32, rows: i32): i32 {
  const columnBytes = floatBytes(depth);
  let p = 0;
  for (; p + 4 <= depth; p += 4) {
    const low = column0 + floatBytes(p);
    const high = low + 4 * columnBytes;
    storeTransposed4x8(out,
      rowOrZero(low, 0, rows), rowOrZero(low + columnBytes, 1, rows),
      rowOrZero(low + 2 * columnBytes, 2, rows), rowOrZero(low + 3 * columnBytes, 3, rows),
      rowOrZero(high, 4, rows), rowOrZero(high + columnBytes, 5, rows),
      rowOrZero(high + 2 * columnBytes, 6, rows), rowOrZero(high + 3 * columnBytes, 7, rows));
    out += 4 * COLUMN_PANEL << 2;
  }
  return p;
}

/** The 4 floats at `pointer` when row `row` is below `rows`, else zeros (nothing read). */
@inline
function rowOrZero(pointer: usize, row: i32, rows: i32): v128 {
  return row < rows ? v128.load(pointer) : f32x4.splat(0);
}

/** Row panels packed together when A is transposed, so each read of A covers whole lines. */
const TRANSPOSED_GROUP: i32 = 8;

/**
 * Packs row panels [panelBegin, panelEnd) of A, stored [rows, depth] (or [depth, rows] when
 * `transposed`), into [depth][ROW_PANEL] blocks, zero past `rows`: panel i starts at float
 * i * depth * ROW_PANEL of `packed`. Each thread packs the panels of its own rows of C.
 */
export function packRowPanels(
  a: usize,
  packed: usize,
  rows: i32,
  depth: i32,
  transposed: bool,
  panelBegin: i32,
  panelEnd: i32,
): void {
  let i = panelBegin;
  if (ASC_FEATURE_SIMD && transposed) {
    // The rows of all full panels at one depth are contiguous in A: copy 8 panels' worth
    // (128 bytes, two cache lines) per depth step, writing 8 panels side by side.
    const fullEnd = min(panelEnd, rows / ROW_PANEL);
    const stepBytes = floatBytes(rows);
    const panelBytes = floatBytes(depth * ROW_PANEL);
    while (i < fullEnd) {
      const group = min(TRANSPOSED_GROUP, fullEnd - i);
      let source = a + floatBytes(i * ROW_PANEL);
      let out = packed + floatBytes(i * depth * ROW_PANEL);
      for (let p = 0; p < depth; p++) {
        for (let q = 0; q < group; q++) {
          v128.store(out + <usize>q * panelBytes, v128.load(source + (<usize>q << 4)));
        }
        source += stepBytes;
        out += 16;
      }
      i += group;
    }
  }
  for (; i < panelEnd; i++) {
    const firstRow = i * ROW_PANEL;
    const height = min(ROW_PANEL, rows - firstRow);
    let out = packed + floatBytes(i * depth * ROW_PANEL);
    let p = 0;
    if (ASC_FEATURE_SIMD && height == ROW_PANEL && !transposed) {
      // Read 4 depths of each of the 4 rows and transpose in registers.
      const row0 = a + floatBytes(firstRow * depth);
      const rowBytes = floatBytes(depth);
      for (; p + 4 <= depth; p += 4) {
        const offset = row0 + floatBytes(p);
        storeTransposed4x4(
          out,
          v128.load(offset),
          v128.load(offset + rowBytes),
          v128.load(offset + 2 * rowBytes),
          v128.load(offset + 3 * rowBytes),
        );
        out += 64;
      }
    }
    for (; p < depth; p++) {
      for (let r = 0; r < ROW_PANEL; r++) {
        let value: f32 = 0;
        if (r < height) {
          const row = firstRow + r;
          value = load<f32>(a + floatBytes(transposed ? p * rows + row : row * depth + p));
        }
        store<f32>(out, value);
        out += 4;
      }
    }
  }
}

/**
 * Interleaves `count` consecutive floats from each of four addresses: 4x4 transposes (SIMD
 * builds), then single floats. Returns the end of what it wrote.
 */
@inline
export function packFourSpans(
  out: usize,
  s0: usize,
  s1: usize,
  s2: usize,
  s3: usize,
  count: i32,
): usize {
  let t = 0;
  if (ASC_FEATURE_SIMD) {
    for (; t + 4 <= count; t += 4) {
      const offset = floatBytes(t);
      storeTransposed4x4(out, v128.load(s0 + offset), v128.load(s1 + offset),
        v128.load(s2 + offset), v128.load(s3 + offset));
      out += 64;
    }
  }
  for (; t < count; t++) {
    const offset = floatBytes(t);
    store<f32>(out, load<f32>(s0 + offset));
    store<f32>(out, load<f32>(s1 + offset), 4);
    store<f32>(out, load<f32>(s2 + offset), 8);
    store<f32>(out, load<f32>(s3 + offset), 12);
    out += ROW_PANEL << 2;
  }
  return out;
}
