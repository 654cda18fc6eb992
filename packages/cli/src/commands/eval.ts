import type { Backend, ImageDataset, MetricsKind } from '@simdgan/gan';

import type { CliContext, GanApi } from '../context.js';
import { CliError } from '../errors.js';
import { readInput } from '../files.js';
import {
  BUILDS, MAX_SEED, parseChoice, parsePath, parseThreads, parseWholeNumber, type BuildName,
} from '../options.js';
import { writeEvalReport, type EvalReport } from './eval-report.js';

/** The data kinds that have metrics (gan's METRICS_KINDS). */
export const EVAL_KINDS = ['ring', 'grid', 'mnist', 'stacked-mnist'] as const;

/** Most samples one evaluation draws: 100,000 Stacked MNIST images take 940 MB. */
export const MAX_EVAL_COUNT = 100_000;

/** The flags of `simdgan eval` as commander hands them over: strings. */
export interface RawEvalOptions {
  generator?: string;
  real?: string;
  data?: string;
  count?: string;
  seed?: string;
  build?: string;
  threads?: string;
}

/** The checked flags of `simdgan eval`: a generator file or real data. */
export interface EvalOptions {
  generator?: string;
  /** Real data to measure, as the reference a generator is compared with. */
  real?: MetricsKind;
  /** Which metrics; default: from the generator's output shape. */
  data?: MetricsKind;
  /** Samples; default: the kind's protocol (gan's METRICS_SAMPLE_COUNTS). */
  count?: number;
  seed: number;
  build: BuildName;
  threads?: number;
}

/**
 * Checks the flags of `simdgan eval`, throwing a CliError ('BAD_OPTION')
 * that names the first bad flag: exactly one of --generator and --real.
 */
export function parseEvalOptions(raw: RawEvalOptions): EvalOptions {
  if ((raw.generator === undefined) === (raw.real === undefined)) {
    throw new CliError('BAD_OPTION',
      raw.generator === undefined
        ? `give --generator <file> or --real ${EVAL_KINDS.join('|')}`
        : '--real: measures real data, so it is not used with --generator');
  }
  const real = raw.real === undefined ? undefined : parseChoice('--real', raw.real, EVAL_KINDS);
  if (real !== undefined && raw.data !== undefined) {
    throw new CliError('BAD_OPTION', '--data: not used with --real, which names the data');
  }
  if (real === 'mnist' && raw.count !== undefined) {
    throw new CliError('BAD_OPTION',
      '--count: --real mnist always measures the 2,000 held-out digits');
  }
  return {
    generator: raw.generator === undefined ? undefined : parsePath('--generator', raw.generator),
    real,
    data: raw.data === undefined ? undefined : parseChoice('--data', raw.data, EVAL_KINDS),
    count: raw.count === undefined
      ? undefined
      : parseWholeNumber('--count', raw.count, 2, MAX_EVAL_COUNT),
    seed: parseWholeNumber('--seed', raw.seed ?? '0', 0, MAX_SEED),
    build: parseChoice('--build', raw.build ?? 'auto', BUILDS),
    threads: parseThreads(raw.threads),
  };
}

/** Each kind's sample shape `[height, width, channels]`. */
const KIND_SHAPES: Record<MetricsKind, string> = {
  ring: '1x1x2', grid: '1x1x2', mnist: '28x28x1', 'stacked-mnist': '28x28x3',
};

/** The kind a generator's output shape implies, checked against --data. */
function kindOf(shape: readonly number[], data: MetricsKind | undefined, source: string) {
  const made = shape.join('x');
  if (data !== undefined) {
    if (KIND_SHAPES[data] !== made) {
      throw new CliError('DATA_MISMATCH',
        `--data ${data}: needs samples of ${KIND_SHAPES[data]}, but ${source} makes ${made}`);
    }
    return data;
  }
  if (made === '1x1x2') {
    throw new CliError('BAD_OPTION',
      `${source} makes 2-D points: say which mixture with --data ring or --data grid`);
  }
  const kind = EVAL_KINDS.find((k) => KIND_SHAPES[k] === made);
  if (kind === undefined) {
    throw new CliError('DATA_MISMATCH',
      `${source} makes ${made} samples; metrics exist for ring and grid (1x1x2), ` +
      'mnist (28x28x1) and stacked-mnist (28x28x3)');
  }
  return kind;
}

/** Samples of a data set, as evaluateSamples takes them. */
function samplesOf(data: ImageDataset) {
  return { images: data.images, shape: [data.count, data.height, data.width, data.channels] };
}

/**
 * Measures real data as a generator would be measured: the mixtures'
 * points, or digits the classifier never saw. For mnist the coverage and
 * inception score are those of the 2,000 held-out digits, and the Frechet
 * distance is that of the 8,000 training digits to them (the held-out
 * digits are the reference, so their own distance would be 0).
 */
async function measureReal(gan: GanApi, backend: Backend, kind: MetricsKind, count: number,
  seed: number): Promise<Record<string, number>> {
  if (kind === 'ring') return gan.evaluateSamples(kind, samplesOf(gan.ringMixture(count, seed)));
  if (kind === 'grid') return gan.evaluateSamples(kind, samplesOf(gan.gridMixture(count, seed)));
  const mnist = await gan.loadMnist();
  const { train, heldOut } = gan.splitMnistForClassifier(mnist);
  const reference = await gan.createMetricsReference(backend, kind, mnist);
  try {
    if (kind === 'stacked-mnist') {
      return gan.evaluateSamples(kind, samplesOf(gan.stackedMnist(heldOut, count, seed)),
        reference);
    }
    const metrics = gan.evaluateSamples(kind, samplesOf(heldOut), reference);
    const trainDigits = gan.evaluateSamples(kind, samplesOf(train), reference);
    return { ...metrics, frechetDistance: trainDigits.frechetDistance };
  } finally {
    reference.dispose();
  }
}

/** Draws the samples of a generator file and measures them. */
async function measureGenerator(gan: GanApi, backend: Backend, options: EvalOptions,
  bytes: Uint8Array, source: string): Promise<EvalReport> {
  const generator = gan.loadGenerator(backend, bytes, source);
  try {
    const kind = kindOf(generator.outputShape, options.data, source);
    const count = options.count ?? gan.METRICS_SAMPLE_COUNTS[kind];
    const samples = generator.sample(count, options.seed);
    const reference = await gan.createMetricsReference(backend, kind);
    try {
      const metrics = gan.evaluateSamples(kind, samples, reference);
      return { source, data: kind, count, seed: options.seed, metrics };
    } finally {
      reference.dispose();
    }
  } finally {
    generator.dispose();
  }
}

/**
 * Runs `simdgan eval`: draws samples from a generator file (or takes real
 * data with --real) and prints the metrics of its kind of data: a table on a
 * terminal, one JSON line when piped. Returns the exit code.
 */
export async function runEval(options: EvalOptions, context: CliContext): Promise<number> {
  const { generator, real, seed } = options;
  const bytes = generator === undefined ? undefined : readInput('--generator', generator);
  const gan = await context.loadGan();
  const backend = await gan.createBackend({
    build: options.build,
    threads: options.threads,
    onWarning: (message) => context.stderr.write(`simdgan: warning: ${message}\n`),
  });
  try {
    let report: EvalReport;
    if (real !== undefined) {
      const count = real === 'mnist' ? 2000 : options.count ?? gan.METRICS_SAMPLE_COUNTS[real];
      const metrics = await measureReal(gan, backend, real, count, seed);
      report = { source: `real ${real}`, data: real, count, seed, metrics };
    } else {
      report = await measureGenerator(gan, backend, options, bytes!, generator!);
    }
    writeEvalReport(context.stdout, report);
  } finally {
    backend.dispose();
  }
  return 0;
}
