import type { TopLevelSpec } from 'vega-lite';

import type { RunRecord } from './run-records.js';
import { chartConfig } from './render-svg.js';

/** The metric figures of records, as rows {step, metric, value}; non-finite ones left out. */
export function metricRows(records: readonly RunRecord[]) {
  return records.flatMap((record) => Object.entries(record.metrics ?? {})
    .filter((entry): entry is [string, number] => Number.isFinite(entry[1]))
    .map(([metric, value]) => ({ step: record.step, metric, value })));
}

/**
 * A Vega-Lite spec with one small panel per evaluation metric over steps,
 * each with its own y scale (modes covered, KL and scores differ in size),
 * lines with a dot at each evaluation.
 */
export function metricsChartSpec(rows: ReturnType<typeof metricRows>): TopLevelSpec {
  const names = [...new Set(rows.map((row) => row.metric))];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Evaluation metrics', subtitle: 'one panel per metric, each on its own scale' },
    data: { values: rows },
    facet: {
      row: { field: 'metric', type: 'nominal', title: null, sort: names,
        header: { labelAngle: 0, labelOrient: 'top', labelAnchor: 'start', labelFontSize: 13,
          labelFontWeight: 'bold' } },
    },
    spec: {
      width: 640,
      height: 110,
      layer: [
        { mark: { type: 'line', strokeWidth: 2, color: '#4c78a8' } },
        { mark: { type: 'point', filled: true, size: 30, color: '#4c78a8' } },
      ],
      encoding: {
        x: { field: 'step', type: 'quantitative', title: 'step' },
        y: { field: 'value', type: 'quantitative', title: null, scale: { zero: false } },
      },
    },
    resolve: { scale: { y: 'independent' } },
    config: chartConfig,
  } as TopLevelSpec;
}
