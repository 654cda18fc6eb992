/** Charts of a run folder, drawn as SVG with Vega-Lite. */
export { PLOT_FILES, scatterFileName, writeRunPlots } from './run-plots.js';
export type { RunPlotOptions, ScatterFrame } from './run-plots.js';
export { MAX_REAL_POINTS, realPointsOf, RunPlotter } from './run-plotter.js';
export type { PlottedDataset } from './run-plotter.js';
export { parseRunRecords, readRunRecords } from './run-records.js';
export type { RunRecord } from './run-records.js';
export type { WarningMark } from './line-chart.js';
