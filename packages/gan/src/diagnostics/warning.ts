import type { WarningEvent } from '../trainer-events.js';

/**
 * A diagnostic warning, the payload of the trainer's 'warning' event: the
 * step it was raised at, its name, a sentence for a person and the figures
 * the rule decided on (so a caller can log or plot them).
 */
export type TrainingWarning = WarningEvent;

/**
 * The figures of a 'step' event that the monitor reads. The gradient norms
 * are the L2 norms over all of a network's parameter gradients; without
 * `generatorGradientNorm` the vanishing-gradients rule stays silent.
 */
export interface MonitoredStep {
  step: number;
  discriminatorLoss: number;
  generatorLoss: number;
  generatorGradientNorm?: number;
  discriminatorGradientNorm?: number;
}

/**
 * A 'samples' event: generated samples of the trainer's fixed latent batch,
 * `images` `[count, ...sampleShape]` (images `[count, height, width,
 * channels]`, 2-D points `[count, 1, 1, 2]`).
 */
export interface MonitoredSamples {
  step: number;
  images: Float32Array;
  shape: readonly number[];
}

/** A 'metrics' event: named evaluation figures at a step. */
export interface MonitoredMetrics {
  step: number;
  values: Record<string, number>;
}

/** Formats a figure for a message: 3 significant digits, or 1e-5 style. */
export function figure(value: number): string {
  if (value === 0 || !Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e5) return String(Number(value.toPrecision(3)));
  return value.toExponential(2);
}

/** Formats a fraction as a whole percentage, or one decimal below 10%. */
export function percent(fraction: number): string {
  const value = fraction * 100;
  return `${value < 10 ? value.toFixed(1) : value.toFixed(0)}%`;
}
