import { join, resolve } from 'node:path';

import type { ImageDataset, TrainConfig } from '@simdgan/gan';

import type { CliContext, GanApi } from '../context.js';
import { CliError } from '../errors.js';
import {
  appendLine,
  ensureWritableFolder,
  prepareRunFolder,
  writeFileAtomic,
} from '../files.js';
import {
  BUILDS,
  MAX_SEED,
  parseChoice,
  parseDecimal,
  parsePath,
  parseThreads,
  parseWholeNumber,
  type BuildName,
} from '../options.js';
import { RunPlotter } from '../plots/run-plotter.js';
import { metricsKindOf, pointDefaults } from './train-defaults.js';
import { encodePng } from '../png.js';
import { lockRunFolder } from '../run-lock.js';
import { createProgress, type Progress, type StepFigures } from '../progress.js';
import {
  CHECKPOINT_FILE, checkpointNote, readResume, resumeBuild, trimMetrics, type ResumeSource,
} from './resume.js';
import {
  checkOutsideData, isBuiltIn, isPointMixture, loadTrainingData, parseDataFlags,
  type FolderFlags, type RawDataOptions,
} from './train-data.js';
import {
  checkModelFlags, parseRemedyFlags, parseResume, type RawRemedyOptions,
} from './train-flags.js';

/** The flags of `simdgan train` as commander hands them over: strings. */
export interface RawTrainOptions extends RawRemedyOptions, RawDataOptions {
  data?: string;
  labels?: string;
  steps?: string;
  batchSize?: string;
  latentDim?: string;
  baseFilters?: string;
  labelSmoothing?: string;
  lrGenerator?: string;
  lrDiscriminator?: string;
  beta1?: string;
  seed?: string;
  out?: string;
  sampleEvery?: string;
  logEvery?: string;
  metricsEvery?: string;
  build?: string;
  threads?: string;
}

/** The checked flags of `simdgan train`; absent ones take the library defaults. */
export interface TrainOptions {
  /** 'mnist', 'ring', 'grid', 'stacked-mnist', a folder of pictures or an IDX file. */
  data: string;
  labels?: string;
  /** --bad-files, --image-size and --channels, for a folder of pictures. */
  folderFlags?: Partial<FolderFlags>;
  out?: string;
  build: BuildName;
  /** Threads per kernel; undefined: the cores available. */
  threads?: number;
  /** Fields of the library's TrainConfig given on the command line. */
  config: Partial<TrainConfig>;
  /** The run folder to continue (`--resume`); its configuration is kept. */
  resume?: string;
  /** Resuming without --data: the data (and labels) are the run's. */
  dataFromRun?: boolean;
}

/**
 * Checks the flags of `simdgan train`, throwing a CliError ('BAD_OPTION')
 * that names the first bad flag and what it expected.
 */
export function parseTrainOptions(raw: RawTrainOptions): TrainOptions {
  const config: Partial<TrainConfig> = {};
  const whole = (flag: string, value: string | undefined, min = 1, max?: number) =>
    value === undefined ? undefined : parseWholeNumber(flag, value, min, max);
  const rate = (flag: string, value: string | undefined) =>
    value === undefined ? undefined : parseDecimal(flag, value, { above: 0 });

  // A resumed run keeps its own configuration: no command defaults then.
  const resume = parseResume(raw);
  const orDefault = (value: string | undefined, fallback: string) =>
    value ?? (resume === undefined ? fallback : undefined);
  config.steps = whole('--steps', orDefault(raw.steps, '2000'));
  // Upper bounds keep a typo from asking for gigabytes of weights.
  config.batchSize = whole('--batch-size', raw.batchSize, 1, 65_536);
  config.latentDim = whole('--latent-dim', raw.latentDim, 1, 4096);
  config.baseFilters = whole('--base-filters', raw.baseFilters, 1, 1024);
  if (raw.labelSmoothing !== undefined) {
    config.labelSmoothing = parseDecimal('--label-smoothing', raw.labelSmoothing,
      { atLeast: 0, below: 1 });
  }
  config.generatorLearningRate = rate('--lr-generator', raw.lrGenerator);
  config.discriminatorLearningRate = rate('--lr-discriminator', raw.lrDiscriminator);
  if (raw.beta1 !== undefined) {
    config.beta1 = parseDecimal('--beta1', raw.beta1, { atLeast: 0, below: 1 });
  }
  config.seed = whole('--seed', raw.seed, 0, MAX_SEED);
  config.sampleEvery = whole('--sample-every', orDefault(raw.sampleEvery, '100'));
  config.logEvery = whole('--log-every', orDefault(raw.logEvery, '10'));
  config.metricsEvery = whole('--metrics-every', raw.metricsEvery, 0);
  const data = parsePath('--data', raw.data ?? 'mnist');
  const points = resume === undefined && isPointMixture(data);
  Object.assign(config, parseRemedyFlags(
    points && raw.model === undefined ? { ...raw, model: 'mlp' } : raw,
    config.labelSmoothing));
  for (const key of Object.keys(config) as (keyof TrainConfig)[]) {
    if (config[key] === undefined) delete config[key];
  }
  if (resume === undefined) {
    const implied = points && raw.model === undefined ? ` (the model of --data ${data})` : '';
    checkModelFlags(config, config.model ?? 'dcgan', implied);
  }

  if (points) Object.assign(config, pointDefaults(config));
  const labels = raw.labels === undefined ? undefined : parsePath('--labels', raw.labels);
  if (labels !== undefined && isBuiltIn(data)) {
    throw new CliError(
      'BAD_OPTION',
      `--labels: only used with an IDX file as --data; ${data} brings its own labels`,
    );
  }
  return {
    data,
    labels,
    ...folderFlagsOf(parseDataFlags(raw, data)),
    out: raw.out === undefined ? undefined : parsePath('--out', raw.out),
    build: parseChoice('--build', raw.build ?? 'auto', BUILDS),
    threads: parseThreads(raw.threads),
    config,
    ...(resume === undefined ? {} : { resume, dataFromRun: raw.data === undefined }),
  };
}

/** `{ folderFlags }` when any folder flag was given, else nothing. */
function folderFlagsOf(flags: Partial<FolderFlags>): { folderFlags?: Partial<FolderFlags> } {
  return Object.keys(flags).length === 0 ? {} : { folderFlags: flags };
}

/** The data of a resumed run without --data: the run's own source. */
function runData(options: TrainOptions, resume: ResumeSource | undefined): TrainOptions {
  if (!resume || !options.dataFromRun) return options;
  const source = resume.record.data?.source;
  if (typeof source !== 'string') {
    throw new CliError('RESUME_NOT_A_RUN', `--resume ${resume.folder}: config.json ` +
      'names no data source; give --data');
  }
  // A folder is read again as it was: same size, channels and bad-file rule.
  const { imageSize, channels, badFiles } = resume.record.data as Partial<FolderFlags>;
  return {
    ...options, data: source, labels: resume.record.data?.labels ?? undefined,
    folderFlags: { imageSize, channels, badFiles },
  };
}

/** `runs/2024-05-01T12-30-05`: a run folder named by the local time. */
export function defaultRunFolder(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const time = `${pad(now.getHours())}-${pad(now.getMinutes())}-${pad(now.getSeconds())}`;
  return join('runs', `${date}T${time}`);
}

/** The name of the sample grid of a step: `step-000100.png`. */
export function sampleFileName(step: number): string {
  return `step-${String(step).padStart(6, '0')}.png`;
}

/**
 * One line of metrics.jsonl: the figures of a step event, without `steps`,
 * with both networks' gradient norms when the trainer gives them.
 */
export function metricsLine(event: StepFigures): string {
  const { step, discriminatorLoss, generatorLoss, realScore, fakeScore } = event;
  const { secondsPerStep, generatorGradientNorm, discriminatorGradientNorm } = event;
  return JSON.stringify({
    step, discriminatorLoss, generatorLoss, realScore, fakeScore, secondsPerStep,
    generatorGradientNorm, discriminatorGradientNorm,
  });
}

/**
 * Runs `simdgan train`: prepares the run folder, loads the data, trains, and
 * writes config.json, metrics.jsonl, samples/step-NNNNNN.png,
 * generator.sgan and checkpoint.sgan into it. With `resume` it continues
 * the run in that folder from its checkpoint, exactly as if it had never
 * stopped. Returns the exit code: 0, or 130 when stopped by Ctrl-C (the
 * files then hold the state of the final step). A NaN or infinity stops
 * the run with the library's NON_FINITE error; checkpoint.sgan then holds
 * the last sample event's state.
 */
export async function runTrain(options: TrainOptions, context: CliContext): Promise<number> {
  const resume = options.resume === undefined
    ? undefined
    : readResume(options.resume, options.config);
  const build = resume ? resumeBuild(resume, options.build) : options.build;
  const out = resume?.folder ?? options.out ?? defaultRunFolder(context.now());
  const source = runData(options, resume);
  checkOutsideData(resume ? '--resume' : '--out', out, source.data);
  if (resume) ensureWritableFolder('--resume', out);
  else prepareRunFolder('--out', out);
  // One `simdgan train` per run folder at a time.
  const unlock = lockRunFolder(resume ? '--resume' : '--out', out);
  try {
    return await trainInFolder({ options, context, resume, out, source, build });
  } finally {
    unlock();
  }
}

/** What runTrain has settled before it takes the run folder. */
interface RunPlan {
  options: TrainOptions;
  context: CliContext;
  resume: ResumeSource | undefined;
  out: string;
  source: TrainOptions;
  build: BuildName;
}

/** Loads the data, trains and writes the run folder, which the caller holds. */
async function trainInFolder(plan: RunPlan): Promise<number> {
  const { options, context, resume, out, source } = plan;
  let { build } = plan;
  const paths = {
    config: join(out, 'config.json'),
    metrics: join(out, 'metrics.jsonl'),
    generator: join(out, 'generator.sgan'),
  };
  const warningsPath = join(out, 'warnings.jsonl');
  const checkpointPath = join(out, CHECKPOINT_FILE);

  const gan = await context.loadGan();
  const { dataset, record: dataRecord } = await loadTrainingData(gan,
    { ...source.folderFlags, data: source.data, labels: source.labels },
    (line) => context.stderr.write(`simdgan: warning: ${line}\n`));
  let config: TrainConfig = { ...gan.defaultTrainConfig, ...options.config };
  // Data with a reference (the mixtures' modes, the shipped classifier) is
  // measured at every sample grid unless --metrics-every says otherwise.
  const kind = metricsKindOf(source.data);
  if (!resume && options.config.metricsEvery === undefined && kind !== undefined) {
    config.metricsEvery = config.sampleEvery;
  }
  const warn = (message: string) => context.stderr.write(`simdgan: warning: ${message}\n`);
  // The mixtures' MLP pair is too small to share: a second thread only adds waiting (about
  // 10% on an idle machine, several times over on a busy one), so it runs on one thread
  // unless --threads says otherwise. Results are the same bits on any thread count.
  const threads = options.threads ?? (isPointMixture(source.data) ? 1 : undefined);
  const backendOptions = { threads, onWarning: warn };
  const backend = await gan.createBackend({ build, ...backendOptions }).catch((error) => {
    // The run's own build, which no --build asked for, may not run on this engine.
    const code = (error as { code?: unknown }).code;
    if (build === options.build || code !== 'BUILD_UNSUPPORTED') throw error;
    warn(`--resume ${out}: the run's ${build} build cannot run here; it continues on the ` +
      'best build there is, so it will not be the run an unbroken one makes');
    build = 'auto';
    return gan.createBackend({ build, ...backendOptions });
  });
  let trainer: InstanceType<GanApi['Trainer']> | undefined;
  let progress: Progress | undefined;
  let plotter: RunPlotter | undefined;
  let reference: { dispose(): void } | undefined;
  let removeInterrupt = () => {};
  try {
    if (resume) {
      trainer = gan.Trainer.fromCheckpoint(backend, dataset, resume.bytes,
        resume.checkpointPath, { steps: options.config.steps });
      config = { ...trainer.config };
      const dropped = trimMetrics(paths.metrics, trainer.step);
      if (dropped.later + dropped.damaged > 0) {
        warn(`--resume ${out}: metrics.jsonl: dropped ${dropped.later} line(s) after the ` +
          `checkpoint's step ${trainer.step} and ${dropped.damaged} damaged one(s); the ` +
          'resumed run logs those steps again');
      }
    } else {
      if (dataset.count === 0) {
        throw new CliError('BAD_DATA', `--data ${source.data}: holds no images`);
      }
      try {
        trainer = new gan.Trainer(backend, dataset, config);
      } catch (error) {
        // The sampler's rule, said in terms of the flag that sets it.
        if ((error as { code?: string }).code !== 'SAMPLER_BATCH_SIZE') throw error;
        throw new CliError('BAD_OPTION', `--batch-size: ${config.batchSize} is more than the ` +
          `${dataset.count} images of ${source.data}; use at most ${dataset.count}`);
      }
    }
    const { images, labels, ...shape } = dataset;
    const data = {
      ...dataRecord,
      labels: source.labels === undefined ? null : resolve(source.labels),
      ...shape,
      labelled: labels !== undefined,
    };
    const record = {
      ...config, data, build, backend: backend.name,
      threads: backend.threadCount,
    };
    writeFileAtomic(paths.config, `${JSON.stringify(record, null, 2)}\n`);

    if (kind !== undefined && trainer.config.metricsEvery > 0) {
      const owned = (reference = await gan.createMetricsReference(backend, kind,
        kind === 'mnist' ? dataset : undefined));
      // 2,000 images keep an evaluation to about a second; `simdgan eval`
      // uses the full protocol's count.
      const count = kind === 'mnist' || kind === 'stacked-mnist' ? 2000 : undefined;
      trainer.setMetrics(gan.trainingMetrics(kind, owned, { count }));
    }

    let lastSample: string | undefined;
    const current = trainer;
    const plots = (plotter = new RunPlotter(out, paths.metrics, dataset));
    const shown = (progress = createProgress(context.stdout, config.steps));
    current.on('step', (event) => {
      appendLine(paths.metrics, metricsLine(event));
      shown.step(event);
    });
    current.on('metrics', (event) => {
      appendLine(paths.metrics, JSON.stringify({ step: event.step, metrics: event.values }));
    });
    const note = (message: string) =>
      checkpointNote(message, checkpointPath, current.config.sampleEvery);
    current.on('warning', (event) => {
      // A non-finite value also ends the run, with the same message as its error line.
      if (event.name !== 'non-finite') {
        context.stderr.write(`simdgan: warning: step ${event.step}: ${event.message}\n`);
      }
      const message = event.name === 'non-finite' ? note(event.message) : event.message;
      appendLine(warningsPath, JSON.stringify({ ...event, message }));
      plots.warn(event);
    });
    current.on('samples', (event) => {
      // 2-D points ([n, 1, 1, 2]) have no picture grid: plots draw them.
      const [, height, width, channels] = event.shape;
      if (height !== 1 || width !== 1 || channels !== 2) {
        const samplePath = join(out, 'samples', sampleFileName(event.step));
        // A conditional run's fixed batch cycles through the classes: one column each.
        const classes = current.classCount;
        const columns = classes !== undefined && classes <= 16 ? classes : undefined;
        writeFileAtomic(samplePath,
          encodePng(gan.imageGrid(event.images, event.shape, { columns })));
        lastSample = samplePath;
      }
      writeFileAtomic(paths.generator, current.saveGenerator());
      writeFileAtomic(checkpointPath, current.saveCheckpoint());
      plots.update(event);
    });

    let stopped = false;
    removeInterrupt = context.onInterrupt(() => {
      stopped = true;
      current.stop();
    });
    try {
      await current.run();
    } catch (error) {
      if ((error as { code?: unknown }).code === 'NON_FINITE' && error instanceof Error) {
        error.message = note(error.message);
      }
      throw error;
    }
    writeFileAtomic(paths.generator, current.saveGenerator());
    writeFileAtomic(checkpointPath, current.saveCheckpoint());
    await plots.finish();
    shown.finish({
      step: current.step,
      steps: config.steps,
      stopped,
      out,
      ...paths,
      lastSample,
    });
    return stopped ? 130 : 0;
  } finally {
    await plotter?.settle();
    reference?.dispose();
    removeInterrupt();
    progress?.close();
    trainer?.dispose();
    backend.dispose();
  }
}
