import { join } from 'node:path';

import { writeFileAtomic } from '../files.js';
import { lineChartSpec, type Series, type WarningMark } from './line-chart.js';
import { metricRows, metricsChartSpec } from './metrics-chart.js';
import { renderSvg } from './render-svg.js';
import type { RunRecord } from './run-records.js';
import { scatterChartSpec } from './scatter-chart.js';

/** Generated 2-D points of a samples event, to draw against the real ones. */
export interface ScatterFrame {
  step: number;
  /** `[x0, y0, x1, y1, ...]`. */
  generated: Float32Array;
  /** Real points to compare with, the same layout. */
  real?: Float32Array;
}

/** What else {@link writeRunPlots} draws besides the records. */
export interface RunPlotOptions {
  /** Draws `samples/scatter-step-NNNNNN.svg` for 2-D data. */
  scatter?: ScatterFrame;
  /** Warnings to mark on the loss and gradient-norm charts. */
  warnings?: WarningMark[];
}

/** The file names of the run folder's charts. */
export const PLOT_FILES = {
  losses: 'losses.svg',
  scores: 'scores.svg',
  gradientNorms: 'gradient-norms.svg',
  metrics: 'metrics.svg',
} as const;

/** `samples/scatter-step-000100.svg`, relative to the run folder. */
export function scatterFileName(step: number): string {
  return join('samples', `scatter-step-${String(step).padStart(6, '0')}.svg`);
}

const COLORS = {
  discriminator: '#4c78a8',
  generator: '#f58518',
  real: '#54a24b',
  fake: '#e45756',
};

type Field = Exclude<keyof RunRecord, 'step' | 'metrics'>;

function series(records: readonly RunRecord[], name: string, color: string, field: Field): Series {
  const points: [number, number][] = [];
  for (const record of records) {
    const value = record[field];
    if (typeof value === 'number') points.push([record.step, value]);
  }
  return { name, color, points };
}

function withPoints(list: Series[]): Series[] {
  return list.some((s) => s.points.length > 0) ? list : [];
}

/**
 * Draws a run's charts from its metrics.jsonl records and writes each as
 * SVG, atomically, into `runFolder`: losses.svg (discriminator and
 * generator loss), scores.svg (D(real) and D(fake)), gradient-norms.svg (log
 * scale) and metrics.svg (one panel per evaluation metric), each only when
 * the records hold its figures; with `options.scatter`, also
 * samples/scatter-step-NNNNNN.svg. Returns the paths written.
 */
export async function writeRunPlots(
  runFolder: string,
  records: readonly RunRecord[],
  options: RunPlotOptions = {},
): Promise<string[]> {
  const warnings = options.warnings;
  const last = records.length > 0 ? records[records.length - 1].step : 0;
  const upTo = `steps 0 to ${last}`;
  const charts: [string, ReturnType<typeof lineChartSpec>][] = [];
  const losses = withPoints([
    series(records, 'discriminator', COLORS.discriminator, 'discriminatorLoss'),
    series(records, 'generator', COLORS.generator, 'generatorLoss'),
  ]);
  if (losses.length > 0) {
    charts.push([PLOT_FILES.losses, lineChartSpec({ title: 'Losses', subtitle: upTo,
      yTitle: 'loss', series: losses, warnings })]);
  }
  const scores = withPoints([
    series(records, 'D(real)', COLORS.real, 'realScore'),
    series(records, 'D(fake)', COLORS.fake, 'fakeScore'),
  ]);
  if (scores.length > 0) {
    charts.push([PLOT_FILES.scores, lineChartSpec({ title: 'Discriminator scores',
      subtitle: `the discriminator's mean probability that a sample is real, ${upTo}`,
      yTitle: 'probability of "real"', series: scores, yDomain: [0, 1] })]);
  }
  const norms = withPoints([
    series(records, 'discriminator', COLORS.discriminator, 'discriminatorGradientNorm'),
    series(records, 'generator', COLORS.generator, 'generatorGradientNorm'),
  ]);
  if (norms.length > 0) {
    charts.push([PLOT_FILES.gradientNorms, lineChartSpec({ title: 'Gradient norms',
      subtitle: `L2 norm over all of a network's parameter gradients, ${upTo}`,
      yTitle: 'gradient norm (log scale)', yScale: 'log', series: norms, warnings })]);
  }
  const rows = metricRows(records);
  if (rows.length > 0) charts.push([PLOT_FILES.metrics, metricsChartSpec(rows)]);
  if (options.scatter !== undefined) {
    const { step, generated, real } = options.scatter;
    charts.push([scatterFileName(step), scatterChartSpec(step, generated, real)]);
  }

  const written: string[] = [];
  for (const [name, spec] of charts) {
    const path = join(runFolder, name);
    writeFileAtomic(path, await renderSvg(spec));
    written.push(path);
  }
  return written;
}
