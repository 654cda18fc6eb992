/** Host side of the elementwise binary operations with broadcasting. */
import { checkCount } from '../checks.js';
import { EngineError } from '../errors.js';
import { checkBuffers, type KernelContext } from './context.js';

/** Binary operations: y = a op b; maximum and minimum propagate NaN. */
export type BinaryOp = 'add' | 'sub' | 'mul' | 'div' | 'maximum' | 'minimum';

/** Every binary op; its index is the op code of assembly/binary.ts. */
export const BINARY_OPS: readonly BinaryOp[] = ['add', 'sub', 'mul', 'div', 'maximum', 'minimum'];

/** How b broadcasts: 'cycle' j = i % bLength, 'block' j = floor(i / (length / bLength)). */
export type BroadcastMode = 'cycle' | 'block';

/**
 * y[i] = a[i] op b[j] for `length` floats, j by `bMode`. length must be a multiple of bLength.
 * y may be a itself, or b itself when bLength = length; other overlaps are rejected.
 */
export function binary(
  context: KernelContext,
  op: BinaryOp,
  a: number,
  b: number,
  y: number,
  length: number,
  bLength: number,
  bMode: BroadcastMode = 'cycle',
): void {
  const name = 'binary';
  const code = BINARY_OPS.indexOf(op);
  if (code < 0) {
    throw new EngineError(
      'UNKNOWN_OP',
      `${name}: unknown op '${String(op)}'; expected one of ${BINARY_OPS.join(', ')}`,
    );
  }
  const where = `${name} ${op}`;
  if (bMode !== 'cycle' && bMode !== 'block') {
    throw new EngineError(
      'INVALID_ARGUMENT',
      `${where}: bMode must be 'cycle' or 'block', got '${String(bMode)}'`,
    );
  }
  checkCount(where, 'length', length);
  checkCount(where, 'bLength', bLength);
  if (length > 0 && (bLength === 0 || length % bLength !== 0)) {
    throw new EngineError(
      'SHAPE_MISMATCH',
      `${where}: length ${length} must be a positive multiple of bLength ${bLength} ` +
        `(${bMode} broadcast)`,
    );
  }
  const inputs = [
    { name: 'a', pointer: a, length },
    { name: 'b', pointer: b, length: bLength },
  ];
  checkBuffers(context, where, { name: 'y', pointer: y, length }, inputs, true);
  if (length === 0) return;

  const block = bMode === 'block' ? 1 : 0;
  context.parallel('binary', [code, a, b, y, length, bLength, block], length);
}
