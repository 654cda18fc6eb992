/** Host side of the sums: whole array, per column (sumRows) and per row (sumCols). */
import { checkCount, checkProduct } from '../checks.js';
import { checkBuffers, type KernelContext } from './context.js';

/** y[0] = sum of the `length` floats at x, accumulated in float64 (0 for length 0). */
export function sumAll(context: KernelContext, x: number, y: number, length: number): void {
  const op = 'sumAll';
  checkCount(op, 'length', length);
  const output = { name: 'y', pointer: y, length: 1 };
  checkBuffers(context, op, output, [{ name: 'x', pointer: x, length }]);
  context.parallel('sumAll', [x, y, length], 0);
}

function checkMatrix(
  context: KernelContext,
  op: string,
  x: number,
  y: number,
  rows: number,
  cols: number,
  outputLength: number,
): void {
  checkCount(op, 'rows', rows);
  checkCount(op, 'cols', cols);
  const length = checkProduct(op, 'x', [rows, cols]);
  const output = { name: 'y', pointer: y, length: outputLength };
  checkBuffers(context, op, output, [{ name: 'x', pointer: x, length }]);
}

/** y[c] = sum over r of x[r, c] for x [rows, cols] (bias gradients), in float64. */
export function sumRows(
  context: KernelContext,
  x: number,
  y: number,
  rows: number,
  cols: number,
): void {
  checkMatrix(context, 'sumRows', x, y, rows, cols, cols);
  context.parallel('sumRows', [x, y, rows, cols], rows * cols);
}

/** y[r] = sum over c of x[r, c] for x [rows, cols] (per-sample sums), in float64. */
export function sumCols(
  context: KernelContext,
  x: number,
  y: number,
  rows: number,
  cols: number,
): void {
  checkMatrix(context, 'sumCols', x, y, rows, cols, rows);
  context.parallel('sumCols', [x, y, rows, cols], rows * cols);
}
