import { Episode, type EpisodeState } from './episode.js';
import { checkBetween, checkPositive, checkWhole, numberOf } from './options.js';
import { meanOf, medianOf, Window } from './statistics.js';
import { figure, percent, type MonitoredStep, type TrainingWarning } from './warning.js';

/** Thresholds of the vanishing-gradients rule; see {@link VanishingGradientsDetector}. */
export interface VanishingGradientsOptions {
  /**
   * Step events per window (10). Long enough that one lucky minibatch
   * cannot end or start an episode, short enough to speak up within 10
   * events of the discriminator taking over.
   */
  window: number;
  /**
   * The discriminator "wins outright" when its mean loss over the window is
   * below this (0.05). The cross-entropy loss starts at 2 ln 2 = 1.386 and a
   * balanced game stays near 0.5 to 1.4; 0.05 needs D(real) near 0.975 and
   * D(fake) near 0.025 at once. Least-squares and hinge losses also reach 0
   * only when every sample is classified with room to spare.
   */
  discriminatorLossBelow: number;
  /**
   * The generator's gradient has "collapsed" when the median of its norm
   * over the window is below this fraction of the highest such median seen
   * (0.1). Minibatch noise moves the norm by tens of percent, not tenfold;
   * the saturating loss's gradient is D(fake), so at D(fake) = 0.025 it is
   * a twentieth of its value at the balanced start (CASES L2).
   */
  gradientFraction: number;
  /**
   * Consecutive clear checks before the warning can repeat (20). One good
   * event keeps the windowed condition clear for a whole window, so this is
   * twice the window: a recovery must outlast a window to end the episode.
   */
  rearmAfter: number;
}

/** Defaults of {@link VanishingGradientsOptions}, justified there. */
export const defaultVanishingGradientsOptions: VanishingGradientsOptions = {
  window: 10,
  discriminatorLossBelow: 0.05,
  gradientFraction: 0.1,
  rearmAfter: 20,
};

/**
 * Vanishing gradients (Goodfellow et al., 2014; Arjovsky and Bottou, 2017):
 * a discriminator that wins outright leaves the saturating generator almost
 * no gradient. Over the last `window` step events, the warning is due when
 * BOTH the mean discriminator loss is below `discriminatorLossBelow` AND
 * the median generator gradient norm is below `gradientFraction` of the
 * peak windowed median so far. Events without a finite generator gradient
 * norm or losses are skipped.
 */
export interface VanishingGradientsState {
  losses: number[];
  norms: number[];
  episode: EpisodeState;
  peakNorm: number;
  peakStep: number;
}

export class VanishingGradientsDetector {
  readonly options: VanishingGradientsOptions;
  private readonly losses: Window;
  private readonly norms: Window;
  private readonly episode: Episode;
  private peakNorm = 0;
  private peakStep = 0;

  constructor(options: Partial<VanishingGradientsOptions> = {}) {
    const o = (this.options = { ...defaultVanishingGradientsOptions, ...options });
    const owner = 'vanishingGradients';
    checkWhole(owner, 'window', o.window, 1);
    checkPositive(owner, 'discriminatorLossBelow', o.discriminatorLossBelow);
    checkBetween(owner, 'gradientFraction', o.gradientFraction, 0, 1);
    checkWhole(owner, 'rearmAfter', o.rearmAfter, 1);
    this.losses = new Window(o.window);
    this.norms = new Window(o.window);
    this.episode = new Episode(o.rearmAfter);
  }

  /** What the detector remembers, as plain data (see TrainingMonitor.state). */
  state(): VanishingGradientsState {
    return { losses: this.losses.state(), norms: this.norms.state(),
      episode: this.episode.state(), peakNorm: this.peakNorm, peakStep: this.peakStep };
  }

  restore(state: VanishingGradientsState): void {
    this.losses.restore(state.losses);
    this.norms.restore(state.norms);
    this.episode.restore(state.episode);
    this.peakNorm = numberOf(state.peakNorm);
    this.peakStep = numberOf(state.peakStep);
  }

  /** Reads one step event; returns the warning when one is due. */
  observe(event: MonitoredStep): TrainingWarning | undefined {
    const norm = event.generatorGradientNorm;
    const usable = norm !== undefined && Number.isFinite(norm) &&
      Number.isFinite(event.discriminatorLoss);
    if (!usable) return undefined;
    this.losses.push(event.discriminatorLoss);
    this.norms.push(norm);
    if (!this.norms.full) return undefined;

    const meanLoss = meanOf(this.losses.items);
    const medianNorm = medianOf(this.norms.items);
    if (medianNorm > this.peakNorm) {
      this.peakNorm = medianNorm;
      this.peakStep = event.step;
    }
    const ratio = this.peakNorm > 0 ? medianNorm / this.peakNorm : 1;
    const o = this.options;
    const condition = meanLoss < o.discriminatorLossBelow && ratio < o.gradientFraction;
    if (!this.episode.update(condition)) return undefined;
    return {
      step: event.step,
      name: 'vanishing-gradients',
      message:
        `the discriminator wins outright (mean loss ${figure(meanLoss)} over the last ` +
        `${o.window} step events, below ${o.discriminatorLossBelow}) and the generator's ` +
        `gradient norm fell to ${figure(medianNorm)}, ${percent(ratio)} of its peak ` +
        `${figure(this.peakNorm)} at step ${this.peakStep} ` +
        `(below ${percent(o.gradientFraction)}): the generator has stopped learning. ` +
        'Try the non-saturating loss, a lower discriminator learning rate, label ' +
        'smoothing or instance noise',
      figures: {
        discriminatorLoss: meanLoss,
        generatorGradientNorm: medianNorm,
        peakGeneratorGradientNorm: this.peakNorm,
        peakStep: this.peakStep,
        gradientRatio: ratio,
      },
    };
  }
}
