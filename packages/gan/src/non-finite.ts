import { GanError } from './errors.js';
import type { WarningEvent } from './trainer-events.js';

/**
 * Training met a NaN or an infinity: `code` 'NON_FINITE'. The message
 * names the tensor (which loss, or which network's gradients) and the
 * step; `warning` is the 'warning' event the trainer emitted for it. The
 * update that would have used the value is not applied.
 */
export class NonFiniteError extends GanError {
  constructor(readonly warning: WarningEvent) {
    super('NON_FINITE', warning.message);
    this.name = 'NonFiniteError';
  }
}

/**
 * Throws a NonFiniteError unless `value` is finite; `tensor` names what
 * was measured ("the discriminator loss"), `figures` go with the warning.
 */
export function checkFinite(
  value: number,
  tensor: string,
  step: number,
  figures: Record<string, number>,
): void {
  if (Number.isFinite(value)) return;
  throw new NonFiniteError({
    step,
    name: 'non-finite',
    message: `trainer: ${tensor} is ${value} at step ${step}; training ` +
      'stopped before the update',
    figures,
  });
}
