/**
 * The `simdgan` command line, as functions: tests and other tools can run
 * the commands with their own output streams and GAN library.
 */
export { runSample, parseSampleOptions } from './commands/sample.js';
export type { RawSampleOptions, SampleOptions } from './commands/sample.js';
export {
  defaultRunFolder,
  metricsLine,
  parseTrainOptions,
  runTrain,
  sampleFileName,
} from './commands/train.js';
export type { RawTrainOptions, TrainOptions } from './commands/train.js';
export type { CliContext, GanApi } from './context.js';
export { CliError, reasonOf, reportError } from './errors.js';
export type { ErrorReport } from './errors.js';
export {
  appendLine,
  ensureWritableFolder,
  prepareRunFolder,
  readInput,
  RUN_FILES,
  writeFileAtomic,
} from './files.js';
export type { AtomicFs } from './files.js';
export {
  BUILDS,
  MAX_SEED,
  parseChoice,
  parseDecimal,
  parsePath,
  parseWholeNumber,
} from './options.js';
export type { BuildName } from './options.js';
export { decodePng, encodePng } from './png.js';
export type { RgbaPicture } from './png.js';
export { createProgress } from './progress.js';
export type { OutputStream, Progress, RunSummary, StepFigures } from './progress.js';
export { cliVersion, runCli } from './program.js';
