import { basename, join, resolve } from 'node:path';

import type { ImageDataset, TrainConfig } from '@simdgan/gan';

import type { CliContext, GanApi } from '../context.js';
import { CliError } from '../errors.js';
import { appendLine, prepareRunFolder, readInput, writeFileAtomic } from '../files.js';
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
import { encodePng } from '../png.js';
import { createProgress, type Progress, type StepFigures } from '../progress.js';

/** The flags of `simdgan train` as commander hands them over: strings. */
export interface RawTrainOptions {
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
  build?: string;
  threads?: string;
}

/** The checked flags of `simdgan train`; absent ones take the library defaults. */
export interface TrainOptions {
  /** 'mnist' or the path of an IDX images file. */
  data: string;
  labels?: string;
  out?: string;
  build: BuildName;
  /** Threads per kernel; undefined: the cores available. */
  threads?: number;
  /** Fields of the library's TrainConfig given on the command line. */
  config: Partial<TrainConfig>;
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

  config.steps = whole('--steps', raw.steps ?? '2000');
  config.batchSize = whole('--batch-size', raw.batchSize);
  config.latentDim = whole('--latent-dim', raw.latentDim);
  config.baseFilters = whole('--base-filters', raw.baseFilters);
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
  config.sampleEvery = whole('--sample-every', raw.sampleEvery ?? '100');
  config.logEvery = whole('--log-every', raw.logEvery ?? '10');
  for (const key of Object.keys(config) as (keyof TrainConfig)[]) {
    if (config[key] === undefined) delete config[key];
  }

  const data = parsePath('--data', raw.data ?? 'mnist');
  const labels = raw.labels === undefined ? undefined : parsePath('--labels', raw.labels);
  if (labels !== undefined && data === 'mnist') {
    throw new CliError(
      'BAD_OPTION',
      '--labels: only used with an IDX file as --data; mnist brings its own labels',
    );
  }
  return {
    data,
    labels,
    out: raw.out === undefined ? undefined : parsePath('--out', raw.out),
    build: parseChoice('--build', raw.build ?? 'auto', BUILDS),
    threads: parseThreads(raw.threads),
    config,
  };
}

/** `runs/2024-05-01T12-30-05`: a run folder named by the local time. */
export function defaultRunFolder(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const time = `${pad(now.getHours())}-${pad(now.getMinutes())}-${pad(now.getSeconds())}`;
  return join('runs', `${date}T${time}`);
}

/** Loads the bundled MNIST digits or an IDX images file (and labels). */
async function loadDataset(gan: GanApi, options: TrainOptions): Promise<ImageDataset> {
  if (options.data === 'mnist') return gan.loadMnist();
  const images = gan.parseIdx(readInput('--data', options.data), options.data);
  const labels =
    options.labels === undefined
      ? undefined
      : gan.parseIdx(readInput('--labels', options.labels), options.labels);
  return gan.idxToDataset(images, labels, basename(options.data));
}

/** The name of the sample grid of a step: `step-000100.png`. */
export function sampleFileName(step: number): string {
  return `step-${String(step).padStart(6, '0')}.png`;
}

/** One line of metrics.jsonl: the figures of a step event, without `steps`. */
export function metricsLine(event: StepFigures): string {
  const { step, discriminatorLoss, generatorLoss, realScore, fakeScore } = event;
  const { secondsPerStep } = event;
  return JSON.stringify({
    step, discriminatorLoss, generatorLoss, realScore, fakeScore, secondsPerStep,
  });
}

/**
 * Runs `simdgan train`: prepares the run folder, loads the data, trains, and
 * writes config.json, metrics.jsonl, samples/step-NNNNNN.png and
 * generator.sgan into it. Returns the exit code: 0, or 130 when stopped by
 * Ctrl-C (the files then hold the state of the last sample event and the
 * final step).
 */
export async function runTrain(options: TrainOptions, context: CliContext): Promise<number> {
  const out = options.out ?? defaultRunFolder(context.now());
  prepareRunFolder('--out', out);
  const paths = {
    config: join(out, 'config.json'),
    metrics: join(out, 'metrics.jsonl'),
    generator: join(out, 'generator.sgan'),
  };

  const gan = await context.loadGan();
  const dataset = await loadDataset(gan, options);
  const config: TrainConfig = { ...gan.defaultTrainConfig, ...options.config };
  const backend = await gan.createBackend({
    build: options.build,
    threads: options.threads,
    onWarning: (message) => context.stderr.write(`simdgan: warning: ${message}\n`),
  });
  let trainer: InstanceType<GanApi['Trainer']> | undefined;
  let progress: Progress | undefined;
  let removeInterrupt = () => {};
  try {
    trainer = new gan.Trainer(backend, dataset, config);
    const { images, labels, ...shape } = dataset;
    const data = {
      source: options.data === 'mnist' ? 'mnist' : resolve(options.data),
      labels: options.labels === undefined ? null : resolve(options.labels),
      ...shape,
      labelled: labels !== undefined,
    };
    const record = {
      ...config, data, build: options.build, backend: backend.name,
      threads: backend.threadCount,
    };
    writeFileAtomic(paths.config, `${JSON.stringify(record, null, 2)}\n`);

    let lastSample: string | undefined;
    const current = trainer;
    const shown = (progress = createProgress(context.stdout, config.steps));
    current.on('step', (event) => {
      appendLine(paths.metrics, metricsLine(event));
      shown.step(event);
    });
    current.on('samples', (event) => {
      const samplePath = join(out, 'samples', sampleFileName(event.step));
      writeFileAtomic(samplePath, encodePng(gan.imageGrid(event.images, event.shape)));
      writeFileAtomic(paths.generator, current.saveGenerator());
      lastSample = samplePath;
    });

    let stopped = false;
    removeInterrupt = context.onInterrupt(() => {
      stopped = true;
      current.stop();
    });
    await current.run();
    writeFileAtomic(paths.generator, current.saveGenerator());
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
    removeInterrupt();
    progress?.close();
    trainer?.dispose();
    backend.dispose();
  }
}
