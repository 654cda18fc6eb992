import type { TopLevelSpec } from 'vega-lite';

import { chartConfig } from './render-svg.js';

/** One named line: [step, value] pairs in step order. */
export interface Series {
  name: string;
  color: string;
  points: [number, number][];
}

/** A warning to mark on a chart: a dashed rule at its step, with its name. */
export interface WarningMark {
  step: number;
  name: string;
}

/** What a line chart over training steps shows. */
export interface LineChartOptions {
  title: string;
  subtitle?: string;
  yTitle: string;
  series: Series[];
  /** 'log' for figures that span decades, such as gradient norms. */
  yScale?: 'linear' | 'log';
  yDomain?: [number, number];
  warnings?: WarningMark[];
}

/** Above this many points a line also gets a moving average over ~1/60 of it. */
const SMOOTH_ABOVE = 60;

/**
 * A Vega-Lite spec of lines over steps, one colour per series with a legend
 * above. Noisy series (more than 60 points) are drawn faint with a centred
 * moving average on top, so the trend reads at a glance. Non-finite values
 * (and values <= 0 on a log scale) are left out.
 */
export function lineChartSpec(options: LineChartOptions): TopLevelSpec {
  const log = options.yScale === 'log';
  const keep = (value: number) => Number.isFinite(value) && (!log || value > 0);
  const values = options.series.flatMap((series) => series.points
    .filter(([, value]) => keep(value))
    .map(([step, value]) => ({ step, value, series: series.name })));
  const longest = Math.max(0, ...options.series.map((s) => s.points.length));
  const half = Math.max(1, Math.round(longest / SMOOTH_ABOVE));
  const smooth = longest > SMOOTH_ABOVE;

  const color = {
    field: 'series',
    type: 'nominal',
    title: null,
    sort: options.series.map((s) => s.name),
    scale: { domain: options.series.map((s) => s.name), range: options.series.map((s) => s.color) },
    legend: { orient: 'top', direction: 'horizontal', symbolType: 'stroke',
      symbolOpacity: 1, symbolStrokeWidth: 3 },
  } as const;
  const y = {
    field: smooth ? 'smoothed' : 'value',
    type: 'quantitative',
    title: options.yTitle,
    scale: {
      ...(log ? { type: 'log' } : { type: 'linear', zero: false }),
      ...(options.yDomain ? { domain: options.yDomain } : {}),
    },
  } as const;
  const x = { field: 'step', type: 'quantitative', title: 'step' } as const;

  const lines: object[] = [];
  if (smooth) {
    lines.push({
      mark: { type: 'line', strokeWidth: 1, opacity: 0.3 },
      encoding: { x, y: { ...y, field: 'value' }, color },
    });
  }
  lines.push({
    ...(smooth ? {
      transform: [{ window: [{ op: 'mean', field: 'value', as: 'smoothed' }],
        frame: [-half, half], groupby: ['series'], sort: [{ field: 'step' }] }],
    } : {}),
    // Few points: dots too, so that a run of one step event still shows.
    mark: { type: 'line', strokeWidth: 2, point: longest <= 30 },
    encoding: { x, y, color },
  });
  const warnings = options.warnings ?? [];
  const marks = warnings.length === 0 ? [] : [
    { data: { values: warnings }, mark: { type: 'rule', color: '#b22222', strokeDash: [5, 4] },
      encoding: { x: { field: 'step', type: 'quantitative' } } },
    { data: { values: warnings },
      mark: { type: 'text', color: '#b22222', align: 'left', dx: 3, y: 8, fontSize: 11 },
      encoding: { x: { field: 'step', type: 'quantitative' }, text: { field: 'name' } } },
  ];

  const notes = [
    options.subtitle,
    smooth ? `thin: each step event, thick: mean of ${2 * half + 1} events` : undefined,
  ].filter((note) => note !== undefined);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: options.title, ...(notes.length > 0 ? { subtitle: notes } : {}) },
    width: 640,
    height: 280,
    data: { values },
    layer: [...lines, ...marks],
    config: chartConfig,
  } as TopLevelSpec;
}
