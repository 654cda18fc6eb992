import type * as gan from '@simdgan/gan';

import type { OutputStream } from './progress.js';

/** The parts of the GAN library that the commands use. */
export type GanApi = Pick<
  typeof gan,
  | 'createBackend'
  | 'Trainer'
  | 'loadGenerator'
  | 'defaultTrainConfig'
  | 'loadMnist'
  | 'parseIdx'
  | 'idxToDataset'
  | 'imageGrid'
  | 'resizeImage'
  | 'ringMixture'
  | 'gridMixture'
  | 'stackedMnist'
  | 'createMetricsReference'
  | 'evaluateSamples'
  | 'splitMnistForClassifier'
  | 'METRICS_SAMPLE_COUNTS'
  | 'encodeIdx'
  | 'trainingMetrics'
>;

/**
 * Everything a command touches outside its arguments, so that tests can run
 * commands with captured output, a fixed clock and a fake library.
 */
export interface CliContext {
  /** Progress and results. */
  stdout: OutputStream;
  /** The one-line error, and nothing else. */
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
  /** Loads the GAN library (on demand, so that `--help` stays quick). */
  loadGan(): Promise<GanApi>;
  /** The clock, for the default run folder name. */
  now(): Date;
  /** Calls `handler` on Ctrl-C until the returned function is called. */
  onInterrupt(handler: () => void): () => void;
}
