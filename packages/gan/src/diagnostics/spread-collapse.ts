import { Episode, type EpisodeState } from './episode.js';
import { checkBetween, checkWhole, numberOf } from './options.js';
import { sampleSpread } from './sample-spread.js';
import { figure, percent, type MonitoredSamples, type TrainingWarning } from './warning.js';

/** Thresholds of the spread rule; see {@link SpreadCollapseDetector}. */
export interface SpreadCollapseOptions {
  /**
   * The spread of the fixed latent batch has collapsed when it is below
   * this fraction of its peak so far (0.25). The peak is the all-time one,
   * so a slow collapse is caught too. Sharpening blurry early samples into
   * digits lowers the per-pixel spread by a third at most; a generator
   * that draws one sample for every latent keeps only its residual jitter,
   * a tenth or less.
   */
  fraction: number;
  /** Consecutive clear sample events before the warning can repeat (1). */
  rearmAfter: number;
}

/** Defaults of {@link SpreadCollapseOptions}, justified there. */
export const defaultSpreadCollapseOptions: SpreadCollapseOptions = {
  fraction: 0.25,
  rearmAfter: 1,
};

/**
 * Mode collapse seen in the samples themselves (Goodfellow, 2016; Salimans
 * et al., 2016): the trainer's fixed latent batch should keep its variety.
 * At each 'samples' event the batch's {@link sampleSpread} is compared with
 * the highest spread of earlier events; the warning is due when it is below
 * `fraction` of that peak. It sees total collapse; a generator that keeps a
 * few of many modes keeps its spread, which the coverage metrics catch.
 */
export interface SpreadCollapseState {
  episode: EpisodeState;
  peak: number;
  peakStep: number;
}

export class SpreadCollapseDetector {
  readonly options: SpreadCollapseOptions;
  private readonly episode: Episode;
  private peak = 0;
  private peakStep = 0;

  constructor(options: Partial<SpreadCollapseOptions> = {}) {
    const o = (this.options = { ...defaultSpreadCollapseOptions, ...options });
    checkBetween('spreadCollapse', 'fraction', o.fraction, 0, 1);
    checkWhole('spreadCollapse', 'rearmAfter', o.rearmAfter, 1);
    this.episode = new Episode(o.rearmAfter);
  }

  /** What the detector remembers, as plain data (see TrainingMonitor.state). */
  state(): SpreadCollapseState {
    return { episode: this.episode.state(), peak: this.peak, peakStep: this.peakStep };
  }

  restore(state: SpreadCollapseState): void {
    this.episode.restore(state.episode);
    this.peak = numberOf(state.peak);
    this.peakStep = numberOf(state.peakStep);
  }

  /** Reads one samples event; returns the warning when one is due. */
  observe(event: MonitoredSamples): TrainingWarning | undefined {
    const spread = sampleSpread(event.images, event.shape);
    if (!Number.isFinite(spread)) return undefined;
    const ratio = this.peak > 0 ? spread / this.peak : 1;
    const peak = this.peak;
    const peakStep = this.peakStep;
    if (spread > this.peak) {
      this.peak = spread;
      this.peakStep = event.step;
    }
    if (!this.episode.update(ratio < this.options.fraction)) return undefined;
    return {
      step: event.step,
      name: 'mode-collapse',
      message:
        `the samples of the fixed latent batch lost their variety: their spread fell to ` +
        `${figure(spread)}, ${percent(ratio)} of its peak ${figure(peak)} at step ` +
        `${peakStep} (below ${percent(this.options.fraction)}), so the generator makes ` +
        'nearly the same sample for every latent. Try minibatch standard deviation, ' +
        'feature matching, or a Wasserstein loss',
      figures: { spread, peakSpread: peak, peakStep, spreadRatio: ratio,
        sampleCount: event.shape[0] },
    };
  }
}
