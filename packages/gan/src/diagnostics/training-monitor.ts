import { CoverageDropDetector, type CoverageDropOptions } from './coverage-drop.js';
import { OscillationDetector, type OscillationOptions } from './oscillation.js';
import { SpreadCollapseDetector, type SpreadCollapseOptions } from './spread-collapse.js';
import {
  VanishingGradientsDetector,
  type VanishingGradientsOptions,
} from './vanishing-gradients.js';
import type {
  MonitoredMetrics,
  MonitoredSamples,
  MonitoredStep,
  TrainingWarning,
} from './warning.js';

/**
 * Options of a {@link TrainingMonitor}: each rule's thresholds (partial;
 * defaults are justified beside each option), or `false` to switch a rule
 * off.
 */
export interface TrainingMonitorOptions {
  /**
   * The run's loss (TrainConfig's `loss`). The Wasserstein critics
   * ('wasserstein-clip', 'wasserstein-gp') have no loss floor for the
   * discriminator to "win" at, and their point is that the generator's
   * gradient does not vanish, so the vanishing-gradients rule is off for
   * them.
   */
  loss?: string;
  vanishingGradients?: Partial<VanishingGradientsOptions> | false;
  oscillation?: Partial<OscillationOptions> | false;
  spreadCollapse?: Partial<SpreadCollapseOptions> | false;
  coverageDrop?: Partial<CoverageDropOptions> | false;
}

/**
 * Watches a training run through its events and says when it goes wrong in
 * one of the known ways: 'vanishing-gradients' (the discriminator wins
 * outright and the generator's gradient collapses), 'oscillation' (the
 * losses swing without settling) and 'mode-collapse' (the fixed latent
 * batch loses its spread, or a coverage metric drops from its best). Each
 * `observe*` returns the warnings to emit now, in the shape of the
 * trainer's 'warning' event; a warning is given once per episode and can
 * come again only after its condition has cleared. The rules and their
 * thresholds are documented on each detector. No I/O: the caller routes
 * the warnings.
 *
 * @example
 * const monitor = new TrainingMonitor({ loss: config.loss });
 * trainer.on('step', (e) => monitor.observeStep(e).forEach(show));
 */
export class TrainingMonitor {
  private readonly vanishing?: VanishingGradientsDetector;
  private readonly oscillation?: OscillationDetector;
  private readonly spread?: SpreadCollapseDetector;
  private readonly coverage?: CoverageDropDetector;

  constructor(options: TrainingMonitorOptions = {}) {
    const wasserstein = options.loss?.startsWith('wasserstein') ?? false;
    if (options.vanishingGradients !== false && !wasserstein) {
      this.vanishing = new VanishingGradientsDetector(options.vanishingGradients);
    }
    if (options.oscillation !== false) {
      this.oscillation = new OscillationDetector(options.oscillation);
    }
    if (options.spreadCollapse !== false) {
      this.spread = new SpreadCollapseDetector(options.spreadCollapse);
    }
    if (options.coverageDrop !== false) {
      this.coverage = new CoverageDropDetector(options.coverageDrop);
    }
  }

  /** Reads a 'step' event: vanishing gradients and oscillation. */
  observeStep(event: MonitoredStep): TrainingWarning[] {
    return present([this.vanishing?.observe(event), this.oscillation?.observe(event)]);
  }

  /** Reads a 'samples' event of the fixed latent batch: its spread. */
  observeSamples(event: MonitoredSamples): TrainingWarning[] {
    return present([this.spread?.observe(event)]);
  }

  /** Reads a 'metrics' event: modes or classes covered. */
  observeMetrics(event: MonitoredMetrics): TrainingWarning[] {
    return this.coverage?.observe(event) ?? [];
  }
}

function present(warnings: (TrainingWarning | undefined)[]): TrainingWarning[] {
  return warnings.filter((warning): warning is TrainingWarning => warning !== undefined);
}
