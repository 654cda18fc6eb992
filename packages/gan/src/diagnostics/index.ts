/**
 * Training diagnostics: a monitor that reads the trainer's events and
 * names what is going wrong (vanishing gradients, oscillation, mode
 * collapse), with the rules' detectors and statistics. Browser-safe.
 */
export { TrainingMonitor } from './training-monitor.js';
export type { TrainingMonitorOptions } from './training-monitor.js';
export {
  defaultVanishingGradientsOptions,
  VanishingGradientsDetector,
} from './vanishing-gradients.js';
export type { VanishingGradientsOptions } from './vanishing-gradients.js';
export {
  defaultOscillationOptions,
  measureSwing,
  OscillationDetector,
} from './oscillation.js';
export type { OscillationOptions, SwingFigures } from './oscillation.js';
export {
  defaultSpreadCollapseOptions,
  SpreadCollapseDetector,
} from './spread-collapse.js';
export type { SpreadCollapseOptions } from './spread-collapse.js';
export { CoverageDropDetector, defaultCoverageDropOptions } from './coverage-drop.js';
export type { CoverageDropOptions } from './coverage-drop.js';
export { sampleSpread } from './sample-spread.js';
export type {
  MonitoredMetrics,
  MonitoredSamples,
  MonitoredStep,
  TrainingWarning,
} from './warning.js';
