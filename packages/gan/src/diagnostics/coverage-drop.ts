import { check } from '../errors.js';
import { Episode, type EpisodeState } from './episode.js';
import { checkBetween, checkWhole, numberOf } from './options.js';
import { figure, percent, type MonitoredMetrics, type TrainingWarning } from './warning.js';

/** Thresholds of the coverage rule; see {@link CoverageDropDetector}. */
export interface CoverageDropOptions {
  /**
   * Which metrics count modes or classes covered: a name list, or a pattern
   * tested against each metric's name. Default /covered|captured|coverage/i
   * (e.g. 'modesCovered', 'modesCaptured', 'classCoverage').
   */
  metrics: readonly string[] | RegExp;
  /**
   * The warning is due when a coverage metric falls to (1 - drop) of its
   * best so far or below (0.25): 6 of 8 ring modes after 8, 7 of 10 digit
   * classes after 10, 750 of 1000 Stacked MNIST modes. Sampling noise
   * moves coverage counted on thousands of samples by a mode or two, not a
   * quarter.
   */
  drop: number;
  /** Consecutive clear metrics events before the warning can repeat (1). */
  rearmAfter: number;
}

/** Defaults of {@link CoverageDropOptions}, justified there. */
export const defaultCoverageDropOptions: CoverageDropOptions = {
  metrics: /covered|captured|coverage/i,
  drop: 0.25,
  rearmAfter: 1,
};

interface Tracked {
  best: number;
  bestStep: number;
  episode: Episode;
}

/**
 * Mode dropping seen in the evaluation metrics (as counted by Metz et al.,
 * 2017, and Srivastava et al., 2017): at each 'metrics' event every finite
 * coverage metric is compared with its own best so far; the warning is due
 * when it is at or below (1 - drop) of that best. One episode per metric.
 */
/** Per coverage metric: its best value, the step of it, and its episode. */
export type CoverageDropState = Record<string,
  { best: number; bestStep: number; episode: EpisodeState }>;

export class CoverageDropDetector {
  readonly options: CoverageDropOptions;
  private readonly tracked = new Map<string, Tracked>();

  constructor(options: Partial<CoverageDropOptions> = {}) {
    const o = (this.options = { ...defaultCoverageDropOptions, ...options });
    checkBetween('coverageDrop', 'drop', o.drop, 0, 1);
    checkWhole('coverageDrop', 'rearmAfter', o.rearmAfter, 1);
    check(Array.isArray(o.metrics) || o.metrics instanceof RegExp, 'BAD_ARGUMENT', () =>
      'coverageDrop: metrics must be a list of names or a RegExp');
  }

  /** Whether the metric `name` counts covered modes or classes. */
  isCoverage(name: string): boolean {
    const { metrics } = this.options;
    if (metrics instanceof RegExp) {
      metrics.lastIndex = 0;
      return metrics.test(name);
    }
    return (metrics as readonly string[]).includes(name);
  }

  /** What the detector remembers, as plain data (see TrainingMonitor.state). */
  state(): CoverageDropState {
    const state: CoverageDropState = {};
    for (const [name, { best, bestStep, episode }] of this.tracked) {
      state[name] = { best, bestStep, episode: episode.state() };
    }
    return state;
  }

  restore(state: CoverageDropState): void {
    this.tracked.clear();
    for (const [name, saved] of Object.entries(state ?? {})) {
      const episode = new Episode(this.options.rearmAfter);
      episode.restore(saved.episode);
      this.tracked.set(name, { best: numberOf(saved.best), bestStep: numberOf(saved.bestStep),
        episode });
    }
  }

  /** Reads one metrics event; returns the warnings due (one per metric). */
  observe(event: MonitoredMetrics): TrainingWarning[] {
    const warnings: TrainingWarning[] = [];
    for (const [name, value] of Object.entries(event.values)) {
      if (!this.isCoverage(name) || !Number.isFinite(value)) continue;
      let tracked = this.tracked.get(name);
      if (tracked === undefined) {
        tracked = { best: value, bestStep: event.step,
          episode: new Episode(this.options.rearmAfter) };
        this.tracked.set(name, tracked);
      }
      const { best, bestStep } = tracked;
      if (value > best) {
        tracked.best = value;
        tracked.bestStep = event.step;
      }
      const limit = best * (1 - this.options.drop);
      const dropped = best > 0 && value <= limit;
      if (!tracked.episode.update(dropped)) continue;
      const lost = (best - value) / best;
      warnings.push({
        step: event.step,
        name: 'mode-collapse',
        message:
          `${name} dropped to ${figure(value)} from its best ${figure(best)} at step ` +
          `${bestStep}: ${percent(lost)} lost (a drop of ${percent(this.options.drop)} or ` +
          'more warns), so the generator stopped making some modes or classes',
        figures: { [name]: value, best, bestStep, lostFraction: lost },
      });
    }
    return warnings;
  }
}
