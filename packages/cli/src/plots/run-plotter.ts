import { readRunRecords } from './run-records.js';
import { writeRunPlots } from './run-plots.js';
import type { WarningMark } from './line-chart.js';

/** A data set, as far as the plotter needs it: real points for 2-D data. */
export interface PlottedDataset {
  count: number;
  height: number;
  width: number;
  channels: number;
  images: Float32Array;
}

/** Most real points drawn behind the generated ones. */
export const MAX_REAL_POINTS = 500;

/**
 * The first (at most 500) points of a 2-D data set (`[count, 1, 1, 2]`),
 * to draw behind generated points; undefined for images. The mixtures are
 * drawn i.i.d., so the first points are a fair sample.
 */
export function realPointsOf(dataset: PlottedDataset): Float32Array | undefined {
  const { height, width, channels } = dataset;
  if (height !== 1 || width !== 1 || channels !== 2) return undefined;
  return dataset.images.subarray(0, 2 * Math.min(dataset.count, MAX_REAL_POINTS));
}

/**
 * Keeps a run folder's charts up to date while training goes on: `update`
 * (at each samples event) queues a redraw from metrics.jsonl, with a
 * scatter of the event's points for 2-D data, and returns at once; redraws
 * run one after another in the background. `finish` draws a last time and
 * waits, throwing the first error any redraw met; `settle` only waits.
 */
export class RunPlotter {
  private queue: Promise<void> = Promise.resolve();
  private error: unknown;
  private readonly warnings: WarningMark[] = [];
  private readonly realPoints?: Float32Array;

  constructor(
    readonly runFolder: string,
    readonly metricsPath: string,
    dataset?: PlottedDataset,
  ) {
    this.realPoints = dataset === undefined ? undefined : realPointsOf(dataset);
  }

  /** Notes a trainer warning, to be marked on the next charts. */
  warn(warning: WarningMark): void {
    this.warnings.push({ step: warning.step, name: warning.name });
  }

  /** Queues a redraw; `samples` is the samples event (points are drawn for 2-D data). */
  update(samples?: { step: number; images: Float32Array; shape: readonly number[] }): void {
    const [, height, width, channels] = samples?.shape ?? [];
    const points = samples !== undefined && height === 1 && width === 1 && channels === 2;
    const scatter = points
      ? { step: samples.step, generated: samples.images.slice(), real: this.realPoints }
      : undefined;
    const warnings = [...this.warnings];
    this.queue = this.queue.then(async () => {
      if (this.error !== undefined) return;
      try {
        await writeRunPlots(this.runFolder, readRunRecords(this.metricsPath),
          { scatter, warnings });
      } catch (error) {
        this.error = error;
      }
    });
  }

  /** Draws the final charts, waits for every redraw, and rethrows the first error. */
  async finish(): Promise<void> {
    this.update();
    await this.queue;
    if (this.error !== undefined) throw this.error;
  }

  /** Waits for queued redraws, ignoring their errors (for cleanup after a failure). */
  async settle(): Promise<void> {
    await this.queue;
  }
}
