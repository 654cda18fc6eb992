import { Random } from '../random.js';
import type { MonitoredStep } from '../diagnostics/warning.js';

/** What a stretch of synthetic training looks like, per step event. */
export interface Stretch {
  events: number;
  discriminatorLoss: (index: number) => number;
  generatorLoss?: (index: number) => number;
  generatorGradientNorm?: (index: number) => number;
}

/**
 * Step events for diagnostics tests, stretch after stretch, with steps
 * `logEvery` apart. `index` counts events within a stretch from 0.
 */
export function stepStream(stretches: Stretch[], logEvery = 10): MonitoredStep[] {
  const events: MonitoredStep[] = [];
  for (const stretch of stretches) {
    for (let index = 0; index < stretch.events; index++) {
      events.push({
        step: (events.length + 1) * logEvery,
        discriminatorLoss: stretch.discriminatorLoss(index),
        generatorLoss: stretch.generatorLoss?.(index) ?? 0.8,
        generatorGradientNorm: stretch.generatorGradientNorm?.(index),
      });
    }
  }
  return events;
}

/** Gaussian noise of standard deviation `deviation` from a seeded generator. */
export function noise(seed: number, deviation: number): () => number {
  const random = new Random(seed);
  return () => random.normal() * deviation;
}
