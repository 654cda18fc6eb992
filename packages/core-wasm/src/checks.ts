/** Argument checks shared by the host wrappers; each throws an EngineError naming op and value. */
import { EngineError } from './errors.js';

/** Largest float count a buffer can have: 2 GiB of memory holds 2^29 floats. */
export const MAX_FLOATS = 2 ** 29;

/** Throws INVALID_ARGUMENT unless `value` is an integer in [0, MAX_FLOATS]. */
export function checkCount(op: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > MAX_FLOATS) {
    throw new EngineError(
      'INVALID_ARGUMENT',
      `${op}: ${name} must be an integer in [0, 2^29], got ${value}`,
    );
  }
}

/** Throws INVALID_ARGUMENT unless `value` is a finite number. */
export function checkFinite(op: string, name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new EngineError(
      'INVALID_ARGUMENT',
      `${op}: ${name} must be a finite number, got ${value}`,
    );
  }
}

/** Returns the product of `factors`; throws SHAPE_MISMATCH if it exceeds MAX_FLOATS. */
export function checkProduct(op: string, name: string, factors: number[]): number {
  const product = factors.reduce((total, factor) => total * factor, 1);
  if (product > MAX_FLOATS) {
    throw new EngineError(
      'SHAPE_MISMATCH',
      `${op}: ${name} has ${product} floats, more than the 2^29 that 2 GiB of memory holds`,
    );
  }
  return product;
}

/** A byte range [pointer, pointer + 4 * length) named for error messages. */
export interface Range {
  name: string;
  pointer: number;
  length: number;
}

/**
 * Throws ALIASING if `output` overlaps `input`, unless both start at the same byte, have the
 * same length and `identicalAllowed` (elementwise kernels read each element before writing it).
 */
export function checkDisjoint(
  op: string,
  output: Range,
  input: Range,
  identicalAllowed: boolean,
): void {
  if (output.length === 0 || input.length === 0) return;
  const outputEnd = output.pointer + 4 * output.length;
  const inputEnd = input.pointer + 4 * input.length;
  if (outputEnd <= input.pointer || inputEnd <= output.pointer) return;
  const identical = output.pointer === input.pointer && output.length === input.length;
  if (identical && identicalAllowed) return;
  const rule = identicalAllowed
    ? 'must be the same buffer or not overlap'
    : 'must not overlap';
  throw new EngineError(
    'ALIASING',
    `${op}: output ${output.name} [${output.pointer}, +${output.length} floats) and input ` +
      `${input.name} [${input.pointer}, +${input.length} floats) ${rule}; ` +
      'write into a separate buffer',
  );
}
