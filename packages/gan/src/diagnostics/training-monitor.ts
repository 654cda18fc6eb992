import { GanError } from '../errors.js';
import {
  CoverageDropDetector, type CoverageDropOptions, type CoverageDropState,
} from './coverage-drop.js';
import {
  OscillationDetector, type OscillationOptions, type OscillationState,
} from './oscillation.js';
import {
  SpreadCollapseDetector, type SpreadCollapseOptions, type SpreadCollapseState,
} from './spread-collapse.js';
import {
  VanishingGradientsDetector,
  type VanishingGradientsOptions,
  type VanishingGradientsState,
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

/** What a {@link TrainingMonitor} remembers (TrainingMonitor.state). */
export interface TrainingMonitorState {
  vanishingGradients?: VanishingGradientsState;
  oscillation?: OscillationState;
  spreadCollapse?: SpreadCollapseState;
  coverageDrop?: CoverageDropState;
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

  /**
   * Everything the detectors remember, as JSON-able data: a checkpoint keeps
   * it so that a resumed run warns as the unbroken run would have.
   */
  state(): TrainingMonitorState {
    return {
      vanishingGradients: this.vanishing?.state(),
      oscillation: this.oscillation?.state(),
      spreadCollapse: this.spread?.state(),
      coverageDrop: this.coverage?.state(),
    };
  }

  /**
   * Takes back what `state` gave, for the detectors this monitor has (others
   * are left as they are). Throws GanError 'BAD_ARGUMENT' naming the part
   * that does not fit.
   */
  restore(state: TrainingMonitorState): void {
    const parts: [keyof TrainingMonitorState, { restore(s: never): void } | undefined][] = [
      ['vanishingGradients', this.vanishing], ['oscillation', this.oscillation],
      ['spreadCollapse', this.spread], ['coverageDrop', this.coverage],
    ];
    for (const [name, detector] of parts) {
      const saved = state?.[name];
      if (saved === undefined || detector === undefined) continue;
      try {
        detector.restore(saved as never);
      } catch (error) {
        throw new GanError('BAD_ARGUMENT',
          `TrainingMonitor.restore: ${name}: ${(error as Error).message}`);
      }
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
