import type { Samples } from './models/generator.js';

/** Figures of one training step. */
export interface StepEvent {
  step: number;
  steps: number;
  /** The discriminator's (critic's) loss at the last critic step. */
  discriminatorLoss: number;
  generatorLoss: number;
  /**
   * Mean D(real): for the losses on logits (minimax, non-saturating,
   * relativistic-average) the mean probability sigmoid(D(real)) that real
   * is real; for the others the mean raw score.
   */
  realScore: number;
  /** Mean D(G(z)) during the discriminator step, in realScore's terms. */
  fakeScore: number;
  /** Wall time per step, averaged since the previous event. */
  secondsPerStep: number;
  /** L2 norm over all of the generator's parameter gradients. */
  generatorGradientNorm: number;
  /** L2 norm over all of the discriminator's parameter gradients. */
  discriminatorGradientNorm: number;
}

/** A grid's worth of samples from the fixed latent batch (and labels). */
export interface SamplesEvent extends Samples {
  step: number;
}

/** Named evaluation figures at a step (see Trainer.setMetrics). */
export interface MetricsEvent {
  step: number;
  values: Record<string, number>;
}

/** The names of the trainer's diagnostic warnings. */
export type WarningEventName =
  | 'vanishing-gradients'
  | 'mode-collapse'
  | 'oscillation'
  | 'non-finite';

/**
 * A diagnostic warning: the step, its name, a sentence for a person and
 * the figures behind it. The trainer itself raises 'non-finite'.
 */
export interface WarningEvent {
  step: number;
  name: WarningEventName;
  message: string;
  figures: Record<string, number>;
}

/** The trainer's events and their payloads. */
export interface TrainerEvents {
  step: StepEvent;
  samples: SamplesEvent;
  metrics: MetricsEvent;
  warning: WarningEvent;
}
