/**
 * The `simdgan` command line, as functions: tests and other tools can run
 * the commands with their own output streams and GAN library.
 */
export { MAX_EVAL_COUNT, parseEvalOptions, runEval } from './commands/eval.js';
export type { EvalOptions, RawEvalOptions } from './commands/eval.js';
export { formatEvalTable, writeEvalReport } from './commands/eval-report.js';
export type { EvalReport } from './commands/eval-report.js';
export { BUILT_IN_DATA, loadTrainingData } from './commands/train-data.js';
export type { DataSource, FolderFlags, TrainingData } from './commands/train-data.js';
export { decodeImageFile } from './image-file.js';
export type { DecodedPicture } from './image-file.js';
export { BAD_FILE_POLICIES, IMAGE_EXTENSIONS, loadImageFolder } from './image-folder.js';
export type {
  BadFilePolicy, ImageFolder, ImageFolderOptions, SkippedFile,
} from './image-folder.js';
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
export type { AtomicFs, FolderFs } from './files.js';
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
export {
  PLOT_FILES, readRunRecords, realPointsOf, RunPlotter, scatterFileName, writeRunPlots,
} from './plots/index.js';
export type { RunPlotOptions, RunRecord, ScatterFrame, WarningMark } from './plots/index.js';
export { SAMPLE_FORMATS } from './outputs/sample-kind.js';
export type { SampleFormat } from './outputs/sample-kind.js';
export { toPixelBytes } from './outputs/pixel-bytes.js';
