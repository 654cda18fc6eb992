import { Episode, type EpisodeState } from './episode.js';
import { checkPositive, checkWhole } from './options.js';
import { linearFit, meanOf, medianOf, movingMedian, Window } from './statistics.js';
import { figure, percent, type MonitoredStep, type TrainingWarning } from './warning.js';

/** Thresholds of the oscillation rule; see {@link OscillationDetector}. */
export interface OscillationOptions {
  /**
   * Step events per window (40): room for the two full cycles that
   * `minCrossings` asks for, with periods up to 20 events.
   */
  window: number;
  /**
   * Width of the running median that takes minibatch noise and lone spikes
   * out before the swing is measured (3 events: a spike of one event goes,
   * a cycle of 8 events or more keeps nearly all of its amplitude).
   */
  smoothing: number;
  /**
   * The smoothed loss must swing around its trend line by at least this
   * fraction of its level (0.3). Swing is the mean absolute deviation from
   * the line, 0.64 of a sine's amplitude, so 0.3 flags swings of about
   * +-47% of the level. Minibatch noise stays well below: a balanced
   * run of the MLP pair on the ring measured at most 0.03.
   */
  minRelativeSwing: number;
  /**
   * Losses whose level is nearer 0 than this are measured against it
   * (0.5). Minibatch noise does not shrink with the level: a discriminator
   * winning at a loss of 0.2 still jitters by +-0.05, which is no swing.
   * 0.5 is near ln 2 = 0.69, each cross-entropy term's value at chance.
   */
  scaleFloor: number;
  /**
   * Crossings of the trend line, with hysteresis, that the window must hold
   * (4, two full cycles): a single jump or bump is not an oscillation.
   */
  minCrossings: number;
  /**
   * The swing of the window's later half must be at least this fraction of
   * its earlier half (0.5); a swing dying down faster is settling.
   */
  settleRatio: number;
  /**
   * Consecutive clear checks before the warning can repeat (40, a window):
   * unstable runs swing in bursts, and one warning per burst is enough.
   */
  rearmAfter: number;
}

/** Defaults of {@link OscillationOptions}, justified there. */
export const defaultOscillationOptions: OscillationOptions = {
  window: 40,
  smoothing: 3,
  minRelativeSwing: 0.3,
  scaleFloor: 0.5,
  minCrossings: 4,
  settleRatio: 0.5,
  rearmAfter: 40,
};

/** What the rule measured on one loss's window. */
export interface SwingFigures {
  /** Mean |smoothed - trend line|, in loss units. */
  swing: number;
  /** swing / max(|median loss|, scaleFloor). */
  relativeSwing: number;
  /** Crossings of the trend line (hysteresis: half the swing each side). */
  crossings: number;
  /** Swing of the later half over the earlier half. */
  settleRatio: number;
}

/**
 * Measures one loss window: running median of width `smoothing`, least-
 * squares trend line removed (a steady rise or fall is not an oscillation),
 * then the swing, the crossings and how the swing changed across the window.
 */
export function measureSwing(losses: readonly number[], options: OscillationOptions): SwingFigures {
  const smoothed = movingMedian(losses, options.smoothing);
  const { intercept, slope } = linearFit(smoothed);
  const residual = smoothed.map((value, i) => value - (intercept + slope * i));
  const absolute = residual.map(Math.abs);
  const swing = meanOf(absolute);
  const scale = Math.max(Math.abs(medianOf(losses)), options.scaleFloor);
  const half = absolute.length >> 1;
  const early = meanOf(absolute.slice(0, half));
  const late = meanOf(absolute.slice(half));

  // A crossing counts when the residual passes from above +h to below -h or
  // back, so noise near the line does not add crossings; h is kept above
  // rounding error so that a straight line has none.
  const h = Math.max(swing / 2, 1e-9 * scale);
  let side = 0;
  let crossings = 0;
  for (const value of residual) {
    const now = value > h ? 1 : value < -h ? -1 : 0;
    if (now === 0) continue;
    if (side !== 0 && now !== side) crossings++;
    side = now;
  }
  const settleRatio = early > 0 ? late / early : 1;
  return { swing, relativeSwing: swing / scale, crossings, settleRatio };
}

/**
 * Losses that oscillate without settling, as alternating gradient steps do
 * around an equilibrium they never reach (Mescheder et al., 2018). For
 * each of the discriminator's and the generator's loss over the last
 * `window` step events, the swing is measured as in {@link measureSwing};
 * the warning is due when for either loss: relativeSwing >=
 * minRelativeSwing AND crossings >= minCrossings AND settleRatio >= the
 * option settleRatio. Non-finite losses are skipped.
 */
export interface OscillationState {
  discriminator: number[];
  generator: number[];
  episode: EpisodeState;
}

export class OscillationDetector {
  readonly options: OscillationOptions;
  private readonly discriminator: Window;
  private readonly generator: Window;
  private readonly episode: Episode;

  constructor(options: Partial<OscillationOptions> = {}) {
    const o = (this.options = { ...defaultOscillationOptions, ...options });
    const owner = 'oscillation';
    checkWhole(owner, 'smoothing', o.smoothing, 1);
    checkWhole(owner, 'window', o.window, o.smoothing + 3);
    checkPositive(owner, 'minRelativeSwing', o.minRelativeSwing);
    checkPositive(owner, 'scaleFloor', o.scaleFloor);
    checkWhole(owner, 'minCrossings', o.minCrossings, 1);
    checkPositive(owner, 'settleRatio', o.settleRatio);
    checkWhole(owner, 'rearmAfter', o.rearmAfter, 1);
    this.discriminator = new Window(o.window);
    this.generator = new Window(o.window);
    this.episode = new Episode(o.rearmAfter);
  }

  /** What the detector remembers, as plain data (see TrainingMonitor.state). */
  state(): OscillationState {
    return { discriminator: this.discriminator.state(), generator: this.generator.state(),
      episode: this.episode.state() };
  }

  restore(state: OscillationState): void {
    this.discriminator.restore(state.discriminator);
    this.generator.restore(state.generator);
    this.episode.restore(state.episode);
  }

  /** Reads one step event; returns the warning when one is due. */
  observe(event: MonitoredStep): TrainingWarning | undefined {
    const { discriminatorLoss, generatorLoss } = event;
    if (!Number.isFinite(discriminatorLoss) || !Number.isFinite(generatorLoss)) {
      return undefined;
    }
    this.discriminator.push(discriminatorLoss);
    this.generator.push(generatorLoss);
    if (!this.discriminator.full) return undefined;

    const d = measureSwing(this.discriminator.items, this.options);
    const g = measureSwing(this.generator.items, this.options);
    const dOscillates = this.oscillates(d);
    const gOscillates = this.oscillates(g);
    if (!this.episode.update(dOscillates || gOscillates)) return undefined;

    const which = dOscillates && gOscillates
      ? 'both losses swing'
      : dOscillates ? "the discriminator's loss swings" : "the generator's loss swings";
    const worst = dOscillates && (!gOscillates || d.relativeSwing >= g.relativeSwing) ? d : g;
    const o = this.options;
    return {
      step: event.step,
      name: 'oscillation',
      message:
        `${which} without settling: over the last ${o.window} step events it strays ` +
        `${figure(worst.swing)} (${percent(worst.relativeSwing)} of its level, at least ` +
        `${percent(o.minRelativeSwing)}) from its trend, crossing it ${worst.crossings} ` +
        `times, and the swing is not dying down (later half ${percent(worst.settleRatio)} ` +
        'of the earlier). Try lower learning rates, a lower beta1, or spectral normalisation',
      figures: {
        discriminatorSwing: d.swing,
        discriminatorRelativeSwing: d.relativeSwing,
        discriminatorCrossings: d.crossings,
        discriminatorSettleRatio: d.settleRatio,
        generatorSwing: g.swing,
        generatorRelativeSwing: g.relativeSwing,
        generatorCrossings: g.crossings,
        generatorSettleRatio: g.settleRatio,
      },
    };
  }

  private oscillates(figures: SwingFigures): boolean {
    const o = this.options;
    return figures.relativeSwing >= o.minRelativeSwing &&
      figures.crossings >= o.minCrossings &&
      figures.settleRatio >= o.settleRatio;
  }
}
