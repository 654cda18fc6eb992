import { record } from '../autograd.js';
import { check } from '../errors.js';
import { empty, type Tensor } from '../tensor.js';
import { zeros } from './creation.js';

/** The leading dimensions and the last one: [..., width] to [rows, width]. */
function rowsOf(x: Tensor): { rows: number; width: number } {
  const width = x.rank === 0 ? 1 : x.shape[x.rank - 1];
  return { rows: width === 0 ? 0 : x.size / width, width };
}

/**
 * Joins tensors along their last dimension: parts of shape [..., width_i]
 * with equal leading dimensions give [..., sum of width_i]. Used to append
 * a condition (one-hot labels) or a minibatch statistic as extra channels.
 *
 * There is no kernel for it: the rows are copied on the host through views
 * of the backend's memory, which is cheap for the narrow parts GANs join.
 */
export function concatLast(parts: Tensor[]): Tensor {
  check(parts.length > 0, 'BAD_ARGUMENT', () => 'concatLast: no tensors to join');
  const first = parts[0];
  const lead = first.shape.slice(0, -1);
  for (const part of parts) {
    part.assertAlive('concatLast');
    check(part.rank === first.rank &&
      part.shape.slice(0, -1).every((d, i) => d === lead[i]), 'SHAPE_MISMATCH',
    () => `concatLast: shapes [${first.shape}] and [${part.shape}] differ ` +
      'before the last dimension');
  }
  const widths = parts.map((part) => rowsOf(part).width);
  const total = widths.reduce((a, b) => a + b, 0);
  const rows = rowsOf(first).rows;

  const y = empty(first.backend, [...lead, total]);
  // Views are taken after the allocation: an allocation may grow the memory.
  const backend = first.backend;
  const out = backend.view(y.dataId, y.size);
  let offset = 0;
  parts.forEach((part, which) => {
    const width = widths[which];
    const source = backend.view(part.dataId, part.size);
    for (let row = 0; row < rows; row++) {
      const from = row * width;
      const to = row * total + offset;
      for (let i = 0; i < width; i++) out[to + i] = source[from + i];
    }
    offset += width;
  });

  return record(y, 'concatLast', parts, (dy, needed) => {
    let start = 0;
    return parts.map((_, which) => {
      const end = start + widths[which];
      const gradient = needed[which] ? sliceLast(dy, start, end) : null;
      start = end;
      return gradient;
    });
  });
}

/**
 * Columns [start, end) of the last dimension: [..., width] gives
 * [..., end - start]. Its gradient pads with zeros, through concatLast, so
 * that it can be differentiated again.
 */
export function sliceLast(x: Tensor, start: number, end: number): Tensor {
  x.assertAlive('sliceLast');
  const { rows, width } = rowsOf(x);
  check(Number.isInteger(start) && Number.isInteger(end) &&
    start >= 0 && start <= end && end <= width, 'BAD_ARGUMENT', () =>
    `sliceLast: range [${start}, ${end}) is not inside the last dimension ` +
    `${width} of shape [${x.shape}]`);
  const part = end - start;

  const y = empty(x.backend, [...x.shape.slice(0, -1), part]);
  const out = x.backend.view(y.dataId, y.size);
  const source = x.backend.view(x.dataId, x.size);
  for (let row = 0; row < rows; row++) {
    const from = row * width + start;
    const to = row * part;
    for (let i = 0; i < part; i++) out[to + i] = source[from + i];
  }

  return record(y, 'sliceLast', [x], (dy) => {
    const lead = x.shape.slice(0, -1);
    const pieces: Tensor[] = [];
    if (start > 0) pieces.push(zeros(x.backend, [...lead, start]));
    pieces.push(dy);
    if (end < width) pieces.push(zeros(x.backend, [...lead, width - end]));
    return [pieces.length === 1 ? dy : concatLast(pieces)];
  });
}
