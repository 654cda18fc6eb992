import { randomBelow } from '../data/random-index.js';
import { generate } from '../models/generator.js';
import type { Network } from '../models/network.js';
import { Random } from '../random.js';
import {
  evaluateSamples, METRICS_SAMPLE_COUNTS, type MetricsKind, type MetricsReference,
} from './evaluate.js';

/** How {@link trainingMetrics} samples. */
export interface TrainingMetricsOptions {
  /** Samples per evaluation; default: the kind's protocol (METRICS_SAMPLE_COUNTS). */
  count?: number;
  /** Seed of the latents (and labels), the same at every evaluation; default 0. */
  seed?: number;
}

/**
 * A metrics function for the trainer's 'metrics' events
 * (`trainer.setMetrics(trainingMetrics('ring', reference))`): each call
 * draws `count` samples from the trainer's sampling generator (the moving
 * average when there is one) from the same latents every time, so that
 * evaluations at different steps differ only by the generator, and returns
 * evaluateSamples' figures. A conditional generator gets labels drawn
 * uniformly from the same seed.
 */
export function trainingMetrics(
  kind: MetricsKind,
  reference: MetricsReference,
  options: TrainingMetricsOptions = {},
): (trainer: { samplingGenerator: Network }) => Record<string, number> {
  const count = options.count ?? METRICS_SAMPLE_COUNTS[kind];
  let drawn: { latents: Float32Array; labels?: Int32Array } | undefined;
  return ({ samplingGenerator: network }) => {
    if (drawn === undefined) {
      const random = new Random(options.seed ?? 0);
      const latents = random.normalArray(count * network.description.inputShape[0]);
      const classCount = network.classCount;
      const labels = classCount === undefined
        ? undefined
        : Int32Array.from({ length: count }, () => randomBelow(random, classCount));
      drawn = { latents, labels };
    }
    const samples = generate(network, drawn.latents, count, drawn.labels);
    return evaluateSamples(kind, samples, reference);
  };
}
